/**
 * The real FreeSWITCH files in ../shared/samples/freeswitch_cdr_csv (SOURCES.md there; read-only,
 * never copied into the repo). Skipped when the folder is absent. Numbers were counted by hand /
 * with a plain CSV reader over the files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBlob } from '../../ingest/ingest-file';
import type { CallRecord } from '../../model/call-record';
import { buildSniffSample } from '../../read/sniff';
import { FORMATS } from '../registry';
import { freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate } from '.';
import { NO_TRUNK } from './cdr-csv-row';
import { decode, parseText, wall } from './test-helpers';

const SAMPLES = join(process.cwd(), '..', 'shared', 'samples');
const DIR = join(SAMPLES, 'freeswitch_cdr_csv');
const OURS = [freeswitchCdrCsv, freeswitchCdrCsvOpencdrrate];

async function ingest(name: string, sliceBytes = 1 << 20) {
  const records: CallRecord[] = [];
  const bytes = readFileSync(join(DIR, name));
  // The whole registry: these files must be recognized as FreeSWITCH among every family.
  const result = await ingestBlob(new Blob([bytes]), { fileName: 'unknown', sliceBytes, formats: FORMATS }, (r) => records.push(r));
  return { records, result };
}

/**
 * Every row as the reader reads it, internal calls included (the ingest skips those): what each
 * row's cause becomes. What the file card shows (rows used, directions) is pinned in
 * src/core/real-samples.test.ts.
 */
const everyRow = (name: string) => parseText(freeswitchCdrCsv, decode(new Uint8Array(readFileSync(join(DIR, name))))).records;

const count = (records: CallRecord[], pred: (r: CallRecord) => boolean) => records.filter(pred).length;

describe.skipIf(!existsSync(DIR))('real FreeSWITCH samples', () => {
  it('spicyramen (example template, 82 rows): busy, not registered, scanner attempts', async () => {
    const { result } = await ingest('spicyramen_Master_example_template.csv');
    const records = everyRow('spicyramen_Master_example_template.csv');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-csv', variant: 'example', score: 0.9 });
    expect(count(records, (r) => r.outcome === 'answered')).toBe(11);
    expect(count(records, (r) => r.reason === 'USER_BUSY' && r.sipCode === 486)).toBe(12);
    expect(count(records, (r) => r.reason === 'USER_NOT_REGISTERED' && r.sipCode === 480)).toBe(3);
    // 56 zero-second NORMAL_CLEARING attempts (most from context "public": dial-out scans) → ≈487.
    expect(count(records, (r) => r.reason === 'NORMAL_CLEARING' && r.outcome === 'user' && r.sipCode === 487)).toBe(56);
    // Answered calls that ended with RECOVERY_ON_TIMER_EXPIRE are still answered.
    expect(count(records, (r) => r.reason === 'RECOVERY_ON_TIMER_EXPIRE' && r.outcome === 'answered')).toBe(4);
    expect(records[0]).toMatchObject({
      startMs: wall(2016, 2, 16, 3, 46, 41),
      endMs: wall(2016, 2, 16, 3, 48, 58),
      durationSec: 137,
      talkSec: 137,
      destination: '3500',
      callerId: '1008',
      callId: '4824c308-0099-971d-1890-157b0d8308f3',
      trunk: NO_TRUNK,
    });
    expect(result.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: false });
  });

  it('DuyNguyen2599 (example template, 54 rows): ORIGINATOR_CANCEL, answered NORMAL_UNSPECIFIED', async () => {
    const { result } = await ingest('DuyNguyen2599_Master_example_template.csv');
    const records = everyRow('DuyNguyen2599_Master_example_template.csv');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-csv', variant: 'example' });
    expect(count(records, (r) => r.outcome === 'answered')).toBe(37);
    expect(count(records, (r) => r.reason === 'ORIGINATOR_CANCEL' && r.sipCode === 487 && r.q850 === null)).toBe(15);
    expect(count(records, (r) => r.reason === 'NORMAL_CLEARING' && r.outcome === 'user')).toBe(2);
    expect(records[0]).toMatchObject({ startMs: wall(2021, 5, 15, 12, 12, 7), answerMs: wall(2021, 5, 15, 12, 12, 47), durationSec: 72, talkSec: 32 });
  });

  it('Kxingyunliushui (example re-saved by a spreadsheet, 10 rows): minutes only, `&` destinations', async () => {
    const { result } = await ingest('Kxingyunliushui_Master_excel_resaved.csv');
    const records = everyRow('Kxingyunliushui_Master_excel_resaved.csv');
    expect(result.format).toMatchObject({ id: 'freeswitch-cdr-csv', variant: 'example (spreadsheet re-save)' });
    expect(count(records, (r) => r.outcome === 'answered')).toBe(9);
    expect(records[2]).toMatchObject({ sipCode: 408, outcome: 'user', reason: 'NO_USER_RESPONSE', callerId: '0', destination: '1002' });
    expect(records[0]).toMatchObject({ startMs: wall(2020, 2, 10, 22, 41), destination: '&', talkSec: 9 });
    // The file repeats uuid 7adced1a-… three times (hand-edited; one copy says USER_BUSY): only a
    // multi-file deduper would fold them, a single-file read keeps what the file says.
    expect(count(records, (r) => r.callId === '7adced1a-4c7c-11ea-b08c-2bfc2a06d67d')).toBe(3);
  });

  it('the same records at 7-byte slices', async () => {
    for (const name of readdirSync(DIR).filter((f) => f.endsWith('.csv'))) {
      const whole = await ingest(name);
      const tiny = await ingest(name, 7);
      expect(tiny.records, name).toEqual(whole.records);
      expect(tiny.result.rows, name).toEqual(whole.result.rows);
    }
  });
});

describe.skipIf(!existsSync(SAMPLES))('real samples of other families are not claimed', () => {
  const others = existsSync(SAMPLES)
    ? readdirSync(SAMPLES, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name !== 'freeswitch_cdr_csv')
        .flatMap((d) => readdirSync(join(SAMPLES, d.name)).filter((f) => /\.(csv|sql)$/.test(f)).map((f) => join(SAMPLES, d.name, f)))
    : [];
  it.each(others)('%s', (path) => {
    const sample = buildSniffSample('unknown', decode(new Uint8Array(readFileSync(path))));
    for (const module of OURS) expect(module.detect(sample), module.id).toBeNull();
  });
});
