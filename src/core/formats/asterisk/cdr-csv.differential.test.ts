/**
 * The Master.csv row path against its pre-speed-work self (reference-row-path.test.ts): every row's
 * outcome, the held-back records of finish() and the capabilities must be equal, field by field, on
 * the generated sample day (both writer variants), on every real sample file's rows, and on
 * fast-check rows built from the values real files hold (channels of every technology, Dial()
 * strings, dates in every shape the readers know, dispositions, HANGUPCAUSE texts) plus noise.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { asteriskMasterCsvWriter } from '../../scenario/writers/asterisk-master-csv';
import { writeScenarioText } from '../../scenario/writers/writer';
import type { FormatCapabilities, RowOutcome } from '../format-module';
import { asteriskCdrCsv } from './cdr-csv';
import { parseChannel, trunkFromChannel } from '../shared/channel';
import * as reference from './reference-row-path.test';
import { parseDialTargets } from './trunk';
import { rowOf } from '../../read/row';

interface Run {
  outcomes: RowOutcome[];
  finished: CallRecord[];
  capabilities: FormatCapabilities;
}

function runNew(rows: readonly string[][]): Run {
  const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
  // Copy each outcome: a parser may hand out what it owns only until the next row.
  const outcomes = rows.map((fields, i) => structuredClone(parser.parse(rowOf(fields), i + 1)));
  return { outcomes, finished: parser.finish?.() ?? [], capabilities: parser.capabilities() };
}

function runReference(rows: readonly string[][]): Run {
  const parser = reference.referenceCdrCsvParser();
  const outcomes = rows.map((fields) => parser.parse(fields));
  return { outcomes, finished: parser.finish(), capabilities: parser.capabilities() };
}

function rowsOf(text: string): string[][] {
  return tokenizeAll(text, { delimiter: ',' }).map((r) => r.fields);
}

function expectSame(rows: readonly string[][]): Run {
  const fresh = runNew(rows);
  const reference = runReference(rows);
  for (let i = 0; i < rows.length; i++) expect(fresh.outcomes[i], `row ${i + 1}: ${JSON.stringify(rows[i])}`).toEqual(reference.outcomes[i]);
  expect(fresh.finished).toEqual(reference.finished);
  expect(fresh.capabilities).toEqual(reference.capabilities);
  return fresh;
}

function kinds(run: Run): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of run.outcomes) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}

/** Two hours of the sample day (10:00–12:00 at scale 1): about 4,000 calls over ten carriers. */
const TWO_HOURS = { ...SAMPLE_DAY, fromSecond: 10 * 3600, toSecond: 12 * 3600 };

describe('Master.csv row path = reference, on the generated sample day', () => {
  it.each([false, true])('HANGUPCAUSE in userfield: %s', (hangupCauseInUserfield) => {
    const rows = rowsOf(writeScenarioText(TWO_HOURS, asteriskMasterCsvWriter({ hangupCauseInUserfield })));
    const run = expectSame(rows);
    // Every generated row is a call on one of the ten carriers.
    expect(rows.length).toBeGreaterThan(3000);
    expect(kinds(run)).toEqual({ record: rows.length });
    const trunks = new Set(run.outcomes.map((o) => (o.kind === 'record' ? o.record.trunk : '')));
    expect([...trunks].sort()).toEqual(SAMPLE_DAY.trunks.map((t) => t.name).sort());
  });
});

const SAMPLES = '/work/shared/samples/';

describe.skipIf(!existsSync(SAMPLES))('Master.csv row path = reference, on every real sample file', () => {
  const files = readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(csv|sql)$/i.test(f));
  it.each(files)('%s', (file) => {
    const rows = rowsOf(new TextDecoder('utf-8').decode(readFileSync(SAMPLES + file)));
    expectSame(rows);
  });

  it('reads the asterisk_cdr_csv samples to the known record counts (samples.test.ts)', () => {
    const records = (name: string) => kinds(expectSame(rowsOf(readFileSync(`${SAMPLES}asterisk_cdr_csv/${name}`, 'utf8')))).record;
    expect(records('simularent_Master.csv')).toBe(157);
    expect(records('BugaDM_Master.csv')).toBe(5);
  });
});

// --- generated rows -------------------------------------------------------------------------------

