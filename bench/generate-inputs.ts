/**
 * Writes the benchmark inputs into bench-results/inputs/ with the repo's generator, streamed to
 * disk (a 1 GB day never sits in memory), and gzips with node:zlib streaming. A file is reused when
 * the manifest says it was written with the same seed, scale and generator sources and its size
 * still matches. Standalone: `tsx bench/generate-inputs.ts [--quick]`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { ingestFiles } from '../src/core/ingest/ingest-files';
import { SAMPLE_DAY } from '../src/core/scenario/scenario';
import { FULL_INPUTS, QUICK_INPUTS, type InputSpec, type PreparedInput } from './inputs';
import { scaleFor, writeScenarioFile, writerFor } from './lib/scenario-files';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
export const INPUTS_DIR = path.join(RESULTS_DIR, 'inputs');
const MANIFEST = path.join(INPUTS_DIR, 'manifest.json');
/** The real exports (read-only, beside the project: see the README's tests section). */
const SAMPLES_DIR = path.join(ROOT, '..', 'shared', 'samples');
const SCENARIO_DIR = path.join(ROOT, 'src', 'core', 'scenario');

interface ManifestEntry {
  seed: number;
  scale: number;
  generator: string;
  bytes: number;
  textBytes: number;
  calls: number;
  rows?: number;
}
interface Manifest {
  files: Record<string, ManifestEntry>;
  /** Target calls → scale, per generator hash (finding a scale costs a simulated day). */
  scales: Record<string, number>;
}

/** Hash of the generator's sources: a changed generator means new files. */
function generatorHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) hash.update(entry.name).update(readFileSync(p));
    }
  };
  walk(SCENARIO_DIR);
  return hash.digest('hex').slice(0, 16);
}

function readManifest(): Manifest {
  try {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Partial<Manifest>;
    return { files: m.files ?? {}, scales: m.scales ?? {} };
  } catch {
    return { files: {}, scales: {} };
  }
}

function fileNameFor(spec: InputSpec): string {
  const plain = writerFor(spec.format).fileName;
  return spec.gzip ? `${plain}.gz` : plain;
}

/** Directory shared by a plain file and its gzipped copy. */
function dirFor(spec: InputSpec): string {
  return path.join(INPUTS_DIR, `${spec.format}-${spec.targetCalls}`);
}

function fresh(manifest: Manifest, rel: string, want: Pick<ManifestEntry, 'seed' | 'scale' | 'generator'>): ManifestEntry | null {
  const m = manifest.files[rel];
  const abs = path.join(INPUTS_DIR, rel);
  if (!m || !existsSync(abs)) return null;
  if (m.seed !== want.seed || m.scale !== want.scale || m.generator !== want.generator) return null;
  return statSync(abs).size === m.bytes ? m : null;
}

