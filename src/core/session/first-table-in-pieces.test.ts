/**
 * The first trunk table of a read in pieces, counted before the seal: its onsets ("since") are
 * refined from the rows of the pieces around each onset only (each piece merged is a stretch of
 * rows with the earliest and latest start of its attempts: onset.ts refineOnsetsOfRows), and must
 * be the sealed index's, which reads every call near it in start order.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLE_DAY } from '../scenario/scenario';
import { writeScenarioText } from '../scenario/writers/writer';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { inProcessPool } from '../ingest/pieces/in-process-pool';
import { query } from '../analysis/test-helpers';
import { CdrSession } from './cdr-session';

describe('the first table of a read in pieces', () => {
  it("names the sealed index's onsets, from the pieces around them", async () => {
    const text = writeScenarioText(SAMPLE_DAY, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }));
    const read = async (pieceBytes: number) => {
      const s = new CdrSession();
      await s.read([{ name: 'Master.csv', blob: new Blob([text]) }], { pool: inProcessPool(), pieceBytes });
      return s;
    };
    const q = query({ trunkLimit: 200 });
    const sealed = await read(text.length);
    sealed.prepare();
    const expected = sealed.table(q).onsets;
    // carrier-g runs out of funds from 15:42 of the sample day (scenario.ts): its first 503 five seconds on.
    expect(expected.map((o) => `${o.trunk} ${o.kind} ${new Date(o.atMs).toISOString().slice(11, 19)}`)).toEqual(['carrier-g 503 15:42:05']);
    for (const pieceBytes of [64 << 10, 300 << 10]) {
      const early = await read(pieceBytes);
      const first = early.tableBeforeSeal(q);
      expect(first, `${pieceBytes}-byte pieces`).not.toBeNull();
      expect(first!.onsets, `${pieceBytes}-byte pieces`).toEqual(expected);
    }
  });
});