const hex8 = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0'));
const peer = fc.constantFrom('carrierA', 'CarrierA', 'carrier-east', 'sipus1', 'VIOrig', '172.19.45.122:5020', '1001', '100', '1234567', '12345678', '4420795551111', 'client2', 'Carrier-Ü', '', 'a-b-c', 'x\u2028y', '١٠٠');
const tech = fc.constantFrom('SIP', 'PJSIP', 'IAX2', 'Local', 'DAHDI', 'Motif', 'Console', 'sip', 'pjsip', 'iax2', 'OOH323');
const channel = fc.oneof(
  fc.tuple(tech, peer, hex8, fc.constantFrom('', ';1', ';2', ';x')).map(([t, p, h, s]) => `${t}/${p}-${h}${s}`),
  fc.tuple(tech, peer, fc.integer({ min: 0, max: 99999 })).map(([t, p, n]) => `${t}/${p}-${n}`),
  fc.tuple(tech, peer, fc.constantFrom('', 'user@', 'guest:pw@')).map(([t, p, u]) => `${t}/${u}${p}`),
  fc.constantFrom('', 'NULL', 'Local/100@from-internal-0000000f;2', 'DAHDI/i1/5551234-1a', 'Motif/12489398620@voice.google.com-753b', 'IAX2/user@216.207.245.8:4569-2739', 'SIP/-abcdef12', ' SIP/carrierA-0000000a ', 'SIP/x-1234567g', 'Console/dsp'),
  fc.string({ maxLength: 12 }),
);
const number = fc.constantFrom('18005551212', '12489398620', '+4420795550000', '301', '1001', '12', 's', '', '+', '++123', '١٠٠١', '+12');
const dialTarget = fc.oneof(
  fc.tuple(tech, number, peer).map(([t, n, p]) => `${t}/${n}@${p}`),
  fc.tuple(tech, peer, number).map(([t, p, n]) => `${t}/${p}/${n}`),
  fc.tuple(tech, peer).map(([t, p]) => `${t}/${p}`),
  fc.tuple(peer, number).map(([p, n]) => `IAX2/guest:pw@${p}/${n}@default`),
  fc.constantFrom('PJSIP/1128/sip:1128@182.72.240.250:5062', ' SIP/carrierA/18005551212 ', 'Console/dsp', '106@default'),
);
const lastdata = fc.oneof(
  fc.tuple(fc.array(dialTarget, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ',60,tT', ',30', ',,')).map(([ts, opts]) => ts.join('&') + opts),
  fc.constantFrom('', '(Outgoing Line)', '20', 'DAHDI/g0/5551234,60'),
  fc.string({ maxLength: 12 }),
);
const p2 = (n: number) => String(n).padStart(2, '0');
const canonicalDate = fc
  .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([y, mo, d, h, mi]) => `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(mi % 60)}`);
const slashDate = fc
  .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('2017', '17', '2024'), fc.integer({ min: 0, max: 23 }))
  .map(([a, b, y, h]) => `${a}/${b}/${y} ${h}:05:01`);
const date = fc.oneof(
  canonicalDate,
  slashDate,
  fc.constantFrom('', '0', '0000-00-00 00:00:00', '2024-02-30 10:00:00', '2020/2/10 22:41', '2024-01-27T15:07:24.5+02:00', '1706368044', '1/9/2017 16:33:01', 'yesterday', ' 2024-03-01 10:00:00 '),
);
const uniqueid = fc.oneof(
  fc.integer({ min: 1_400_000_000, max: 1_800_000_000 }).map((s) => `${s}.${s % 97}`),
  fc.constantFrom('', '1504279981.1', 'mainserverdss-1706420300.0', 'abc', '1709287200'),
);
const disposition = fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION', 'CANCEL', 'UNKNOWN', 'answered', ' Failed ', '', 'NORMAL_CLEARING', 'disposition', 'NULL');
const userfield = fc.oneof(
  fc.constantFrom('', 'SIP 503 Service Unavailable', 'PJSIP 603 Decline', 'SIP 200 OK', 'sip 503', 'x SIP 486 Busy Here ', 'SIP 999', 'DOCUMENTATION', '\\N'),
  fc.string({ maxLength: 8 }),
);
const seconds = fc.constantFrom('', '0', '5', '61', '12x', ' 7', '-1', '٣', '1e3', '007');
const text = (values: readonly string[]) => fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 6 }));

