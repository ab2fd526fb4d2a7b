import { describe, expect, it } from 'vitest';
import type { OutcomeClass } from '../../model/call-record';
import { freeswitchCauseFor, freeswitchCdrCsvWriter as writer } from './freeswitch-cdr-csv';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

/**
 * What a cause name tells a reader of an unanswered call (Q.850/FreeSWITCH cause → SIP by
 * RFC 3398 §8.2.6.1 and mod_sofia hangup_cause_to_sip, formats.md §7.2/§7.5): a code only where
 * one cause means one code. CALL_REJECTED is 401/402/403/407/603/608 alike: no code, 'policy'.
 * RECOVERY_ON_TIMER_EXPIRE (a carrier's 408, or 504, or no reply at all) is a timeout: no single
 * code, class 'user' — as a 408 is in every format that states the code.
 */
const CAUSE_VERDICT: Record<string, { sip: number | null; outcome: OutcomeClass }> = {
  NORMAL_TEMPORARY_FAILURE: { sip: 503, outcome: 'capacity' },
  CALL_REJECTED: { sip: null, outcome: 'policy' },
  USER_BUSY: { sip: 486, outcome: 'user' },
  NO_USER_RESPONSE: { sip: 408, outcome: 'user' },
  ORIGINATOR_CANCEL: { sip: 487, outcome: 'user' },
  UNALLOCATED_NUMBER: { sip: 404, outcome: 'number' },
  INVALID_NUMBER_FORMAT: { sip: 484, outcome: 'number' },
  INCOMPATIBLE_DESTINATION: { sip: 488, outcome: 'other' },
  RECOVERY_ON_TIMER_EXPIRE: { sip: null, outcome: 'user' },
};

const expectedVerdict = (sip: number): { sip: number | null; outcome: OutcomeClass } =>
  sip >= 200 && sip < 300 ? { sip: null, outcome: 'answered' } : CAUSE_VERDICT[freeswitchCauseFor(sip)]!;

const rt = await roundTrip(SMALL_SPEC, writer);

describe('freeswitch-cdr-csv (example template) writer → reader', () => {
  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format).toMatchObject({ id: 'freeswitch-cdr-csv', variant: 'example' });
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 0 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: false });
    expect(writer.carries).toEqual({ sipCodes: false, callerId: true, endTimes: true, trunk: false });
  });

  it('15 quoted values per row, end-time order, the cause names of formats.md §7.5', () => {
    const rows = rt.text.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^"Campaign","\d{11}","\d+","default","2026-11-16 [\d:]{8}","([\d: -]{19})?","2026-11-16 [\d:]{8}","\d+","\d+","[A-Z_]+","[0-9a-f-]{36}","([0-9a-f-]{36})?","","(PCMU)?","(PCMU)?"$/);
    const ends = rows.map((r) => r.split('","')[6]!);
    expect(ends).toEqual([...ends].sort());
    expect([503, 603, 403, 486, 480, 487, 404, 200].map(freeswitchCauseFor)).toEqual([
      'NORMAL_TEMPORARY_FAILURE', 'CALL_REJECTED', 'CALL_REJECTED', 'USER_BUSY', 'NO_USER_RESPONSE', 'ORIGINATOR_CANCEL', 'UNALLOCATED_NUMBER', 'NORMAL_CLEARING',
    ]);
  });

  it('no trunk: every call on one "(no trunk column)"', () => {
    expect(rt.summary.trunks.map((t) => [t.name, t.attempts])).toEqual([['(no trunk column)', rt.truth.length]]);
  });

  it('count per (SIP code, outcome class) equals the truth through the cause names: 603 and 403 merge', () => {
    const truth = countBy(rt.truth, (c) => {
      const v = expectedVerdict(c.sipCode);
      return `${v.sip} ${v.outcome}`;
    });
    expect(countBy(rt.calls, (c) => `${c.sipCode} ${c.outcome}`)).toEqual(truth);
    const rejected = rt.truth.filter((c) => c.sipCode === 603 || c.sipCode === 403).length;
    expect(truth['null policy']).toBe(rejected);
    expect(rejected).toBeGreaterThan(20);
  });

  it('per call: code and class, start and end to the second, destination, caller ID', () => {
    const expected = rt.truth.map((c) => {
      const v = expectedVerdict(c.sipCode);
      return { sip: v.sip, outcome: v.outcome, start: startSec(c), end: endSec(c), destination: destinationOf(c), callerId: c.callerId };
    });
    const read = rt.calls.map((c) => ({ sip: c.sipCode, outcome: c.outcome, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});
