/**
 * npm run analyze -- [--json] FILE...   (or --tree: the flowchart)
 * The same core as the app, in Node, over files on disk (any supported format, .gz, .zip and .xlsx too): ingest →
 * dashboard aggregates → the diagnosis walk. Prints the per-trunk table and each trunk's verdict
 * with its evidence, or (--json) one JSON document (see README "CLI").
 * Exit codes: 0 ok, 1 an input could not be read (message on stderr naming the file), 2 usage.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openFileBlob } from './file-blob';
import type { Onset, Ratio, TimeWindow, TrunkStats } from '../core/analysis/dashboard-types';
import { emptyFailover, FAILOVER_WINDOW_MS, type FailoverCounts, type TrunkFailover } from '../core/analysis/failover';
import { wallTime } from '../core/diagnosis/context';
import { ticketText } from '../core/diagnosis/ticket';
import { LEAVES, treeText } from '../core/diagnosis/tree';
import { DIAGNOSIS_TOP_N } from '../core/diagnosis/evidence';
import type { Finding, TrunkDiagnosis } from '../core/diagnosis/types';
import type { FileIngestResult } from '../core/ingest/ingest-file';
import { formatCount } from '../core/model/format-count';
import { REPEATED_HOUR_MS, repeatedHourNote } from '../core/analysis/clock-fold';
import { formatPercent } from '../core/model/format-percent';
import type { IngestInput } from '../core/ingest/ingest-files';
import { archiveInputs, entryName } from '../core/ingest/archive-inputs';
import type { PiecePool } from '../core/ingest/pieces/piece-types';
import { fingerprintBlob, sameContent, sameFingerprint, type FileFingerprint } from '../core/read/file-fingerprint';
import { CdrSession } from '../core/session/cdr-session';
import { clipText, escapeControls, jsonForTerminal } from './terminal-text';
import { createThreadPool } from './thread-pool';

/** Widest trunk column in the readable table; longer names end in "…" (the JSON keeps them whole). */
export const TRUNK_COLUMN_MAX = 40;
/** Longest trunk name in a section heading of the readable output. */
const TRUNK_HEADING_MAX = 120;

export const JSON_SCHEMA_VERSION = 1;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `usage: npm run analyze -- [--json] FILE...
  Reads CDR exports (VICIdial, Asterisk, FreePBX, FreeSWITCH, Kamailio, generic CSV; .gz, .zip, .xlsx too)
  and prints, per trunk, the 503/603 verdict with its evidence.
  --json   one JSON document on stdout (documented in README.md, "CLI")
  --tree   print the flowchart the verdicts come from, and exit
exit codes: 0 ok, 1 an input could not be read, 2 usage`;

export interface JsonFinding extends Omit<Finding, 'window' | 'explains'> {
  title: string;
  window: { from: string; to: string } | null;
}

export interface JsonTrunk {
  name: string;
  attempts: number;
  answered: number;
  asr: Ratio;
  /** ITU-T E.411 network effectiveness ratio (src/core/analysis/call-measures.ts). */
  ner: Ratio;
  /** RFC 6076 session establishment effectiveness ratio: d = attempts − final 3xx. */
  seer: Ratio;
  rate503: Ratio;
  rate603: Ratio;
  /** Calls that came in from this trunk: in no rate or verdict. */
  inbound: number;
  /** False when these calls cannot show a 603 (dispositions, plain Q.850 causes): rate603 means "n/a". */
  shows603: boolean;
  codes: Record<string, number>;
  verdict: TrunkDiagnosis['verdict'];
  confidence: TrunkDiagnosis['confidence'];
  title: string;
  fix: string;
  evidence: JsonFinding | null;
  findings: JsonFinding[];
  /** What to tell the carrier, numbers and sample calls filled in; null when it is not the carrier's. */
  ticket: string | null;
  /** Of the trunk's rejections, how many the same number retried on another trunk within 10 s, and how those ended. */
  failover: FailoverCounts;
  /** The trunk table's "since": its earliest onset, as the page's table shows it (span-onsets.ts); null: none. */
  since: { kind: Onset['kind']; at: string; before: Ratio; after: Ratio } | null;
}

