import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import type { PieceJob } from '../core/ingest/pieces/piece-types';
import { PIECE_BYTES } from '../core/ingest/pieces/read-in-pieces';
import { SAMPLE_DAY } from '../core/scenario/scenario';
import { vicidialCarrierLogWriter } from '../core/scenario/writers/vicidial-carrier-log';
import { writeScenarioText } from '../core/scenario/writers/writer';
import { main } from './analyze';
import { cliThreadCount, createThreadPool, pieceThreadBundle } from './thread-pool';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = join(dir, 'AST_carrier_log_report.csv');
writeFileSync(file, writeScenarioText(SAMPLE_DAY, vicidialCarrierLogWriter));

/** A thread that loads, says so, and dies on the first piece it is given, the way `how` says, leaving its thread id in `diedIn`. */
function dyingThread(how: 'throws' | 'exits', diedIn: string): URL {
  const entry = join(dir, `dies-${how}.mjs`);
  const death = how === 'throws' ? "throw new Error('boom')" : 'process.exit(3)';
  writeFileSync(
    entry,
    `import { writeFileSync } from 'node:fs';\nimport { parentPort, threadId } from 'node:worker_threads';\nparentPort.on('message', () => { writeFileSync(${JSON.stringify(diedIn)} + '/' + threadId, ''); ${death}; });\nparentPort.postMessage({ ready: true });\n`,
  );
  return pathToFileURL(entry);
}

async function jsonWith(pool?: ReturnType<typeof createThreadPool>): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['--json', file], { out: (t) => (out += t), err: () => {} }, pool ? { pool } : {});
  return { code, out };
}

describe('the CLI thread pool when a thread dies', () => {
  it('is cut into several pieces (else nothing here reaches a thread)', () => {
    expect(statSync(file).size).toBeGreaterThan(2 * PIECE_BYTES);
  });

  for (const how of ['throws', 'exits'] as const) {
    it(`a thread that ${how} on its first piece: its pieces are parsed on the main thread, the answer is one pass's`, async () => {
      const onePass = await jsonWith();
      const diedIn = mkdtempSync(join(dir, `died-${how}-`));
      const pool = createThreadPool(2, dyingThread(how, diedIn));
      try {
        await pool.ready();
        const viaDeadThreads = await jsonWith(pool);
        expect(viaDeadThreads.code).toBe(0);
        expect(viaDeadThreads.out).toBe(onePass.out);
        expect(readdirSync(diedIn)).toHaveLength(2); // each thread was given a piece and died of it
        expect(pool.piecesOnThreads).toBe(0);
        expect(pool.piecesHere).toBeGreaterThanOrEqual(3);
      } finally {
        await pool.close();
      }
    }, 30_000);
  }
});

describe('the CLI thread pool when it is closed', () => {
  it('rejects a piece waiting on a thread and any piece asked for later: none waits for ever', async () => {
    // A thread that loads and never answers, but leaves a mark when it is given a piece.
    const given = join(dir, 'silent-was-given-a-piece');
    const entry = join(dir, 'silent.mjs');
    writeFileSync(entry, `import { writeFileSync } from 'node:fs';\nimport { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => writeFileSync(${JSON.stringify(given)}, ''));\nparentPort.postMessage({ ready: true });\n`);
    const jobs: PieceJob[] = [];
    const here = inProcessPool();
    await main(['--json', file], { out: () => {}, err: () => {} }, { pool: { size: 2, parse: (job) => (jobs.push(job), here.parse(job)) } });
    expect(jobs.length).toBeGreaterThan(1);
    const pool = createThreadPool(1, pathToFileURL(entry));
    await pool.ready();
    const settled = pool.parse(jobs[1]!).then(
      () => 'answered',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    while (!existsSync(given)) await new Promise((resolve) => setTimeout(resolve, 10));
    await pool.close();
    expect(await settled).toBe('the piece pool was closed');
    await expect(pool.parse(jobs[1]!)).rejects.toThrow('the piece pool was closed');
  }, 30_000);
});

describe('the CLI thread pool, started when needed', () => {
  it('starts no thread for a file too small to be cut into pieces, and its threads for one that is', async () => {
    const loadedIn = mkdtempSync(join(dir, 'loaded-'));
    const entry = join(dir, 'says-loaded.mjs');
    writeFileSync(entry, `import { writeFileSync } from 'node:fs';\nimport { parentPort, threadId } from 'node:worker_threads';\nwriteFileSync(${JSON.stringify(loadedIn)} + '/' + threadId, '');\nparentPort.postMessage({ ready: true });\n`);
    const small = join(dir, 'small.csv');
    writeFileSync(small, readFileSync(file, 'utf8').split('\n').slice(0, 200).join('\n'));
    const pool = createThreadPool(2, pathToFileURL(entry));
    try {
      expect(pool.size).toBe(2);
      expect(await main(['--json', small], { out: () => {}, err: () => {} }, { pool })).toBe(0);
      // Time for a thread started during the read to load and say so (it takes ~30 ms).
      await new Promise((r) => setTimeout(r, 500));
      expect(readdirSync(loadedIn)).toHaveLength(0);
      await pool.ready();
      expect(readdirSync(loadedIn)).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });
});

describe('the piece thread bundle (what the CLI starts its threads from)', () => {
  it('is made, and threads started from it parse every piece (none falls back to the main thread)', async () => {
    expect(pieceThreadBundle()).not.toBeNull();
    const onePass = await jsonWith();
    const pool = createThreadPool(2);
    try {
      const viaThreads = await jsonWith(pool);
      expect(viaThreads.out).toBe(onePass.out);
      // The file is over 2 pieces (above); each of them was answered by a thread.
      expect(pool.piecesOnThreads).toBeGreaterThanOrEqual(3);
      expect(pool.piecesHere).toBe(0);
    } finally {
      await pool.close();
    }
  }, 30_000);
});

describe('cliThreadCount', () => {
  it('starts one thread per core but the one the main thread merges on, at least one and at most MAX_PIECE_WORKERS (6)', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 64].map(cliThreadCount)).toEqual([1, 1, 1, 2, 3, 6, 6, 6]);
  });
});
