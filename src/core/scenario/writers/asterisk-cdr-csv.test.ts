import { describe, expect, it } from 'vitest';
import { DIRECTIONS } from '../../analysis/call-columns';
import type { OutcomeClass } from '../../model/call-record';
import { asteriskMasterCsvWriter, pjsipDisposition } from './asterisk-master-csv';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

/** What a disposition tells (main/cdr.c; formats.md §1.4, §7.6): nothing finer than these classes. */
const DISPOSITION_CLASS: Record<string, OutcomeClass> = { ANSWERED: 'answered', FAILED: 'capacity', BUSY: 'user', 'NO ANSWER': 'user' };
const trunkOf = (trunkIndex: number) => SMALL_SPEC.trunks[trunkIndex]!.name;

describe('asterisk-cdr-csv writer (dispositions only) → reader', async () => {
  const writer = asteriskMasterCsvWriter({ hangupCauseInUserfield: false });
  const rt = await roundTrip(SMALL_SPEC, writer);

  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format).toMatchObject({ id: 'asterisk-cdr-csv', variant: '18 columns (loguniqueid, loguserfield)' });
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 0 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: false, callerId: true, endTimes: true, trunk: true });
  });

  it('rows come in end-time order, as cdr_csv appends them at hangup', () => {
    // The end is the last date on the line (start, answer if any, end).
    const ends = rt.text.trimEnd().split('\n').map((line) => line.match(/"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/g)!.at(-1));
    expect(ends).toEqual([...ends].sort());
    // An unanswered call's answer is a bare empty field between quoted start and end (§1.3).
    expect(rt.text).toMatch(/"2026-11-16 \d\d:\d\d:\d\d",,"2026-11-16 \d\d:\d\d:\d\d",\d+,0,"NO ANSWER"/);
  });

  it('count per (trunk, outcome class) equals the truth through chan_pjsip: 503 → FAILED, 603 and 403 → NO ANSWER', () => {
    const truth = countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${DISPOSITION_CLASS[pjsipDisposition(c.sipCode)]}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.outcome}`)).toEqual(truth);
    // The information loss, visible: no call is 'policy', the refusals went to 'user'.
    expect(rt.calls.some((c) => c.outcome === 'policy')).toBe(false);
    expect(rt.calls.every((c) => c.sipCode === null)).toBe(true);
    const refused = rt.truth.filter((c) => c.sipCode === 603 || c.sipCode === 403).length;
    expect(refused).toBeGreaterThan(20);
    expect(truth['carrier-c user']).toBe(rt.truth.filter((c) => c.trunkIndex === 2).length);
  });

  it('per call: trunk, outcome class, start and end to the second, destination, caller ID', () => {
    const expected = rt.truth.map((c) => ({
      trunk: trunkOf(c.trunkIndex),
      outcome: DISPOSITION_CLASS[pjsipDisposition(c.sipCode)],
      start: startSec(c),
      end: endSec(c),
      destination: destinationOf(c),
      callerId: c.callerId,
    }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, outcome: c.outcome, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});

describe('asterisk-cdr-csv writer with HANGUPCAUSE(…,tech) in userfield → reader', async () => {
  const writer = asteriskMasterCsvWriter({ hangupCauseInUserfield: true });
  const rt = await roundTrip(SMALL_SPEC, writer);

  it('the SIP code survives: count per (trunk, SIP code) equals the truth', () => {
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 0 });
    expect(rt.file.capabilities).toMatchObject({ sipCodes: true, separates503From603: true });
    expect(writer.carries?.sipCodes).toBe(true);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${c.sipCode}`));
  });

  it('per call: trunk, SIP code, start, end, destination, caller ID', () => {
    const expected = rt.truth.map((c) => ({ trunk: trunkOf(c.trunkIndex), sip: c.sipCode, start: startSec(c), end: endSec(c), destination: destinationOf(c), callerId: c.callerId }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, sip: c.sipCode, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});

describe('asterisk-cdr-csv writer with the rows a PBX writes beside the dialer\'s (pbxLegs) → reader', async () => {
  const rt = await roundTrip(SMALL_SPEC, asteriskMasterCsvWriter({ hangupCauseInUserfield: false, pbxLegs: true }));
  // Which extra row each call brought (the writer's rule: every 5th a call in, else every 7th phone to phone, …).
  const inFromTrunk = rt.truth.filter((c) => c.sequence % 5 === 1);
  const rest = rt.truth.filter((c) => c.sequence % 5 !== 1);
  const phoneToPhone = rest.filter((c) => c.sequence % 7 === 2);
  const hungUp = rest.filter((c) => c.sequence % 7 !== 2 && c.sequence % 11 === 3);
  const voicemail = rest.filter((c) => c.sequence % 7 !== 2 && c.sequence % 11 !== 3 && c.sequence % 13 === 4);
  const direction = (i: number) => DIRECTIONS[rt.store.direction[i]!];
  const skipped = Object.fromEntries(rt.file.skipped.map((g) => [g.reason.split(' (')[0], g.count]));

  it('every row accounted for: the dialer\'s calls, a Local `;1` half each, and the extra calls', () => {
    expect(inFromTrunk.length).toBeGreaterThan(20);
    expect(phoneToPhone.length + hungUp.length + voicemail.length).toBeGreaterThan(20);
    const rows = 2 * rt.truth.length + inFromTrunk.length + phoneToPhone.length + hungUp.length + voicemail.length;
    expect(rt.file.rows).toEqual({ read: rows, used: rt.truth.length + inFromTrunk.length + voicemail.length, skipped: rt.truth.length + phoneToPhone.length + hungUp.length, headerLines: 0 });
    expect(skipped).toEqual({
      'Local channel leg with no trunk': rt.truth.length,
      'internal call: extension to extension': phoneToPhone.length,
      'internal call: no trunk in channel, dstchannel or lastdata': hungUp.length,
    });
  });

  it("the dialer's attempts are as without those rows; the calls in are inbound, on the trunk or the carrier's IP", () => {
    const outbound = rt.calls.filter((_, i) => direction(i) === 'outbound');
    expect(countBy(outbound, (c) => `${c.trunk} ${c.outcome}`)).toEqual(countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${DISPOSITION_CLASS[pjsipDisposition(c.sipCode)]}`));
    const inbound = rt.calls.filter((_, i) => direction(i) === 'inbound');
    const expected = { ...countBy(inFromTrunk, (c) => trunkOf(c.trunkIndex)), '203.0.113.7': voicemail.length };
    expect(countBy(inbound, (c) => c.trunk)).toEqual(expected);
  });
});

describe('pjsipDisposition (formats.md §7.6)', () => {
  it('503 FAILED; 603, 403, 404, 480, 408, 484, 488 NO ANSWER; 486 BUSY; 2xx ANSWERED', () => {
    expect([200, 503, 603, 403, 404, 480, 408, 484, 488, 487, 486, 600, 500, 502, 504, 580].map(pjsipDisposition)).toEqual([
      'ANSWERED', 'FAILED', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER',
      'BUSY', 'BUSY', 'NO ANSWER', 'NO ANSWER', 'NO ANSWER', 'FAILED',
    ]);
  });
});
