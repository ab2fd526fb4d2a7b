import { describe, expect, it } from 'vitest';
import { countBy, destinationOf, endSec, multisetDiff, roundTrip, SMALL_SPEC, startSec } from './round-trip';
import { vicidialExportCallsCarrierWriter as writer } from './vicidial-export-calls-carrier';

const prefixOf = (trunkIndex: number) => `prefix ${SMALL_SPEC.trunks[trunkIndex]!.dialPrefix}`;
const rt = await roundTrip(SMALL_SPEC, writer);

describe('vicidial-export-calls-carrier writer → reader', () => {
  it('is detected from its content, every row used, one call per attempt', () => {
    expect(rt.file.format?.id).toBe(writer.formatId);
    expect(rt.file.format?.variant).toBe('Export Calls Report carrier, STANDARD');
    expect(rt.file.delimiter).toBe('\t');
    expect(rt.file.rows).toEqual({ read: rt.truth.length, used: rt.truth.length, skipped: 0, headerLines: 1 });
    expect(rt.file.error).toBeNull();
    expect(rt.summary.calls).toBe(rt.truth.length);
    expect(rt.truth.length).toBeGreaterThan(300);
    expect(rt.file.capabilities).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
    expect(writer.carries).toEqual({ sipCodes: true, callerId: true, endTimes: true, trunk: true });
  });

  it('is written as the PHP writes it: tab-delimited, CRLF, 62 fields, addslashes', () => {
    const lines = rt.text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]!.endsWith('\tdial log sip_hangup_reason\t')).toBe(true);
    for (const line of lines.slice(0, -1)) expect(line.split('\t')).toHaveLength(62);
    // dial log outbound_cid `"V…" <cid>` (addslashes: \"), sip code 0, no reason, uniqueid
    expect(lines[1]).toMatch(/\t\\"V\d{20}\\" <1312555\d{4}>\t0\t\t\d{10}\.\d+$/);
    expect(rt.text).not.toMatch(/[^\\]"/); // every quote escaped
    expect(rt.text).toContain("O\\'Brien");
  });

  it('trunks are the dial prefixes, split from the phone code', () => {
    expect(rt.summary.trunks.map((t) => t.name).sort()).toEqual(SMALL_SPEC.trunks.map((t) => `prefix ${t.dialPrefix}`).sort());
  });

  it('count per (trunk, SIP code) equals the truth', () => {
    const truth = countBy(rt.truth, (c) => `${prefixOf(c.trunkIndex)} ${c.sipCode}`);
    expect(countBy(rt.calls, (c) => `${c.trunk} ${c.sipCode}`)).toEqual(truth);
    expect(Object.keys(truth)).toEqual(expect.arrayContaining(['prefix 9 503', 'prefix 77 603', 'prefix 8 403']));
  });

  it('per call: trunk, SIP code, start and end to the second, destination with country code, caller ID', () => {
    const expected = rt.truth.map((c) => ({
      trunk: prefixOf(c.trunkIndex),
      sip: c.sipCode,
      start: startSec(c),
      end: endSec(c),
      destination: destinationOf(c),
      callerId: c.callerId,
    }));
    const read = rt.calls.map((c) => ({ trunk: c.trunk, sip: c.sipCode, start: c.startSec, end: c.endSec, destination: c.destination, callerId: c.callerId }));
    expect(multisetDiff(expected, read)).toEqual([]);
  });
});
