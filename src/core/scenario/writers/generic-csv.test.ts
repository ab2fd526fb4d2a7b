import { describe, expect, it } from 'vitest';
import { genericCsvWriter as writer } from './generic-csv';
import { countBy, destinationOf, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

const trunkOf = (trunkIndex: number) => SMALL_SPEC.trunks[trunkIndex]!.name;
const rt = await roundTrip(SMALL_SPEC, writer);

describe('generic-csv (carrier portal, Invade-like) writer → reader', () => {
  it('is detected from its content (the generic reader), every row used, one call per attempt', () => {
    expect(rt.file.format?.id).toBe('generic-csv');
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 1 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toMatchObject({ sipCodes: true, separates503From603: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: true, callerId: true, endTimes: false, trunk: true });
  });

  it('the guessed mapping finds every column', () => {
    expect(rt.file.mapping?.roles).toEqual({ start: 0, trunk: 1, callerId: 2, destination: 3, duration: 4, sipCode: 5, reason: 6 });
    expect(rt.text.startsWith('Time Start (UTC),Trunk Name,CLI,Destination,Duration (secs),Disconnect Code,Disconnect Reason\r\n')).toBe(true);
  });

  it('count per (trunk, SIP code) equals the truth', () => {
    const truth = countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${c.sipCode}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(truth);
    expect(Object.keys(truth)).toEqual(expect.arrayContaining(['carrier-a 503', 'carrier-b 603', 'carrier-c 403']));
  });

  it('per call: trunk, SIP code, start to the second, destination, caller ID', () => {
    const expected = rt.truth.map((c) => ({ trunk: trunkOf(c.trunkIndex), sip: c.sipCode, start: startSec(c), destination: destinationOf(c), callerId: c.callerId }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, sip: c.sipCode, start: c.startSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });

  it('no end time: the reader ends each call at start + billed seconds, short of the truth by the ring time', () => {
    const expected = rt.truth.map((c) => ({ start: startSec(c), end: startSec(c) + c.talkSec }));
    const read = rt.calls.map((c) => ({ start: c.startSec, end: c.endSec }));
    expect(multisetDiff(expected, read)).toEqual([]);
    expect(rt.truth.filter((c) => c.ringSec > 0).length).toBeGreaterThan(rt.truth.length / 2);
  });
});
