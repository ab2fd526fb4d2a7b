/**
 * Asterisk cdr_csv Master.csv (formats.md §1.1–§1.6). Source: asterisk/asterisk cdr/cdr_csv.c
 * build_csv_record(): no header; columns 1–16 fixed (accountcode, src, dst, dcontext, clid,
 * channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition,
 * amaflags), then uniqueid (loguniqueid), userfield (loguserfield) and peeraccount, linkedid,
 * sequence (newcdrcolumns) when enabled: 16 to 21 columns. An unset answer is an empty unquoted
 * field. The FreeSWITCH "asterisk" template has the same 18-column look but a FreeSWITCH cause
 * name where the disposition goes (formats.md §4.1): the disposition check refuses it.
 */
import type { FormatModule, RowParser } from '../format-module';
import { clean, type CdrRow } from './cdr-row';
import { createCdrParser, type MapResult } from './parser-core';
import { dataRows, isAsteriskTime, isDisposition, isUniqueid, isWhole, modalLength, positionalScore, shareValid } from './shapes';
import { FORMAT_LABELS } from '../format-labels';

const MIN_COLUMNS = 16;
const MAX_COLUMNS = 21;

const VARIANTS: Record<number, string> = {
  16: '16 columns (no uniqueid, no userfield)',
  17: '17 columns (loguniqueid or loguserfield)',
  18: '18 columns (loguniqueid, loguserfield)',
  19: '19 columns (newcdrcolumns)',
  20: '20 columns (uniqueid or userfield, newcdrcolumns)',
  21: '21 columns (loguniqueid, loguserfield, newcdrcolumns)',
};

function rowShapeOk(r: readonly string[]): boolean {
  return (
    r.length >= MIN_COLUMNS &&
    r.length <= MAX_COLUMNS &&
    isAsteriskTime(r[9] ?? '') &&
    ((r[10] ?? '').trim() === '' || isAsteriskTime(r[10] ?? '')) &&
    isAsteriskTime(r[11] ?? '') &&
    isWhole(r[12] ?? '') &&
    isWhole(r[13] ?? '') &&
    isDisposition(r[14] ?? '')
  );
}

/**
 * uniqueid and userfield of a row of `f.length` columns (see module comment): the uniqueid falls
 * back to the linkedid (newcdrcolumns) when loguniqueid is off.
 */
function optionalColumn(f: readonly string[], which: 'uniqueid' | 'userfield'): string {
  const n = f.length;
  const newColumns = n >= 19;
  const extras = n - MIN_COLUMNS - (newColumns ? 3 : 0);
  let value = '';
  if (extras >= 2) value = clean(which === 'uniqueid' ? f[16] : f[17]);
  else if (extras === 1) {
    const only = clean(f[16]);
    if (isUniqueid(only) === (which === 'uniqueid')) value = only;
  }
  return which === 'uniqueid' && value === '' && newColumns ? clean(f[n - 2]) : value;
}

function mapRow(f: readonly string[]): MapResult {
  if (f.length < MIN_COLUMNS) return { kind: 'skip', reason: `too few columns (${f.length} of at least ${MIN_COLUMNS}): truncated row?` };
  if (f.length > MAX_COLUMNS) return { kind: 'skip', reason: `too many columns (${f.length}, at most ${MAX_COLUMNS}): unquoted comma?` };
  if (clean(f[14]).toLowerCase() === 'disposition') return { kind: 'header' };
  // Every CdrRow field written out, in emptyCdrRow()'s order (no spread): one object per row.
  const row: CdrRow = {
    src: clean(f[1]),
    dst: clean(f[2]),
    dcontext: clean(f[3]),
    clid: clean(f[4]),
    channel: clean(f[5]),
    dstchannel: clean(f[6]),
    lastapp: clean(f[7]),
    lastdata: clean(f[8]),
    duration: clean(f[12]),
    billsec: clean(f[13]),
    disposition: clean(f[14]),
    uniqueid: optionalColumn(f, 'uniqueid'),
    userfield: optionalColumn(f, 'userfield'),
    cnum: '',
    trunk: '',
    sipCode: '',
    sipReason: '',
    hangupCause: '',
    causeTech: '',
    noTrunkColumns: false,
  };
  return { kind: 'row', row, times: { start: clean(f[9]), answer: clean(f[10]), end: clean(f[11]) } };
}

export const asteriskCdrCsv: FormatModule = {
  id: 'asterisk-cdr-csv',
  label: FORMAT_LABELS['asterisk-cdr-csv'],
  family: 'asterisk',
  syntax: 'delimited',
  splittable: true,
  detect(sample) {
    if (sample.delimiter !== ',') return null;
    const rows = dataRows(sample.rows);
    const score = positionalScore(shareValid(rows, rowShapeOk), 0.88);
    if (score === null) return null;
    return { score, variant: VARIANTS[modalLength(rows.filter(rowShapeOk))] ?? 'cdr_csv columns' };
  },
  fileNameHint: (name) => /master\.csv(\.|$)/i.test(name) || /cdr-csv/i.test(name),
  createParser(): RowParser {
    return createCdrParser({ map: mapRow, hasTrunk: () => true });
  },
};
