/**
 * Carrier-log calls written into columns from their bytes (carrier-columns.ts) against the
 * CallRecord way as the oracle: the parse stage without onRecord writes them, with onRecord makes
 * records; both must leave the very same columns, lines, de-duplication keys, row accounting and
 * prefix evidence. By hand first, then the fixtures and a generated day, then random rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsText } from '../../analysis/call-store';
import { packedTextAt } from '../../analysis/kept-texts';
import { parseOneWay, sameBothWays as sameWays } from '../../ingest/parse-rows-test-support';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { vicidialCarrierLogWriter } from '../../scenario/writers/vicidial-carrier-log';
import { writeScenarioText } from '../../scenario/writers/writer';
import { vicidialCarrierLog } from './carrier-log';

/** The parse stage over `text` one way or the other, and how many rows the parser wrote into columns itself. */
function parsed(text: string | Uint8Array, records: boolean) {
  const parser = vicidialCarrierLog.createParser({ fileName: 'AST_carrier_log_report.csv', delimiter: ',' });
  return {
    ...parseOneWay(parser, text, records),
    evidence: parser.fileEvidence?.(),
    aliases: parser.trunkAliases?.(),
    sipCodes: parser.capabilities().sipCodes,
  };
}

/** The two ways give the same everything; returns the calls written into columns. */
const sameBothWays = (text: string | Uint8Array): number => sameWays(parsed, text);

type Field = 'uniqueid' | 'date' | 'cause' | 'status' | 'channel' | 'dial' | 'answered' | 'sip' | 'reason' | 'phone';
const line = (over: Partial<Record<Field, string>> = {}) => {
  const f = { uniqueid: '1714572003.1004', date: '2024-05-01 09:00:03', cause: '34', status: 'CONGESTION', channel: 'Local/913125551213@default-00000a03;2', dial: '2', answered: '0', sip: '503', reason: 'Service Unavailable', phone: '3125551213', ...over };
  return `"${f.uniqueid}","${f.date}","10.0.0.15","100232","${f.cause}","${f.status}","${f.channel}","${f.dial}","${f.answered}","${f.sip}","${f.reason}","${f.phone}"`;
};
const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';

describe('a carrier-log call written into columns from its bytes, by hand', () => {
  it('the usual row: every column as the row says', () => {
    const answered = line({ uniqueid: '1714572010.1010', date: '2024-05-01 09:01:00', cause: '16', status: 'ANSWER', channel: 'Local/9442079460018@default-00000a05;2', dial: '30', answered: '22', sip: '200', reason: 'OK', phone: '2079460018' });
    const { calls, written } = parsed(`${HEADER}\n${line()}\n${answered}\n`, false);
    expect(written).toBe(2);
    const a = calls.calls.arrays;
    const t = calls.calls.texts;
    // CALL DATE is the end; the start is DIAL TIME before it.
    expect(a.endMs[0]).toBe(Date.UTC(2024, 4, 1, 9, 0, 3));
    expect(a.startMs[0]).toBe(Date.UTC(2024, 4, 1, 9, 0, 1));
    expect(a.talkSec[0]).toBe(0);
    expect(a.sipCode[0]).toBe(503);
    expect(a.q850[0]).toBe(34);
    expect(t.trunk[a.trunk[0]!]).toBe('prefix 91');
    expect(t.reason[a.reason[0]!]).toBe('Service Unavailable');
    expect(digitsText(a.destDigits[0]!, a.destLength[0]!)).toBe('13125551213');
    expect(a.callerLength[0]).toBe(0);
    expect(packedTextAt(t.callIdIndex, a.callIdIndex[0]! - 1)).toBe('1714572003.1004'); // a 503 is a capacity rejection: its id is kept
    expect(a.startMs[1]).toBe(Date.UTC(2024, 4, 1, 9, 0, 30));
    expect(a.talkSec[1]).toBe(22);
    expect(t.trunk[a.trunk[1]!]).toBe('prefix 944');
    expect(digitsText(a.destDigits[1]!, a.destLength[1]!)).toBe('442079460018');
    expect(a.callIdIndex[1]).toBe(0); // answered: no id kept
    expect(calls.dedupeKeys[0]).not.toBe(calls.dedupeKeys[1]);
  });

  it('a uniqueid a spreadsheet cut to its seconds gives no de-duplication key, as the CallRecord way', () => {
    const { calls, written } = parsed(`${line({ uniqueid: '1714572003' })}\n`, false);
    expect(written).toBe(1);
    expect(calls.dedupeKeys[0]).toBeNaN();
  });

  it('leaves to the CallRecord way what it does not read whole (and gives the same columns)', () => {
    const others = [
      HEADER,
      line({ uniqueid: ' 1714572003.1004' }), // a space to trim
      line({ uniqueid: 'caf\u00e9.1' }), // not a digit first, not ASCII
      line({ date: '5/1/2024 9:00:03' }), // a spreadsheet's date
      line({ cause: '' }), // NULL printed as ''
      line({ dial: '' }),
      line({ status: 'weird' }),
      line({ channel: 'SIP/northtel-0000a41f' }), // a peer channel
      line({ phone: 'XXXXXX1213' }), // masked
      line({ phone: '7735550100' }), // not in the channel
      `${line().slice(0, -1)}","x"`, // 13 columns: a reason split by a quote
    ];
    expect(sameBothWays(others.join('\n'))).toBe(0);
  });
});

describe('columns from bytes = the CallRecord way', () => {
  it('on every carrier-log fixture (and most of their calls are written from bytes)', () => {
    const dir = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/vicidial-carrier-log');
    let written = 0;
    for (const name of readdirSync(dir)) written += sameBothWays(readFileSync(path.join(dir, name)));
    expect(written).toBeGreaterThan(10);
  });

  it('on a generated day (its first 3,000 rows)', () => {
    const day = writeScenarioText(SAMPLE_DAY, vicidialCarrierLogWriter).split('\n').slice(0, 3001).join('\n');
    expect(sameBothWays(day)).toBeGreaterThan(2900);
  });

  it('on random rows (spaces, masked and foreign numbers, peers, odd times and counts)', () => {
    // The first value is the usual one, most of the time; the others are not, or may not be.
    const pick = (usual: string, ...others: string[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 10 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
    const row = fc
      .record({
        uniqueid: pick('1714572003.1004', '1714572003', ' 1714572003.5', 'pbx1-1714572003.4', 'caf\u00e9.1', '1714572003.'),
        date: pick('2024-05-01 09:00:03', '2024-02-30 09:00:00', '5/1/2024 9:00:03', ''),
        cause: pick('34', '', '0', '21', '16', ' 34', 'x'),
        status: pick('CONGESTION', 'ANSWER', 'BUSY', 'CHANUNAVAIL', 'NOANSWER', ' busy', 'weird', ''),
        channel: pick('Local/913125551213@default-00000a03;2', 'Local/9613125551213@default', 'local/913125551213@x', 'SIP/northtel-0000a41f', 'Local/3125551213@default', ''),
        dial: pick('2', '0', '', '1.5'),
        answered: pick('0', '22', '', ' 3'),
        sip: pick('503', '603', '200', '0', '', '0503', '180'),
        reason: pick('Service Unavailable', 'Decline', '', 'SIP 503 Service Unavailable', 'caf\u00e9'),
        phone: pick('3125551213', '+3125551213', ' 3125551213 ', 'XXXXXX1213', '412345678', ''),
      })
      .map((f) => line(f));
    let written = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        written += sameBothWays(rows.join('\n'));
      }),
      { numRuns: 300 },
    );
    expect(written).toBeGreaterThan(200); // not vacuous
  });
});
