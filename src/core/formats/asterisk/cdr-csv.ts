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
import { cleanField, cleanText, secondsField, timeField, type CdrRow, type CdrTokens, type RawTime } from './cdr-row';
import { ByteTexts } from '../../read/byte-texts';
import { createCdrParser, type MapResult, type MappedRow } from './parser-core';
import { dataRows, isCdrTime, isDisposition, isUniqueid, isWhole, modalLength, positionalScore, shareValid } from './shapes';
import { FORMAT_LABELS } from '../format-labels';
import { FieldsRow, type Row } from '../../read/row';
import { MasterColumns } from './master-columns';

const EMPTY_ROW: Row = new FieldsRow([]);

const MIN_COLUMNS = 16;
const MAX_COLUMNS = 21;
/** The start column (the tenth of every variant). */
const START_FIELD = 9;

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
    isCdrTime(r[9] ?? '') &&
    ((r[10] ?? '').trim() === '' || isCdrTime(r[10] ?? '')) &&
    isCdrTime(r[11] ?? '') &&
    isWhole(r[12] ?? '') &&
    isWhole(r[13] ?? '') &&
    isDisposition(r[14] ?? '')
  );
}

/**
 * uniqueid and userfield of a row of `f.length` columns (see module comment): the uniqueid falls
 * back to the linkedid (newcdrcolumns) when loguniqueid is off.
 */
function optionalColumn(f: Row, which: 'uniqueid' | 'userfield'): string {
  const n = f.count;
  const newColumns = n >= 19;
  const extras = n - MIN_COLUMNS - (newColumns ? 3 : 0);
  let value = '';
  if (extras >= 2) value = cleanField(f, which === 'uniqueid' ? 16 : 17);
  else if (extras === 1) {
    const only = cleanField(f, 16);
    if (isUniqueid(only) === (which === 'uniqueid')) value = only;
  }
  return which === 'uniqueid' && value === '' && newColumns ? cleanField(f, n - 2) : value;
}

/**
 * Reads the columns a call needs (accountcode, amaflags and the newcdrcolumns but linkedid are
 * never read) into the parser's one mapped row, read again for every row: parse() is done with it
 * before the next row comes (a row held back for the date order is copied first: parser-core), so
 * a row makes no row, times or result object of its own. `texts`: the parser's table of repeated
 * texts (the disposition: one of a few words).
 */
class MasterCsvMapper {
  private readonly texts = new ByteTexts();
  private readonly row = new MasterCsvRow();
  private readonly times = { start: 0 as RawTime, answer: 0 as RawTime | null, end: 0 as RawTime | null };
  private readonly mapped: MappedRow = { kind: 'row', row: this.row, times: this.times };

  map(f: Row): MapResult {
    if (f.count < MIN_COLUMNS) return { kind: 'skip', reason: `too few columns (${f.count} of at least ${MIN_COLUMNS}): truncated row?` };
    if (f.count > MAX_COLUMNS) return { kind: 'skip', reason: `too many columns (${f.count}, at most ${MAX_COLUMNS}): unquoted comma?` };
    const disposition = cleanText(this.texts.trimmed(f, 14));
    if (disposition.length === 11 && disposition.toLowerCase() === 'disposition') return { kind: 'header' };
    this.row.read(f, disposition);
    this.times.start = timeField(f, START_FIELD);
    this.times.answer = timeField(f, 10);
    this.times.end = timeField(f, 11);
    return this.mapped;
  }
}

/**
 * A Master.csv row as a CdrRow. clid, channel, dcontext and lastapp matter only to a row whose
 * trunk is not its dstchannel (an inbound call, a skip), whose src is empty or that failed, so
 * they are read from the tokenizer's row when first asked for: an outbound row, most of a dialer's
 * file, makes no string for them (clid, quoted with doubled quotes, was the dearest field of the
 * row). dstchannel and lastdata are read from their bytes by trunk.ts (the row is its own
 * CdrTokens), as texts only where the bytes cannot tell. The tokenizer's row is valid during
 * parse() only: a row kept longer is copied by plainCdrRow first (parser-core).
 */
class MasterCsvRow implements CdrRow, CdrTokens {
  src = '';
  dst = '';
  duration: string | number = '';
  billsec: string | number = '';
  uniqueid = '';
  userfield = '';
  disposition = '';
  /** The tokenizer's row being read (valid during one parse() only). */
  row: Row = EMPTY_ROW;
  // Columns Master.csv never has: on the prototype (below), not written into every row's object.
  declare readonly cnum: string;
  declare readonly outboundCnum: string;
  declare readonly trunk: string;
  declare readonly sipCode: string;
  declare readonly sipReason: string;
  declare readonly hangupCause: string;
  declare readonly causeTech: string;
  declare readonly noTrunkColumns: boolean;
  declare readonly columns: CdrTokens['columns'];
  private clidText: string | null = null;
  private dstchannelText: string | null = null;
  private lastdataText: string | null = null;
  private channelText: string | null = null;
  private dcontextText: string | null = null;
  private lastappText: string | null = null;

  /** The next row's fields (the texts read lazily are forgotten). */
  read(fields: Row, disposition: string): void {
    this.row = fields;
    this.disposition = disposition;
    this.src = cleanField(fields, 1);
    this.dst = cleanField(fields, 2);
    this.duration = secondsField(fields, 12);
    this.billsec = secondsField(fields, 13);
    this.uniqueid = optionalColumn(fields, 'uniqueid');
    this.userfield = optionalColumn(fields, 'userfield');
    this.clidText = null;
    this.dstchannelText = null;
    this.lastdataText = null;
    this.channelText = null;
    this.dcontextText = null;
    this.lastappText = null;
  }

  get tokens(): CdrTokens {
    return this;
  }

  get dcontext(): string {
    return (this.dcontextText ??= cleanField(this.row, 3));
  }

  get clid(): string {
    return (this.clidText ??= cleanField(this.row, 4));
  }

  get channel(): string {
    return (this.channelText ??= cleanField(this.row, 5));
  }

  get dstchannel(): string {
    return (this.dstchannelText ??= cleanField(this.row, 6));
  }

  get lastapp(): string {
    return (this.lastappText ??= cleanField(this.row, 7));
  }

  get lastdata(): string {
    return (this.lastdataText ??= cleanField(this.row, 8));
  }
}

const MASTER_BYTE_COLUMNS: CdrTokens['columns'] = { dstchannel: 6, lastdata: 8 };
Object.assign(MasterCsvRow.prototype, { cnum: '', outboundCnum: '', trunk: '', sipCode: '', sipReason: '', hangupCause: '', causeTech: '', noTrunkColumns: false, columns: MASTER_BYTE_COLUMNS });

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
  createParser(init): RowParser {
    const mapper = new MasterCsvMapper();
    const columns = new MasterColumns();
    return createCdrParser({ map: (row) => mapper.map(row), write: (row, values, channels) => columns.write(row, values, channels), skip: (row, channels) => columns.skip(row, channels), hasTrunk: () => true, startField: () => START_FIELD }, init);
  },
};
