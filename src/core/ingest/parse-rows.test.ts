import { describe, expect, it } from 'vitest';
import { INTERNED_CAPACITY } from '../analysis/call-columns';
import { asteriskCdrCsv } from '../formats/asterisk/cdr-csv';
import type { RowParser } from '../formats/format-module';
import { emptyRecord, type CallRecord } from '../model/call-record';
import type { TextEncodingName } from '../read/text-encoding';
import { dedupeKey } from './call-deduper';
import { ParseRows } from './parse-rows';
import { UNWRITTEN_CALL } from './route-row';

/** Every row's fields, as the parser saw them, fed as `slices` byte slices. */
function rowsOf(bytes: Uint8Array, encoding: TextEncodingName, sliceBytes: number, midFile = false): string[][] {
  const seen: string[][] = [];
  const parser: RowParser = {
    parse(row) {
      seen.push(row.fields());
      return { kind: 'header' };
    },
    capabilities: () => ({ sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false }),
  };
  const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding, midFile });
  for (let i = 0; i < bytes.length; i += sliceBytes) parse.push(bytes.subarray(i, i + sliceBytes));
  parse.end();
  return seen;
}

const TEXT = 'Zoë,"Müller, ""Hans""",42\r\n€,x\n';
const EXPECTED = [
  ['Zoë', 'Müller, "Hans"', '42'],
  ['€', 'x'],
];

describe('ParseRows: bytes to rows in each encoding', () => {
  const utf8 = new TextEncoder().encode(TEXT);

  it('UTF-8 with and without a byte order mark, in slices of any size (the mark cut too)', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const size of [1, 2, 3, 5, 1000]) {
      expect(rowsOf(utf8, 'utf-8', size), `size ${size}`).toEqual(EXPECTED);
      expect(rowsOf(withBom, 'utf-8', size), `BOM, size ${size}`).toEqual(EXPECTED);
    }
  });

  it('a piece after the first keeps a leading U+FEFF as text (it is not a byte order mark there)', () => {
    const rows = rowsOf(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]), 'utf-8', 1, true);
    expect(rows).toEqual([['\uFEFFa', 'b']]);
  });

  it('a file of two bytes that begin like a byte order mark is read, not held back', () => {
    expect(rowsOf(new Uint8Array([0xef, 0xbb]), 'utf-8', 1)).toEqual([['\uFFFD']]);
  });

  it('Windows-1252 and UTF-16 LE/BE read as the same rows', () => {
    // Windows-1252: ë = EB, ü = FC, € = 80.
    const cp1252 = Uint8Array.from([...TEXT].map((c) => (c === 'ë' ? 0xeb : c === 'ü' ? 0xfc : c === '€' ? 0x80 : c.charCodeAt(0))));
    const le = new Uint8Array(2 + TEXT.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < TEXT.length; i++) {
      le[2 + 2 * i] = TEXT.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = TEXT.charCodeAt(i) >> 8;
    }
    const be = le.map((_, i) => (i < 2 ? [0xfe, 0xff][i]! : le[i % 2 === 0 ? i + 1 : i - 1]!));
    // A piece is pushed whole, as the last bytes: € all the same (Node's decoder read a whole input's 0x80 as U+0080).
    const seen: string[][] = [];
    const whole = new ParseRows({ parser: { parse: (row) => (seen.push(row.fields()), { kind: 'header' }), capabilities: () => ({ sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false }) }, delimiter: ',', quotedNewlines: false, encoding: 'windows-1252' });
    whole.push(cp1252, true);
    whole.end();
    expect(seen).toEqual(EXPECTED);
    for (const size of [1, 3, 1000]) {
      expect(rowsOf(cp1252, 'windows-1252', size)).toEqual(EXPECTED);
      expect(rowsOf(le, 'utf-16le', size)).toEqual(EXPECTED);
      expect(rowsOf(be, 'utf-16be', size)).toEqual(EXPECTED);
    }
  });

  it('invalid UTF-8 bytes become U+FFFD, as a TextDecoder makes them, and the fields around them stay', () => {
    const bytes = new Uint8Array([0x61, 0xff, 0x62, 0x2c, 0xc3, 0x2c, 0x63, 0x0a]);
    expect(rowsOf(bytes, 'utf-8', 1000)).toEqual([['a\uFFFDb', '\uFFFD', 'c']]);
    expect(rowsOf(bytes, 'utf-8', 1)).toEqual([['a\uFFFDb', '\uFFFD', 'c']]);
  });
});

