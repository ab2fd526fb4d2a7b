/**
 * Master.csv calls written into columns from their bytes (master-columns.ts) against the
 * CallRecord way as the oracle: the parse stage without onRecord writes them, with onRecord makes
 * records; both must leave the very same columns, lines, de-duplication keys and row accounting.
 * By hand first, then the fixtures and real samples, then random rows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDigits, writeDigitBytes } from '../../analysis/call-columns';
import { digitsText } from '../../analysis/call-store';
import { packedTextAt } from '../../analysis/kept-texts';
import { ParseRows, type ParsedCalls } from '../../ingest/parse-rows';
import { parseOneWay, sameBothWays as sameWays } from '../../ingest/parse-rows-test-support';
import { DelimitedTokenizer } from '../../read/delimited-tokenizer';
import type { Row } from '../../read/row';
import { asteriskCdrCsv } from './cdr-csv';
import { MasterColumns } from './master-columns';
import { ChannelTrunks, SKIP_EXTENSION, SKIP_LOCAL, SKIP_NO_TRUNK } from './trunk';

/** The parse stage over `text` one way or the other, and how many rows the parser wrote into columns itself. */
function parsed(text: string | Uint8Array, records: boolean) {
  return parseOneWay(asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' }), text, records);
}

/** The two ways give the same everything; returns the calls written into columns. */
const sameBothWays = (text: string | Uint8Array): number => sameWays(parsed, text);

/** A Master.csv line; `clid` is the field as the file has it (quotes and all), by default `"Campaign" <src>`. */
const line = (over: Partial<Record<'src' | 'clid' | 'dst' | 'dcontext' | 'channel' | 'dstchannel' | 'lastapp' | 'lastdata' | 'start' | 'end' | 'duration' | 'billsec' | 'disposition' | 'uniqueid' | 'userfield', string>> = {}) => {
  const f = { src: '13125550131', dst: '12066645368', dstchannel: 'PJSIP/carrier-g-0000000b', lastapp: 'Dial', lastdata: 'PJSIP/12066645368@carrier-g,60,tT', start: '2026-11-16 08:00:00', end: '2026-11-16 08:00:01', duration: '1', billsec: '0', disposition: 'FAILED', uniqueid: '1794816000.5', userfield: '', ...over };
  const clid = over.clid ?? `"""Campaign"" <${f.src}>"`;
  const channel = over.channel ?? `Local/${f.dst}@from-dialer-0000000a;2`;
  return `"","${f.src}","${f.dst}","${over.dcontext ?? 'from-dialer'}",${clid},"${channel}","${f.dstchannel}","${f.lastapp}","${f.lastdata}","${f.start}",,"${f.end}",${f.duration},${f.billsec},"${f.disposition}","DOCUMENTATION","${f.uniqueid}","${f.userfield}"`;
};

describe('a Master.csv call written into columns from its bytes, by hand', () => {
  it('a dialer row: every column as the row says', () => {
    const { calls, written } = parsed(`${line()}\n${line({ dst: '', disposition: 'ANSWERED', billsec: '20', duration: '30', end: '' })}\n`, false);
    expect(written).toBe(1); // the second row has no end time in the canonical shape: the CallRecord way reads it
    const a = calls.calls.arrays;
    const t = calls.calls.texts;
    expect(a.startMs[0]).toBe(Date.UTC(2026, 10, 16, 8, 0, 0));
    expect(a.endMs[0]).toBe(Date.UTC(2026, 10, 16, 8, 0, 1));
    expect(a.talkSec[0]).toBe(0);
    expect(t.trunk[a.trunk[0]!]).toBe('carrier-g');
    expect(t.reason[a.reason[0]!]).toBe('FAILED');
    expect(digitsText(a.destDigits[0]!, a.destLength[0]!)).toBe('12066645368');
    expect(digitsText(a.callerDigits[0]!, a.callerLength[0]!)).toBe('13125550131');
    expect(packedTextAt(t.callIdIndex, a.callIdIndex[0]! - 1)).toBe('1794816000.5'); // FAILED is a capacity rejection: its id is kept
    expect(a.outcome[1]).not.toBe(a.outcome[0]);
    expect(calls.dedupeKeys[0]).not.toBe(calls.dedupeKeys[1]);
  });

  it('a dst that is an extension, a dialplan label or empty gives the number Dial() sent; a number of its own stays', () => {
    const rows = ['', '100', '+4420795550000', '5551234', '12345678', 's', 'ch2', '+'].map((dst) => line({ dst }));
    const { calls, written } = parsed(rows.join('\n'), false);
    expect(written).toBe(8);
    const a = calls.calls.arrays;
    expect(rows.map((_, i) => digitsText(a.destDigits[i]!, a.destLength[i]!))).toEqual(['12066645368', '12066645368', '4420795550000', '12066645368', '12345678', '12066645368', '12066645368', '12066645368']);
    // A label when Dial() names no number on the trunk stays the label (its digits, as the text's: `2`).
    const label = parsed(`${line({ dst: 'ch2', lastdata: 'Local/ch2@TimeDelay' })}\n`, false);
    expect(label.written).toBe(1);
    expect(digitsText(label.calls.calls.arrays.destDigits[0]!, label.calls.calls.arrays.destLength[0]!)).toBe('2');
    expect(sameBothWays(rows.join('\n'))).toBe(8);
  });

  it('a dst of its own digits (read as they are checked): its value and count around 15 digits, a + before them or not', () => {
    const dsts = ['12345678', '123456789012345', '+123456789012345', '1234567890123456', '+1234567890123456', '+12345678'];
    const rows = dsts.map((dst) => line({ dst }));
    const { calls, written } = parsed(rows.join('\n'), false);
    expect(written).toBe(dsts.length);
    const a = calls.calls.arrays;
    // At most 15 digits are a number's (exact in a double): a 16th is not read; the + is no digit.
    expect(dsts.map((_, i) => digitsText(a.destDigits[i]!, a.destLength[i]!))).toEqual(['12345678', '123456789012345', '123456789012345', '123456789012345', '123456789012345', '12345678']);
    expect(sameBothWays(rows.join('\n'))).toBe(dsts.length);
  });

  it('a row with an empty src (placed by a Local channel or the dialplan): the caller is the number in clid, or none', () => {
    // As simularent's Master.csv: "","","12489398620","LocalSets",""""" <>","Local/12489398620@LocalSets-00000001;1","SIP/sipus1-00000013",…
    const clids = ['""""" <>"', '"""device"" <1500>"', '"""A"" <+1 312-555-0131> "', '"2125551234"', '""', 'NULL', '"<1001"'];
    const text = clids.map((clid) => line({ src: '', clid })).join('\n');
    const { calls, written } = parsed(text, false);
    expect(written).toBe(clids.length);
    const a = calls.calls.arrays;
    expect(clids.map((_, i) => digitsText(a.callerDigits[i]!, a.callerLength[i]!))).toEqual(['', '1500', '13125550131', '', '', '', '']);
    expect(sameBothWays(text)).toBe(clids.length);
  });

  it('leaves to the CallRecord way what it does not read whole (and gives the same columns)', () => {
    const others = [
      line({ userfield: 'SIP 503 Service Unavailable' }), // a SIP code in userfield
      line({ lastapp: 'Congestion' }), // FAILED by Congestion()
      line({ src: 'NULL' }), // the caller from clid
      line({ src: ' 1001' }),
      line({ dst: ' s' }), // a dialplan label the CallRecord way trims
      line({ dst: 'NULL' }),
      line({ uniqueid: 'caf\u00e9.1' }), // not ASCII
      line({ start: '03/01/2024 10:00:00' }), // not the canonical shape
      line({ duration: '' }),
      line({ disposition: ' busy' }),
      line({ dstchannel: 'Local/100@default-00000001;1' }),
      line({ lastdata: 'PJSIP/carrier-g' }), // the trunk dialled as a device, with no number
    ];
    expect(sameBothWays(others.join('\n'))).toBe(0);
  });

  it('knows a disposition by its bytes once read: the same result for the same word, spaces around it or not', () => {
    const dispositions = ['BUSY', ' BUSY ', 'BUSY', 'busy', 'FAILED', '\tFAILED', 'NULL', 'BUSY', 'NO ANSWER', 'NO  ANSWER', 'B\u00dcSY', 'BUSY'];
    const { calls, written } = parsed(dispositions.map((disposition) => line({ disposition })).join('\n'), false);
    expect(written).toBe(8); // busy, NULL, NO  ANSWER and BÜSY are not Asterisk's words: the CallRecord way reads them
    const reasons = calls.calls.texts.reason;
    expect([0, 1, 2, 4, 5].map((i) => reasons[calls.calls.arrays.reason[i]!])).toEqual(['BUSY', 'BUSY', 'BUSY', 'FAILED', 'FAILED']);
    expect(sameBothWays(dispositions.map((disposition) => line({ disposition })).join('\n'))).toBe(8);
  });

  it('tells a disposition from another word of its length by any of its bytes: the first, one in the middle or the last', () => {
    // Each word twice (the second is remembered by its length), then one that differs from it in a
    // byte: CONGEXTION in its sixth, NO ANSWEX in its last, XNSWERED in its first.
    const dispositions = ['CONGESTION', 'CONGESTION', 'CONGEXTION', 'NO ANSWER', 'NO ANSWER', 'NO ANSWEX', 'ANSWERED', 'ANSWERED', 'XNSWERED'];
    const text = dispositions.map((disposition, k) => line({ disposition, uniqueid: `1794816000.${k}` })).join('\n');
    const { calls, written } = parsed(text, false);
    expect(written).toBe(6); // the three misspelt words are not Asterisk's: the CallRecord way reads them (a skip)
    const reasons = calls.calls.texts.reason;
    expect([0, 1, 2, 3, 4, 5].map((i) => reasons[calls.calls.arrays.reason[i]!])).toEqual(['CONGESTION', 'CONGESTION', 'NO ANSWER', 'NO ANSWER', 'ANSWERED', 'ANSWERED']);
    expect(sameBothWays(text)).toBe(6);
  });

  it('gives a batch of calls the trunk and reason ids of its own store, in the order its calls meet them', () => {
    // Two calls a batch: the second batch meets carrier-a and FAILED first, the first met them second.
    const rows = [
      line({ dstchannel: 'PJSIP/carrier-b-00000001', lastdata: 'PJSIP/12066645368@carrier-b,60', disposition: 'BUSY', uniqueid: '1794816000.1' }),
      line({ dstchannel: 'PJSIP/carrier-a-00000002', lastdata: 'PJSIP/12066645368@carrier-a,60', disposition: 'FAILED', uniqueid: '1794816000.2' }),
      line({ dstchannel: 'PJSIP/carrier-a-00000003', lastdata: 'PJSIP/12066645368@carrier-a,60', disposition: 'FAILED', uniqueid: '1794816000.3' }),
      line({ dstchannel: 'PJSIP/carrier-b-00000004', lastdata: 'PJSIP/12066645368@carrier-b,60', disposition: 'BUSY', uniqueid: '1794816000.4' }),
    ];
    const batchesOneWay = (records: boolean) => {
      const batches: ParsedCalls[] = [];
      const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
      const parse = new ParseRows({ parser, delimiter: ',', quotedNewlines: false, encoding: 'utf-8', callsPerBatch: 2, onCalls: (batch) => batches.push(batch), onRecord: records ? () => {} : undefined });
      parse.push(new TextEncoder().encode(rows.join('\n')), true);
      parse.end();
      return batches.map(({ calls }) => ({ trunk: [...calls.arrays.trunk], trunks: calls.texts.trunk, reason: [...calls.arrays.reason], reasons: calls.texts.reason }));
    };
    const columns = batchesOneWay(false);
    expect(columns).toEqual([
      { trunk: [0, 1], trunks: ['carrier-b', 'carrier-a'], reason: [0, 1], reasons: ['BUSY', 'FAILED'] },
      { trunk: [0, 1], trunks: ['carrier-a', 'carrier-b'], reason: [0, 1], reasons: ['FAILED', 'BUSY'] },
    ]);
    expect(columns).toEqual(batchesOneWay(true));
  });

  it('reads leading digits from bytes as from the text (a + before, a space or dash between, the first other byte after)', () => {
    const values = new Float64Array(2);
    const lengths = new Uint8Array(2);
    const digits = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      writeDigitBytes(bytes, 0, bytes.length, values, lengths, 1);
      return digitsText(values[1]!, lengths[1]!);
    };
    expect(digits('+1 312-555-0131')).toBe('13125550131');
    expect(digits('3125551212@host')).toBe('3125551212');
    expect(digits('é12')).toBe('12');
    expect(digits('12é3')).toBe('12');
    expect(digits('1234567890123456789')).toBe('123456789012345'); // 15 digits at most
    expect(digits('Anonymous')).toBe('');
    expect(digits('')).toBe('');
    expect(digits('007')).toBe('007'); // leading zeros are digits too
    expect(digits('12345678901234')).toBe('12345678901234');
    expect(digits('123456789012345')).toBe('123456789012345');
    expect(digits('1234567890123456')).toBe('123456789012345');
    expect(digits('1234 5678')).toBe('12345678');
  });

  it('reads digits from bytes as from the text, whatever the field (any mix of digits, signs and letters; of every length around 15)', () => {
    const values = new Float64Array(1);
    const lengths = new Uint8Array(1);
    const read = { value: 0, length: 0 };
    const char = fc.constantFrom(...'0123456789', ' ', '-', '+', '@', 'a', '/', 'é', ':');
    const field = fc.oneof(fc.stringMatching(/^[0-9]{0,18}$/), fc.array(char, { maxLength: 20 }).map((c) => c.join('')));
    fc.assert(
      fc.property(field, (text) => {
        const bytes = new TextEncoder().encode(`x${text}y`);
        writeDigitBytes(bytes, 1, bytes.length - 1, values, lengths, 0);
        readDigits(text, read);
        expect([values[0], lengths[0]]).toEqual([read.value, read.length]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a call in from a trunk, written from its bytes', () => {
  /** An inbound row: the caller's channel is the provider's; by default answered by phone 301 (dstchannel) from a Dial(). */
  const call = (over: Parameters<typeof line>[0] = {}) =>
    line({ src: '89245555937', dst: '211474', dcontext: 'from-trunk', channel: 'SIP/sipus1-00000013', dstchannel: 'SIP/301-00000014', lastapp: 'Dial', lastdata: 'SIP/301&SIP/200@stadionpbx,60,t', disposition: 'NO ANSWER', ...over });

  it('as the real exports write them: its trunk, direction, result and key as the CallRecord way gives them', () => {
    const rows = [
      call(), // a named trunk, Dial() to two phones, not answered
      // As mineevburyat's: an extension-like peer in a *-pstn context, straight to Hangup.
      call({ channel: 'SIP/211474-00000000', dcontext: 'stadion-pstn', dstchannel: '', lastapp: 'Hangup', lastdata: '', disposition: 'ANSWERED', billsec: '27', duration: '27' }),
      // As simularent's: an IP peer (a trunk by its name) to voicemail, in any context.
      call({ channel: 'SIP/50.112.48.21-00000003', src: '1235', dst: '1235', dcontext: 'public', dstchannel: '', lastapp: 'VoiceMail', lastdata: '1234,u', disposition: 'ANSWERED' }),
      call({ channel: 'PJSIP/carrier-in-0000000a', disposition: 'BUSY' }),
      // As mineevburyat's too: the dialplan's own Local leg towards a delayed ring group.
      call({ dstchannel: 'Local/ch1@TimeDelay-00000000;1', lastdata: 'Local/ch1@TimeDelay&Local/ch2@TimeDelay&' }),
    ];
    const { calls, written } = parsed(rows.join('\n'), false);
    expect(written).toBe(5);
    const a = calls.calls.arrays;
    const t = calls.calls.texts;
    expect([0, 1, 2, 3].map((i) => t.trunk[a.trunk[i]!])).toEqual(['sipus1', '211474', '50.112.48.21', 'carrier-in']);
    expect([0, 1, 2, 3].map((i) => t.reason[a.reason[i]!])).toEqual(['inbound NO ANSWER', 'ANSWERED', 'ANSWERED', 'inbound BUSY']);
    expect([...a.direction.subarray(0, 4)]).toEqual([2, 2, 2, 2]); // DIRECTIONS: inbound
    expect(digitsText(a.destDigits[1]!, a.destLength[1]!)).toBe('211474'); // dst as written, no Dial() number
    expect(a.callIdIndex[0]).toBe(0); // an inbound call is no rejection: its id is not kept
    expect(sameBothWays(rows.join('\n'))).toBe(5);
  });

  it('rows of one incoming call (a Dial() per target) have one key: its call id and trunk', () => {
    const rows = [call({ disposition: 'NO ANSWER' }), call({ dstchannel: 'SIP/200-00000015', disposition: 'ANSWERED', start: '2026-11-16 08:00:20' })];
    const { calls } = parsed(rows.join('\n'), false);
    expect(calls.dedupeKeys[0]).toBe(calls.dedupeKeys[1]);
    expect(sameBothWays(rows.join('\n'))).toBe(2);
  });

  it('leaves to the CallRecord way the rows whose bytes do not settle it (and the two ways agree)', () => {
    const others = [
      call({ channel: 'SIP/89245555937-00000001' }), // the caller's own line (src): a phone, not a trunk
      call({ channel: 'SIP/100-00000001', dcontext: 'phones' }), // an extension outside an inbound context
      call({ lastapp: 'AppDial2', lastdata: '(Outgoing Line)' }), // an Originate()'s outgoing leg: outbound
      call({ dstchannel: '', lastdata: 'SIP/12489398620@sipus1,30' }), // a Dial() target and no channel
      call({ dstchannel: '', lastdata: 'DAHDI/g0/5551234' }), // a line dialled
      call({ dstchannel: 'DAHDI/1-1', lastdata: ' dahdi/1/5551234' }),
      call({ dstchannel: 'local/301@phones-00000001;1' }),
      call({ dstchannel: 'NULL' }),
      call({ channel: 'sip/sipus1-00000013' }), // not the shape parseChannel reads without a pattern
      call({ channel: 'IAX2/sipus1-1234' }),
      call({ clid: '"""Office"" <sipus1>"' }), // the caller's number in clid is the peer
      call({ src: 'SIPUS1' }), // the peer in another case: still the caller's own
      call({ dst: ' 211474' }), // dst the CallRecord way trims
      call({ src: ' 892' }),
    ];
    expect(sameBothWays(others.join('\n'))).toBe(0);
    // The AppDial2 row is sipus1's outgoing leg: outbound, from the CallRecord way.
    const { calls } = parsed(others[2]!, false);
    expect(calls.calls.arrays.direction[0]).toBe(1);
  });

  it('on random rows in from trunks, phones and lines (every field the inbound way reads, varied): the two ways agree', () => {
    const row = fc
      .record({
        tech: fc.constantFrom('SIP/', 'PJSIP/', 'sip/', 'IAX2/', 'Local/', 'DAHDI/'),
        peer: fc.constantFrom('sipus1', 'carrier-in', '50.112.48.21', '211474', '100', '12345678', 'Sipus1', 'trunk\u00e9'),
        suffix: fc.constantFrom('-00000013', '-0000000a;2', '-13', ''),
        src: fc.constantFrom('89245555937', '', '211474', 'sipus1', 'SIPUS1', '100', 'NULL', ' 1'),
        clid: fc.constantFrom('"""x"" <89245555937>"', '"""x"" <sipus1>"', '""', '"<211474>"'),
        dst: fc.constantFrom('211474', 's', '', '+4420795550000', 'NULL', ' 5'),
        dcontext: fc.constantFrom('from-trunk', 'stadion-pstn', 'public', 'phones', 'from-did-direct', 'Incoming', ''),
        dstchannel: fc.constantFrom('', 'SIP/301-00000014', 'PJSIP/carrier-g-0000000b', 'SIP/200-0000000f', 'Local/1@x-00000001;1', 'DAHDI/1-1', 'NULL'),
        lastapp: fc.constantFrom('Dial', 'Queue', 'Hangup', 'VoiceMail', 'AppDial', ' appdial2 ', 'Congestion'),
        lastdata: fc.constantFrom('', 'SIP/301,20', '600', '1234,u', 'SIP/301&SIP/200@stadionpbx,60,t', 'DAHDI/g0/5551234', ' zap/1/5551234', 'PJSIP/12066645368@carrier-g,60'),
        disposition: fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'),
        uniqueid: fc.constantFrom('1706368044.000000', '1706368044.1', ''),
      })
      .map((f) => line({ channel: `${f.tech}${f.peer}${f.suffix}`, src: f.src, clid: f.clid, dst: f.dst, dcontext: f.dcontext, dstchannel: f.dstchannel, lastapp: f.lastapp, lastdata: f.lastdata, disposition: f.disposition, uniqueid: f.uniqueid }));
    let written = 0;
    let inbound = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.join('\n');
        written += sameBothWays(text);
        const { calls } = parsed(text, false);
        inbound += calls.calls.arrays.direction.subarray(0, calls.calls.length).filter((d) => d === 2).length;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: many rows are calls in, and many are written from bytes (calls in and dialled out).
    expect(inbound).toBeGreaterThan(200);
    expect(written).toBeGreaterThan(100);
  });
});

/** MasterColumns.skip of the tokenizer's row of one CSV line. */
function skipOf(columns: MasterColumns, line: string): ReturnType<MasterColumns['skip']> {
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  const seen: Array<ReturnType<MasterColumns['skip']>> = [];
  const channels = new ChannelTrunks();
  const sink = (row: Row) => seen.push(columns.skip(row, channels));
  tokenizer.push(new TextEncoder().encode(`${line}\n`), sink);
  tokenizer.end(sink);
  expect(seen).toHaveLength(1);
  return seen[0]!;
}

describe('the rows a PBX skips most, told from their bytes', () => {
  // As simularent's Master.csv: "","","12489398620","LocalSets",""""" <>","Local/12489398620@LocalSets-00000001;2","","Wait","30",…
  const leg = (over: Parameters<typeof line>[0] = {}) => line({ src: '', dstchannel: '', lastapp: 'Hangup', lastdata: '', disposition: 'ANSWERED', ...over });

  it('is skipped as the CallRecord way skips it (a Local leg with no trunk), its reason and lines counted alike', () => {
    const legs = [leg(), leg({ lastapp: 'Wait', lastdata: '30' }), leg({ lastapp: 'AppDial2', lastdata: '(Outgoing Line)' }), leg({ lastapp: 'NULL', disposition: 'NO ANSWER' }), leg({ dstchannel: 'SIP/100-00000002', lastapp: 'Dial', lastdata: 'SIP/100,20' })];
    const columns = new MasterColumns();
    for (const l of legs) expect(skipOf(columns, l)).toEqual({ kind: 'skip', reason: SKIP_LOCAL });
    const text = [line(), ...legs].join('\n');
    const { skipped, rows, written } = parsed(text, false);
    expect(written).toBe(1);
    expect(skipped).toEqual([{ reason: SKIP_LOCAL, count: 5, firstLines: [2, 3, 4, 5, 6] }]);
    expect(rows).toMatchObject({ read: 6, used: 1, skipped: 5 });
    expect(sameBothWays(text)).toBe(1);
  });

  it('a phone calling the dialplan (a feature code, voicemail, an echo test) is skipped as having no trunk, in any context', () => {
    // As BugaDM's Master.csv: "","100","700","phones",""NOMBREUSUARIO"" <100>","SIP/100-00000001","","Hangup","",…
    const own = (over: Parameters<typeof line>[0] = {}) => leg({ src: '100', channel: 'SIP/100-00000001', ...over });
    // Any peer the caller's own: as simularent's "SIP/123654987-00000000" with src 123654987, or a named one.
    const calls = [own(), own({ lastapp: 'Echo' }), own({ channel: 'PJSIP/1001-0000000a;1', src: '1001', lastapp: 'VoiceMail', lastdata: '1001@default' }), own({ dcontext: 'from-trunk' }), own({ channel: 'SIP/123654987-00000000', src: '123654987' }), own({ channel: 'SIP/carrier-00000001', src: 'carrier' })];
    const columns = new MasterColumns();
    for (const l of calls) expect(skipOf(columns, l)).toEqual({ kind: 'skip', reason: SKIP_NO_TRUNK });
    const text = calls.join('\n');
    expect(parsed(text, false).skipped).toEqual([{ reason: SKIP_NO_TRUNK, count: 6, firstLines: [1, 2, 3, 4, 5] }]); // the first five lines of a reason are kept
    sameBothWays(text);
    // Left to the CallRecord way: another caller (in an inbound context the peer would be a trunk),
    // an Originate()'s outgoing leg, src not the peer byte for byte, a channel not as parseChannel's fast shape.
    const others = [
      own({ src: '200' }),
      own({ src: '200', dcontext: 'from-trunk' }),
      own({ lastapp: 'AppDial2' }),
      own({ lastapp: 'appdial' }),
      own({ channel: 'SIP/NULL-00000001', src: 'NULL' }), // src NULL is no caller: the peer is then a trunk's
      own({ channel: 'SIP/CARRIER-00000001', src: 'carrier' }), // the same but for case: the text way compares
      own({ channel: 'SIP/100-0000001' }),
      own({ channel: 'sip/100-00000001' }),
      own({ channel: 'IAX2/100-00000001' }),
    ];
    for (const l of others) expect(skipOf(columns, l)).toBeNull();
    sameBothWays(others.join('\n'));
  });

  it('a phone calling another phone is skipped as an internal call, outside an inbound context', () => {
    // As BugaDM's Master.csv: "","100","101","phones",""NOMBREUSUARIO"" <100>","SIP/100-00000002","SIP/101-00000003","Dial","SIP/101,10,m",…
    const call = (over: Parameters<typeof line>[0] = {}) => line({ src: '100', dst: '101', dcontext: 'phones', channel: 'SIP/100-00000002', dstchannel: 'SIP/101-00000003', lastapp: 'Dial', lastdata: 'SIP/101,10,m', disposition: 'ANSWERED', ...over });
    const calls = [call(), call({ disposition: 'NO ANSWER' }), call({ src: '200' }), call({ channel: 'PJSIP/1001-0000000a', dstchannel: 'PJSIP/1002-0000000b', lastdata: 'PJSIP/1002' }), call({ lastdata: '101@vmphones,b', lastapp: 'VoiceMail' })];
    const columns = new MasterColumns();
    for (const l of calls) expect(skipOf(columns, l)).toEqual({ kind: 'skip', reason: SKIP_EXTENSION });
    const text = calls.join('\n');
    expect(parsed(text, false).skipped).toEqual([{ reason: SKIP_EXTENSION, count: 5, firstLines: [1, 2, 3, 4, 5] }]);
    sameBothWays(text);
    // Left to the CallRecord way: an inbound context (the caller's peer is then a trunk), a named
    // peer (a trunk), a line dialled, AppDial, a dstchannel that is a trunk or of another shape.
    const others = [
      call({ dcontext: 'from-trunk' }),
      call({ channel: 'SIP/sipus1-00000002' }),
      call({ lastdata: 'DAHDI/g0/5551234' }),
      call({ lastapp: 'AppDial' }),
      call({ dstchannel: 'PJSIP/carrier-g-0000000b' }),
      call({ dstchannel: 'IAX2/101-123' }),
      call({ dstchannel: ' SIP/101-00000003' }),
      call({ lastapp: 'Congestion', disposition: 'CONGESTION' }),
    ];
    for (const l of others) expect(skipOf(columns, l)).toBeNull();
    sameBothWays(others.join('\n'));
  });

  it('on random rows of phones and Local legs (every field a skip from bytes reads, varied): the two ways agree', () => {
    const row = fc
      .record({
        tech: fc.constantFrom('SIP/', 'PJSIP/', 'sip/', 'IAX2/', ' SIP/', 'Local/'),
        peer: fc.constantFrom('100', '1001', '1234567', '12345678', 'carrier', '10a', ''),
        suffix: fc.constantFrom('-00000001', '-0000000a;1', '-0000001', '', '@x-00000001;2'),
        src: fc.constantFrom('=', '=', '200', '', 'NULL', ' 100'),
        dcontext: fc.constantFrom('phones', 'from-trunk', 'from-pstn'),
        lastapp: fc.constantFrom('Hangup', 'Echo', 'Wait', 'AppDial2', 'appdial', ' AppDial', 'AppDialer', 'Congestion', 'Dial', 'NULL'),
        lastdata: fc.constantFrom('', '30', '(Outgoing Line)', 'SIP/200,20', 'DAHDI/g0/5551234', '1001@default'),
        dstchannel: fc.constantFrom('', '', 'SIP/200-00000002', 'NULL'),
        disposition: fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED'),
      })
      .map((f) => line({ channel: `${f.tech}${f.peer}${f.suffix}`, src: f.src === '=' ? f.peer : f.src, dcontext: f.dcontext, lastapp: f.lastapp, lastdata: f.lastdata, dstchannel: f.dstchannel, disposition: f.disposition }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        sameBothWays(rows.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('is left to the CallRecord way where its bytes do not tell (and the two ways agree)', () => {
    const others = [
      leg({ lastapp: 'Congestion' }), // a skip of its own
      leg({ lastapp: ' congestion ' }),
      leg({ lastdata: 'SIP/12489398620@sipus1,30' }), // a Dial() target and no channel: outbound on sipus1
      leg({ lastdata: 'DAHDI/g0/5551234' }), // a line
      leg({ dstchannel: 'PJSIP/carrier-g-0000000b' }), // a trunk reached
      leg({ start: '2026-02-30 08:00:00' }), // a bad start is skipped as such
      leg({ start: '03/01/2024 10:00:00' }),
      leg({ duration: '' }),
      leg({ billsec: '1.5' }),
      leg({ disposition: 'DISPOSITION' }), // a header row
      leg({ disposition: 'weird' }),
    ];
    const columns = new MasterColumns();
    for (const l of others) expect(skipOf(columns, l)).toBeNull();
    // Channels whose first bytes are not `Local/`: the text way trims or folds them.
    const channelled = (channel: string) => leg().replace('"Local/12066645368@from-dialer-0000000a;2"', channel);
    for (const channel of ['" Local/1@x-00000001;2"', '"local/1@x-00000001;2"', '"Local/1@""x""-00000001;2"']) {
      expect(skipOf(columns, channelled(channel))).toBeNull();
      others.push(channelled(channel));
    }
    sameBothWays(others.join('\n'));
  });
});

describe('columns from bytes = the CallRecord way', () => {
  it('on every Master.csv fixture (and most of their calls are written from bytes)', () => {
    const dir = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/asterisk-cdr-csv');
    let written = 0;
    for (const name of readdirSync(dir)) written += sameBothWays(readFileSync(path.join(dir, name)));
    expect(written).toBeGreaterThan(5);
  });

  const samples = path.resolve(import.meta.dirname, '../../../../../shared/samples/asterisk_cdr_csv');
  it.skipIf(!existsSync(samples))('on the real Master.csv samples', () => {
    for (const name of readdirSync(samples).filter((n) => n.endsWith('.csv'))) sameBothWays(readFileSync(path.join(samples, name)));
  });

  it('on random rows (spaces, quotes, NULL, non-ASCII, digits, 16 to 21 columns)', () => {
    // The first value is a dialer's (written from bytes) three times in four; the others are not, or may not be.
    const pick = (usual: string, ...others: string[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 12 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
    // A PBX's other usual shapes, often enough that accepted rows hold many of them: an empty src
    // (its caller from clid), a dialplan label as dst.
    const pickOften = (usual: string, often: readonly string[], ...others: string[]) => fc.oneof({ arbitrary: fc.constant(usual), weight: 8 }, { arbitrary: fc.constantFrom(...often), weight: 4 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
    const row = fc
      .record({
        channel: pickOften('Local/12066645368@from-dialer-0000000a;2', ['SIP/100-00000001', 'PJSIP/1001-0000000a'], 'SIP/carrier-00000001', 'SIP/12345678-00000001', 'DAHDI/1-1', ' SIP/100-00000001', 'sip/100-00000001', 'SIP/100-0000001'),
        dcontext: pick('from-dialer', 'from-trunk', 'phones'),
        src: pickOften('13125550131', ['', '100', '1001'], 'NULL', ' 1001', 'Anonymous', '+1 312-555', 'caf\u00e9', '\\N'),
        clid: fc.option(fc.constantFrom('""""" <>"', '"""device"" <1500>"', '"<+44 20 7946 0000>"', '"2125551234"', '""', 'NULL', '"""x"" <1<2>>"', '" <1001> "', '"caf\u00e9 <12>"', '<1500>""'), { nil: undefined, freq: 3 }),
        dst: pickOften('12066645368', ['s', 'ch2', '', '100', '555 1234', '+'], '+4420795550000', 'NULL', '\\N', ' 5551234', '5551234', 'caf\u00e9', 'x@y'),
        dstchannel: pickOften('PJSIP/carrier-g-0000000b', [''], 'SIP/sipus1-00000006', 'Local/1@x-00000001;2', 'PJSIP/1001-00000002', 'PJSIP/carri\u00e9r-0000000b'),
        lastapp: pickOften('Dial', ['Hangup', 'Echo'], 'Congestion', ' congestion ', 'NULL', '', 'AppDial2', 'appdial'),
        lastdata: pickOften('PJSIP/12066645368@carrier-g,60,tT', ['', '30', '(Outgoing Line)'], 'SIP/sipus1/12489398620,30', 'PJSIP/12@carrier-g', 'PJSIP/client2', 'SIP/5551234@sipus1', 'DAHDI/g0/5551234'),
        start: pick('2026-11-16 08:00:00', '2026-02-30 08:00:00', '03/01/2024 10:00:00', '', '2026-11-16 ""08:00:00'),
        end: pick('2026-11-16 08:00:01', '', '2026-13-01 00:00:00', 'x', '2026-11-16 08:00:01""'),
        duration: pick('1', '', '0', 'NULL', '1.5'),
        billsec: pick('0', '20', '', ' 3'),
        disposition: pick('FAILED', 'ANSWERED', 'BUSY', 'NO ANSWER', 'CONGESTION', ' busy', ' BUSY ', 'DISPOSITION', 'weird', '', 'NULL'),
        uniqueid: pick('1794816000.5', '', '', 'NULL', 'caf\u00e9.1', ' 17.1', 'pbx1-1709452800.4'),
        userfield: pick('', 'SIP 503 Service Unavailable', 'x'),
      })
      .map((f) => line(f));
    const columns = fc.oneof({ arbitrary: fc.constant(18), weight: 4 }, { arbitrary: fc.integer({ min: 15, max: 22 }), weight: 1 });
    const file = fc.array(fc.tuple(row, columns), { minLength: 1, maxLength: 12 }).map((rows) =>
      rows
        .map(([text, n]) => {
          const fields = text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
          while (fields.length < n) fields.push('"extra"');
          return fields.slice(0, n).join(',');
        })
        .join('\n'),
    );
    let written = 0;
    fc.assert(
      fc.property(file, (text) => {
        written += sameBothWays(text);
      }),
      { numRuns: 400 },
    );
    expect(written).toBeGreaterThan(400); // not vacuous: about a quarter of some 2,600 rows
  });
});
