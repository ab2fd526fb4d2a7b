import { describe, expect, it } from 'vitest';
import { freeswitchOpencdrrateWriter as writer } from './freeswitch-cdr-csv-opencdrrate';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

const trunkOf = (trunkIndex: number) => SMALL_SPEC.trunks[trunkIndex]!.name;
const rt = await roundTrip(SMALL_SPEC, writer);

describe('freeswitch-cdr-csv-opencdrrate writer → reader', () => {
  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format).toMatchObject({ id: 'freeswitch-cdr-csv-opencdrrate', variant: 'opencdrrate' });
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 0 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: false, callerId: true, endTimes: true, trunk: true });
  });

  it('13 quoted values, gateway leg: outbound, regex true, sip_gateway_name last', () => {
    const rows = rt.text.trimEnd().split('\n');
    for (const row of rows) expect(row).toMatch(/^"[0-9a-f-]{36}","([0-9a-f-]{36})?","outbound","\d{11}","\d+","([\d: -]{19})?","[\d: -]{19}","\d+","","","203\.0\.113\.\d+","true","carrier-[abc]"$/);
  });

  it('count per (trunk, outcome class): answered calls, and unanswered ones with no reason at all', () => {
    const truth = countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${c.answered ? 'answered' : 'unknown'}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.outcome}`)).toEqual(truth);
    expect(rt.calls.every((c) => c.sipCode === null)).toBe(true);
  });

  it('per call: trunk, class, end to the second, destination, caller ID; the start is the answer (or the end)', () => {
    // No start_stamp in the template: the reader places an attempt at its answer, else at its end,
    // which is the start plus the ring time in both cases.
    const expected = rt.truth.map((c) => ({
      trunk: trunkOf(c.trunkIndex),
      outcome: c.answered ? 'answered' : 'unknown',
      start: startSec(c) + c.ringSec,
      end: endSec(c),
      destination: destinationOf(c),
      callerId: c.callerId,
    }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, outcome: c.outcome, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});
