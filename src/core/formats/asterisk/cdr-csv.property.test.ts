/**
 * The Master.csv row path as properties over generated rows built from the values real files hold
 * (channels of every technology, Dial() strings, dates in every shape the readers know,
 * dispositions, HANGUPCAUSE texts) plus noise: nothing is lost (every row is a record, a skip with
 * a reason, a header, or held back and handed out by finish()), and the records do not move when
 * the rows are shuffled, the file is split, or a trunk is renamed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { DelimitedTokenizer, tokenizeAll } from '../../read/delimited-tokenizer';
import { rowOf } from '../../read/row';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { asteriskMasterCsvWriter } from '../../scenario/writers/asterisk-master-csv';
import { writeScenarioText } from '../../scenario/writers/writer';
import type { RowOutcome } from '../format-module';
import { asteriskCdrCsv } from './cdr-csv';

interface Run {
  outcomes: RowOutcome[];
  /** The records of the rows, in row order, then those finish() handed out. */
  records: CallRecord[];
}

function run(rows: readonly string[][]): Run {
  const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
  // Copy each outcome: a parser may hand out what it owns only until the next row.
  const outcomes = rows.map((fields, i) => structuredClone(parser.parse(rowOf(fields), i + 1)));
  return finished(outcomes, (parser.finish?.() ?? []).map((h) => h.record));
}

/** The same rows written as a Master.csv file (every field quoted) and read by the byte tokenizer, as the ingest reads them. */
function runAsFile(rows: readonly string[][]): Run {
  const text = rows.map((fields) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\n');
  const parser = asteriskCdrCsv.createParser({ fileName: 'Master.csv', delimiter: ',' });
  const outcomes: RowOutcome[] = [];
  const tokenizer = new DelimitedTokenizer({ delimiter: ',' });
  const sink = (row: Parameters<typeof parser.parse>[0], line: number) => outcomes.push(structuredClone(parser.parse(row, line)));
  tokenizer.push(new TextEncoder().encode(text), sink);
  tokenizer.end(sink);
  return finished(outcomes, (parser.finish?.() ?? []).map((h) => h.record));
}

function finished(outcomes: RowOutcome[], held: readonly CallRecord[]): Run {
  const records = outcomes.flatMap((o) => (o.kind === 'record' ? [o.record] : []));
  return { outcomes, records: [...records, ...held] };
}

const count = (r: Run, kind: RowOutcome['kind']) => r.outcomes.filter((o) => o.kind === kind).length;
const sorted = (records: readonly CallRecord[]) => records.map((r) => JSON.stringify(r)).sort();

// --- generated rows -------------------------------------------------------------------------------

const hex8 = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0'));
const peer = fc.constantFrom('carrierA', 'CarrierA', 'carrier-east', 'sipus1', 'VIOrig', '172.19.45.122:5020', '1001', '100', '1234567', '12345678', '4420795551111', 'client2', 'Carrier-Ü', '', 'a-b-c', 'x\u2028y', '١٠٠');
const tech = fc.constantFrom('SIP', 'PJSIP', 'IAX2', 'Local', 'DAHDI', 'Motif', 'Console', 'sip', 'pjsip', 'iax2', 'OOH323', 'Dongle');
const channel = fc.oneof(
  fc.tuple(tech, peer, hex8, fc.constantFrom('', ';1', ';2', ';x')).map(([t, p, h, s]) => `${t}/${p}-${h}${s}`),
  fc.tuple(tech, peer, fc.integer({ min: 0, max: 99999 })).map(([t, p, n]) => `${t}/${p}-${n}`),
  fc.tuple(tech, peer, fc.constantFrom('', 'user@', 'guest:pw@')).map(([t, p, u]) => `${t}/${u}${p}`),
  fc.constantFrom('', 'NULL', 'Local/100@from-internal-0000000f;2', 'DAHDI/i1/5551234-1a', 'Motif/12489398620@voice.google.com-753b', 'IAX2/user@216.207.245.8:4569-2739', 'SIP/-abcdef12', ' SIP/carrierA-0000000a ', 'Console/dsp'),
  fc.string({ maxLength: 12 }),
);
const number = fc.constantFrom('18005551212', '12489398620', '+4420795550000', '301', '1001', '12', 's', '', '+', '++123', '١٠٠١', '+12');
const dialTarget = fc.oneof(
  fc.tuple(tech, number, peer).map(([t, n, p]) => `${t}/${n}@${p}`),
  fc.tuple(tech, peer, number).map(([t, p, n]) => `${t}/${p}/${n}`),
  fc.tuple(tech, peer).map(([t, p]) => `${t}/${p}`),
  fc.constantFrom('PJSIP/1128/sip:1128@182.72.240.250:5062', ' SIP/carrierA/18005551212 ', 'Console/dsp', '106@default', 'DAHDI/g0/5551234'),
);
const lastdata = fc.oneof(
  fc.tuple(fc.array(dialTarget, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ',60,tT', ',30', ',,')).map(([ts, opts]) => ts.join('&') + opts),
  fc.constantFrom('', '(Outgoing Line)', '20'),
  fc.string({ maxLength: 12 }),
);
const p2 = (n: number) => String(n).padStart(2, '0');
/** cdr_csv's own shape, `%Y-%m-%d %T`: the same instant read in any row order. */
const canonicalDate = fc
  .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([y, mo, d, h, mi]) => `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(mi % 60)}`);
