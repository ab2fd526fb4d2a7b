/**
 * The CLI and the page on a drop whose files a spreadsheet saved again: a.csv's dates all read both
 * ways (03/04 and 05/04 of 2015), b.csv's 24/03/2015 reads day first only. The CLI reads the files
 * as the page's session does (CdrSession), and says what the file card says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CdrSession } from '../core/session/cdr-session';
import type { JsonReport } from './analyze';
import { runCli } from './run-captured';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-cli-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A failed outbound call on trunk `carrier` at `start` (as written), with a uniqueid that holds no time. */
const row = (dst: string, start: string, id: string) =>
  `"","1001","${dst}","from-internal","","SIP/1001-00000001","SIP/carrier-0000000a","Dial","SIP/${dst}@carrier,60","${start}","","${start}",0,0,"FAILED","DOCUMENTATION","${id}",""`;
const A_TEXT = [row('5550001', '03/04/2015 10:00', 'a-1'), row('5550002', '05/04/2015 11:00', 'a-2')].join('\r\n') + '\r\n';
const B_TEXT = [row('5550003', '24/03/2015 09:00', 'b-1'), row('5550004', '25/03/2015 09:30', 'b-2')].join('\r\n') + '\r\n';
const A = join(dir, 'a.csv');
const B = join(dir, 'b.csv');
writeFileSync(A, A_TEXT);
writeFileSync(B, B_TEXT);

const A_NOTE =
  'Dates such as 03/04/2015 10:00 are read day first (2015-04-03): the day/month order is taken from b.csv, read with this file, where 24/03/2015 09:00 can only be day first. No date in this file has a day above 12 to tell.';

describe('npm run analyze on files of one PBX, one of which cannot tell its day/month order', () => {
  it('a.csv follows b.csv, given before or after it: 3 and 5 April, and the note says where the order came from', async () => {
    for (const files of [
      [A, B],
      [B, A],
    ]) {
      const { out, code } = await runCli(...files);
      expect(code).toBe(0);
      // 24 March 09:00 (b.csv) to 5 April 11:00 (a.csv); month first it ended on 4 May.
      expect(out).toContain('4 calls, 2015-03-24 09:00:00 → 2015-04-05 11:00:00 (time as in the file)');
      expect(out).toMatch(/ {5}2015-04-03 10:00:00 {2}5550001 /);
      expect(out).toMatch(/ {5}2015-04-05 11:00:00 {2}5550002 /);
      expect(out).toContain(`a.csv: Asterisk Master.csv (cdr_csv) — rows read 2, used 2, skipped 0\n  note: ${A_NOTE}\n`);
    }
  });

  it("the CLI's note is the file card's: the same words from the session the page reads with", async () => {
    const json = JSON.parse((await runCli('--json', A, B)).out) as JsonReport;
    const session = new CdrSession();
    const summary = await session.read([
      { name: 'a.csv', blob: new Blob([A_TEXT]) },
      { name: 'b.csv', blob: new Blob([B_TEXT]) },
    ]);
    expect(json.inputs.map((i) => i.hint)).toEqual(summary.files.map((f) => f.companionHint));
    expect(json.inputs[0]!.hint).toBe(A_NOTE);
    expect(json.span).toEqual({ from: '2015-03-24 09:00:00', to: '2015-04-05 11:00:00' });
  });
});
