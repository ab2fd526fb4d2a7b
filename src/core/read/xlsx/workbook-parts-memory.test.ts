/**
 * What a workbook's small parts keep per entry is bounded, not only how many entries: a tag may be
 * 64 KB, and a list of 65,536 entries each keeping a 60,000-character value is 4 GB held from an
 * .xlsx of a few MB (the CLI died "JavaScript heap out of memory" on a 1.5 MB workbook of 16,384
 * such tags). Each part here is 2,048 tags of 60,000 characters (123 MB if each kept its value),
 * read by its reader in a Node whose heap is 96 MB: it runs out of memory where values are kept.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TAGS = 2048;
const LONG = 60_000;
const PARTS = fileURLToPath(new URL('./workbook-parts.ts', import.meta.url));

/**
 * `reader` (an expression over the module `m`) fed the part `open`, TAGS tags from `tag(k)` (JS
 * source, `long(k)` a 60,000-character value ending in k), `close`; `result` printed as JSON.
 */
function readInSmallHeap(reader: string, open: string, tag: string, close: string, result: string): { status: number | null; out: string; err: string } {
  const script = `
    import * as m from ${JSON.stringify(PARTS)};
    const enc = new TextEncoder();
    const long = (k) => 'y'.repeat(${LONG}) + k;
    const reader = ${reader};
    async function* part() {
      yield enc.encode(${JSON.stringify(open)});
      for (let k = 0; k < ${TAGS}; k++) yield enc.encode(${tag});
      yield enc.encode(${JSON.stringify(close)});
    }
    await m.scanPart(part(), reader);
    console.log(JSON.stringify(${result}));
  `;
  const run = spawnSync(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  // Its reason, where it died: "FATAL ERROR: … JavaScript heap out of memory".
  return { status: run.status, out: run.stdout.trim(), err: /^.*(?:FATAL|Error).*$/m.exec(run.stderr)?.[0] ?? run.stderr.slice(0, 300) };
}

describe('a workbook part of 2,048 tags of 60,000 characters is read in a 96 MB heap', () => {
  it("styles.xml's number formats: each kept as whether it is a date, not as its code (a code past Excel's 255 characters is no date)", () => {
    const run = readInSmallHeap(
      'new m.StylesReader()',
      '<styleSheet><numFmts>',
      '`<numFmt numFmtId="${k + 164}" formatCode="${long(k)}"/>`',
      '<numFmt numFmtId="5000" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><cellXfs><xf numFmtId="164"/><xf numFmtId="5000"/><xf numFmtId="22"/></cellXfs></styleSheet>',
      'reader.dateKinds()',
    );
    expect([run.status, run.out], run.err).toEqual([0, '[null,"datetime","datetime"]']);
  }, 60_000);

  it("workbook.xml's sheets: each name clipped to 100 characters of its own, a sheet's r:id of 60,000 characters not kept", () => {
    const run = readInSmallHeap(
      'new m.WorkbookReader()',
      '<workbook xmlns:r="r"><sheets>',
      '`<sheet name="${long(k)}" sheetId="${k + 1}" r:id="${long(k)}"/>`',
      '</sheets></workbook>',
      '[reader.sheetCount, reader.sheets[0].name.length, reader.sheets[0].relationship]',
    );
    expect([run.status, run.out], run.err).toEqual([0, '[2048,100,""]']);
  }, 60_000);

  it("workbook.xml.rels' relationships: an id of 60,000 characters is not kept; one to a part kept as the part's own path", () => {
    const run = readInSmallHeap(
      "new m.RelationshipsReader('xl', (path) => (path === 'xl/worksheets/sheet1.xml' ? path : null))",
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
      '`<Relationship Id="${long(k)}" Type="x/worksheet" Target="worksheets/sheet1.xml"/>`',
      '<Relationship Id="rId2" Type="x/styles" Target="styles.xml"/></Relationships>',
      '[...reader.byId]',
    );
    // rId2's styles.xml is not in the archive: not kept either.
    expect([run.status, run.out], run.err).toEqual([0, JSON.stringify([['rId1', { path: 'xl/worksheets/sheet1.xml', kind: 'worksheet' }]])]);
  }, 60_000);
});
