/**
 * Through the real ingest (byte slices → encoding → sniff → detection → tokenizer → parser):
 * same result at tiny slice sizes, encodings by BOM, and against every other family's detector.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBlob, type FileIngestResult } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import type { FormatModule } from '../format-module';
import { FORMATS } from '../registry';
import { freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate } from '.';
import { fixtureUrl } from './test-helpers';

const OURS = [freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate];

async function ingest(bytes: Uint8Array, sliceBytes: number, formats: readonly FormatModule[] = OURS) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([bytes as BlobPart]), { fileName: 'unknown', sliceBytes, formats }, (r) => records.push(r));
  return { records, result };
}

const files = (id: string) =>
  readdirSync(fixtureUrl(id, ''))
    .filter((f) => f.endsWith('.csv'))
    .map((name) => ({ id, name, bytes: new Uint8Array(readFileSync(fixtureUrl(id, name))) }));
const FIXTURES = [...files('freeswitch-cdr-csv'), ...files('freeswitch-cdr-csv-opencdrrate')];

/** Expected per fixture: format id, variant, rows read / used / skipped. */
const EXPECTED: Record<string, [string, string, number, number, number]> = {
  'example-basic.csv': ['freeswitch-cdr-csv', 'example', 8, 8, 0],
  'example-crlf.csv': ['freeswitch-cdr-csv', 'example', 8, 8, 0],
  'example-bom.csv': ['freeswitch-cdr-csv', 'example', 8, 8, 0],
  'example-utf16le.csv': ['freeswitch-cdr-csv', 'example', 8, 8, 0],
  'example-truncated.csv': ['freeswitch-cdr-csv', 'example', 8, 7, 1],
  'example-truncated-at-comma.csv': ['freeswitch-cdr-csv', 'example', 8, 7, 1],
  'example-invalid.csv': ['freeswitch-cdr-csv', 'example', 9, 3, 6],
  'example-quotes.csv': ['freeswitch-cdr-csv', 'example', 5, 4, 1],
  'example-directions.csv': ['freeswitch-cdr-csv', 'example', 9, 7, 2],
  'example-excel-resaved.csv': ['freeswitch-cdr-csv', 'example (spreadsheet re-save)', 4, 4, 0],
  'default-template.csv': ['freeswitch-cdr-csv', 'default', 4, 4, 0],
  'sql-template.csv': ['freeswitch-cdr-csv', 'sql', 4, 4, 0],
  'snom-template.csv': ['freeswitch-cdr-csv', 'snom', 3, 3, 0],
  'linksys-template.csv': ['freeswitch-cdr-csv', 'linksys', 3, 3, 0],
  'asterisk-template.csv': ['freeswitch-cdr-csv', 'asterisk', 7, 6, 1],
  'basic.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 5, 4, 1],
  'crlf.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 5, 4, 1],
  'bom.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 5, 4, 1],
  'utf16le.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 5, 4, 1],
  'truncated.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 5, 3, 2],
  'invalid.csv': ['freeswitch-cdr-csv-opencdrrate', 'opencdrrate', 6, 1, 5],
};

const summary = (r: FileIngestResult) => [r.format?.id, r.format?.variant, r.rows.read, r.rows.used, r.rows.skipped];

describe('FreeSWITCH fixtures through ingestBlob', () => {
  it('every fixture has an expectation', () => {
    expect(FIXTURES.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const { name, bytes } of FIXTURES) {
    it(`${name}: detected, every row accounted for, same result at 7-byte slices`, async () => {
      const whole = await ingest(bytes, 1 << 20);
      expect(whole.result.error).toBeNull();
      expect(summary(whole.result)).toEqual(EXPECTED[name]);
      const skippedByGroups = whole.result.skipped.reduce((n, g) => n + g.count, 0);
      expect(skippedByGroups).toBe(whole.result.rows.skipped);
      expect(whole.result.rows.read).toBe(whole.result.rows.used + whole.result.rows.skipped);
      const tiny = await ingest(bytes, 7);
      expect(tiny.records).toEqual(whole.records);
      expect(tiny.result.rows).toEqual(whole.result.rows);
      expect(tiny.result.skipped).toEqual(whole.result.skipped);
    });
  }

  it('every slice size from 1 to 40 bytes gives the same records (CRLF and UTF-16 LE)', async () => {
    for (const name of ['example-crlf.csv', 'example-utf16le.csv']) {
      const { bytes } = FIXTURES.find((f) => f.name === name)!;
      const whole = await ingest(bytes, 1 << 20);
      for (let size = 1; size <= 40; size++) {
        const sliced = await ingest(bytes, size);
        expect(sliced.records, `${name} @ ${size}`).toEqual(whole.records);
      }
    }
  });

  it('skip groups name the reason and the first lines', async () => {
    const { bytes } = FIXTURES.find((f) => f.name === 'asterisk-template.csv')!;
    const { result } = await ingest(bytes, 7);
    expect(result.skipped).toEqual([
      { reason: 'internal call: no gateway or external profile in bridge_channel, last_arg or channel_name', count: 1, firstLines: [6] },
    ]);
    expect(result.trunks).toEqual([
      { name: 'carrierA', calls: 2 },
      { name: 'carrierB', calls: 2 },
      { name: '203.0.113.7', calls: 1 },
      { name: 'sip.carrier-c.example:5060', calls: 1 },
    ]);
  });

  it('with the whole registry (every family and the generic reader), ours wins on every fixture', async () => {
    expect(FORMATS).toEqual(expect.arrayContaining(OURS));
    for (const { name, bytes } of FIXTURES) {
      const { result } = await ingest(bytes, 1 << 20, FORMATS);
      expect(result.format?.id, name).toBe(EXPECTED[name]![0]);
    }
  });
});