describe('ParseRows: de-duplication keys', () => {
  /** Rows "callId,trunk,reason,direction" → records (other fields fixed), all of them through ParseRows. */
  function keysOf(lines: string[], callsPerBatch?: number): { records: CallRecord[]; keys: number[] } {
    const records: CallRecord[] = [];
    const parser: RowParser = {
      parse(row) {
        const [callId = '', trunk = '', reason = '', direction = 'outbound'] = row.fields();
        const record: CallRecord = { ...emptyRecord(), startMs: 1_000, callId, trunk, reason, direction: direction as CallRecord['direction'], outcome: reason === 'Service Unavailable' ? 'capacity' : 'answered', destination: '15551234567' };
        return { kind: 'record', record };
      },
      capabilities: () => ({ sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: true }),
    };
    const keys: number[] = [];
    const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', callsPerBatch, onCalls: (batch) => keys.push(...batch.dedupeKeys), onRecord: (r) => records.push(r) });
    parse.push(new TextEncoder().encode(lines.join('\n')), true);
    parse.end();
    keys.push(...parse.takeCalls().dedupeKeys);
    return { records, keys };
  }

  it('are dedupeKey() of each record, whatever the batches (trunk and reason words remembered per store id)', () => {
    const lines = ['1.1,alpha,OK', '1.2,beta,Service Unavailable', ',alpha,OK', '1.3,alpha,Service Unavailable', '1.4,beta,OK,inbound', '1.1,alpha,OK', '1.5,gamma,OK'];
    const expected = keysOf(lines).records.map((r) => dedupeKey(r) ?? Number.NaN);
    expect(expected.filter((k) => Number.isNaN(k))).toHaveLength(1); // the row without a call id
    expect(expected[0]).toBe(expected[5]); // the same call twice: one key
    for (const batch of [undefined, 1, 2, 3]) expect(keysOf(lines, batch).keys, `batch ${batch}`).toEqual(expected);
  });

  it('trunks past the interned ids (all sharing the overflow id) keep their own words', () => {
    const lines = Array.from({ length: INTERNED_CAPACITY + 3 }, (_, t) => `9.${t},trunk ${t},OK`);
    const { records, keys } = keysOf(lines);
    const last = records.length - 1;
    expect(keys[last]).toBe(dedupeKey(records[last]!));
    expect(keys[last - 1]).toBe(dedupeKey(records[last - 1]!));
    expect(keys[last]).not.toBe(dedupeKey({ ...records[last]!, trunk: records[last - 1]!.trunk }));
  });
});

describe('ParseRows: calls a parser writes into columns itself', () => {
  it('wants them only without onRecord; a parser that answers so with nowhere given has its row skipped, nothing thrown', () => {
    const given: boolean[] = [];
    const parser: RowParser = {
      parse(_row, _line, values) {
        given.push(values !== undefined);
        return { kind: 'values' };
      },
      capabilities: () => ({ sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: false }),
    };
    const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', onRecord: () => {} });
    parse.push(new TextEncoder().encode('a\nb\n'), true);
    parse.end();
    expect(given).toEqual([false, false]);
    expect(parse.accounting.counts()).toEqual({ read: 2, used: 0, skipped: 2, headerLines: 0 });
    expect(parse.accounting.skipGroups().map((g) => [g.reason, g.count])).toEqual([[UNWRITTEN_CALL, 2]]);
  });

  it('a parser that throws after it began writing a call: that row is skipped and its half call taken back', () => {
    // Rows "start,<seconds>": each writes a call; "boom" adds a call, writes its start, then throws.
    const parser: RowParser = {
      parse(row, _line, values) {
        if (!values) return { kind: 'skip', reason: 'no columns' };
        const store = values.store;
        const i = store.addRow();
        store.startMs[i] = 1000 * Number(row.field(1));
        if (row.field(0) === 'boom') throw new Error('boom');
        values.writeTexts(i, 'carrierA', 'OK', false);
        return { kind: 'values' };
      },
      capabilities: () => ({ sipCodes: false, separates503From603: false, hasEndTimes: false, hasTrunk: true }),
    };
    const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8' });
    parse.push(new TextEncoder().encode('start,1\nboom,2\nstart,3\n'), true);
    parse.end();
    expect(parse.accounting.counts()).toEqual({ read: 3, used: 2, skipped: 1, headerLines: 0 });
    expect(parse.accounting.skipGroups().map((g) => [g.reason, g.count])).toEqual([['unreadable row (boom)', 1]]);
    const { calls, lines } = parse.takeCalls();
    expect(calls.length).toBe(2);
    expect(Array.from(calls.arrays.startMs.subarray(0, 2))).toEqual([1000, 3000]);
    expect(Array.from(lines.subarray(0, 2))).toEqual([1, 3]);
  });
});

describe('ParseRows: a kept-text column the drop keeps no more of (keptFull)', () => {
  /** A dialer's Master.csv call to carrier-g, `disposition` its result, `uniqueid` its call id. */
  const call = (disposition: string, uniqueid: string) =>
    `"","13125550131","12066645368","from-dialer","""Campaign"" <13125550131>","Local/12066645368@from-dialer-0000000a;2","PJSIP/carrier-g-0000000b","Dial","PJSIP/12066645368@carrier-g,60,tT","2026-11-16 08:00:00",,"2026-11-16 08:00:01",1,0,"${disposition}","DOCUMENTATION","${uniqueid}",""`;
  // Two FAILED calls (capacity rejections: their ids are kept) around an ANSWERED one (its id is not).
  const bytes = new TextEncoder().encode(`${call('FAILED', '1794816000.5')}\n${call('ANSWERED', '1794816000.6')}\n${call('FAILED', '1794816000.7')}\n`);
  /** The call-id column's indexes and the code units kept, the calls written into columns (`records` false) or added as records. */
  const callIds = (records: boolean, keptFull?: ['callIdIndex']) => {
    const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
    const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', onRecord: records ? () => {} : undefined, keptFull });
    parse.push(bytes, true);
    parse.end();
    const { calls } = parse.takeColumns();
    return { indexes: [...calls.arrays.callIdIndex], units: calls.texts.callIdIndex.units.length };
  };

  it('keeps the two rejected calls\' ids (12 units each) when not full, and writes none when full, either way a call is written', () => {
    for (const records of [false, true]) {
      expect(callIds(records), `records ${records}`).toEqual({ indexes: [1, 0, 2], units: 24 });
      expect(callIds(records, ['callIdIndex']), `records ${records}`).toEqual({ indexes: [0, 0, 0], units: 0 });
    }
  });
});
