import { describe, expect, it, vi } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { emptyRecord } from '../model/call-record';
import { SAMPLE_DAY } from '../scenario/scenario';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText } from '../scenario/writers/writer';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboard, analyzeDashboardTop, analyzeTrunkTable, keepSpanCounts, spanTrunkTable } from './analyze-dashboard';
import { CallStore, OTHER_TRUNKS_NAME } from './call-store';
import type { DashboardQuery } from './dashboard-types';
import { CallDeduper, dedupeKey } from '../ingest/call-deduper';
import { inProcessPool } from '../ingest/pieces/in-process-pool';
import { mergeCalls, type MergeTarget } from '../ingest/pieces/merge-piece';
import { countDirections } from '../ingest/parse-rows';
import { RowAccounting } from '../ingest/row-accounting';
import { emptyTraffic } from '../ingest/traffic';
import { FORMATS } from '../formats/registry';
import type { CallRecord } from '../model/call-record';
import { INTERNED_OVERFLOW_ID } from './call-columns';
import { ReadCounts } from './read-counts';
import { countPiece } from './piece-counts';
import { AttemptClassifier, spanCountsBeforeSeal, trunkSpanSeriesBeforeSeal, type SpanCounts } from './span-counts';
import { at, call, query, type CallSpec } from './test-helpers';

/** Calls in `specs`' order (not start order), `inbound` of them inbound: a store as a read leaves it, unsealed. */
function unsealedStore(specs: readonly CallSpec[], inbound: ReadonlySet<number> = new Set()): CallStore {
  const store = new CallStore(4);
  specs.forEach((spec, k) => store.add({ ...call(spec), direction: inbound.has(k) ? 'inbound' : 'outbound' }));
  return store;
}

/** The table made before the seal, then the one the sealed store's index answers: they must be equal. */
function bothWays(store: CallStore, q: DashboardQuery) {
  expect(store.sealed).toBe(false);
  const early = spanCountsBeforeSeal(store);
  const before = early && spanTrunkTable(early, q);
  return { before, after: analyzeTrunkTable(store, q, new AnalysisCache(store)) };
}


/** A pseudo-random day (fixed seed): starts in whole seconds with ties, out of order, every code source, some inbound, some without a start. */
function shuffledDay(calls: number, trunks: number): { specs: CallSpec[]; inbound: Set<number> } {
  let seed = 12345;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed >>> 8) % n;
  };
  const specs: CallSpec[] = [];
  const inbound = new Set<number>();
  for (let k = 0; k < calls; k++) {
    const trunk = `T${next(trunks)}`;
    const start = next(50) === 0 ? Number.NaN : at('08:00') + next(4 * 3600) * 1000;
    const pick = next(10);
    const code: Partial<CallSpec> =
      pick < 4 ? { sip: 200, talk: next(300) } : pick < 6 ? { sip: [503, 603, 486, 404][next(4)]! } : pick < 8 ? { cause: [16, 17, 21, 34][next(4)]! } : { disposition: ['ANSWERED', 'BUSY', 'NO ANSWER', 'CONGESTION', 'FAILED'][next(5)]! };
    specs.push({ trunk, start, seconds: next(20) === 0 ? null : next(200), ...code });
    if (next(12) === 0) inbound.add(k);
  }
  return { specs, inbound };
}

