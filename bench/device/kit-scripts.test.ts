/**
 * The device kit is only ever run on a machine this repository's tests never see, with no
 * node_modules: its bundles are built and run here the same way, from a folder outside the repo,
 * small (3 pieces of 4 MiB), so a kit that cannot start there fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { PIECE_BYTES } from '../../src/core/ingest/pieces/read-in-pieces';
import { bundleKitScripts } from './kit-scripts';

interface ScalingJson {
  calls: number;
  bytes: number;
  scaling: { threads: number; runs: { calls: number }[] }[];
}

test('the kit runs outside the repo: every thread count reads every call written, on its threads, and the table says what 2 threads gain over 1', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'trunk-triage-kit-'));
  try {
    await bundleKitScripts(dir);
    const out = path.join(dir, 'out');
    const run = spawnSync(process.execPath, ['--expose-gc', path.join(dir, 'scaling.mjs'), '--calls', '40000', '--threads', '0,1,2', '--runs', '1', '--out', out], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(run.status, run.stderr).toBe(0);
    // A thread that failed to start leaves its pieces to the main thread, and the run says so.
    expect(run.stderr).not.toContain('warning');
    const json = JSON.parse(readFileSync(path.join(out, 'scaling.json'), 'utf8')) as ScalingJson;
    expect(json.bytes).toBeGreaterThan(2 * PIECE_BYTES);
    expect(json.scaling.map((s) => s.threads)).toEqual([0, 1, 2]);
    for (const count of json.scaling) expect(count.runs.map((r) => r.calls)).toEqual([json.calls]);
    expect(readFileSync(path.join(out, 'scaling.md'), 'utf8')).toMatch(/: 2 threads read it \d+\.\d\d× as fast as 1 \(median times/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
