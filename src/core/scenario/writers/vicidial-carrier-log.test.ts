import { describe, expect, it } from 'vitest';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';
import { dialStatusFor, vicidialCarrierLogWriter as writer } from './vicidial-carrier-log';

const prefixOf = (trunkIndex: number) => `prefix ${SMALL_SPEC.trunks[trunkIndex]!.dialPrefix}`;
const rt = await roundTrip(SMALL_SPEC, writer);

describe('vicidial-carrier-log writer → reader', () => {
  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format?.id).toBe('vicidial-carrier-log');
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 1 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toMatchObject({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: true, callerId: false, endTimes: true, trunk: true });
  });

  it('count per (trunk, SIP code) equals the truth; the dial prefix is found without a phone_code column', () => {
    const truth = countBy(rt.truth, (c) => `${prefixOf(c.trunkIndex)} ${c.sipCode}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(truth);
  });

  it('per call: trunk, SIP code, start and end to the second, destination with country code; no caller ID', () => {
    const expected = rt.truth.map((c) => ({ trunk: prefixOf(c.trunkIndex), sip: c.sipCode, start: startSec(c), end: endSec(c), destination: destinationOf(c), callerId: '' }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, sip: c.sipCode, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});

describe('dialStatusFor (app_dial handle_cause under chan_pjsip, formats.md §7.6)', () => {
  it('17 BUSY, 34 CONGESTION, 19 NOANSWER, our cancel CANCEL, every other cause CHANUNAVAIL', () => {
    expect([200, 486, 503, 480, 487, 603, 403, 404, 408, 484, 488, 500].map(dialStatusFor)).toEqual([
      'ANSWER', 'BUSY', 'CONGESTION', 'NOANSWER', 'CANCEL', 'CHANUNAVAIL', 'CHANUNAVAIL', 'CHANUNAVAIL', 'CHANUNAVAIL', 'CHANUNAVAIL', 'CHANUNAVAIL', 'CHANUNAVAIL',
    ]);
  });
});