describe('the whole-file trunk table counted before the seal', () => {
  it('counts attempts by trunk in any row order, inbound calls beside them, calls without a start nowhere: by hand', () => {
    const store = unsealedStore(
      [
        { trunk: 'A', start: at('09:00:10'), sip: 503 },
        { trunk: 'B', start: at('09:00:05'), sip: 200, talk: 30 },
        { trunk: 'A', start: at('09:00:00'), sip: 200, talk: 60 },
        { trunk: 'B', start: at('09:00:20'), sip: 200 },
        { trunk: 'A', start: Number.NaN, sip: 200 },
        { trunk: 'A', start: at('09:00:05'), sip: 603 },
      ],
      new Set([3]),
    );
    const { before, after } = bothWays(store, query());
    const rows = before!.trunks.map((t) => [t.trunk, t.attempts, t.answered, t.rate503.n, t.rate603.n, t.acdSec, t.inbound]);
    // A: 3 attempts with a start (503, 200 of 60 s, 603), worst first; B: one answered call of 30 s and one inbound.
    expect(rows).toEqual([
      ['A', 3, 1, 1, 1, 60, 0],
      ['B', 1, 1, 0, 0, 30, 1],
    ]);
    expect(before!.calls).toBe(4);
    expect(before!.span).toEqual({ fromMs: at('09:00:00'), toMs: at('09:00:10') + 1 });
    expect(before).toEqual(after);
  });

  it('answers what the sealed index answers over a shuffled day: every trunk, a capped table, the onsets', () => {
    const { specs, inbound } = shuffledDay(20_000, 40);
    for (const q of [query(), query({ topN: 12, trunkLimit: 10 }), query({ trunkLimit: 10, trunks: ['T7', 'T9'] }), query({ trunks: ['no such trunk'] })]) {
      const { before, after } = bothWays(unsealedStore(specs, inbound), q);
      expect(before).not.toBeNull();
      expect(before).toEqual(after);
    }
  });

  it('numbers the code combinations as the index does (by their first call in start order, ties in row order)', () => {
    const { specs, inbound } = shuffledDay(20_000, 40);
    const store = unsealedStore(specs, inbound);
    const early = spanCountsBeforeSeal(store)!.names.codes;
    const index = new AnalysisCache(store).index().codes;
    expect(early.size).toBeGreaterThan(10);
    const tableOf = (c: typeof index) => ({ kind: c.kind, flags: c.flags, source: c.source, codeId: c.codeId, codes: c.codes });
    expect(tableOf(early)).toEqual(tableOf(index));
  });

  it('answers what the sealed index answers over the sample day read as a file (sealed later, as the worker reads)', async () => {
    const text = writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter);
    const { store } = await ingestFiles([{ name: vicidialExportCallsCarrierWriter.fileName, blob: new Blob([text]) }], { sealLater: true });
    const { before, after } = bothWays(store, query({ topN: 12, trunkLimit: 200 }));
    expect(before!.onsets.length).toBeGreaterThan(0);
    expect(before).toEqual(after);
  });

  it('is kept by the sealed store’s cache, its code columns as the index’s: every answer after it is the one counted afresh', () => {
    const { specs, inbound } = shuffledDay(20_000, 40);
    const kept = unsealedStore(specs, inbound);
    const early = spanCountsBeforeSeal(kept)!;
    // As the session seals it: the code columns moved with the rows, the index made from them.
    kept.seal([early.classified.code, early.classified.kind]);
    const keptCache = new AnalysisCache(kept, early.classified);
    keepSpanCounts(kept, early, keptCache);
    const fresh = unsealedStore(specs, inbound);
    const freshCache = new AnalysisCache(fresh);
    // Capped: the other trunks' row and the KPI's trunk rows are summed by combination id.
    for (const q of [query({ trunks: ['T3'], spanSeries: true, trunkSeries: true, kpi: true, trunkLimit: 10 }), query({ trunkLimit: 10, kpi: true })]) {
      expect(analyzeDashboard(kept, q, keptCache)).toEqual(analyzeDashboard(fresh, q, freshCache));
    }
  });

  it('numbers trunks past the store’s names as the index does: one "other trunks" row, its inbound calls beside it', () => {
    const store = new CallStore();
    const named = 0xfffe;
    for (let k = 0; k < named + 10; k++) {
      const r = emptyRecord();
      // Late trunks first: rows out of start order.
      r.startMs = at('08:00') + (named + 10 - k) * 1000;
      r.trunk = `t${k}`;
      r.sipCode = k % 3 === 0 ? 503 : 200;
      r.codeSource = 'sip';
      r.outcome = k % 3 === 0 ? 'capacity' : 'answered';
      r.direction = k === named + 4 ? 'inbound' : 'outbound';
      store.add(r);
    }
    const { before, after } = bothWays(store, query({ trunkLimit: 5 }));
    expect(before!.calls).toBe(named + 9);
    expect(before).toEqual(after);
    const early = spanCountsBeforeSeal(store)!;
    const full = spanTrunkTable(early, query());
    expect(full.trunks.find((t) => t.trunk === OTHER_TRUNKS_NAME)).toMatchObject({ attempts: 9, inbound: 1 });
    // Its timeline (the first chart, when it is the worst row) counts the same 9 attempts as the index's.
    const series = trunkSpanSeriesBeforeSeal(store, early, early.names.trunkNames.indexOf(OTHER_TRUNKS_NAME));
    expect(series.buckets.reduce((n, b) => n + b.attempts, 0)).toBe(9);
    expect(series).toEqual(analyzeDashboardTop(store, query({ trunks: [OTHER_TRUNKS_NAME], spanSeries: true })).spanSeries);
  });

  it('leaves talk times that are not whole seconds to the index (their sum would round differently in another order)', () => {
    const store = unsealedStore([
      { start: at('09:00'), talk: 0.1 },
      { start: at('09:01'), talk: 0.2 },
    ]);
    expect(spanCountsBeforeSeal(store)).toBeNull();
  });

  describe('summed from the counts made as the rows were classified, where the buckets are whole minutes (read-counts.ts)', () => {
    /** The table counted before the seal and the sealed index's, and whether the read's counts were summed (not the rows counted). */
    function summedOrNot(store: CallStore, classifier?: AttemptClassifier) {
      const sum = vi.spyOn(ReadCounts.prototype, 'sumInto');
      const early = spanCountsBeforeSeal(store, classifier);
      const summed = sum.mock.results.map((r) => r.value as boolean);
      sum.mockRestore();
      return { summed, before: early && spanTrunkTable(early, query()), after: analyzeTrunkTable(store, query(), new AnalysisCache(store)) };
    }

    it('sums them over a shuffled day of 4 hours (trend buckets of 5 minutes, onsets of 1), counts the rows over 10 seconds (buckets of 1 s)', () => {
      const { specs, inbound } = shuffledDay(20_000, 40);
      const day = summedOrNot(unsealedStore(specs, inbound));
      expect(day.summed).toEqual([true]);
      expect(day.before).toEqual(day.after);
      const seconds = summedOrNot(unsealedStore(specs.slice(0, 200).map((spec, k) => ({ ...spec, start: at('09:00') + (k % 10) * 1000 })), inbound));
      expect(seconds.summed).toEqual([false]);
      expect(seconds.before).toEqual(seconds.after);
    });

    it('follows trunks renamed in the middle of a read (two merged into one), more than 64 combinations, minutes met in any order', () => {
      const { specs, inbound } = shuffledDay(20_000, 40);
      // 100 SIP codes of their own (400 … 499): the cells' rows widened past their first 64 combinations.
      const many = specs.map((spec, k) => (k % 3 === 0 ? { ...spec, sip: 400 + (k % 100), cause: undefined, disposition: undefined } : spec));
      const store = new CallStore(4);
      const classifier = new AttemptClassifier();
      const add = (from: number, to: number) => {
        for (let k = from; k < to; k++) store.add({ ...call(many[k]!), direction: inbound.has(k) ? 'inbound' : 'outbound' });
        classifier.classify(store);
      };
      add(0, 7000);
      add(7000, 10_000);
      // Rows held then are renamed (T1's counted under T0 from then on); later rows of T1 are T1's again.
      store.renameTrunks(new Map([['T1', 'T0'], ['T2', 'T39']]));
      add(10_000, 20_000);
      const { summed, before, after } = summedOrNot(store, classifier);
      expect(summed).toEqual([true]);
      expect(before).toEqual(after);
    });

    it('counts the rows where the minutes would be too many: one trunk over two years (1.05 million minutes)', () => {
      const days = 2 * 365;
      const specs = Array.from({ length: 3000 }, (_, k) => ({ trunk: 'A', start: at('08:00') + Math.floor((k * days) / 3000) * 86_400_000 + (k % 7) * 60_000, sip: k % 4 === 0 ? 503 : 200, talk: k % 4 === 0 ? undefined : 30 }));
      const { summed, before, after } = summedOrNot(unsealedStore(specs));
      expect(summed).toEqual([false]);
      expect(before).toEqual(after);
    });
  });

  describe('classified as the rows come (after each merge of a read), then counted', () => {
    /** `specs` added in parts of these sizes (cycled), the classifier told after each part. */
    function inParts(specs: readonly CallSpec[], inbound: ReadonlySet<number>, parts: readonly number[], classifier: AttemptClassifier, store = new CallStore(4)): CallStore {
      let k = 0;
      for (let p = 0; k < specs.length; p++) {
        const end = Math.min(specs.length, k + parts[p % parts.length]!);
        for (; k < end; k++) store.add({ ...call(specs[k]!), direction: inbound.has(k) ? 'inbound' : 'outbound' });
        classifier.classify(store);
      }
      return store;
    }

    it('gives the counts of one pass after the read, in parts of any size (1, 7, 300, 4,096 calls …)', () => {
      const { specs, inbound } = shuffledDay(20_000, 40);
      for (const parts of [[1], [7, 300, 2], [4096], [20_000]]) {
        const classifier = new AttemptClassifier();
        const store = inParts(specs, inbound, parts, classifier);
        expect(spanCountsBeforeSeal(store, classifier)).toEqual(spanCountsBeforeSeal(store));
      }
    });

    it('classifies what was left at the end, and starts over for another store or one sealed since (its rows moved)', () => {
      const { specs, inbound } = shuffledDay(5_000, 12);
      const classifier = new AttemptClassifier();
      // Told of another store first, and of only part of this one: the rest is classified when counted.
      inParts(specs.slice(0, 100), inbound, [10], classifier);
      const store = inParts(specs.slice(0, 3000), inbound, [3000], classifier);
      for (let k = 3000; k < specs.length; k++) store.add({ ...call(specs[k]!), direction: inbound.has(k) ? 'inbound' : 'outbound' });
      expect(spanCountsBeforeSeal(store, classifier)).toEqual(spanCountsBeforeSeal(store));
      // Sealed (rows in start order), unsealed and added to, as a session adds files.
      const sealed = inParts(specs.slice(0, 2500), inbound, [500], classifier);
      sealed.seal();
      sealed.unseal();
      inParts(specs.slice(2500), new Set([...inbound].map((k) => k - 2500)), [700], classifier, sealed);
      expect(spanCountsBeforeSeal(sealed, classifier)).toEqual(spanCountsBeforeSeal(sealed));
    });

    it('counts inbound calls under the trunks renamed after they were classified (a file’s names are decided at its end)', () => {
      const classifier = new AttemptClassifier();
      const store = unsealedStore(
        [
          { trunk: 'A', start: at('09:00:00'), sip: 503 },
          { trunk: 'B', start: at('09:00:05'), sip: 200, talk: 30 },
          { trunk: 'B', start: at('09:00:10'), sip: 200, talk: 10 },
          { trunk: 'C', start: at('09:00:20'), sip: 200, talk: 20 },
        ],
        new Set([2, 3]),
      );
      classifier.classify(store);
      store.renameTrunks(new Map([['B', 'A']]));
      const counts = spanCountsBeforeSeal(store, classifier)!;
      expect(counts).toEqual(spanCountsBeforeSeal(store));
      // A: its 503 and B's answered call (2 attempts); B's second call and C's are inbound: 1 for A, 1 for C.
      expect(spanTrunkTable(counts, query()).trunks.map((t) => [t.trunk, t.attempts, t.inbound])).toEqual([
        ['A', 2, 1],
        ['C', 0, 1],
      ]);
    });
  });
});

