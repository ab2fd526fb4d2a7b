import { describe, expect, it } from 'vitest';
import { DateOrderResolver } from './date-order';

describe('DateOrderResolver', () => {
  it('takes an unambiguous day above 12 as proof for the file', () => {
    const d = new DateOrderResolver();
    expect(d.choose('05/03/24 09:32', null)).toEqual({ order: 'mdy', settled: false });
    expect(d.choose('24/08/17 09:32', null)).toEqual({ order: 'dmy', settled: true });
    expect(d.choose('05/03/24 09:32', null)).toEqual({ order: 'dmy', settled: true });
    expect(d.decided()).toBe('dmy');
  });

  it('uses the uniqueid epoch for an ambiguous row', () => {
    const d = new DateOrderResolver();
    // 1504279981 = 2017-09-01 15:33:01 UTC; the file says 16:33:01 local (UTC+1).
    expect(d.choose('1/9/2017 16:33:01', 1504279981)).toEqual({ order: 'dmy', settled: true });
    expect(d.decided()).toBe('dmy');
    // An epoch far from both readings is no evidence.
    expect(new DateOrderResolver().choose('1/9/2017 16:33:01', 1_000_000_000)).toEqual({ order: 'mdy', settled: false });
  });

  it('settles ISO dates at once and refuses non-dates', () => {
    const d = new DateOrderResolver();
    expect(d.choose('2024-03-01 10:00:00', null)).toEqual({ order: 'mdy', settled: true });
    expect(d.choose('yesterday', null)).toBeNull();
    expect(d.decided()).toBeNull();
  });

  it('names the start that proved the order, and adds up the pieces of a file in file order', () => {
    const first = new DateOrderResolver();
    first.choose('05/03/24 09:32', null);
    expect(first.proof()).toBeNull();
    const second = new DateOrderResolver();
    second.choose(' 24/08/17 09:32 ', null);
    second.choose('25/08/17 09:32', null);
    expect([second.decided(), second.proof()]).toEqual(['dmy', '24/08/17 09:32']);
    // The file's parser: the first piece proved nothing, the second day first (twice).
    const file = new DateOrderResolver();
    file.absorb(first.evidence());
    file.absorb(second.evidence());
    expect(file.evidence()).toEqual({ dmyProofs: 2, mdyProofs: 0, dmyVotes: 0, mdyVotes: 0, dmyProof: '24/08/17 09:32', mdyProof: null });
    expect([file.decided(), file.proof()]).toEqual(['dmy', '24/08/17 09:32']);
    // Evidence from a worker is checked: nothing that is not a count or a text counts.
    file.absorb({ dmyProofs: -3, mdyProofs: 'many', mdyProof: 7 });
    expect([file.decided(), file.proof()]).toEqual(['dmy', '24/08/17 09:32']);
  });
});
