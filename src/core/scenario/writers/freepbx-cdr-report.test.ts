import { describe, expect, it } from 'vitest';
import type { OutcomeClass } from '../../model/call-record';
import { pjsipDisposition } from './asterisk-master-csv';
import { freepbxCdrReportWriter as writer } from './freepbx-cdr-report';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';

/** What a disposition tells (main/cdr.c; formats.md §1.4, §7.6). */
const DISPOSITION_CLASS: Record<string, OutcomeClass> = { ANSWERED: 'answered', FAILED: 'capacity', BUSY: 'user', 'NO ANSWER': 'user' };
const trunkOf = (trunkIndex: number) => SMALL_SPEC.trunks[trunkIndex]!.name;
const rt = await roundTrip(SMALL_SPEC, writer);

describe('freepbx-cdr-report writer → reader', () => {
  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format).toMatchObject({ id: 'freepbx-cdr-report', variant: '26-column header (FreePBX 15–17)' });
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 1 });
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.file.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: false, callerId: true, endTimes: true, trunk: true });
  });

  it('fputcsv quoting: dates, NO ANSWER, clid and Dial() data quoted, the rest bare', () => {
    const lines = rt.text.split('\n');
    expect(lines[0]!.split(',')).toHaveLength(26);
    expect(lines[1]).toMatch(/^"2026-11-16 10:00:\d\d","""Campaign"" <\d{11}>",\d{11},\d+,from-dialer,Local\/\d+@from-dialer-[0-9a-f]{8};2,PJSIP\/carrier-[abc]-[0-9a-f]{8},Dial,"PJSIP\/\d+@carrier-[abc],300,T",\d+,\d+,/);
    expect(rt.text).toContain(',"NO ANSWER",3,,');
  });

  it('count per (trunk, outcome class) equals the truth through chan_pjsip: 503 → FAILED, 603 and 403 → NO ANSWER', () => {
    const truth = countBy(rt.truth, (c) => `${trunkOf(c.trunkIndex)} ${DISPOSITION_CLASS[pjsipDisposition(c.sipCode)]}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.outcome}`)).toEqual(truth);
    // The loss, visible: carrier B's 603s and carrier C's 403s are 'user' like real no-answers.
    expect(rt.calls.some((c) => c.outcome === 'policy' || c.sipCode !== null)).toBe(false);
    expect(truth['carrier-c user']).toBe(rt.truth.filter((c) => c.trunkIndex === 2).length);
    expect(truth['carrier-a capacity']).toBe(rt.truth.filter((c) => c.trunkIndex === 0 && c.sipCode === 503).length);
  });

  it('per call: trunk, outcome class, start (calldate) and end (start + duration), destination, caller ID', () => {
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
