/**
 * A file bigger than a few pieces is parsed by the piece workers in parallel (src/worker/piece-pool.ts).
 * The browser must show exactly what one pass in Node reads: rows read = used + skipped, every skip
 * reason with its count and first lines (line numbers count across pieces), duplicates found across
 * pieces, and the trunks with their calls.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingestFiles } from '../src/core/ingest/ingest-files';
import { PIECE_BYTES } from '../src/core/ingest/pieces/read-in-pieces';
import { SAMPLE_DAY } from '../src/core/scenario/scenario';
import { writeScenarioText } from '../src/core/scenario/writers/writer';
import { vicidialCarrierLogWriter } from '../src/core/scenario/writers/vicidial-carrier-log';
import { formatCount, formatLines } from '../src/lib/format';
import { AppPage } from './app-page';

const tmp = mkdtempSync(path.join(tmpdir(), 'trunk-triage-pieces-'));

test('a file of several pieces reads exactly as one pass: rows, skip reasons with their lines, duplicates, trunks', async ({ page }) => {
  const lines = writeScenarioText(SAMPLE_DAY, vicidialCarrierLogWriter).split('\n');
  // Damage the file where pieces meet and far from it: a truncated row, a row of junk, and the
  // first 50 data rows repeated at the end (duplicates of calls read in the first piece).
  lines.splice(20_000, 0, lines[20_000]!.split(',').slice(0, 5).join(','));
  lines.splice(40_000, 0, 'not,a,carrier,log,row,at,all,,,,,');
  const text = [...lines.slice(0, -1), ...lines.slice(1, 51), ''].join('\n');
  const file = path.join(tmp, 'AST_carrier_log_report.csv');
  writeFileSync(file, text);
  expect(text.length).toBeGreaterThan(2 * PIECE_BYTES);

  const { summary } = await ingestFiles([{ name: path.basename(file), blob: new Blob([text]) }]);
  const expected = summary.files[0]!;
  expect(expected.skipped.map((g) => g.count).sort()).toEqual([1, 1, 50]);

  const app = new AppPage(page);
  await app.open();
  await app.chooseFiles(file);
  const report = app.fileReport(path.basename(file));
  // Parsed by the piece workers, not in one pass (one pass would show the same numbers).
  expect(Number(await report.getAttribute('data-pieces'))).toBeGreaterThanOrEqual(2);
  await expect(report.getByTestId('row-accounting')).toContainText(
    `${formatCount(expected.rows.read)} rows read = ${formatCount(expected.rows.used)} used + ${formatCount(expected.rows.skipped)} skipped`,
  );
  for (const group of expected.skipped) {
    const row = report.getByRole('row').filter({ hasText: group.reason });
    await expect(row).toContainText(formatCount(group.count));
    await expect(row).toContainText(formatLines(group.firstLines, group.count));
  }
  for (const trunk of expected.trunks.slice(0, 12)) {
    await expect(report.getByTestId('file-trunks')).toContainText(`(${formatCount(trunk.calls)})`);
  }
  await expect(page.getByTestId('trunk-row')).toHaveCount(summary.trunks.length);
  await app.expectNoNetwork();
});
