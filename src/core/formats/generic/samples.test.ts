/**
 * Real files from ../shared/samples (never copied into the repo; skipped when absent). No real
 * carrier-portal export was found (formats.md §9), so the generic reader is exercised on the real
 * files that have a header: it must read every row (read = used + skipped) and stay below 0.5 so the
 * specific modules win; on headerless files it must not claim anything. Expected numbers were counted
 * with Python's csv module, independently of this code (and match the folders' SOURCES.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { ingestBlob } from '../../ingest/ingest-file';
import { buildSniffSample } from '../../read/sniff';
import { detectEncoding } from '../../read/text-encoding';
import { BLANK_TRUNK, genericCsv, NO_TRUNK_COLUMN } from './index';

const SAMPLES = fileURLToPath(new URL('../../../../../shared/samples/', import.meta.url));

async function ingest(path: string) {
  const records: CallRecord[] = [];
  const result = await ingestBlob(new Blob([readFileSync(SAMPLES + path)]), { fileName: 'unknown', formats: [genericCsv] }, (r) => records.push(r));
  expect(result.error).toBeNull();
  expect(result.format?.id).toBe('generic-csv');
  expect(result.format!.score).toBeLessThan(0.5);
  expect(result.rows.read).toBe(result.rows.used + result.rows.skipped);
  return { records, result };
}

function tally(records: CallRecord[], key: (r: CallRecord) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

describe.skipIf(!existsSync(SAMPLES))('generic-csv on real sample files', () => {
  it('srinimonster DB export with a trunk column: 1000 rows, Asterisk dispositions (FAILED = 503-like)', async () => {
    const { records, result } = await ingest('asterisk_cdr_db_export/srinimonster_voipreports1_cdr_with_trunk.csv');
    expect(result.rows).toEqual({ read: 1000, used: 1000, skipped: 0, headerLines: 1 });
    expect(result.mapping?.roles).toEqual({ start: 10, duration: 11, talk: 12, disposition: 14, callerId: 3, destination: 4, callId: 17, trunk: 22 });
    // SOURCES.md: ANSWERED 646, NO ANSWER 250, FAILED 92, BUSY 12.
    expect(tally(records, (r) => `${r.outcome} ${r.reason}`)).toEqual({
      'answered ANSWERED': 646, 'user NO ANSWER': 250, 'capacity FAILED': 92, 'user BUSY': 12,
    });
    // 792 rows have the literal NULL trunk (internal/queue legs); FAILED per trunk: VITerm 19, thinQ 10, Bandwidth 9.
    expect(result.trunks).toEqual([
      { name: BLANK_TRUNK, calls: 792 }, { name: 'thinQ', calls: 75 }, { name: 'VITerm', calls: 65 },
      { name: 'VIOrig', calls: 39 }, { name: 'Bandwidth', calls: 18 }, { name: 'IDT', calls: 11 },
    ]);
    expect(tally(records.filter((r) => r.outcome === 'capacity'), (r) => r.trunk)).toEqual({ [BLANK_TRUNK]: 54, VITerm: 19, thinQ: 10, Bandwidth: 9 });
    expect(result.capabilities).toEqual({ sipCodes: false, separates503From603: false, hasEndTimes: true, hasTrunk: true });
    expect(records[1]).toMatchObject({ startMs: Date.UTC(2018, 10, 29, 20, 20, 17), trunk: 'VIOrig', callId: '1543540817.1', durationSec: 21, talkSec: 20 });
  });

  it('dSIPRouter acc (CSV derived from the dump): 553 rows, SIP codes and the Flowroute 403 phrases', async () => {
    const { records, result } = await ingest('kamailio_acc/dsiprouter_v0.79_acc_DERIVED.csv');
    expect(result.rows).toEqual({ read: 553, used: 553, skipped: 0, headerLines: 1 });
    expect(tally(records, (r) => String(r.sipCode))).toEqual({ 200: 431, 401: 37, 487: 31, 403: 24, 481: 23, 488: 4, 478: 2, 408: 1 });
    expect(tally(records.filter((r) => r.sipCode === 403), (r) => r.reason)).toEqual({
      'Invalid Caller ID': 16,
      'Insufficient funds remaining - support@flowroute.com': 4,
      'International Calling Disabled - support@flowroute.com': 3,
      'Tech Prefix and IP not in ACL - support@flowroute.com': 1,
    });
    expect(records.every((r) => r.codeSource === 'sip')).toBe(true);
  });

  it('FreePBX CDR Reports downloads (16-column header, malformed clid quotes): every row, dispositions', async () => {
    const a = await ingest('freepbx_cdr_export/apspoliveira_cdr__1504525205ucoip.g9telecom.pt.csv');
    expect(a.result.rows).toEqual({ read: 100, used: 100, skipped: 0, headerLines: 1 });
    expect(tally(a.records, (r) => r.reason)).toEqual({ ANSWERED: 88, 'NO ANSWER': 12 });
    expect(a.records.every((r) => r.trunk === NO_TRUNK_COLUMN)).toBe(true);
    const b = await ingest('freepbx_cdr_export/apspoliveira_cdr__1504542198ucoip.g9telecom.pt.csv');
    expect(tally(b.records, (r) => r.reason)).toEqual({ ANSWERED: 89, 'NO ANSWER': 11 });
  });

  it('Excel-trimmed FreePBX extract with CR-only line ends and dd/mm/yy dates', async () => {
    const { records, result } = await ingest('freepbx_cdr_export/apspoliveira_cdr_new_excel_CR_line_endings.csv');
    expect(result.rows).toEqual({ read: 25, used: 25, skipped: 0, headerLines: 1 });
    expect(tally(records, (r) => r.reason)).toEqual({ ANSWERED: 19, 'NO ANSWER': 4, BUSY: 2 });
    // First row: "24/08/17 09:32,41000,4502,20,0,NO ANSWER" (24 > 12 proves D/M).
    expect(records[0]).toMatchObject({ startMs: Date.UTC(2017, 7, 24, 9, 32), callerId: '41000', destination: '4502', durationSec: 20, talkSec: 0, outcome: 'user' });
  });

  it('does not claim the headerless real files of other families', () => {
    for (const path of [
      'asterisk_cdr_csv/BugaDM_Master.csv',
      'asterisk_cdr_csv/simularent_Master.csv',
      'asterisk_cdr_csv/mineevburyat_Master_newcdrcolumns.csv',
      'asterisk_cdr_custom/KelySaina_Master_cdr_custom.csv',
      'freepbx_cdr_export/apspoliveira_freepbx_cdr_table_dump.csv',
      'freeswitch_cdr_csv/spicyramen_Master_example_template.csv',
      'freeswitch_cdr_csv/DuyNguyen2599_Master_example_template.csv',
      'freeswitch_cdr_csv/Kxingyunliushui_Master_excel_resaved.csv',
      'kamailio_acc/dsiprouter_v0.79_acc_table_dump.sql',
    ]) {
      const bytes = readFileSync(SAMPLES + path);
      const text = new TextDecoder(detectEncoding(bytes).encoding).decode(bytes);
      expect(genericCsv.detect(buildSniffSample('unknown', text)), path).toBeNull();
    }
  });
});
