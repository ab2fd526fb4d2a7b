/**
 * Metamorphic: a Master.csv opened in a spreadsheet and saved again (dates M/D/YYYY H:MM, seconds
 * gone) is diagnosed as the file it came from. The generated sample day (ten trunks: a CPS limit, a
 * channel cap, out of funds, …) read both ways gives the same verdicts and the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseTrunks } from '../../diagnosis/evidence';
import { ingestFiles } from '../../ingest/ingest-files';
import { SAMPLE_DAY } from '../../scenario/scenario';
import { asteriskMasterCsvWriter } from '../../scenario/writers/asterisk-master-csv';
import { writeScenarioText } from '../../scenario/writers/writer';
import { spreadsheetResaved } from './test-support.test';

async function diagnosed(text: string) {
  const { summary, store } = await ingestFiles([{ name: 'Master.csv', blob: new Blob([text]) }]);
  return { file: summary.files[0]!, trunks: diagnoseTrunks(store, { files: summary.files }) };
}

describe('a Master.csv a spreadsheet saved again', () => {
  it('the sample day without its seconds: the same verdicts, numbers and sample calls (their seconds from the uniqueids)', async () => {
    const text = writeScenarioText(SAMPLE_DAY, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }));
    const original = await diagnosed(text);
    const resaved = await diagnosed(spreadsheetResaved(text, 'mdy', false));
    expect(resaved.file.rows).toEqual(original.file.rows);
    expect(resaved.file.companionHint).toMatch(/^Start times carry no seconds .*: each start's second was read from its uniqueid/);
    const findings = (d: typeof original) => d.trunks.map((t) => ({ trunk: t.trunk, verdict: t.verdict, confidence: t.confidence, numbers: t.evidence?.numbers, samples: t.evidence?.samples.map((s) => [s.time, s.destination, s.code]) }));
    expect(findings(resaved)).toEqual(findings(original));
    // The day has a CPS limit: it is still found (at minute precision it could not be).
    expect(resaved.trunks.some((t) => t.verdict === 'cps-limit')).toBe(true);
  }, 60_000);
});
