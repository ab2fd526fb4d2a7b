import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate } from '.';
import { REASON_NO_GATEWAY } from './opencdrrate';
import { decode, fixtureUrl, parseText, sampleOf, wall } from './test-helpers';

const ID = 'freeswitch-cdr-csv-opencdrrate';
const text = (name: string) => decode(new Uint8Array(readFileSync(fixtureUrl(ID, name))));
const parse = (name: string) => parseText(freeswitchCdrCsvOpencdrrate, text(name));

describe('freeswitch-cdr-csv-opencdrrate', () => {
  it('basic: gateway legs kept, an A-leg without sip_gateway_name skipped', () => {
    const { records, skips, read, parser } = parse('basic.csv');
    expect(read).toBe(5);
    expect(records.map((r) => r.trunk)).toEqual(['carrierA', 'carrierB', 'carrierB', 'carrierA']);
    expect([...skips]).toEqual([[4, REASON_NO_GATEWAY]]);
    // No start_stamp in this template: an answered leg is placed at its answer.
    expect(records[0]).toMatchObject({
      startMs: wall(2024, 3, 8, 14, 0, 5),
      answerMs: wall(2024, 3, 8, 14, 0, 5),
      endMs: wall(2024, 3, 8, 14, 2, 5),
      durationSec: null,
      talkSec: 120,
      outcome: 'answered',
      sipCode: null,
      destination: '15551230001',
      callerId: '1001',
      callId: '91a2b3c4-0001-43a4-85b6-000000000001',
    });
    // No hangup cause: an unanswered leg is unknown, placed at its end…
    expect(records[1]).toMatchObject({ startMs: wall(2024, 3, 8, 14, 3, 1), outcome: 'unknown', sipCode: null, codeSource: null });
    // …unless userfield holds HANGUPCAUSE-style text.
    expect(records[2]).toMatchObject({ sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable' });
    expect(records[3]).toMatchObject({ outcome: 'answered', talkSec: 60, callerId: '' });
    expect(parser.capabilities()).toEqual({ sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true });
  });

  it('CRLF, BOM and UTF-16 LE give the same records', () => {
    const base = parse('basic.csv').records;
    for (const name of ['crlf.csv', 'bom.csv', 'utf16le.csv']) expect(parse(name).records, name).toEqual(base);
  });

  it('truncated last line and invalid rows are skipped with reasons', () => {
    const truncated = parse('truncated.csv');
    expect(truncated.read).toBe(5);
    expect(truncated.records).toHaveLength(3);
    expect(truncated.skips.get(5)).toBe('too few columns (8 of 13): truncated row?');
    const invalid = parse('invalid.csv');
    expect(invalid.read).toBe(6);
    expect(invalid.records.map((r) => r.callId.slice(-3))).toEqual(['101']);
    expect(Object.fromEntries(invalid.skips)).toEqual({
      2: 'bad end time',
      3: 'bad answer time',
      4: 'billsec is not a number',
      5: 'too few columns (4 of 13): truncated row?',
      6: 'too many columns (14 of 13)',
    });
  });

  it('detection without the file name; the other FreeSWITCH module does not claim it', () => {
    for (const name of ['basic.csv', 'crlf.csv', 'bom.csv', 'utf16le.csv', 'truncated.csv']) {
      const sample = sampleOf(text(name));
      expect(freeswitchCdrCsvOpencdrrate.detect(sample), name).toEqual({ score: 0.9, variant: 'opencdrrate' });
      expect(freeswitchCdrCsv.detect(sample), name).toBeNull();
    }
    // Rows 1 and 3 have the right types (row 3's answer_stamp is bad, detection does not look at it);
    // the last row is not counted against the file: 2 of 5 → 0.5, still above the generic reader.
    expect(freeswitchCdrCsvOpencdrrate.detect(sampleOf(text('invalid.csv')))).toEqual({ score: 0.5, variant: 'opencdrrate' });
  });
});