export interface JsonReport {
  schema: number;
  inputs: Array<{
    file: string;
    format: string | null;
    formatLabel: string | null;
    rows: { read: number; used: number; skipped: number; skippedBy: Array<{ reason: string; count: number; firstLines: number[] }> };
    /** Calls by direction (outbound + unknown are the attempts analyzed) and auth challenges. */
    traffic: FileIngestResult['traffic'];
    /** Quotes that never closed: each was closed at its line end, so the rows after it were read. */
    unclosedQuotes: FileIngestResult['unclosedQuotes'];
    /** Lines over 1 MB (binary data, an endless field): cut, not read as rows. */
    overlongLines: number;
    /** What the file lacks that another file (or another export of it) would add, as the page's file card says it; null: nothing. */
    hint: string | null;
    /** Hours the file shows twice (the clock went back): `secondPassCalls` started in the second, counted an hour after the first; `note` as the file card says it. */
    repeatedHours: Array<{ from: string; to: string; secondPassCalls: number; note: string }>;
    capabilities: FileIngestResult['capabilities'];
    /** An Excel workbook: the sheet read (its name, controls escaped) and how many other sheets were not; null for any other file. */
    sheet: { name: string; otherSheets: number } | null;
    error: string | null;
  }>;
  /** Files given with the same bytes as an earlier one (the same path twice, or a copy): not read again, so no call counts twice. */
  sameAs: Array<{ file: string; sameAs: string }>;
  span: { from: string; to: string } | null;
  calls: number;
  trunks: JsonTrunk[];
}

export interface MainOptions {
  /** Where big files are parsed in pieces (worker threads when run from the shell); one pass without. */
  pool?: PiecePool;
}