const masterRow = fc
  .record({
    accountcode: text(['', '1001']),
    src: text(['', '1001', '13125550142', 'sipus1', '4420795551111', '100']),
    dst: text(['', 's', '18005551212', '1001', '+4420795550000', 'ch2', '+', '+1001', '١٠٠١']),
    dcontext: text(['from-internal', 'from-pstn', 'from-trunk', 'stadion-pstn', 'default', 'from-dialer']),
    clid: text(['', '"Campaign" <13125550189>', '"Bob" <1001>', '<sipus1>', 'Bob']),
    channel,
    dstchannel: channel,
    lastapp: text(['Dial', 'AppDial', 'AppDial2', 'Congestion', ' congestion ', 'Hangup', 'Queue', '']),
    lastdata,
    start: date,
    answer: date,
    end: date,
    duration: seconds,
    billsec: seconds,
    disposition,
    amaflags: text(['DOCUMENTATION', 'BILLING']),
    uniqueid,
    userfield,
    peeraccount: text(['']),
    linkedid: uniqueid,
    sequence: text(['1', '42']),
    width: fc.integer({ min: 15, max: 22 }),
  })
  .map((r) => {
    const all = [r.accountcode, r.src, r.dst, r.dcontext, r.clid, r.channel, r.dstchannel, r.lastapp, r.lastdata, r.start, r.answer, r.end, r.duration, r.billsec, r.disposition, r.amaflags, r.uniqueid, r.userfield, r.peeraccount, r.linkedid, r.sequence, 'extra'];
    // 19–21 columns put linkedid second to last (newcdrcolumns), as cdr_csv writes them.
    if (r.width >= 19 && r.width <= 21) return [...all.slice(0, r.width - 3), r.peeraccount, r.linkedid, r.sequence];
    return all.slice(0, r.width);
  });

describe('Master.csv row path = reference, on generated rows (fast-check)', () => {
  it('every row outcome, the held-back rows and the capabilities', () => {
    fc.assert(
      fc.property(fc.array(masterRow, { minLength: 1, maxLength: 25 }), (rows) => {
        expectSame(rows);
      }),
      { numRuns: 400 },
    );
  });

  it('the generated rows reach every outcome kind and every trunk source', () => {
    const sample = fc.sample(masterRow, { numRuns: 3000, seed: 42 });
    const run = expectSame(sample);
    const k = kinds(run);
    // Rows with an unsettled D/M order are held back ('merged') and come out of finish().
    for (const kind of ['record', 'skip', 'header', 'merged']) expect(k[kind], kind).toBeGreaterThan(0);
    expect(run.finished.length).toBeGreaterThan(0);
  });
});

describe('channel and Dial() parsing = reference (fast-check)', () => {
  const noise = fc.string({ unit: 'binary', maxLength: 14 });
  const near = fc.tuple(fc.constantFrom('SIP/', 'PJSIP/', 'sip/', 'IAX2/', 'PJSIP/a', ' SIP/'), noise, fc.constantFrom('-0000abcd', '-0000ABCD;2', '-1234567', '-12345678;', '-ffffffff;x', '', '\n-00000001')).map((p) => p.join(''));

  it('parseChannel and trunkFromChannel', () => {
    fc.assert(
      fc.property(fc.oneof(channel, near, noise), (text) => {
        expect(parseChannel(text)).toEqual(reference.parseChannel(text));
        expect(trunkFromChannel(text)).toEqual(reference.trunkFromChannel(text));
      }),
      { numRuns: 5000 },
    );
    // The shapes the regex-free path takes, and two it must leave to the regexes.
    expect(parseChannel('PJSIP/carrier-east-0000000a;2')).toEqual({ tech: 'PJSIP', peer: 'carrier-east' });
    expect(parseChannel('SIP/-abcdef12')).toEqual({ tech: 'SIP', peer: '-abcdef12' });
    expect(parseChannel('SIP/a\u2028b-abcdef12')).toBeNull();
  });

  it('parseDialTargets', () => {
    const near = fc.tuple(fc.constantFrom('SIP/', 'pjsip/', 'IAX2/', 'PJSIP', 'Iax2/', '&', ','), noise, fc.constantFrom('', '@peer', '/123', '&SIP/x', ',60', '\u2028')).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(lastdata, near, noise), (text) => {
        expect(parseDialTargets(text)).toEqual(reference.parseDialTargets(text));
      }),
      { numRuns: 5000 },
    );
    expect(parseDialTargets('sip/301&PJSIP/18005551212@carrierA&,60')).toEqual([
      { tech: 'SIP', endpoint: '301', number: null },
      { tech: 'PJSIP', endpoint: 'carrierA', number: '18005551212' },
    ]);
  });
});