/** A spreadsheet's re-typed dates: day and month order told by the file, some rows held back until it is. */
const slashDate = fc
  .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('2017', '17', '2024'), fc.integer({ min: 0, max: 23 }))
  .map(([a, b, y, h]) => `${a}/${b}/${y} ${h}:05:01`);
const oddDate = fc.constantFrom('', '0', '0000-00-00 00:00:00', '2024-02-30 10:00:00', '2020/2/10 22:41', '2024-01-27T15:07:24.5+02:00', '1706368044', 'yesterday', ' 2024-03-01 10:00:00 ');
const anyDate = fc.oneof(canonicalDate, slashDate, oddDate);
const uniqueid = fc.oneof(
  fc.integer({ min: 1_400_000_000, max: 1_800_000_000 }).map((s) => `${s}.${s % 97}`),
  fc.constantFrom('', '1504279981.1', 'mainserverdss-1706420300.0', 'abc', '1709287200'),
);
const disposition = fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION', 'CANCEL', 'UNKNOWN', 'answered', ' Failed ', '', 'NORMAL_CLEARING', 'disposition', 'NULL');
const userfield = fc.oneof(fc.constantFrom('', 'SIP 503 Service Unavailable', 'PJSIP 603 Decline', 'SIP 200 OK', 'sip 503', 'x SIP 486 Busy Here ', 'SIP 999', '\\N'), fc.string({ maxLength: 8 }));
const seconds = fc.constantFrom('', '0', '5', '61', '12x', ' 7', '-1', '٣', '1e3', '007');
const text = (values: readonly string[]) => fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 6 }));

/** A Master.csv row of 15 to 22 columns (16–21 are cdr_csv's; the others must be skipped with a reason). */
function masterRow(date: fc.Arbitrary<string>): fc.Arbitrary<string[]> {
  return fc
    .record({
      accountcode: text(['', '1001']),
      src: text(['', '1001', '13125550142', 'sipus1', '4420795551111', '100']),
      dst: text(['', 's', '18005551212', '1001', '+4420795550000', '+', '١٠٠١']),
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
      linkedid: uniqueid,
      width: fc.integer({ min: 15, max: 22 }),
    })
    .map((r) => {
      const all = [r.accountcode, r.src, r.dst, r.dcontext, r.clid, r.channel, r.dstchannel, r.lastapp, r.lastdata, r.start, r.answer, r.end, r.duration, r.billsec, r.disposition, r.amaflags, r.uniqueid, r.userfield, '', r.linkedid, '1', 'extra'];
      // 19–21 columns end with peeraccount, linkedid, sequence (newcdrcolumns), as cdr_csv writes them.
      if (r.width >= 19 && r.width <= 21) return [...all.slice(0, r.width - 3), '', r.linkedid, '1'];
      return all.slice(0, r.width);
    });
}