describe('a trunk\'s whole-span timeline counted before the seal (the first chart)', () => {
  /** Each trunk's timeline made before the seal, and the one-trunk query's spanSeries the sealed index answers. */
  function bothWays(store: CallStore) {
    const early = spanCountsBeforeSeal(store)!;
    const before = early.names.trunkNames.map((_, id) => trunkSpanSeriesBeforeSeal(store, early, id));
    const cache = new AnalysisCache(store);
    const after = early.names.trunkNames.map((trunk) => analyzeDashboardTop(store, query({ trunks: [trunk], spanSeries: true }), cache).spanSeries);
    return { early, before, after };
  }

  it('counts a trunk\'s attempts per bucket of the whole span, in any row order: by hand', () => {
    const store = unsealedStore(
      [
        { trunk: 'A', start: at('09:00:40'), sip: 503 },
        { trunk: 'B', start: at('09:02:05'), sip: 200, talk: 30 },
        { trunk: 'A', start: at('09:00:00'), sip: 200, talk: 60 },
        { trunk: 'A', start: at('09:01:30'), sip: 603 },
        { trunk: 'A', start: Number.NaN, sip: 200 },
        { trunk: 'A', start: at('09:00:10'), sip: 486 },
      ],
      new Set([5]),
    );
    const { before, after } = bothWays(store);
    // The span 09:00:00 to just after 09:02:05 is cut into 1 s buckets (126 of them, at most 300).
    // A's: 09:00:00 answered, 09:00:40 a 503, 09:01:30 a 603; its 486 is inbound, its call without a start nowhere.
    const a = before[0]!;
    expect(a.bucketMs).toBe(1000);
    expect(a.buckets).toHaveLength(126);
    const nonEmpty = a.buckets.filter((b) => b.attempts > 0).map((b) => [b.t - at('09:00:00'), b.attempts, b.answered, b.capacity, b.policy, b.c503, b.c603]);
    expect(nonEmpty).toEqual([
      [0, 1, 1, 0, 0, 0, 0],
      [40_000, 1, 0, 1, 0, 1, 0],
      [90_000, 1, 0, 0, 1, 0, 1],
    ]);
    expect(before).toEqual(after);
  });

  it('sums a trunk\'s buckets of whole minutes from the minute bins of the read, not its rows: by hand', () => {
    const day = (): CallSpec[] => [
      { trunk: 'A', start: at('12:59:59'), sip: 486 },
      { trunk: 'A', start: at('09:00:50'), sip: 200, talk: 20 },
      { trunk: 'B', start: at('09:00:00'), sip: 200, talk: 30 },
      { trunk: 'A', start: at('10:30:00'), sip: 603 },
      { trunk: 'A', start: at('09:00:10'), sip: 503 },
      { trunk: 'A', start: at('09:01:00'), sip: 503 },
    ];
    // Summed, so counted even when only a sum is asked for (the worker's table before the read's result).
    expect(spanCountsBeforeSeal(unsealedStore(day()), undefined, true)).not.toBeNull();
    const store = unsealedStore(day());
    const summed = vi.spyOn(ReadCounts.prototype, 'trunkSeries');
    const { before, after } = bothWays(store);
    expect(summed.mock.results.map((r) => r.value !== null)).toEqual([true, true]);
    summed.mockRestore();
    // 09:00:00 to just after 12:59:59: 240 buckets of a minute. A's: in 09:00 a 503 and an answer,
    // in 09:01 a 503, in 10:30 a 603, in 12:59 a 486 (neither capacity nor policy: other failed).
    const a = before[0]!;
    expect(a.bucketMs).toBe(60_000);
    expect(a.buckets).toHaveLength(240);
    const nonEmpty = a.buckets.filter((b) => b.attempts > 0).map((b) => [(b.t - at('09:00:00')) / 60_000, b.attempts, b.answered, b.capacity, b.policy, b.otherFailed, b.c503, b.c603]);
    expect(nonEmpty).toEqual([
      [0, 2, 1, 1, 0, 0, 1, 0],
      [1, 1, 0, 1, 0, 0, 1, 0],
      [90, 1, 0, 0, 1, 0, 0, 1],
      [239, 1, 0, 0, 0, 1, 0, 0],
    ]);
    expect(before).toEqual(after);
  });

  it('is the spanSeries the sealed index answers for each trunk alone over a shuffled day, also once the rows are sealed with their kinds', () => {
    const { specs, inbound } = shuffledDay(20_000, 40);
    const store = unsealedStore(specs, inbound);
    const summed = vi.spyOn(ReadCounts.prototype, 'trunkSeries');
    const { early, before, after } = bothWays(unsealedStore(specs, inbound));
    // Buckets of a minute over the 4 hours: each series summed from the read's minute bins.
    expect(summed.mock.results.map((r) => r.value !== null)).toEqual(Array<boolean>(40).fill(true));
    summed.mockRestore();
    expect(before[0]!.bucketMs).toBe(60_000);
    expect(before.length).toBe(40);
    expect(before).toEqual(after);
    // Counted from the rows instead (no minute bins), as the session seals them: the kind bytes move with the rows.
    const counted = spanCountsBeforeSeal(store)!;
    store.seal([counted.classified.code, counted.classified.kind]);
    const byRows = { ...counted, minutes: null };
    expect(counted.names.trunkNames.map((_, id) => trunkSpanSeriesBeforeSeal(store, byRows, id))).toEqual(before);
    expect(early.names.trunkNames).toEqual(counted.names.trunkNames);
  });
});

