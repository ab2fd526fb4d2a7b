/** Test views shared by the share tests. */
import type { SharedView } from './view';

const T0 = Date.parse('2026-11-16T08:00:00Z');

/** A small valid view, built by hand. */
export function smallView(): SharedView {
  const ratio = (n: number, d: number) => ({ n, d });
  return {
    version: 1,
    createdFrom: { files: [{ name: 'cdr.csv', formatId: 'asterisk-cdr-csv', formatLabel: 'Asterisk Master.csv', rows: { read: 10, used: 9, skipped: 1 } }] },
    selection: { trunks: ['sip-a'], window: null },
    data: {
      span: { fromMs: T0, toMs: T0 + 3_600_000 },
      window: { fromMs: T0, toMs: T0 + 3_600_000 },
      trunks: [
        {
          trunk: 'sip-a',
          attempts: 9,
          answered: 5,
          asr: ratio(5, 9),
          ner: ratio(7, 9),
          seer: ratio(6, 8),
          acdSec: 42.5,
          rate503: { ...ratio(2, 9), provenance: { sip: 2, q850: 0, disposition: 0 } },
          rate603: { ...ratio(1, 9), provenance: { sip: 1, q850: 0, disposition: 0 } },
          ambiguous403or603: 0,
          byOutcome: { answered: 5, capacity: 2, policy: 1, number: 0, user: 1, other: 0, unknown: 0 },
          byCode: [{ code: '503', outcome: 'capacity', count: 2 }],
          provenance: { sip: 9, q850: 0, disposition: 0, none: 0 },
          trend: [0, 0.25, 0.5],
        },
      ],
      series: { bucketMs: 60_000, buckets: [{ t: T0, attempts: 9, answered: 5, capacity: 2, policy: 1, otherFailed: 1, c503: 2, c603: 1 }] },
      cps: { peak: 2, p99: 2, levels: [{ cps: 1, seconds: 7, attempts: 7, c503: 1 }], knee: null, peakPerBucket: [{ t: T0, peak: 2 }], wholeMinutes: false, wholeMinuteCallsLeftOut: 0 },
      concurrency: { available: true, peak: 3, maxPerBucket: [{ t: T0, max: 3 }], levels: [{ level: 0, attempts: 4, c503: 0 }], plateau: null },
      breakdowns: { prefixes: [{ key: '44', label: 'United Kingdom', attempts: 9, c503: 2, c603: 1, capacity: 2, policy: 1 }], callerIds: [], hours: [] },
      onsets: [],
      calls: 9,
    },
    note: '',
    privacy: 'masked',
  };
}

