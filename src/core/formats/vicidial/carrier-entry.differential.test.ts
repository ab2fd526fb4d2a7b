/**
 * The carrier-entry path (CALL DATE, times, outcome, trunk, destination) against its pre-speed-work
 * self (reference-entry-path.test.ts), field by field: on the generated sample day's carrier log,
 * on every committed VICIdial fixture row, and on fast-check entries built from the values real
 * reports hold (Local channels with and without the phone inside, SIP/DAHDI channels, masked
 * numbers, spreadsheet dates, Export Calls Report dial-log fields) plus noise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { vicidialCarrierLogWriter } from '../../scenario/writers/vicidial-carrier-log';
import { writeScenarioText } from '../../scenario/writers/writer';
import { carrierEntryOutcome, type CarrierEntry } from './carrier-entry';
import { vicidialCarrierLog } from './carrier-log';
import { referenceCarrierEntryOutcome } from './reference-entry-path.test';
import { rowOf } from '../../read/row';

const LABEL = { date: 'CALL DATE', times: 'DIAL TIME / ANSWERED TIME' };

/** Columns 1–12 of a carrier log row as carrier-log.ts hands them over. */
function entryOf(row: readonly string[]): CarrierEntry {
  const [uniqueid = '', callDate = '', , , hangupCause = '', dialStatus = '', channel = '', dialTime = '', answeredTime = '', sipCode = '', sipReason = '', phone = ''] = row;
  return { uniqueid, callDate, hangupCause, dialStatus, channel, dialTime, answeredTime, sipCode, sipReason, phone };
}

function expectSame(entry: CarrierEntry): void {
  expect(carrierEntryOutcome(entry, LABEL), JSON.stringify(entry)).toEqual(referenceCarrierEntryOutcome(entry, LABEL));
}

describe('carrier entries = reference, on the generated sample day', () => {
  it('every row of two hours of the carrier log, and the parser hands out the same records', () => {
    const text = writeScenarioText({ ...SAMPLE_DAY, fromSecond: 10 * 3600, toSecond: 12 * 3600 }, vicidialCarrierLogWriter);
    const rows = tokenizeAll(text, { delimiter: ',' }).map((r) => r.fields).slice(1);
    expect(rows.length).toBeGreaterThan(3000);
    const parser = vicidialCarrierLog.createParser({ fileName: 'unknown', delimiter: ',' });
    let records = 0;
    for (const [i, row] of rows.entries()) {
      const reference = referenceCarrierEntryOutcome(entryOf(row), LABEL);
      expect(carrierEntryOutcome(entryOf(row), LABEL)).toEqual(reference);
      expect(parser.parse(rowOf(row), i + 2)).toEqual(reference);
      if (reference.kind === 'record') records++;
    }
    expect(records).toBe(rows.length);
  });
});

describe('carrier entries = reference, on every committed VICIdial fixture row', () => {
  const dir = fileURLToPath(new URL('../../../../fixtures/cdr/', import.meta.url));
  const files = ['vicidial-carrier-log', 'vicidial-export-calls-carrier'].flatMap((d) => readdirSync(dir + d).map((f) => `${d}/${f}`));
  it.each(files)('%s', (file) => {
    const text = readFileSync(dir + file, 'utf8');
    for (const { fields } of tokenizeAll(text, { delimiter: text.includes('\t') ? '\t' : ',' })) expectSame(entryOf(fields));
  });
});

const text = (values: readonly string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
const phone = text(['3125551212', '+3125551212', ' 3125551212 ', 'XXXXXX1212', '447700900123', '8095551234', '', '12', '+', 'X']);
const channel = fc.oneof(
  fc.tuple(fc.constantFrom('9', '91', '944', '77', '', '8'), fc.constantFrom('1', '44', '', '1809'), phone, fc.constantFrom('default', 'from-dialer'), fc.constantFrom('-00000a03;2', '-0000ABCD;1', '', ';2', '-1234')).map(
    ([prefix, code, number, context, suffix]) => `Local/${prefix}${code}${number.trim().replace(/^\+/, '')}@${context}${suffix}`,
  ),
  text(['SIP/northtel-0000000a', 'PJSIP/carrier-e-00000001', 'IAX2/peer-12', 'DAHDI/i1/3125551212-1a', 'DAHDI/1-1', 'Local/s@default', ' Local/913125551212@default-00000001;2 ', '', 'Console/dsp']),
);
const entry = fc.record(
  {
    uniqueid: text(['1714572003.1004', '1714572003', 'srv1-1714572003.5', '', 'abc']),
    callDate: text(['2024-05-01 09:00:03', '5/1/2024 9:00', '1/5/2024 9:00', '13/5/2024 9:00', '2024-02-30 09:00:00', '', '1714572003']),
    hangupCause: text(['16', '17', '21', '34', '0', '', '127', '816', 'x']),
    dialStatus: text(['ANSWER', 'BUSY', 'NOANSWER', 'CANCEL', 'CONGESTION', 'CHANUNAVAIL', 'DONTCALL', ' congestion ', '']),
    channel,
    dialTime: text(['0', '3', '26', '', ' 5', '1.5', '1:30', '٣', '0x1']),
    answeredTime: text(['0', '12', '', '30']),
    sipCode: text(['503', '603', '200', '180', '999', '0', '', ' 486 ', '5031']),
    sipReason: text(['Service Unavailable', 'Decline', '', 'SIP 503 Service Unavailable', 'PJSIP 200 OK', 'SIP 180 Ringing']),
    phone,
    dialLogChannel: channel,
    dialLogSipCode: text(['503', '', '603', '999']),
    dialLogSipReason: text(['Service Unavailable', '']),
    callerId: text(['3125550100', '']),
    phoneCode: text(['1', '44', '', ' 1 ', '1234', 'x']),
  },
  { requiredKeys: ['uniqueid', 'callDate', 'hangupCause', 'dialStatus', 'channel', 'dialTime', 'answeredTime', 'sipCode', 'sipReason', 'phone'] },
);

describe('carrier entries = reference, on generated entries (fast-check)', () => {
  it('every outcome field by field, Carrier Log and Export Calls Report shapes alike', () => {
    fc.assert(fc.property(entry, expectSame), { numRuns: 5000 });
  });

  it('the generated entries reach records and both skip reasons, trunks of every kind', () => {
    const outcomes = fc.sample(entry, { numRuns: 3000, seed: 7 }).map((e) => carrierEntryOutcome(e, LABEL));
    const trunks = outcomes.map((o) => (o.kind === 'record' ? o.record.trunk.replace(/ .*|\/.*/, '') : o.kind === 'skip' ? o.reason : o.kind));
    for (const kind of ['prefix', 'Local', 'DAHDI', 'northtel', '(no', `bad ${LABEL.date} (not a date)`, `bad ${LABEL.times} (not a number)`]) {
      expect(trunks, kind).toContain(kind);
    }
  });
});
