/**
 * The CLI in-process (main() with captured output): a fixture, the generated sample day (gzipped,
 * as an operator would keep it), unreadable input and usage errors.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { VERDICT_IDS } from '../core/diagnosis/tree';
import { SAMPLE_DAY } from '../core/scenario/scenario';
import { vicidialExportCallsCarrierWriter } from '../core/scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText } from '../core/scenario/writers/writer';
import { main, readable, type JsonReport } from './analyze';
import { createThreadPool } from './thread-pool';
import { PIECE_BYTES } from '../core/ingest/pieces/read-in-pieces';
import { vicidialCarrierLogWriter } from '../core/scenario/writers/vicidial-carrier-log';
import { runCli } from './run-captured';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('npm run analyze', () => {
  it('on worker threads (as when run from the shell) prints exactly what one pass prints', async () => {
    const file = join(dir, 'AST_carrier_log_report.csv');
    writeFileSync(file, writeScenarioText(SAMPLE_DAY, vicidialCarrierLogWriter));
    expect(statSync(file).size).toBeGreaterThan(2 * PIECE_BYTES); // so it really is cut into pieces
    const onePass = await runCli('--json', file);
    const pool = createThreadPool(2);
    let out = '';
    try {
      expect(await main(['--json', file], { out: (t) => (out += t), err: () => {} }, { pool })).toBe(0);
    } finally {
      await pool.close();
    }
    expect((JSON.parse(out) as JsonReport).inputs[0]!.rows.read).toBeGreaterThan(60_000);
    expect(out).toBe(onePass.out);
  });

  it('--json: failover per trunk (challenges-and-failover.csv, counted by hand in acc-folding.test.ts)', async () => {
    const { code, out } = await runCli('--json', 'fixtures/cdr/kamailio-acc/challenges-and-failover.csv');
    expect(code).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    const failover = Object.fromEntries(r.trunks.map((t) => [t.name.replace(/ \(.*$/, ''), t.failover]));
    // gwgroup 3: fo-5's 503 retried on gwgroup 4 two seconds later (answered), fo-6a's 603 retried
    // on gwgroup 4 three seconds later (503 again); ch-2's 503 was not retried.
    expect(failover['gwgroup 3']).toEqual({ retriedElsewhere: 2, answered: 1, rejectedAgain: 1, other: 0 });
    expect(failover['gwgroup 4']).toEqual({ retriedElsewhere: 0, answered: 0, rejectedAgain: 0, other: 0 });
    expect((await runCli('fixtures/cdr/kamailio-acc/challenges-and-failover.csv')).out).toContain('failover: 2 rejections retried on another trunk within 10 s: 1 answered, 1 rejected again, 0 other');
  });

  it('--json over a fixture: inputs with rows, trunks with codes and a verdict', async () => {
    const { code, out, err } = await runCli('--json', 'fixtures/cdr/kamailio-acc/basic.csv');
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    expect(r.inputs).toEqual([expect.objectContaining({ file: 'fixtures/cdr/kamailio-acc/basic.csv', format: 'kamailio-acc', rows: expect.objectContaining({ read: 14, used: 9, skipped: 5 }) })]);
    expect(r.trunks.length).toBeGreaterThan(0);
    const text = await runCli('fixtures/cdr/kamailio-acc/basic.csv');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^trunk\s+attempts\s+ASR\s+503\s+603\s+verdict$/m);
    expect(text.out).toContain('== gwgroup 3 (sip.carrier-a.example, 34.210.91.112): ');
    for (const t of r.trunks) {
      expect(VERDICT_IDS).toContain(t.verdict);
      expect(Object.values(t.codes).reduce((a, b) => a + b, 0)).toBe(t.attempts);
    }
  });

  it('says which hour a file shows twice (dst-fall-back.csv: every 5 minutes, 01:00–01:55 again after 01:55)', async () => {
    const fixture = 'fixtures/cdr/asterisk-cdr-csv/dst-fall-back.csv';
    const r = JSON.parse((await runCli('--json', fixture)).out) as JsonReport;
    // 48 rows: 00:00–01:55 (24), then 01:00–01:55 again (12), then 02:00–02:55 (12).
    expect(r.inputs[0]!.repeatedHours).toEqual([{ from: '2026-11-01 01:00:00', to: '2026-11-01 02:00:00', secondPassCalls: 12, note: expect.stringContaining('2026-11-01 01:00–02:00 appears twice') }]);
    const text = (await runCli(fixture)).out;
    expect(text).toContain(`  note: ${r.inputs[0]!.repeatedHours[0]!.note}\n`);
    // A file with no hour twice has none.
    expect((JSON.parse((await runCli('--json', 'fixtures/cdr/asterisk-cdr-csv/basic.csv')).out) as JsonReport).inputs[0]!.repeatedHours).toEqual([]);
  });

  it('the sample day (.gz): every carrier gets its problem, in JSON and in the readable table', async () => {
    const file = join(dir, 'NEW_EXPORT_CALL_REPORT_20261116.txt.gz');
    writeFileSync(file, gzipSync(writeScenarioText(SAMPLE_DAY, vicidialExportCallsCarrierWriter)));
    const { code, out } = await runCli('--json', file);
    expect(code).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    expect(r.inputs[0]).toMatchObject({ format: 'vicidial-export-calls-carrier', rows: { skipped: 0 } });
    const verdicts = Object.fromEntries(r.trunks.map((t) => [t.name, t.verdict]));
    expect(verdicts).toEqual(Object.fromEntries(SAMPLE_DAY.trunks.map((t) => [`prefix ${t.dialPrefix}`, t.problem])));
    const cps = r.trunks.find((t) => t.verdict === 'cps-limit')!;
    expect(cps.evidence?.numbers.kneeCps).toBeGreaterThanOrEqual(3);
    expect(cps.evidence?.samples.length).toBe(5);
    expect(cps.evidence?.window?.from).toMatch(/^2026-11-16 /);

    // The readable output is rendered from the same document (one ingest of the day is enough).
    const text = readable(r);
    expect(text).toMatch(/^trunk\s+attempts\s+ASR\s+503\s+603\s+verdict$/m);
    expect(text).toMatch(/== prefix 8: cps-limit \((high|medium)\)/);
    expect(text).toContain('sample calls');
    expect(text).toMatch(/tell the carrier: We see 503 .* more than 3 calls per second/);
    expect(cps.ticket).toMatch(/^Trunk prefix 8: /);
  });

  it("the trunk table's since beside the walk's onset, the same with another trunk's call nine months later", async () => {
    // fundco: a call every 7 s from 13:00:00 (120 calls); call 30 (13:03:30) a 503, every call from
    // call 80 (13:09:20) a 503: 1 of 80 before, 40 of 40 from it. goodco: one answered call, on the
    // same day at 18:00 or nine months later (which makes the file's time buckets a day wide).
    const two = (n: number) => String(n).padStart(2, '0');
    const fundco = Array.from({ length: 120 }, (_, i) => `2024-03-01 13:${two(Math.floor((7 * i) / 60))}:${two((7 * i) % 60)},fundco,${i >= 80 || i === 30 ? '503' : '200'},1312555${String(i).padStart(4, '0')}`);
    const ranOut = { kind: '503', at: '2024-03-01 13:09:20', before: { n: 1, d: 80 }, after: { n: 40, d: 40 } };
    for (const [name, date] of [['same-day.csv', '2024-03-01'], ['months-later.csv', '2024-12-02']] as const) {
      const file = join(dir, name);
      writeFileSync(file, `${['Start Time,Carrier,SIP Code,Destination', ...fundco, `${date} 18:00:00,goodco,200,14155550000`].join('\n')}\n`);
      const r = JSON.parse((await runCli('--json', file)).out) as JsonReport;
      const t = r.trunks.find((x) => x.name === 'fundco')!;
      expect(t.since, name).toEqual(ranOut);
      expect(t.evidence?.numbers, name).toEqual({ onset: ranOut.at, before: ranOut.before, after: ranOut.after });
      expect(readable(r)).toContain('   since: 503 from 2024-03-01 13:09:20; before=1/80 (1.3 %); after=40/40 (100 %)');
    }
  });

  it('unreadable input: exit 1 and a message naming the file; usage errors: exit 2', async () => {
    const missing = await runCli(join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.csv');
    const junk = join(dir, 'junk.txt');
    writeFileSync(junk, 'hello world\n');
    const notCdr = await runCli('--json', junk);
    expect(notCdr.code).toBe(1);
    expect(notCdr.err).toContain('junk.txt');
    expect((await runCli()).code).toBe(2);
    const tree = await runCli('--tree');
    expect(tree.code).toBe(0);
    expect(tree.out).toContain('too fast: 503s above a CPS knee → Lower the CPS / dial level (or ask the carrier for a higher CPS limit). [cps-limit]');
    expect((await runCli('--bogus', junk)).code).toBe(2);
  });
});

describe('npm run analyze: skip reasons and directions', () => {
  it('prints the Issabel DAHDI file: skipped rows by reason with first lines, calls by direction, inbound per trunk', async () => {
    let out = '';
    const code = await main(['--json', 'fixtures/cdr/asterisk-cdr-csv/issabel-dahdi-gsm.csv'], { out: (t) => (out += t), err: () => {} });
    expect(code).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    // Lines 8–9 call extension to extension, line 10 is voicemail; lines 5–7 came in on the GSM line.
    expect(r.inputs[0]!.rows.skippedBy).toEqual([
      { reason: 'internal call: extension to extension', count: 2, firstLines: [8, 9] },
      { reason: 'internal call: no trunk in channel, dstchannel or lastdata', count: 1, firstLines: [10] },
    ]);
    expect(r.inputs[0]!.traffic).toEqual({ outbound: 4, inbound: 3, internal: 3, unknownDirection: 0, authChallenges: 0, answeredAfterChallenge: 0 });
    expect(r.trunks.map((t) => [t.name, t.attempts, t.inbound])).toEqual(expect.arrayContaining([['DAHDI g0', 4, 0], ['Dongle dongle0', 0, 3]]));
    let text = '';
    await main(['fixtures/cdr/asterisk-cdr-csv/issabel-dahdi-gsm.csv'], { out: (t) => (text += t), err: () => {} });
    expect(text).toContain('  skipped 2: internal call: extension to extension (first lines 8, 9)');
    expect(text).toContain('  calls: 4 outbound, 3 inbound, 3 internal, 0 unknown direction');
  });

  it('a file given twice, or a copy under another name, is read once (no call id could tell its calls apart)', async () => {
    // Three calls and no call id: read twice, they would be 6 attempts.
    const text = 'start_time,trunk,destination,sip_code\n2024-05-01 10:00:00,carrier-a,12025550100,503\n2024-05-01 10:00:05,carrier-a,12025550101,200\n2024-05-01 10:00:09,carrier-a,12025550102,503\n';
    const first = join(dir, 'portal.csv');
    const copy = join(dir, 'portal (1).csv');
    const other = join(dir, 'portal-next.csv');
    writeFileSync(first, text);
    writeFileSync(copy, text);
    // The same size and edges, one digit different in the middle: another file.
    writeFileSync(other, text.replace('12025550101', '12025550109'));
    const { code, out } = await runCli('--json', first, first, copy, other);
    expect(code).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    expect(r.inputs.map((i) => [i.file, i.rows.read])).toEqual([[first, 3], [other, 3]]);
    expect(r.sameAs).toEqual([{ file: first, sameAs: first }, { file: copy, sameAs: first }]);
    expect(r.trunks.map((t) => [t.name, t.attempts, t.rate503.n])).toEqual([['carrier-a', 6, 4]]);
    const readableOut = (await runCli(first, copy)).out;
    expect(readableOut).toContain(`${copy}: the same content as ${first}, not read again (its calls count once)`);
    expect(readableOut).toMatch(/^carrier-a\s+3\s/m);
  });

  it('writes counts as the page does (1,440), and --json keeps them numbers; times, codes and phone numbers stay as they are', async () => {
    // One call every 10 s: 10:00–12:00 answered (720), 12:00–14:00 every call 503 (720): 1,440 attempts.
    const rows: string[] = [];
    for (let s = 0; s < 4 * 3600; s += 10) {
      const t = new Date(Date.UTC(2024, 4, 1, 10) + s * 1000).toISOString().slice(0, 19).replace('T', ' ');
      rows.push(`${t},carrier-g,12025550100,${s < 2 * 3600 ? 200 : 503}`);
    }
    const path = join(dir, 'carrier-g.csv');
    writeFileSync(path, `start_time,trunk,destination,sip_code\n${rows.join('\n')}\n`);
    const r = JSON.parse((await runCli('--json', path)).out) as JsonReport;
    expect(r.calls).toBe(1440);
    expect(r.trunks.map((t) => [t.name, t.attempts, t.rate503])).toEqual([['carrier-g', 1440, { n: 720, d: 1440 }]]);
    // The ticket is text for a person, in the JSON too.
    expect(r.trunks[0]!.ticket).toContain('In it, 1,440 attempts on this trunk; rejected with 503: 50 % (720 of 1,440).');
    const text = (await runCli(path)).out;
    expect(text).toContain('carrier-g.csv: CSV/TSV with a header (columns guessed) — rows read 1,440, used 1,440, skipped 0');
    // No direction column: every call is of unknown direction (and counted as an attempt).
    expect(text).toContain('  calls: 0 outbound, 0 inbound, 0 internal, 1,440 unknown direction');
    expect(text).toContain('1,440 calls, 2024-05-01 10:00:00 → 2024-05-01 13:59:50 (time as in the file)');
    expect(text).toMatch(/^carrier-g\s+1,440\s+50 %\s+50 %\s/m);
    expect(text).toContain('     2024-05-01 12:00:00  12025550100  -  503\n');
    expect(text).not.toMatch(/1440/);
  });

  it('a file of inbound calls only has no span of attempts (not 1970) and says why no rate is counted', async () => {
    const path = join(dir, 'inbound-only.csv');
    writeFileSync(path, 'start_time,trunk,direction,sip_code\n2024-05-01 10:00:00,carrier-a,inbound,200\n2024-05-01 10:05:00,carrier-a,inbound,486\n');
    const r = JSON.parse((await runCli('--json', path)).out) as JsonReport;
    expect(r.inputs[0]!.traffic).toMatchObject({ outbound: 0, inbound: 2 });
    expect(r.calls).toBe(2);
    expect(r.span).toBeNull();
    expect(r.trunks.map((t) => [t.name, t.attempts, t.inbound, t.verdict])).toEqual([['carrier-a', 0, 2, 'inconclusive']]);
    expect(r.trunks[0]!.evidence?.summary).toBe('No outbound attempts on this trunk: the 2 calls here came in from it. Only calls sent to a carrier have a 503 or 603 rate.');
    const text = (await runCli(path)).out;
    expect(text).toContain('2 calls, none of them an outbound attempt: no rate to count');
    expect(text).not.toContain('1970');
  });

  it('names the line of a quote that never closes, and reads the rows after it', async () => {
    // Line 2 opens a quote in the reason column and never closes it; lines 3 and 4 are whole rows.
    const file = join(dir, 'unclosed-quote.csv');
    writeFileSync(file, 'start_time,trunk,sip_code,reason\n2024-05-01 09:59:59,carrierA,603,"Decline\n2024-05-01 10:00:00,carrierA,503,Service Unavailable\n2024-05-01 10:00:01,carrierA,503,Service Unavailable\n');
    let out = '';
    expect(await main(['--json', file], { out: (t) => (out += t), err: () => {} })).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    expect(r.inputs[0]!.unclosedQuotes).toEqual({ count: 1, firstLines: [2] });
    expect(r.inputs[0]!.rows).toMatchObject({ read: 3, used: 3, skipped: 0 });
    let text = '';
    await main([file], { out: (t) => (text += t), err: () => {} });
    expect(text).toContain('  1 quote never closed, each closed at its line end (line 2): the rows after it were read');
  });

  it('a gzipped line of 8 MB with no line end is cut once and said, and the rows after it are read', async () => {
    // Line 2 holds an 8 MB trunk field (over the 1 MB cap); lines 3 and 4 are whole rows.
    const file = join(dir, 'endless-line.csv.gz');
    const text0 = `start_time,trunk,sip_code\n2024-05-01 09:59:59,${'x'.repeat(8 << 20)},503\n2024-05-01 10:00:00,carrierA,503\n2024-05-01 10:00:01,carrierA,200\n`;
    writeFileSync(file, gzipSync(text0));
    let out = '';
    expect(await main(['--json', file], { out: (t) => (out += t), err: () => {} })).toBe(0);
    const r = JSON.parse(out) as JsonReport;
    expect(r.inputs[0]!.overlongLines).toBe(1);
    expect(r.inputs[0]!.rows).toMatchObject({ read: 2, used: 2, skipped: 0 });
    expect(r.trunks.map((t) => [t.name, t.attempts])).toEqual([['carrierA', 2]]);
    let text = '';
    await main([file], { out: (t) => (text += t), err: () => {} });
    expect(text).toContain('  1 line over 1 MB cut, not read as rows: the file may contain binary data');
  });
});
