import { describe, expect, it } from 'vitest';
import { carrierAddress } from './freeswitch-cdr-csv-opencdrrate';
import { gatewayGroupOf, kamailioAccWriter as writer, kamailioAccWriterWith } from './kamailio-acc';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

// Without a dr_gateways file a group is labelled with the gateway address its calls went to (dst_domain).
const groupOf = (trunkIndex: number) => `gwgroup ${gatewayGroupOf(trunkIndex)} (${carrierAddress(trunkIndex)})`;
const rt = await roundTrip(SMALL_SPEC, writer);
const answered = rt.truth.filter((c) => c.answered).length;

describe('kamailio-acc (dSIPRouter acc CSV) writer → reader', () => {
  it('is detected from its content; every row used: INVITEs are calls, BYEs are merged into them', () => {
    expect(rt.file.format).toMatchObject({ id: 'kamailio-acc', variant: 'dSIPRouter acc, header, 18 columns' });
    // One INVITE row per attempt plus one BYE row per answered call; a BYE completes its call
    // (RowOutcome 'merged': read and used, no record of its own).
    expect(rt.file.rows).toEqual({ read: rt.truth.length + answered, used: rt.truth.length + answered, skipped: 0, headerLines: 1 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: true, callerId: true, endTimes: true, trunk: true });
  });

  it('rows in insert order: ids 1…n, times never going back', () => {
    const rows = rt.text.trimEnd().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.map((r) => Number(r[0]))).toEqual(rows.map((_, i) => i + 1));
    const times = rows.map((r) => r[7]!);
    expect(times).toEqual([...times].sort());
    expect(rows.filter((r) => r[1] === 'BYE')).toHaveLength(answered);
  });

  it('count per (trunk, SIP code) equals the truth', () => {
    const truth = countBy(rt.truth, (c) => `${groupOf(c.trunkIndex)} ${c.sipCode}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(truth);
    expect(Object.keys(truth)).toEqual(expect.arrayContaining([`${groupOf(0)} 503`, `${groupOf(1)} 603`, `${groupOf(2)} 403`]));
  });

  it('per call: trunk, SIP code, the final reply time as start, the BYE as end, destination, caller ID', () => {
    // acc writes a row when the transaction ends: an INVITE's `time` is its final reply (answer or
    // rejection), so the reader's start is the simulated start plus the ring time; an answered
    // call ends at its BYE, a failed one has no end in the table.
    const expected = rt.truth.map((c) => ({
      trunk: groupOf(c.trunkIndex),
      sip: c.sipCode,
      start: startSec(c) + c.ringSec,
      end: c.answered ? endSec(c) : null,
      destination: destinationOf(c),
      callerId: c.callerId,
    }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, sip: c.sipCode, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});

// A third of the calls challenged (407) before the retry that reaches the carrier, a fifth of
// those twice in the same second, and phones with a wrong password on call ids of their own.
const challenged = await roundTrip(SMALL_SPEC, kamailioAccWriterWith({ digestAuth: { challenged: 0.33, twice: 0.2, neverRetried: 0.05 } }));

describe('kamailio-acc with the proxy\'s digest challenges', () => {
  // Counted from the text alone: rows per call id.
  const rows = challenged.text.trimEnd().split('\n').slice(1).map((l) => l.split(','));
  const byCall = new Map<string, string[][]>();
  for (const r of rows) byCall.set(r[4]!, [...(byCall.get(r[4]!) ?? []), r]);
  const calls = [...byCall.values()];
  const has407 = (c: string[][]) => c.some((r) => r[5] === '407');
  const carrierRow = (c: string[][]) => c.some((r) => r[1] === 'INVITE' && r[5] !== '407');
  const retried = calls.filter((c) => has407(c) && carrierRow(c));
  const neverRetried = calls.filter((c) => has407(c) && !carrierRow(c));

  it('the calls read are the simulated calls, as without challenges', () => {
    expect(retried.length).toBeGreaterThan(100);
    expect(retried.filter((c) => c.filter((r) => r[5] === '407').length === 2).length).toBeGreaterThan(10);
    expect(neverRetried.length).toBeGreaterThan(5);
    expect(challenged.summary.calls).toBe(rt.truth.length);
    // The same calls; only the start of a challenged one moves (below).
    const butStart = (calls: typeof rt.calls) => calls.map(({ startSec, ...rest }) => (void startSec, rest));
    expect(multisetDiff(butStart(rt.calls), butStart(challenged.calls))).toEqual([]);
  });

  it('a challenged call starts at its first 407 (its INVITE), any other at its final reply', () => {
    const { store } = challenged;
    const knownStarts: number[] = [];
    let atReply = 0;
    for (let i = 0; i < store.length; i++) {
      if (store.startIsFinalReply[i] === 1) atReply++;
      else knownStarts.push(store.startMs[i]! / 1000);
    }
    // From the text: each retried call's first 407 row, as seconds.
    const firstChallenge = retried.map((c) => Date.parse(`${c.find((r) => r[5] === '407')![7]!.replace(' ', 'T')}Z`) / 1000);
    expect(multisetDiff(firstChallenge, knownStarts)).toEqual([]);
    expect(atReply).toBe(rt.truth.length - retried.length);
    // Without challenges every start is the final reply.
    expect(rt.store.startIsFinalReply.subarray(0, rt.store.length).every((v) => v === 1)).toBe(true);
  });

  it('rows read = used + skipped; the calls never retried are skipped as internal, one reason per call', () => {
    const { rows: counts } = challenged.file;
    expect(counts.read).toBe(rows.length);
    expect(counts.read).toBe(counts.used + counts.skipped);
    expect(counts.skipped).toBe(neverRetried.length);
    expect(challenged.file.traffic.internal).toBe(neverRetried.length);
  });

  it('challenges counted per call, and the retries answered (a retry the carrier refuses is its refusal)', () => {
    const answeredRetry = retried.filter((c) => c.some((r) => r[1] === 'INVITE' && r[5] === '200')).length;
    const refusedRetry = retried.filter((c) => c.some((r) => r[1] === 'INVITE' && ['503', '603', '403'].includes(r[5]!))).length;
    expect(refusedRetry).toBeGreaterThan(10);
    expect(challenged.file.traffic).toMatchObject({ authChallenges: retried.length + neverRetried.length, answeredAfterChallenge: answeredRetry });
    // The refusals after a challenge are the carrier's: the same 503/603/403 counts per trunk as the truth.
    const truth = countBy(rt.truth, (c) => `${groupOf(c.trunkIndex)} ${c.sipCode}`);
    expect(countBy(challenged.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(truth);
  });
});

// The site logs the INVITE's time in an extra column (invite_time): every start is the simulated one.
const invited = await roundTrip(SMALL_SPEC, kamailioAccWriterWith({ inviteTime: true }));

describe('kamailio-acc with an invite_time column', () => {
  it('every call starts at its INVITE, to the second, and none is stamped at its final reply', () => {
    expect(invited.file.format?.variant).toBe('dSIPRouter acc, header, 19 columns');
    expect(invited.summary.calls).toBe(invited.truth.length);
    expect(multisetDiff(invited.truth.map((c) => startSec(c)), invited.calls.map((c) => c.startSec))).toEqual([]);
    expect(invited.store.startIsFinalReply.subarray(0, invited.store.length).every((v) => v === 0)).toBe(true);
  });
});
