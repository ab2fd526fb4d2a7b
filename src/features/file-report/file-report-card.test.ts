/**
 * A file's name is untrusted text (a dropped file's, or any path inside a .zip): read, its control
 * characters and direction overrides are escapes (ingest-files.ts), so on the card U+202E cannot
 * turn the name around and an ESC shows as \x1b, as the CLI prints it.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../core/ingest/ingest-files';
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
});
