/**
 * Asterisk cdr_custom Master.csv with the legacy mapping of configs/samples/cdr_custom.conf.sample
 * (formats.md §1.7): clid first and accountcode 16th —
 * clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,
 * disposition,amaflags,accountcode,uniqueid,userfield,sequence. Every field is quoted (numbers
 * too) except the trailing sequence; an unset answer is `""`. Real sample (KelySaina) has 19
 * fields; a site may append one more. Told from cdr_csv by the disposition at index 13, not 14.
 */
import type { FormatModule, RowParser } from '../format-module';
import { clean, emptyCdrRow } from './cdr-row';
import { createCdrParser, type MapResult } from './parser-core';
import { dataRows, isCdrTime, isDisposition, isWhole, modalLength, positionalScore, shareValid } from './shapes';
import { FORMAT_LABELS } from '../format-labels';

/** Through accountcode: what a row needs to be usable. */
const MIN_COLUMNS = 16;
const MAX_COLUMNS = 20;
/** The start column (the ninth: clid comes first). */
const START_FIELD = 8;

function rowShapeOk(r: readonly string[]): boolean {
  return (
    r.length >= 18 &&
    r.length <= MAX_COLUMNS &&
    isCdrTime(r[8] ?? '') &&
    ((r[9] ?? '').trim() === '' || isCdrTime(r[9] ?? '')) &&
    isCdrTime(r[10] ?? '') &&
    isWhole(r[11] ?? '') &&
    isWhole(r[12] ?? '') &&
    isDisposition(r[13] ?? '')
  );
}

function mapRow(f: readonly string[]): MapResult {
  if (f.length < MIN_COLUMNS) return { kind: 'skip', reason: `too few columns (${f.length} of 19): truncated row?` };
  if (f.length > MAX_COLUMNS) return { kind: 'skip', reason: `too many columns (${f.length}, at most ${MAX_COLUMNS}): unquoted comma?` };
  if (clean(f[13]).toLowerCase() === 'disposition') return { kind: 'header' };
  const row = {
    ...emptyCdrRow(),
    clid: clean(f[0]),
    src: clean(f[1]),
    dst: clean(f[2]),
    dcontext: clean(f[3]),
    channel: clean(f[4]),
    dstchannel: clean(f[5]),
    lastapp: clean(f[6]),
    lastdata: clean(f[7]),
    duration: clean(f[11]),
    billsec: clean(f[12]),
    disposition: clean(f[13]),
    uniqueid: clean(f[16]),
    userfield: clean(f[17]),
  };
  return { kind: 'row', row, times: { start: clean(f[START_FIELD]), answer: clean(f[9]), end: clean(f[10]) } };
}

export const asteriskCdrCustom: FormatModule = {
  id: 'asterisk-cdr-custom',
  label: FORMAT_LABELS['asterisk-cdr-custom'],
  family: 'asterisk',
  syntax: 'delimited',
  splittable: true,
  detect(sample) {
    if (sample.delimiter !== ',') return null;
    const rows = dataRows(sample.rows);
    const score = positionalScore(shareValid(rows, rowShapeOk), 0.86);
    if (score === null) return null;
    // The label says "legacy mapping" already (format-labels.ts): the card read it twice.
    return { score, variant: `${modalLength(rows.filter(rowShapeOk))} fields` };
  },
  fileNameHint: (name) => /master\.csv(\.|$)/i.test(name) || /cdr-custom/i.test(name),
  createParser(init): RowParser {
    return createCdrParser({ map: (row) => mapRow(row.fields()), hasTrunk: () => true, startField: () => START_FIELD }, init);
  },
};
