/**
 * Shared helpers for this folder's tests (a *.test.ts file so it stays out of the no-DOM core
 * typecheck; it carries one self-test so vitest accepts it as a suite).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import type { CallDeduper } from '../../ingest/call-deduper';
import { ingestBlob, type FileIngestResult } from '../../ingest/ingest-file';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { buildSniffSample } from '../../read/sniff';
import { detectFormat } from '../registry';
import type { Detection, FormatModule, RowOutcome } from '../format-module';
import { asteriskCdrCsv, asteriskCdrCustom, asteriskCdrDbExport, freepbxCdrReport, freepbxCdrTable } from './index';
import { rowOf } from '../../read/row';

export const ALL_MODULES: readonly FormatModule[] = [asteriskCdrCsv, asteriskCdrCustom, asteriskCdrDbExport, freepbxCdrReport, freepbxCdrTable];

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/cdr/', import.meta.url));

export function fixtureBytes(formatId: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}${formatId}/${name}`));
}

export function fixtureText(formatId: string, name: string): string {
  return new TextDecoder('utf-8').decode(fixtureBytes(formatId, name));
}

export interface Ingested {
  records: CallRecord[];
  result: FileIngestResult;
}

/** The lead's ingest pipeline, restricted to `formats` (default: this folder's five modules). */
export async function ingest(
  bytes: Uint8Array | string,
  options: { formats?: readonly FormatModule[]; sliceBytes?: number; deduper?: CallDeduper } = {},
): Promise<Ingested> {
  const records: CallRecord[] = [];
  const result = await ingestBlob(
    new Blob([bytes as BlobPart]),
    { fileName: 'unknown', formats: options.formats ?? ALL_MODULES, sliceBytes: options.sliceBytes, deduper: options.deduper },
    (r) => records.push(r),
  );
  return { records, result };
}

/** Detection of one module on a text, without a file name. */
export function detect(module: FormatModule, text: string): Detection | null {
  return module.detect(buildSniffSample('unknown', text));
}

/** Which of this folder's modules wins on a text (null: none). */
export function winner(text: string): string | null {
  return detectFormat(buildSniffSample('unknown', text), ALL_MODULES)?.module.id ?? null;
}

/** Parser-level run: every row's outcome plus finish() records. */
export function parseAll(module: FormatModule, text: string): { outcomes: RowOutcome[]; finished: CallRecord[]; hint: string | null } {
  const parser = module.createParser({ fileName: 'unknown', delimiter: ',' });
  const outcomes = tokenizeAll(text, { delimiter: ',' }).map(({ fields, line }) => parser.parse(rowOf(fields), line));
  const finished = (parser.finish?.() ?? []).map((h) => h.record);
  return { outcomes, finished, hint: parser.companionHint?.() ?? null };
}

export function skipReasons(result: FileIngestResult): Record<string, number> {
  return Object.fromEntries(result.skipped.map((s) => [s.reason, s.count]));
}

/** Typical first lines of other families' files: none may be claimed by this folder's modules. */
export const OTHER_FAMILY_TEXTS: Readonly<Record<string, string>> = {
  'freeswitch asterisk template':
    '"","1000","5551212","default","""Bob"" <1000>","sofia/internal/1000@10.0.0.1","sofia/external/5551212@carrier","bridge","sofia/gateway/carrier/5551212","2024-03-01 10:00:00","","2024-03-01 10:00:05","5","0","NORMAL_TEMPORARY_FAILURE","","0c7e8a1e-1f0a-4b1c-9d7e-1a2b3c4d5e6f",""\n' +
    '"","1000","5551213","default","""Bob"" <1000>","sofia/internal/1000@10.0.0.1","sofia/external/5551213@carrier","bridge","sofia/gateway/carrier/5551213","2024-03-01 10:01:00","","2024-03-01 10:01:05","5","0","CALL_REJECTED","","0c7e8a1e-1f0a-4b1c-9d7e-1a2b3c4d5e70",""\n',
  'freeswitch example template':
    '"FreeSWITCH User","1008","3500","default","2016-02-16 03:46:41","2016-02-16 03:46:41","2016-02-16 03:48:58","137","137","RECOVERY_ON_TIMER_EXPIRE","4824c308-0099-971d-1890-157b0d8308f3","","1008","opus","opus"\n' +
    '"Gonzalo","2001","14082186575","public","2016-02-16 05:02:32","","2016-02-16 05:02:32","0","0","USER_BUSY","3269ae31-847a-42de-ac09-0150eedb75fd","","","",""\n',
  'vicidial carrier log report':
    'CALL DATE,SERVER IP,CHANNEL,DIAL STATUS,HANGUP CAUSE,SIP CODE,SIP HANGUP REASON,DIAL TIME,ANSWERED TIME,UNIQUEID,LEAD ID,PHONE NUMBER\n' +
    '2024-03-01 10:00:00,10.0.0.5,Local/918005551212@default-00000001;2,CONGESTION,34,503,Service Unavailable,1,0,1709287200.1,1234,8005551212\n',
  'kamailio acc':
    'id,method,from_tag,to_tag,callid,sip_code,sip_reason,time\n1,INVITE,abc,,a84b4c76e66710@pc33,503,Service Unavailable,2024-03-01 10:00:00\n',
  'generic csv': 'date,number,result\n2024-03-01,18005551212,ok\n',
};

describe('test support', () => {
  it('reads committed fixtures as bytes', () => {
    expect(fixtureText('asterisk-cdr-csv', 'basic.csv').startsWith('"","1001"')).toBe(true);
  });
});

/**
 * What a spreadsheet (Excel, LibreOffice) writes back when a headerless Master.csv is opened and saved
 * as CSV: dates in the locale's order (`3/24/2015 15:44` or `24/03/2015 15:44`, seconds only where the
 * cell format kept them), numbers as it shows them (`1427211880.0` → `1427211880`), quotes only
 * where a field needs them, CRLF line ends.
 */
export function spreadsheetResaved(text: string, order: 'mdy' | 'dmy', seconds: boolean): string {
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const cell = (value: string): string => {
    const date = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(value);
    if (date) {
      const [, y, mo, d, h, mi, s] = date;
      const day = order === 'mdy' ? `${Number(mo)}/${Number(d)}/${y}` : `${d}/${mo}/${y}`;
      return `${day} ${Number(h)}:${mi}${seconds ? `:${s}` : ''}`;
    }
    if (/^\d+\.\d+$/.test(value) && value.length <= 15) return String(Number(value));
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