describe('Master.csv rows: nothing is lost', () => {
  it('every row is a record, a header, a skip with a reason, or held back; finish() hands out exactly the held-back rows', () => {
    fc.assert(
      fc.property(fc.array(masterRow(anyDate), { minLength: 1, maxLength: 25 }), (rows) => {
        const r = run(rows);
        expect(r.outcomes).toHaveLength(rows.length);
        for (const o of r.outcomes) {
          expect(['record', 'header', 'skip', 'merged']).toContain(o.kind);
          if (o.kind === 'skip') expect(o.reason.trim()).not.toBe('');
        }
        expect(r.records).toHaveLength(count(r, 'record') + count(r, 'merged'));
        for (const rec of r.records) {
          expect(rec.trunk).not.toBe('');
          expect(Number.isFinite(rec.startMs)).toBe(true);
          expect(['outbound', 'inbound', 'unknown']).toContain(rec.direction);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the generated rows reach every outcome kind (the property above is not vacuous)', () => {
    const r = run(fc.sample(masterRow(anyDate), { numRuns: 3000, seed: 42 }));
    for (const kind of ['record', 'skip', 'header', 'merged'] as const) expect(count(r, kind), kind).toBeGreaterThan(0);
  });

  it('the generated sample day: every row a call on one of the ten carriers (both writer variants)', () => {
    for (const hangupCauseInUserfield of [false, true]) {
      const text = writeScenarioText({ ...SAMPLE_DAY, fromSecond: 10 * 3600, toSecond: 12 * 3600 }, asteriskMasterCsvWriter({ hangupCauseInUserfield }));
      const rows = tokenizeAll(text, { delimiter: ',' }).map((row) => row.fields);
      const r = run(rows);
      expect(rows.length).toBeGreaterThan(3000);
      expect(count(r, 'record')).toBe(rows.length);
      expect([...new Set(r.records.map((rec) => rec.trunk))].sort()).toEqual(SAMPLE_DAY.trunks.map((t) => t.name).sort());
    }
  });
});

describe('Master.csv rows: metamorphic', () => {
  it('read from a file by the byte tokenizer, the rows give what their fields give', () => {
    fc.assert(
      fc.property(fc.array(masterRow(anyDate), { minLength: 1, maxLength: 25 }), (rows) => {
        expect(runAsFile(rows)).toEqual(run(rows));
      }),
      { numRuns: 300 },
    );
  });

  it('shuffling the rows or splitting the file in two gives the same records (cdr_csv dates)', () => {
    fc.assert(
      fc.property(
        fc.array(masterRow(canonicalDate), { minLength: 2, maxLength: 25 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), fc.integer({ min: 1, max: rows.length - 1 }))),
        ([rows, shuffled, cut]) => {
          const whole = sorted(run(rows).records);
          expect(sorted(run(shuffled).records)).toEqual(whole);
          expect(sorted([...run(rows.slice(0, cut)).records, ...run(rows.slice(cut)).records])).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('renaming a trunk renames it in its records and changes nothing else', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);
    const outbound = fc.record({
      tech: fc.constantFrom('SIP', 'PJSIP'),
      number: fc.stringMatching(/^1[2-9]\d{9}$/),
      start: canonicalDate,
      duration: fc.integer({ min: 0, max: 600 }),
      billsec: fc.integer({ min: 0, max: 600 }),
      disposition: fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'),
      userfield: fc.constantFrom('', 'SIP 503 Service Unavailable', 'SIP 603 Decline', 'SIP 403 Forbidden'),
      id: hex8,
      uniqueid,
    });
    const row = (r: typeof outbound extends fc.Arbitrary<infer T> ? T : never, trunk: string) => ['', '1001', r.number, 'from-internal', '"Agent" <1001>', `${r.tech}/1001-0000000a`, `${r.tech}/${trunk}-${r.id}`, 'Dial', `${r.tech}/${r.number}@${trunk},60,tT`, r.start, '', r.start, String(r.duration), String(r.billsec), r.disposition, 'DOCUMENTATION', r.uniqueid, r.userfield];
    fc.assert(
      fc.property(fc.array(outbound, { minLength: 1, maxLength: 10 }), name, name, (calls, a, b) => {
        fc.pre(a !== b);
        const before = run(calls.map((c) => row(c, a))).records;
        const after = run(calls.map((c) => row(c, b))).records;
        expect(before).toHaveLength(calls.length);
        expect(before.every((rec) => rec.trunk === a)).toBe(true);
        // The trunk's channel (legB, for the de-duplication key) is named after it too.
        expect(after).toEqual(before.map((rec, k) => ({ ...rec, trunk: b, legB: `${calls[k]!.tech}/${b}-${calls[k]!.id}` })));
      }),
      { numRuns: 300 },
    );
  });
});
