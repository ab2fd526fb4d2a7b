/**
 * The CLI over ZIP archives: each file in an archive is an input of its own, named by the archive's
 * path and the entry's, and a drop of the archive reads what a drop of the files in it reads.
 * asterisk/basic.csv: 10 rows, 7 used; vicidial/basic.csv: 16 rows, all used (archive-inputs.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildZip } from '../core/read/zip/zip-test-support';
import type { JsonReport } from './analyze';
import { runCli } from './run-captured';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-cli-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const ASTERISK = 'fixtures/cdr/asterisk-cdr-csv/basic.csv';
const VICIDIAL = 'fixtures/cdr/vicidial-carrier-log/basic.csv';

describe('npm run analyze on a .zip', () => {
  for (const archive of ['fixtures/archives/cdr-exports.zip', 'fixtures/archives/cdr-exports-stored.zip']) {
    it(`${archive}: each export is an input, and the report is the unzipped files' report`, async () => {
      const zipped = await runCli('--json', archive);
      expect(zipped.err).toBe('');
      expect(zipped.code).toBe(0);
      const z = JSON.parse(zipped.out) as JsonReport;
      expect(z.inputs.map((i) => [i.file, i.format, i.rows.read, i.rows.used, i.rows.skipped])).toEqual([
        [`${archive} › asterisk/basic.csv`, 'asterisk-cdr-csv', 10, 7, 3],
        [`${archive} › vicidial/basic.csv`, 'vicidial-carrier-log', 16, 16, 0],
      ]);
      expect(z.calls).toBe(23);
      const plain = JSON.parse((await runCli('--json', ASTERISK, VICIDIAL)).out) as JsonReport;
      const withoutNames = (r: JsonReport) => ({ ...r, inputs: r.inputs.map((i) => ({ ...i, file: '' })) });
      expect(withoutNames(z)).toEqual(withoutNames(plain));

      const text = (await runCli(archive)).out;
      expect(text).toContain(`${archive} › asterisk/basic.csv: Asterisk`);
      expect(text).toMatch(/› asterisk\/basic\.csv: .* — rows read 10, used 7, skipped 3$/m);
      expect(text).toMatch(/› vicidial\/basic\.csv: .* — rows read 16, used 16, skipped 0$/m);
    });
  }

  it('an entry that cannot be read, and an archive that cannot be opened: exit 1, each named', async () => {
    const zip = join(dir, 'portal.zip');
    writeFileSync(zip, await buildZip([{ path: 'secret.csv', data: 'x', flags: 1 }, { path: 'vicidial.csv', data: readFileSync(VICIDIAL) }]));
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, readFileSync('fixtures/archives/cdr-exports.zip').subarray(0, 1500));
    const { code, err, out } = await runCli(zip, cut);
    expect(code).toBe(1);
    expect(err).toContain(`analyze: ${zip} › secret.csv: ${zip.replace(/.*\//, '')} › secret.csv is encrypted (the archive has a password)`);
    expect(err).toContain(`analyze: ${cut}: cut.zip is a damaged ZIP archive: its end-of-archive record is missing`);
    // The readable one is still read.
    expect(out).toMatch(/portal\.zip › vicidial\.csv: .* — rows read 16, used 16, skipped 0$/m);
  });

  it('an entry named to drive the terminal prints as visible escapes', async () => {
    const zip = join(dir, 'hostile.zip');
    writeFileSync(zip, await buildZip([{ path: 'evil\u001b[2J\u001b]0;pwned\u0007\u202e.csv', data: readFileSync(VICIDIAL) }]));
    const { code, out } = await runCli(zip);
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the assertion: none of these may reach the terminal
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('hostile.zip › evil\\x1b[2J\\x1b]0;pwned\\x07\\u202e.csv: ');
  });
});
