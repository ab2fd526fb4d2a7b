import { describe, expect, it } from 'vitest';
import type { TrunkStats } from '../../core/analysis/dashboard-types';
import { trunkRowOrder } from './trunk-order';

/** A trunk with `attempts` attempts of which `rejected` were 503s, the rest answered. */
function trunk(name: string, attempts: number, rejected: number, inbound = 0): TrunkStats {
  const answered = attempts - rejected;
  return {
    trunk: name,
    attempts,
    inbound,
    answered,
    asr: { n: answered, d: attempts },
    ner: { n: answered, d: attempts },
    seer: { n: answered, d: attempts },
    acdSec: answered > 0 ? 30 : null,
    rate503: { n: rejected, d: attempts, provenance: { sip: rejected, q850: 0, disposition: 0 } },
    rate603: { n: 0, d: attempts, provenance: { sip: 0, q850: 0, disposition: 0 } },
    ambiguous403or603: 0,
    byOutcome: { answered, capacity: rejected, policy: 0, number: 0, user: 0, other: 0, unknown: 0 },
    byCode: [],
    provenance: { sip: attempts, q850: 0, disposition: 0, none: 0 },
    trend: [],
  };
}

const noOnset = () => Number.POSITIVE_INFINITY;
const names = (rows: TrunkStats[]) => rows.map((t) => t.trunk);

describe('the trunk table’s order', () => {
  // simularent_Master.csv's trunks: none rejected a call, one only ever called in.
  const quiet = [trunk('50.112.48.21', 0, 0, 22), trunk('216.207.245.8:4569', 1, 0), trunk('Motif/voice.google.com', 11, 0), trunk('sipus1', 122, 0, 1)];

  it('puts the most attempts first among trunks equal on the column, worst first or not', () => {
    expect(names(trunkRowOrder(quiet, 'reject', true, noOnset))).toEqual(['sipus1', 'Motif/voice.google.com', '216.207.245.8:4569', '50.112.48.21']);
    expect(names(trunkRowOrder(quiet, 'reject', false, noOnset))).toEqual(['sipus1', 'Motif/voice.google.com', '216.207.245.8:4569', '50.112.48.21']);
  });

  it('sorts on the column first: rejected share 5/10 = 50 %, 10/100 = 10 %, 0/200 = 0 %', () => {
    const mixed = [trunk('b', 100, 10), trunk('c', 200, 0), trunk('a', 10, 5)];
    expect(names(trunkRowOrder(mixed, 'reject', true, noOnset))).toEqual(['a', 'b', 'c']);
    expect(names(trunkRowOrder(mixed, 'reject', false, noOnset))).toEqual(['c', 'b', 'a']);
    expect(names(trunkRowOrder(mixed, 'attempts', true, noOnset))).toEqual(['c', 'b', 'a']);
    expect(names(trunkRowOrder(mixed, 'trunk', false, noOnset))).toEqual(['a', 'b', 'c']);
    expect(names(trunkRowOrder(mixed, 'trunk', true, noOnset))).toEqual(['c', 'b', 'a']);
  });

  it('orders by first onset, a trunk with none last, and leaves its input as it was', () => {
    const mixed = [trunk('b', 100, 10), trunk('c', 200, 0), trunk('a', 10, 5)];
    const onsets: Record<string, number> = { a: 2000, b: 1000 };
    const onsetOf = (t: string) => onsets[t] ?? Number.POSITIVE_INFINITY;
    expect(names(trunkRowOrder(mixed, 'onset', false, onsetOf))).toEqual(['b', 'a', 'c']);
    expect(names(mixed)).toEqual(['b', 'c', 'a']);
  });
});
