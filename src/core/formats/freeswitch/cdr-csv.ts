/**
 * FreeSWITCH mod_cdr_csv Master.csv, headerless, in the templates shipped in
 * signalwire/freeswitch conf/vanilla/autoload_configs/cdr_csv.conf.xml (example = the vanilla
 * default, sql, snom, linksys, asterisk) plus mod_cdr_csv.c's compiled-in `default_template`
 * (formats.md §4.1). Causes map through formats.md §7.5 (model/causes.ts). opencdrrate has neither
 * start_stamp nor hangup_cause and is its own format id (./opencdrrate.ts).
 * A file whose header line names FreeSWITCH's variables (a custom template with its header added,
 * a FusionPBX CDR export) is read by the same row reading, with the layout its header gives
 * (header-layout.ts).
 */
import type { Detection, FormatCapabilities, FormatModule, ParserInit, RowOutcome, RowParser, SniffSample } from '../format-module';
import { readRow, REASON_INTERNAL, rowLooksRight, shapeHeaderRow, shapeRow } from './cdr-csv-row';
import { scoreFor } from './detect-score';
import { headerLayout, type HeaderLayout } from './header-layout';
import { layoutOf, type TemplateName } from './templates';
import { FORMAT_LABELS } from '../format-labels';
import type { Row } from '../../read/row';

export const FREESWITCH_CDR_CSV_ID = 'freeswitch-cdr-csv';

/** Variant shown for the example template after a spreadsheet round-trip (nothing quoted). */
export const SPREADSHEET_VARIANT = 'example (spreadsheet re-save)';

/** A first row that is all identifier-like words is someone's header: not a mod_cdr_csv file. */
function looksLikeHeader(row: readonly string[]): boolean {
  return row.length >= 5 && row.every((f) => /^[A-Za-z_][A-Za-z0-9_ .()-]*$/.test(f.trim()));
}

/** The sampled rows but blank lines. */
function rowsOf(sample: SniffSample): string[][] {
  return sample.rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
}

/** The layout the sample's first row names as a header, or null (memoized like the tallies). */
const headers = new WeakMap<SniffSample, HeaderLayout | null>();

function headerOf(sample: SniffSample): HeaderLayout | null {
  const known = headers.get(sample);
  if (known !== undefined) return known;
  const first = rowsOf(sample)[0];
  const found = first ? headerLayout(first) : null;
  headers.set(sample, found);
  return found;
}

interface Tally {
  ok: number;
  considered: number;
  /** The template most sampled rows fit (example when none). */
  template: TemplateName;
}

/** The sampled rows' templates. Memoized per sample: every piece of a file starts from the same one. */
const tallies = new WeakMap<SniffSample, Tally | null>();

function tallyTemplates(sample: SniffSample): Tally | null {
  const known = tallies.get(sample);
  if (known !== undefined) return known;
  const rows = rowsOf(sample);
  const first = rows[0];
  let tally: Tally | null = null;
  // A header line (a FreeSWITCH one, `${start_stamp}` names and all, or anyone's) is no template row.
  if (first && !looksLikeHeader(first) && headerOf(sample) === null) {
    const counts = new Map<TemplateName, number>();
    let ok = 0;
    let considered = 0;
    rows.forEach((raw, i) => {
      const shaped = shapeRow(raw, null);
      if (!('reason' in shaped) && rowLooksRight(shaped.fields, layoutOf(shaped.template))) {
        ok++;
        considered++;
        counts.set(shaped.template, (counts.get(shaped.template) ?? 0) + 1);
      } else if (!(i === rows.length - 1 && rows.length > 1)) {
        // The last sampled row may be cut by the sniff window: it does not count against the file.
        considered++;
      }
    });
    let template: TemplateName = 'example';
    let best = -1;
    for (const [name, n] of counts) {
      if (n > best) {
        template = name;
        best = n;
      }
    }
    tally = { ok, considered, template };
  }
  tallies.set(sample, tally);
  return tally;
}

export function detectFreeswitchCdrCsv(sample: SniffSample): Detection | null {
  const header = headerOf(sample);
  if (header !== null) return detectByHeader(sample, header);
  const tally = tallyTemplates(sample);
  if (tally === null) return null;
  const score = scoreFor(tally.ok, tally.ok / tally.considered);
  if (score === null) return null;
  const firstLine = sample.text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const unquoted = tally.template === 'example' && !firstLine.trimStart().startsWith('"');
  return { score, variant: unquoted ? SPREADSHEET_VARIANT : tally.template };
}