export async function ensureInputs(specs: readonly InputSpec[], log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<PreparedInput[]> {
  mkdirSync(INPUTS_DIR, { recursive: true });
  const manifest = readManifest();
  const generator = generatorHash();
  const save = () => writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const prepared: PreparedInput[] = [];

  for (const spec of specs) {
    if (spec.realSample !== undefined) {
      const real = await ensureRealInput(spec, spec.realSample, manifest, log);
      if (real) prepared.push(real);
      save();
      continue;
    }
    const seed = SAMPLE_DAY.seed;
    const scaleKey = `${generator}:${spec.targetCalls}`;
    const scale = (manifest.scales[scaleKey] ??= scaleFor(spec.targetCalls));
    const want = { seed, scale, generator };
    const dir = dirFor(spec);
    mkdirSync(dir, { recursive: true });
    const plainName = fileNameFor({ ...spec, gzip: false });
    const plainRel = path.relative(INPUTS_DIR, path.join(dir, plainName));

    let plain = fresh(manifest, plainRel, want);
    if (!plain) {
      const started = performance.now();
      log(`generating ${plainRel} (scale ${scale}) …`);
      const { bytes, calls } = writeScenarioFile(path.join(dir, plainName), spec.format, scale);
      plain = { ...want, bytes, textBytes: bytes, calls };
      manifest.files[plainRel] = plain;
      save();
      log(`  ${calls} calls, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    if (!spec.gzip) {
      prepared.push({ spec, path: path.join(INPUTS_DIR, plainRel), fileName: plainName, bytes: plain.bytes, textBytes: plain.textBytes, calls: plain.calls, rows: plain.calls, seed, scale });
      continue;
    }
    const gzName = fileNameFor(spec);
    const gzRel = path.relative(INPUTS_DIR, path.join(dir, gzName));
    let gz = fresh(manifest, gzRel, want);
    if (!gz || gz.textBytes !== plain.bytes) {
      const started = performance.now();
      log(`gzipping ${gzRel} …`);
      const tmp = path.join(dir, `.${gzName}.tmp`);
      await pipeline(createReadStream(path.join(INPUTS_DIR, plainRel)), createGzip({ level: 6 }), createWriteStream(tmp));
      renameSync(tmp, path.join(dir, gzName));
      gz = { ...want, bytes: statSync(path.join(dir, gzName)).size, textBytes: plain.bytes, calls: plain.calls };
      manifest.files[gzRel] = gz;
      save();
      log(`  ${(gz.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    prepared.push({ spec, path: path.join(INPUTS_DIR, gzRel), fileName: gzName, bytes: gz.bytes, textBytes: gz.textBytes, calls: gz.calls, rows: gz.calls, seed, scale });
  }
  return prepared;
}

/** How a real input is made from its sample (a new way gives new files). */
const REAL_INPUT_WAY = 'repeat-v1';
/** Digits appended to each call id (the copy's number, zero-padded): ids stay distinct across copies. */
const COPY_DIGITS = 5;

/**
 * spec's input made from the real export `sample`: its rows repeated until spec.targetCalls rows,
 * the call ids of copy k (`1473179935.12`: every such field, uniqueid and linkedid) ending in k,
 * zero-padded, so no copy is a duplicate of another. Its calls are counted here by the core, in one
 * pass (what the app and the CLI must say). null where the sample is absent.
 */
async function ensureRealInput(spec: InputSpec, sample: string, manifest: Manifest, log: (s: string) => void): Promise<PreparedInput | null> {
  const source = path.join(SAMPLES_DIR, sample);
  if (!existsSync(source)) {
    log(`skipping ${spec.id}: ${path.relative(ROOT, source)} is absent`);
    return null;
  }
  const text = readFileSync(source, 'utf8');
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const copies = Math.ceil(spec.targetCalls / lines.length);
  if (copies >= 10 ** COPY_DIGITS) throw new Error(`${spec.id}: ${copies} copies need more than ${COPY_DIGITS} digits`);
  const generator = `real:${createHash('sha256').update(text).update(REAL_INPUT_WAY).digest('hex').slice(0, 16)}`;
  const want = { seed: 0, scale: copies, generator };
  const dir = path.join(INPUTS_DIR, spec.id);
  mkdirSync(dir, { recursive: true });
  const fileName = 'Master.csv';
  const rel = path.relative(INPUTS_DIR, path.join(dir, fileName));
  let entry = fresh(manifest, rel, want);
  if (!entry || entry.rows === undefined) {
    log(`writing ${rel}: ${lines.length} rows of ${sample} × ${copies} …`);
    const out: string[] = [];
    for (let k = 0; k < copies; k++) {
      const suffix = String(k).padStart(COPY_DIGITS, '0');
      for (const line of lines) out.push(`${line.replace(/"(\d{9,10}\.\d+)"/g, (_field, id: string) => `"${id}${suffix}"`)}\n`);
    }
    const body = out.join('');
    writeFileSync(path.join(dir, fileName), body);
    const { summary } = await ingestFiles([{ name: fileName, blob: new Blob([body]) }]);
    entry = { ...want, bytes: Buffer.byteLength(body), textBytes: Buffer.byteLength(body), calls: summary.calls, rows: out.length };
    manifest.files[rel] = entry;
    log(`  ${entry.rows} rows, ${entry.calls} calls, ${(entry.bytes / 1e6).toFixed(1)} MB`);
  }
  return { spec, path: path.join(dir, fileName), fileName, bytes: entry.bytes, textBytes: entry.textBytes, calls: entry.calls, rows: entry.rows ?? entry.calls, seed: 0, scale: copies };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const inputs = await ensureInputs(quick ? QUICK_INPUTS : FULL_INPUTS);
  for (const i of inputs) process.stdout.write(`${i.spec.id}\t${i.calls} calls\t${(i.bytes / 1e6).toFixed(1)} MB\t${path.relative(ROOT, i.path)}\n`);
}
