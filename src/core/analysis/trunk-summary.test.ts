import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { OutcomeClass } from '../model/call-record';
import { SMALL_SPEC } from '../scenario/writers/round-trip';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { freeswitchCdrCsvWriter } from '../scenario/writers/freeswitch-cdr-csv';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import type { CallStore } from './call-store';
import { codeKey } from './code-key';
import { at, storeOf } from './test-helpers';
import { comboOf, summarizeTrunks, TallyCounting, tallyTrunks } from './trunk-summary';

/** The labels counted the plain way: codeKey for every call. */
function codeCountsPerCall(store: CallStore): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (let i = 0; i < store.length; i++) {
    const trunk = store.trunks.get(store.trunk[i]!);
    const sip = store.sipCode[i]!;
    const label = codeKey(sip === 0 ? null : sip, store.sourceOf(i), store.q850Of(i), store.outcomeOf(i) as OutcomeClass, store.reasons.get(store.reason[i]!));
    const m = out.get(trunk) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    out.set(trunk, m);
  }
  return out;
}

describe('summarizeTrunks', () => {
  const writers: Record<string, ScenarioWriter> = {
    'Master.csv (dispositions)': asteriskMasterCsvWriter({ hangupCauseInUserfield: false }),
    'Master.csv (HANGUPCAUSE SIP codes)': asteriskMasterCsvWriter({ hangupCauseInUserfield: true }),
    'FreeSWITCH (Q.850 causes)': freeswitchCdrCsvWriter,
    'VICIdial carrier log': vicidialCarrierLogWriter,
  };
  for (const [label, writer] of Object.entries(writers)) {
    it(`${label}: code labels per trunk as codeKey gives them call by call`, async () => {
      const { store } = await ingestFiles([{ name: 'x', blob: new Blob([writeScenarioText(SMALL_SPEC, writer)]) }]);
      const expected = codeCountsPerCall(store);
      const summaries = summarizeTrunks(store);
      expect(summaries.length).toBe(expected.size);
      for (const s of summaries) {
        expect(new Map(s.byCode.map((c) => [c.code, c.count]))).toEqual(expected.get(s.name));
        expect(s.byCode.reduce((n, c) => n + c.count, 0)).toBe(s.attempts);
      }
    });
  }
});

describe('tallyTrunks', () => {
  it('counts each trunk\'s calls per code combination, in the order the trunk first had them, with its first and last start', () => {
    // A: 200, 503, 200, 503, 503; B (between them): 603, 200. Rows 1 and 3 left out of the second tally.
    const store = storeOf([
      { trunk: 'A', start: at('10:00') },
      { trunk: 'A', start: at('10:01'), sip: 503, seconds: 0 },
      { trunk: 'B', start: at('09:30'), sip: 603, seconds: 0 },
      { trunk: 'A', start: at('10:02') },
      { trunk: 'B', start: at('10:05') },
      { trunk: 'A', start: at('09:59'), sip: 503, seconds: 0 },
      { trunk: 'A', start: at('10:03'), sip: 503, seconds: 0 },
    ]);
    const combo = (i: number) => (((store.reason[i]! * 0x10000 + store.q850[i]!) * 0x10000 + store.sipCode[i]!) * 8 + store.outcome[i]!) * 4 + store.codeSource[i]!;
    const A = store.trunk[0]!;
    const B = store.trunk[2]!;
    const shown = (tally: ReturnType<typeof tallyTrunks>) => [...tally].map(([t, c]) => ({ t, codes: [...c.codes], first: c.firstStartMs, last: c.lastStartMs }));
    expect(shown(tallyTrunks(store, store.length))).toEqual([
      { t: A, codes: [[combo(0), 2], [combo(1), 3]], first: at('09:59'), last: at('10:03') },
      { t: B, codes: [[combo(2), 1], [combo(4), 1]], first: at('09:30'), last: at('10:05') },
    ]);
    // Without rows 1 and 3: A's first combination is its 200 (row 0), then the 503s of rows 5 and 6.
    expect(shown(tallyTrunks(store, store.length, Uint32Array.of(0, 2, 4, 5, 6)))).toEqual([
      { t: A, codes: [[combo(0), 1], [combo(5), 2]], first: at('09:59'), last: at('10:03') },
      { t: B, codes: [[combo(2), 1], [combo(4), 1]], first: at('09:30'), last: at('10:05') },
    ]);
    expect(combo(0)).toBe(combo(3));
    expect(combo(1)).toBe(combo(5));
    expect(combo(0)).not.toBe(combo(1));
  });

  it('keeps trunks in the order first seen whatever their ids, the overflow id (0xfffe) among them', () => {
    // Trunk ids 0xfffe, 3, 0xfffe, 1, 3: three trunks, first seen in that order; every call alike (combination 0).
    const columns = {
      trunk: Uint16Array.of(0xfffe, 3, 0xfffe, 1, 3),
      reason: new Uint16Array(5),
      q850: new Uint16Array(5),
      sipCode: new Uint16Array(5),
      outcome: new Uint8Array(5),
      codeSource: new Uint8Array(5),
      startMs: Float64Array.of(50, 40, 10, 30, 60),
    };
    const tally = tallyTrunks(columns, 5);
    expect([...tally.keys()]).toEqual([0xfffe, 3, 1]);
    expect([...tally].map(([, c]) => [[...c.codes], c.firstStartMs, c.lastStartMs])).toEqual([
      [[[0, 2]], 10, 50],
      [[[0, 2]], 40, 60],
      [[[0, 1]], 30, 30],
    ]);
  });
});

describe('TallyCounting.idOf', () => {
  it('gives combinations that differ in one field, at either end of its range, ids of their own, the same id again', () => {
    // Each field at 0, 1 and its largest value (reason, cause and SIP code: 2^16 - 1; outcome: 7;
    // source: 3), the rest at 0 or at their largest: 2 × 5 × 3 = 30 combinations, some met twice.
    // All zeros is what an empty slot of the cache holds: it must get an id of its own all the same.
    const largest = [0xffff, 0xffff, 0xffff, 7, 3];
    const combos: number[][] = [];
    for (const base of [[0, 0, 0, 0, 0], largest]) {
      for (let field = 0; field < 5; field++) for (const value of [0, 1, largest[field]!]) combos.push(base.map((v, k) => (k === field ? value : v)));
    }
    const counting = new TallyCounting();
    const idOf = (c: number[]) => counting.idOf(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!);
    const ids = combos.map(idOf);
    const distinct = new Map<number, number>();
    for (const c of combos) if (!distinct.has(comboOf(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!))) distinct.set(comboOf(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!), distinct.size);
    // Two distinct combinations per field and base (0 or 1 and the other end) plus the two bases: 22.
    expect(distinct.size).toBe(22);
    expect(ids).toEqual(combos.map((c) => distinct.get(comboOf(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!))));
    // Met again, in reverse order: the ids they were given.
    expect([...combos].reverse().map(idOf)).toEqual([...ids].reverse());
  });
});
