/**
 * A session that adds files to a sealed store (continueFrom) ends with what one drop of all the
 * files gives: the same rows in the same order, each call's file, the same answers.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../analysis/analysis-cache';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { at, query } from '../analysis/test-helpers';
import { diagnoseTrunks } from '../diagnosis/evidence';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { SMALL_SPEC } from '../scenario/writers/round-trip';
import { writeScenarioText } from '../scenario/writers/writer';
import { ingestFiles, type IngestedFiles } from './ingest-files';

/**
 * An hour of three carriers (one with a CPS limit, one refusing caller IDs) cut in two exports:
 * the even rows, and the odd rows with the first 20 even ones again (each a duplicate there),
 * newest first (its rows reach the store out of start order).
 */
function twoExports() {
  const [header, ...rows] = writeScenarioText(SMALL_SPEC, vicidialCarrierLogWriter).trimEnd().split('\n');
  const even = rows.filter((_, i) => i % 2 === 0);
  const odd = rows.filter((_, i) => i % 2 === 1);
  const file = (name: string, lines: string[]) => ({ name, blob: new Blob([[header, ...lines].join('\n') + '\n']) });
  return { a: file('day-1.csv', even), b: file('day-2.csv', [...odd, ...even.slice(0, 20)].reverse()), bOwn: file('day-2-own.csv', odd), total: rows.length };
}

/** The calls of the store's rows that are file `k`'s, as sorted texts (start, trunk, destination, code). */
function callsOf(built: IngestedFiles, k: number | null): string[] {
  const s = built.store;
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (k === null || built.fileOfCall[i] === k) out.push(`${s.startMs[i]} ${s.trunks.get(s.trunk[i]!)} ${s.destDigits[i]} ${s.sipCode[i]}`);
  return out.sort();
}

const answers = (built: IngestedFiles) => {
  const cache = new AnalysisCache(built.store);
  const whole = analyzeDashboard(built.store, query(), cache);
  return {
    whole,
    window: analyzeDashboard(built.store, query({ window: { fromMs: at('10:15'), toMs: at('10:40') } }), cache),
    diagnoses: diagnoseTrunks(built.store, { cache, data: whole, files: built.summary.files }),
  };
};

describe('adding files to a sealed store', () => {
  it('gives the rows, the calls’ files and the answers of one drop of both files', async () => {
    const { a, b, bOwn, total } = twoExports();
    const first = await ingestFiles([a]);
    expect(first.store.sealed).toBe(true);
    // One file: no file column (every call is file 0's).
    expect(first.fileOfCall).toHaveLength(0);
    const added = await ingestFiles([b], { continueFrom: first });
    const drop = await ingestFiles([a, b]);
    expect(added.store.sealed).toBe(true);
    expect(drop.summary.calls).toBe(total);
    expect(drop.summary.files.map((f) => f.rows.skipped)).toEqual([0, 20]);
    expect(added.summary).toEqual(drop.summary);
    expect(added.store.snapshot()).toEqual(drop.store.snapshot());
    expect(Array.from(added.fileOfCall)).toEqual(Array.from(drop.fileOfCall));
    // Each call is marked with its own file: the calls of each file read alone.
    expect(callsOf(drop, 0)).toEqual(callsOf(await ingestFiles([a]), null));
    expect(callsOf(drop, 1)).toEqual(callsOf(await ingestFiles([bOwn]), null));
    expect(answers(added)).toEqual(answers(drop));
  });

  it('sealLater leaves the store in file order; sealed afterwards with fileOfCall it is the store sealed here', async () => {
    const { a, b } = twoExports();
    const later = await ingestFiles([a, b], { sealLater: true });
    const now = await ingestFiles([a, b]);
    expect(later.store.sealed).toBe(false);
    expect(later.summary).toEqual(now.summary);
    // b's rows are newest first: in file order the store is not yet in start order.
    expect(Array.from(later.store.startMs.subarray(0, later.store.length))).not.toEqual(Array.from(now.store.startMs.subarray(0, now.store.length)));
    later.store.seal([later.fileOfCall]);
    expect(later.store.snapshot()).toEqual(now.store.snapshot());
    expect(Array.from(later.fileOfCall)).toEqual(Array.from(now.fileOfCall));
    expect(answers(later)).toEqual(answers(now));
  });
});