/**
 * A header that names FreeSWITCH's columns, then rows whose start time, counts and cause name fit
 * where it says: scored as the headerless templates are (detect-score.ts), always above the
 * generic reader's 0.4. Rows that do not fit (a hangup_cause of numbers) leave the file to it.
 * A header with no data row in the sample is claimed on its names alone.
 */
function detectByHeader(sample: SniffSample, header: HeaderLayout): Detection | null {
  const rows = rowsOf(sample).slice(1);
  let ok = 0;
  let considered = 0;
  rows.forEach((raw, i) => {
    const shaped = shapeHeaderRow(raw, header, sample.delimiter);
    if (!('reason' in shaped) && rowLooksRight(shaped.fields, header.layout)) {
      ok++;
      considered++;
    } else if (i !== rows.length - 1) {
      considered++; // the last sampled row may be cut by the sniff window
    }
  });
  const score = considered === 0 ? HEADER_ONLY_SCORE : scoreFor(ok, ok / considered);
  if (score === null) return null;
  return { score, variant: header.fusionpbx ? 'FusionPBX CDR export (header line)' : `header line (${header.width} columns)` };
}

/** A FreeSWITCH header with no data row under it: its names, but no row, say it is ours. */
const HEADER_ONLY_SCORE = 0.8;

function createParser(init?: ParserInit): RowParser {
  // The file's template as its first rows show it, so that a piece cut from the middle of the file
  // reads a row that fits two templates (an unescaped quote in a name) the way one pass does.
  const sampled = init?.sample ? tallyTemplates(init.sample) : null;
  let template: TemplateName | null = sampled !== null && sampled.ok > 0 ? sampled.template : null;
  /** The layout the file's header line gave (each piece's parser is fed that line first). */
  let header: HeaderLayout | null = null;
  let firstRow = true;
  const delimiter = init?.delimiter ?? ',';
  let sawSip = false;
  const recordOf = (read: ReturnType<typeof readRow>): RowOutcome => {
    if (!read.ok) return { kind: 'skip', reason: read.reason };
    if (read.sipStated) sawSip = true;
    return { kind: 'record', record: read.record };
  };
  return {
    parse(row: Row): RowOutcome {
      const fields = row.fields();
      if (firstRow) {
        firstRow = false;
        header = template === null ? headerLayout(fields) : null;
        if (header !== null) return { kind: 'header' };
      }
      if (header !== null) {
        const shaped = shapeHeaderRow(fields, header, delimiter);
        if ('reason' in shaped) return { kind: 'skip', reason: shaped.reason };
        return recordOf(readRow(shaped.fields, header.layout, shaped.fields === fields ? row : undefined));
      }
      const shaped = shapeRow(fields, template);
      if ('reason' in shaped) return { kind: 'skip', reason: shaped.reason };
      // The row's own fields (not re-joined, not unwrapped from an INSERT): its bytes can be read.
      const read = readRow(shaped.fields, layoutOf(shaped.template), shaped.fields === fields ? row : undefined);
      // An internal call is still a well-formed row of this template: it fixes the template too.
      if (read.ok || read.reason === REASON_INTERNAL) template ??= shaped.template;
      return recordOf(read);
    },
    capabilities(): FormatCapabilities {
      const layout = header?.layout ?? (template === null ? null : layoutOf(template));
      return {
        sipCodes: sawSip,
        separates503From603: sawSip,
        // Every shipped template has end_stamp and duration; a header may name neither.
        hasEndTimes: layout === null || layout.end !== undefined || layout.duration !== undefined,
        // The asterisk-like template names channels; a header may name the gateway.
        hasTrunk: layout !== null && (layout.family === 'asterisk' || layout.gateway !== undefined),
      };
    },
  };
}

export const freeswitchCdrCsv: FormatModule = {
  id: FREESWITCH_CDR_CSV_ID,
  label: FORMAT_LABELS['freeswitch-cdr-csv'],
  family: 'freeswitch',
  syntax: 'delimited',
  quotedNewlines: false,
  splittable: true,
  detect(sample) {
    try {
      return detectFreeswitchCdrCsv(sample);
    } catch {
      return null;
    }
  },
  // mod_cdr_csv writes Master.csv (rotated as Master.csv.YYYY-MM-DD-HH-MM-SS) or <accountcode>.csv.
  fileNameHint: (fileName) => /(^|[\\/])Master\.csv(\.\d{4}(-\d{2}){5})?$/i.test(fileName),
  createParser,
};
