/**
 * The in-app sample day (src/worker/ingest.worker.ts sampleDayFile()) is SAMPLE_DAY written by the
 * richest VICIdial writer, the Export Calls Report carrier variant. The UI names its trunks by dial
 * prefix (src/features/trunk-list/sample-day-names.ts keys `prefix <dialPrefix>`), so the reader
 * must produce exactly those names, with the simulated attempts on each, caller IDs and country codes.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_DAY } from '../scenario';
import { countBy, roundTrip } from './round-trip';
import { vicidialExportCallsCarrierWriter } from './vicidial-export-calls-carrier';

const rt = await roundTrip(SAMPLE_DAY, vicidialExportCallsCarrierWriter);

describe('the sample day, as a VICIdial Export Calls Report (carrier)', () => {
  it('reads back as that format, every row used', () => {
    expect(rt.file.format?.id).toBe('vicidial-export-calls-carrier');
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 1 });
    expect(rt.summary.calls).toBe(rt.truth.length);
  });

  it('has the 10 trunks prefix 9, prefix 8, … prefix 77, prefix 55 with the simulated attempts', () => {
    const names = SAMPLE_DAY.trunks.map((t) => `prefix ${t.dialPrefix}`);
    expect(names).toEqual(['prefix 9', 'prefix 8', 'prefix 7', 'prefix 6', 'prefix 5', 'prefix 4', 'prefix 3', 'prefix 2', 'prefix 77', 'prefix 55']);
    const simulated = countBy(rt.truth, (c) => `prefix ${SAMPLE_DAY.trunks[c.trunkIndex]!.dialPrefix}`);
    const read = Object.fromEntries(rt.summary.trunks.map((t) => [t.name, t.attempts]));
    expect(read).toEqual(simulated);
    expect(Object.keys(read).sort()).toEqual([...names].sort());
  });

  it('every call has its caller ID and a destination with its country code', () => {
    expect(rt.calls.every((c) => /^1312555\d{4}$/.test(c.callerId))).toBe(true);
    const byCountry = countBy(rt.calls, (c) => (c.destination.startsWith('1') ? '1' : c.destination.slice(0, 2)));
    expect(Object.keys(byCountry).sort()).toEqual(['1', '44', '52', '61', '63']);
    expect(countBy(rt.calls, (c) => c.destination)).toEqual(countBy(rt.truth, (c) => c.countryCode + c.nationalNumber));
  });
});