export async function main(argv: readonly string[], io: Io, options: MainOptions = {}): Promise<number> {
  let json = false;
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--tree') {
      io.out(`${treeText()}\n`);
      return 0;
    }
    else if (a === '-h' || a === '--help') {
      io.out(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`analyze: unknown option ${escapeControls(a)}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const inputs: IngestInput[] = [];
  let failed = false;
  for (const file of files) {
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a regular file');
      inputs.push({ name: basename(file), blob: await openFileBlob(file) });
    } catch (e) {
      io.err(`analyze: cannot read ${escapeControls(file)}: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
      failed = true;
    }
  }
  if (failed) return 1;
  let distinct: DistinctInputs;
  try {
    distinct = await distinctInputs(inputs, files);
  } catch (e) {
    io.err(`analyze: ${escapeControls(files.join(', '))}: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  return report(await openArchives(distinct), json, io, options);
}

/**
 * Each ZIP archive given is read as the files in it (archive-inputs.ts, as the page does), each
 * named by the archive's path and its own: "exports/cdr.zip › 2024-05/Master.csv".
 */
async function openArchives({ inputs, paths, sameAs }: DistinctInputs): Promise<DistinctInputs> {
  const opened: DistinctInputs = { inputs: [], paths: [], sameAs };
  for (const [k, input] of inputs.entries()) {
    const path = paths[k]!;
    const entries = await archiveInputs(input);
    for (const entry of entries ?? [input]) {
      opened.inputs.push(entry);
      opened.paths.push(entry.zipEntry ? entryName(path, entry.zipEntry.path) : path);
    }
  }
  return opened;
}

/** The inputs whose bytes differ, with their paths; each later file of the same bytes named beside the first. */
interface DistinctInputs {
  inputs: IngestInput[];
  paths: string[];
  sameAs: Array<{ file: string; sameAs: string }>;
}

/**
 * A file given twice (the same path, or a copy under another name) is read once, as the page does:
 * without call ids its calls would otherwise count twice. Sizes and edges rule most pairs out; only
 * files equal in both are compared whole.
 */
async function distinctInputs(inputs: readonly IngestInput[], paths: readonly string[]): Promise<DistinctInputs> {
  const kept: Array<{ input: IngestInput; path: string; fingerprint: FileFingerprint }> = [];
  const sameAs: DistinctInputs['sameAs'] = [];
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k]!;
    const path = paths[k]!;
    const fingerprint = await fingerprintBlob(input.blob);
    let first: string | null = null;
    for (const f of kept) {
      if (sameFingerprint(f.fingerprint, fingerprint) && (await sameContent(f.input.blob, input.blob))) {
        first = f.path;
        break;
      }
    }
    if (first !== null) sameAs.push({ file: path, sameAs: first });
    else kept.push({ input, path, fingerprint });
  }
  return { inputs: kept.map((f) => f.input), paths: kept.map((f) => f.path), sameAs };
}

async function report({ inputs, paths: files, sameAs }: DistinctInputs, json: boolean, io: Io, options: MainOptions): Promise<number> {
  let failed = false;
  try {
    const session = new CdrSession();
    const summary = await session.read(inputs, { pool: options.pool });
    summary.files.forEach((f, k) => {
      if (f.error || !f.format) {
        io.err(`analyze: ${escapeControls(files[k] ?? f.fileName)}: ${escapeControls(f.error ?? 'not a CDR format Trunk Triage knows')}\n`);
        failed = true;
      }
    });
    // The whole file's trunk table and failover, and every trunk's diagnosis.
    const data = summary.calls > 0 ? session.query({ window: null, trunks: [], bucketMs: null, topN: DIAGNOSIS_TOP_N }) : null;
    const trunks = data ? session.diagnose(null) : [];
    // The span is the attempts' (the calls every rate counts): a file of inbound calls only has none, not 1970.
    const span = data && data.span.toMs > data.span.fromMs ? data.span : null;
    const result = toJson(summary.files, files, sameAs, span, summary.calls, trunks, data?.trunks ?? [], data?.failover ?? [], data?.onsets ?? []);
    if (json) io.out(`${jsonForTerminal(JSON.stringify(result, null, 2))}\n`);
    else io.out(readable(result));
  } catch (e) {
    // Whatever a file does to the reader, the person gets one line naming the files, not a stack trace.
    io.err(`analyze: ${escapeControls(files.join(', '))}: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

const windowText = (w: TimeWindow | null) => (w ? { from: wallTime(w.fromMs), to: wallTime(w.toMs) } : null);

function findingJson(f: Finding): JsonFinding {
  const { window, explains, ...rest } = f;
  void explains;
  return { ...rest, title: LEAVES[f.leaf].title, window: windowText(window) };
}

function toJson(
  files: readonly FileIngestResult[],
  paths: readonly string[],
  sameAs: DistinctInputs['sameAs'],
  span: TimeWindow | null,
  calls: number,
  trunks: readonly TrunkDiagnosis[],
  stats: readonly TrunkStats[],
  failovers: readonly TrunkFailover[],
  onsets: readonly Onset[],
): JsonReport {
  return {
    schema: JSON_SCHEMA_VERSION,
    inputs: files.map((f, k) => ({
      file: paths[k] ?? f.fileName,
      format: f.format?.id ?? null,
      formatLabel: f.format?.label ?? null,
      rows: {
        read: f.rows.read,
        used: f.rows.used,
        skipped: f.rows.skipped,
        skippedBy: f.skipped.map((g) => ({ reason: g.reason, count: g.count, firstLines: g.firstLines.slice() })),
      },
      traffic: { ...f.traffic },
      unclosedQuotes: { count: f.unclosedQuotes.count, firstLines: f.unclosedQuotes.firstLines.slice() },
      overlongLines: f.overlongLines,
      hint: f.companionHint,
      repeatedHours: f.repeatedHours.map((h) => ({ from: wallTime(h.fromMs), to: wallTime(h.fromMs + REPEATED_HOUR_MS), secondPassCalls: h.secondPassCalls, note: repeatedHourNote(h) })),
      capabilities: f.capabilities,
      sheet: f.sheet && { name: f.sheet.name, otherSheets: f.sheet.otherSheets },
      error: f.error,
    })),
    sameAs: sameAs.map((d) => ({ ...d })),
    span: windowText(span),
    calls,
    trunks: trunks.map((t) => {
      const s = stats.find((x) => x.trunk === t.trunk);
      return {
        name: t.trunk,
        attempts: t.attempts,
        answered: s?.answered ?? 0,
        asr: s ? { n: s.asr.n, d: s.asr.d } : { n: 0, d: t.attempts },
        ner: s ? { n: s.ner.n, d: s.ner.d } : { n: 0, d: t.attempts },
        seer: s ? { n: s.seer.n, d: s.seer.d } : { n: 0, d: t.attempts },
        rate503: t.rate503,
        rate603: t.rate603,
        inbound: s?.inbound ?? 0,
        shows603: t.knows603,
        codes: t.codes,
        verdict: t.verdict,
        confidence: t.confidence,
        title: t.title,
        fix: t.fix,
        evidence: t.evidence ? findingJson(t.evidence) : null,
        findings: t.findings.map(findingJson),
        ticket: ticketText(t),
        failover: failoverOf(failovers, t.trunk),
        since: sinceOf(onsets, t.trunk),
      };
    }),
  };
}

/** The trunk's earliest onset (`onsets` are earliest first). */
function sinceOf(onsets: readonly Onset[], trunk: string): JsonTrunk['since'] {
  const o = onsets.find((x) => x.trunk === trunk);
  return o ? { kind: o.kind, at: wallTime(o.atMs), before: { ...o.before }, after: { ...o.after } } : null;
}

function failoverOf(failovers: readonly TrunkFailover[], trunk: string): FailoverCounts {
  const f = failovers.find((x) => x.trunk === trunk);
  return f ? { retriedElsewhere: f.retriedElsewhere, answered: f.answered, rejectedAgain: f.rejectedAgain, other: f.other } : emptyFailover();
}

/** A rate as the trunk table and the sentences above it write it ("86 %", "7.4 %", "0.32 %"; "—" over no attempts). */
const pctText = (r: Ratio) => formatPercent(r.n, r.d);

/**
 * A finding's number as the sentence above it writes it: counts grouped ("720/1,440"), a CPS value
 * (limitCps, kneeCps, peakCps …) as it is, like the knee in the sentence; --json keeps them all plain.
 */
function valueText(key: string, v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (v !== null && typeof v === 'object' && 'n' in v && 'd' in v) {
    const r = v as Ratio;
    return `${formatCount(r.n)}/${formatCount(r.d)} (${pctText(r)})`;
  }
  if (typeof v === 'number' && Number.isInteger(v) && !/cps/i.test(key)) return formatCount(v);
  return String(v);
}

function findingText(f: JsonFinding, indent: string): string[] {
  const lines = [`${indent}${f.summary}`];
  const numbers = Object.entries(f.numbers).map(([k, v]) => `${k}=${valueText(k, v)}`);
  if (numbers.length) lines.push(`${indent}numbers: ${numbers.join('; ')}`);
  if (f.window) lines.push(`${indent}window: ${f.window.from} → ${f.window.to}`);
  if (f.candidates?.length) lines.push(`${indent}consistent with: ${f.candidates.join(', ')}`);
  for (const m of f.missing ?? []) lines.push(`${indent}missing: ${m}`);
  for (const c of f.caveats ?? []) lines.push(`${indent}caveat: ${c}`);
  if (f.samples.length) {
    lines.push(`${indent}sample calls (time as in the file, destination, caller ID, code):`);
    for (const s of f.samples) lines.push(`${indent}  ${s.time}  ${s.destination || '-'}  ${s.callerId || '-'}  ${s.code}${s.callId ? `  ${s.callId}` : ''}`);
  }
  return lines;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The report for a person at a terminal: every line has its control characters escaped (file text
 * cannot drive the terminal), trunk names are clipped to a column (a long name cannot blow up every row).
 */
export function readable(r: JsonReport): string {
  const lines: string[] = [];
  for (const i of r.inputs) {
    lines.push(`${i.file}: ${i.formatLabel ?? 'not recognized'} — rows read ${formatCount(i.rows.read)}, used ${formatCount(i.rows.used)}, skipped ${formatCount(i.rows.skipped)}${i.error ? ` — ${i.error}` : ''}`);
    if (i.sheet) lines.push(`  Excel workbook: sheet "${i.sheet.name}" read${i.sheet.otherSheets > 0 ? `, ${formatCount(i.sheet.otherSheets)} other sheet${i.sheet.otherSheets === 1 ? '' : 's'} not read` : ''}`);
    for (const g of i.rows.skippedBy) lines.push(`  skipped ${formatCount(g.count)}: ${g.reason} (first line${g.firstLines.length === 1 ? '' : 's'} ${g.firstLines.join(', ')})`);
    const q = i.unclosedQuotes;
    if (q.count > 0) {
      lines.push(`  ${formatCount(q.count)} quote${q.count === 1 ? '' : 's'} never closed, each closed at its line end (line${q.firstLines.length === 1 ? '' : 's'} ${q.firstLines.join(', ')}): the rows after it were read`);
    }
    if (i.overlongLines > 0) {
      lines.push(`  ${formatCount(i.overlongLines)} line${i.overlongLines === 1 ? '' : 's'} over 1 MB cut, not read as rows: the file may contain binary data`);
    }
    if (i.hint) lines.push(`  note: ${i.hint}`);
    for (const h of i.repeatedHours) lines.push(`  note: ${h.note}`);
    const t = i.traffic;
    if (i.format) {
      lines.push(
        `  calls: ${formatCount(t.outbound)} outbound, ${formatCount(t.inbound)} inbound, ${formatCount(t.internal)} internal, ${formatCount(t.unknownDirection)} unknown direction` +
          (t.authChallenges > 0 ? `; ${formatCount(t.authChallenges)} auth challenges, ${formatCount(t.answeredAfterChallenge)} answered on the retry` : ''),
      );
    }
  }
  for (const d of r.sameAs) {
    lines.push(d.file === d.sameAs ? `${d.file}: given twice, read once` : `${d.file}: the same content as ${d.sameAs}, not read again (its calls count once)`);
  }
  if (r.span) lines.push(`${formatCount(r.calls)} calls, ${r.span.from} → ${r.span.to} (time as in the file)`);
  else if (r.calls > 0) lines.push(`${formatCount(r.calls)} calls, none of them an outbound attempt: no rate to count`);
  lines.push('');
  const cell = (name: string) => clipText(escapeControls(name), TRUNK_COLUMN_MAX);
  const w = r.trunks.reduce((max, t) => Math.max(max, cell(t.name).length), 5);
  // Calls that cannot show a 603 show 0 %: print "n/a" rather than a reassuring zero.
  lines.push(`${pad('trunk', w)}  ${pad('attempts', 8, true)}  ${pad('ASR', 7, true)}  ${pad('503', 7, true)}  ${pad('603', 7, true)}  verdict`);
  for (const t of r.trunks) {
    lines.push(
      `${pad(cell(t.name), w)}  ${pad(formatCount(t.attempts), 8, true)}  ${pad(pctText(t.asr), 7, true)}  ${pad(pctText(t.rate503), 7, true)}  ${pad(t.shows603 ? pctText(t.rate603) : 'n/a', 7, true)}  ${t.verdict} (${t.confidence})`,
    );
  }
  for (const t of r.trunks) {
    lines.push('', `== ${clipText(escapeControls(t.name), TRUNK_HEADING_MAX)}: ${t.verdict} (${t.confidence}) — ${t.title}`);
    if (t.inbound > 0) lines.push(`   inbound: ${formatCount(t.inbound)} calls came in from this trunk (counted apart, in no rate or verdict)`);
    if (t.since) lines.push(`   since: ${t.since.kind} from ${t.since.at}; before=${valueText('before', t.since.before)}; after=${valueText('after', t.since.after)}`);
    if (t.evidence) lines.push(...findingText(t.evidence, '   '));
    if (t.verdict !== 'healthy') lines.push(`   fix: ${t.fix}`);
    const f = t.failover;
    if (f.retriedElsewhere > 0) lines.push(`   failover: ${formatCount(f.retriedElsewhere)} rejection${f.retriedElsewhere === 1 ? '' : 's'} retried on another trunk within ${FAILOVER_WINDOW_MS / 1000} s: ${formatCount(f.answered)} answered, ${formatCount(f.rejectedAgain)} rejected again, ${formatCount(f.other)} other`);
    const ticket = t.ticket?.split('\n')[0];
    if (ticket) lines.push(`   tell the carrier: ${ticket.replace(/^Trunk [^:]*: /, '')}`);
    for (const f of t.findings) lines.push(`   also: [${f.leaf}] ${f.title} (${f.confidence})`, ...findingText(f, '     ').slice(0, 2));
  }
  return `${lines.map(escapeControls).join('\n')}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const pool = createThreadPool();
  main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { pool })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        // No stack trace for any input: what failed, on which files.
        const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
        process.stderr.write(`analyze: ${escapeControls(names.join(', '))}: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
        process.exitCode = 1;
      },
    )
    .finally(() => void pool.close());
}