describe('classified and counted on the pieces\' threads, their counts added up as each piece is merged', () => {
  /** The shuffled day's calls as records, each with a call id of its own (so a repeated one is a duplicate). */
  function dayRecords(calls: number, trunks: number): CallRecord[] {
    const { specs, inbound } = shuffledDay(calls, trunks);
    return specs.map((spec, k) => ({ ...call(spec), callId: `c${k}`, direction: inbound.has(k) ? 'inbound' : 'outbound' }));
  }

  /**
   * `records` merged into `store` in pieces of these sizes (cycled), each classified and counted on
   * its own first (countPiece, as its thread does), de-duplicated by `deduper` as a read does.
   */
  function mergedAsPieces(records: readonly CallRecord[], sizes: readonly number[], classifier: AttemptClassifier, store = new CallStore(4), deduper = new CallDeduper()): CallStore {
    const accounting = new RowAccounting();
    const target: MergeTarget = { store, deduper, accounting, trunkCounts: new Map(), traffic: emptyTraffic(), tally: new Map(), onCallsMerged: classifier.merged };
    for (let k = 0, p = 0; k < records.length; p++) {
      const part = records.slice(k, k + sizes[p % sizes.length]!);
      k += part.length;
      const piece = new CallStore(1);
      for (const r of part) piece.add(r);
      accounting.absorb({ read: part.length, used: part.length, skipped: 0, headerLines: 0 }, [], 0);
      const calls = piece.snapshot();
      const dedupeKeys = Float64Array.from(part, (r) => dedupeKey(r) ?? Number.NaN);
      const { tally, classified } = countPiece(calls);
      mergeCalls({ calls, lines: Uint32Array.from(part, (_, i) => i + 1), dedupeKeys, tally, directions: countDirections(piece.direction, piece.length), classified }, target, 0);
    }
    return store;
  }

  /** The counts made from the pieces' (and whether the merges classified any rows themselves, and the read's counts were summed), and one pass's over the same rows. */
  function bothCounts(store: CallStore, classifier: AttemptClassifier, classified: ReturnType<typeof vi.spyOn>) {
    const classifiedInMerge = classified.mock.calls.length;
    const sum = vi.spyOn(ReadCounts.prototype, 'sumInto');
    const pieces = comparable(store, spanCountsBeforeSeal(store, classifier));
    const summed = sum.mock.results.map((r) => r.value as boolean);
    sum.mockRestore();
    return { pieces, onePass: comparable(store, spanCountsBeforeSeal(store)), summed, classifiedInMerge };
  }

  /** What two ways of counting must agree on: the counts, the rows' classes, and each trunk's timeline (the minute bins themselves may be laid out otherwise). */
  function comparable(store: CallStore, early: SpanCounts | null) {
    if (!early) return null;
    // The trunks that have calls (a store may hold thousands of names besides: INTERNED_OVERFLOW_ID).
    const named = store.trunks.values.length;
    const ids = [...new Set(Array.from(store.trunk.subarray(0, store.length), (t) => Math.min(t, named)))].sort((a, b) => a - b);
    return { ...early, minutes: null, classified: early.classified, timelines: ids.map((id) => trunkSpanSeriesBeforeSeal(store, early, id)) };
  }

  it('gives the counts of one pass over a shuffled day (not in start order), in pieces of any size (1, 7, 300, 4,096 calls …), and the sealed index\'s table', () => {
    const records = dayRecords(20_000, 40);
    for (const sizes of [[1], [7, 300, 2], [4096], [20_000]]) {
      const classifier = new AttemptClassifier();
      const classify = vi.spyOn(classifier, 'classify');
      const store = mergedAsPieces(records, sizes, classifier);
      const { pieces, onePass, summed, classifiedInMerge } = bothCounts(store, classifier, classify);
      expect(classifiedInMerge).toBe(0);
      expect(summed).toEqual([true]);
      expect(pieces).toEqual(onePass);
      if (sizes[0] === 4096) expect(spanTrunkTable(pieces!, query())).toEqual(analyzeTrunkTable(store, query(), new AnalysisCache(store)));
    }
  });

  it('classifies in the merge only the pieces with a duplicate (within a piece, across pieces, across two files of a drop), their kept calls counted once', () => {
    const records = dayRecords(6_000, 12);
    // Calls 100 … 199 again in the piece after theirs, 2,000 … 2,009 twice in their own piece.
    const first = [...records.slice(0, 1000), ...records.slice(100, 200), ...records.slice(1000, 2010), ...records.slice(2000, 2010), ...records.slice(2010, 3000)];
    // The second file of the drop: calls of the first again (3,000 … 6,000 new).
    const second = [...records.slice(2500, 2600), ...records.slice(3000)];
    const classifier = new AttemptClassifier();
    const classify = vi.spyOn(classifier, 'classify');
    const deduper = new CallDeduper();
    const store = mergedAsPieces(first, [1000], classifier, new CallStore(4), deduper);
    mergedAsPieces(second, [1000], classifier, store, deduper);
    expect(store.length).toBe(6_000);
    const { pieces, onePass, summed, classifiedInMerge } = bothCounts(store, classifier, classify);
    // Pieces 2 (the repeated 100) and 3 (2,000 … 2,009 twice) of the first file, piece 1 of the second.
    expect(classifiedInMerge).toBe(3);
    expect(summed).toEqual([true]);
    expect(pieces).toEqual(onePass);
    expect(pieces!.attempts).toBe(records.filter((r) => r.direction !== 'inbound' && !Number.isNaN(r.startMs)).length);
  });

  it('posts no minute bins from a piece whose calls span a whole day over 200 trunks (12 MB of them), and the read still counts what one pass counts', () => {
    let seed = 99;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed >>> 8) % n;
    };
    const records = Array.from({ length: 14_500 }, (_, k) => ({ ...call({ trunk: `T${next(200)}`, start: at('00:00') + next(86_400) * 1000, sip: [200, 503, 603][next(3)]!, talk: 0 }), callId: `c${k}` }));
    const piece = (part: readonly CallRecord[]) => {
      const store = new CallStore(1);
      for (const r of part) store.add(r);
      return countPiece(store.snapshot()).classified!;
    };
    // Not in start order: 256 trunk rows × 2,048 minutes is past pieceMaxBins(14,500) = 116,000.
    expect(piece(records).tables.bins).toBeNull();
    // In start order, a tenth of them spans ~2.4 hours: 256 × 256 bins (6 counts each), kept.
    const sorted = [...records].sort((a, b) => a.startMs! - b.startMs!);
    expect(piece(sorted.slice(0, 1450)).tables.bins?.counts.length).toBe(256 * 256 * 6);
    for (const [order, sizes] of [[records, [14_500]], [sorted, [1450]]] as const) {
      const classifier = new AttemptClassifier();
      const classify = vi.spyOn(classifier, 'classify');
      const store = mergedAsPieces(order, sizes, classifier);
      const { pieces, onePass, summed } = bothCounts(store, classifier, classify);
      expect(summed).toEqual([order === sorted]);
      expect(pieces).toEqual(onePass);
    }
  });

  it('numbers trunks past the store\'s names as one pass does: one "other trunks" row (the rows counted after the read)', () => {
    const records = dayRecords(3_000, 12);
    const store = new CallStore(4);
    // Room for 5 more names only: 7 of the 12 trunks are past them.
    for (let k = 0; k < INTERNED_OVERFLOW_ID - 5; k++) store.trunks.intern(`before ${k}`, INTERNED_OVERFLOW_ID);
    const classifier = new AttemptClassifier();
    const classify = vi.spyOn(classifier, 'classify');
    mergedAsPieces(records, [700], classifier, store);
    const { pieces, onePass, summed } = bothCounts(store, classifier, classify);
    expect(summed).toEqual([false]);
    expect(pieces).toEqual(onePass);
    expect(pieces!.names.trunkNames.at(-1)).toBe(OTHER_TRUNKS_NAME);
    expect(pieces!.classified.overflow).toBe(true);
  });

  it('answers what the sealed index answers over the sample day read as a file in pieces of 1, 333 and 65,536 bytes (the first 60 lines for 1 byte)', async () => {
    const text = writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter);
    const head = text.split('\n').slice(0, 60).join('\n') + '\n';
    for (const [pieceBytes, file] of [[1, head], [333, text], [65_536, text]] as const) {
      const classifier = new AttemptClassifier();
      const classify = vi.spyOn(classifier, 'classify');
      const input = { name: vicidialExportCallsCarrierWriter.fileName, blob: new Blob([file]) };
      const { store } = await ingestFiles([input], { sealLater: true, pool: inProcessPool(FORMATS), pieceBytes, onCallsMerged: classifier.merged });
      const q = query({ topN: 12, trunkLimit: 200 });
      const { pieces, onePass, classifiedInMerge } = bothCounts(store, classifier, classify);
      expect(classifiedInMerge).toBe(0);
      expect(pieces).toEqual(onePass);
      expect(spanTrunkTable(pieces!, q)).toEqual(analyzeTrunkTable(store, q, new AnalysisCache(store)));
    }
  });
});
