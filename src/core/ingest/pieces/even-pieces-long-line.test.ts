/**
 * evenPieceBytes (read-in-pieces.ts) makes a file's pieces smaller than pieceBytes,
 * down to about fileBytes / workers, and a piece's cut looks for its line end only seekBytesFor(that
 * size) = 3 × it past the cut (piece-range.ts, 1d009c1; 4 × with lineAlignedRanges before): under
 * the tokenizer's 1 MiB record limit once the piece is under 341 KiB, i.e. a ~4.1 MiB file on 13 or
 * more workers (the CLI's createThreadPool(threads), the bench's scaling table on a many-core
 * machine). A 900 KB line, a record one pass reads (and skips with its reason), is then cut and
 * reported overlong in pieces: rows read 11,995 in pieces against 11,996 in one pass.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest-files';
import { inProcessPool } from './in-process-pool';
import type { PiecePool } from './piece-types';
import { FORMATS } from '../../formats/registry';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { asteriskMasterCsvWriter } from '../../scenario/writers/asterisk-master-csv';
import { writeScenarioText } from '../../scenario/writers/writer';

describe('pieces of a 4.4 MB Master.csv with a 900 KB line, on 24 workers', () => {
  it('read the same rows as one pass', async () => {
    const day = writeScenarioText(SAMPLE_DAY, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }));
    const lines = day.split('\n').filter((l) => l !== '');
    let body = '';
    for (let k = 0; body.length < 3_500_000; k++) body += lines[k % lines.length] + '\n';
    const text = `${body}${'x'.repeat(900_000)}\n${lines.slice(0, 50).join('\n')}\n`;
    const input = () => [{ name: 'Master.csv', blob: new Blob([text]) }];
    const one = await ingestFiles(input());
    const inProcess = inProcessPool(FORMATS);
    const pool: PiecePool = { size: 24, parse: (job) => inProcess.parse(job) };
    const pieces = await ingestFiles(input(), { pool });
    const counts = (r: typeof one) => ({ ...r.summary.files[0]!.rows, skipped: r.summary.files[0]!.skipped.map((g) => [g.reason, g.count]) });
    expect(counts(pieces)).toEqual(counts(one));
  }, 120_000);
});
