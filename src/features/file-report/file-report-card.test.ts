/**
 * A file's name is untrusted text (a dropped file's, or any path inside a .zip): read, its control
 * characters and direction overrides are escapes (ingest-files.ts), so on the card U+202E cannot
 * turn the name around and an ESC shows as \x1b, as the CLI prints it.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../core/ingest/ingest-files';
import { buildXlsx, worksheet } from '../../core/read/xlsx/xlsx-test-support';
import { FileReportCard } from './file-report-card';

describe('FileReportCard', () => {
  it('shows a hostile name with its controls made visible, isolated from the text around it', async () => {
    const name = 'cdr.zip › \u202eVSC.kcatta\u001b[31m.csv';
    const { summary } = await ingestFiles([{ name, blob: new Blob(['Start Time,Carrier,SIP Code\n2026-11-16 10:00:00,carr,200\n']) }]);
    const html = renderToString(createElement(FileReportCard, { file: summary.files[0]!, fileId: 'f1', onRemove: () => undefined }));
    expect(html).toContain('<bdi>cdr.zip › \\u202eVSC.kcatta\\x1b[31m.csv</bdi>');
    expect(html).toContain('aria-label="Remove cdr.zip › \\u202eVSC.kcatta\\x1b[31m.csv"');
    expect(html.includes('\u001b') || html.includes('\u202e')).toBe(false);
  });

  it('says which sheet of a workbook was read and how many were not (not an encoding or a delimiter of its own)', async () => {
    const calls = worksheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Start Time</t></is></c><c r="B1" t="inlineStr"><is><t>Carrier</t></is></c><c r="C1" t="inlineStr"><is><t>SIP Code</t></is></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>2026-11-16 10:00:00</t></is></c><c r="B2" t="inlineStr"><is><t>carr</t></is></c><c r="C2"><v>503</v></c></row>',
    );
    const book = await buildXlsx({ sheets: [{ name: 'Calls\u202e', xml: calls }, { name: 'Notes', xml: worksheet('') }, { name: 'Rates', xml: worksheet('') }] });
    const { summary } = await ingestFiles([{ name: 'report.xlsx', blob: new Blob([book]) }]);
    const html = renderToString(createElement(FileReportCard, { file: summary.files[0]!, fileId: 'f1' }));
    expect(summary.files[0]!.rows).toEqual({ read: 1, used: 1, skipped: 0, headerLines: 1 });
    expect(html).toContain('Excel workbook, sheet <bdi>“Calls\\u202e”</bdi> read (2 other sheets not read)');
    expect(html).not.toContain('comma-separated');
  });
});
