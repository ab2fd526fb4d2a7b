/**
 * FreeSWITCH mod_cdr_csv Master.csv, headerless, in the templates shipped in
 * signalwire/freeswitch conf/vanilla/autoload_configs/cdr_csv.conf.xml (example = the vanilla
 * default, sql, snom, linksys, asterisk) plus mod_cdr_csv.c's compiled-in `default_template`
 * (formats.md §4.1). Causes map through formats.md §7.5 (model/causes.ts). opencdrrate has neither
 * start_stamp nor hangup_cause and is its own format id (./opencdrrate.ts).
 * Custom templates with a header row are the generic reader's job: not claimed here.
 */
import type { Detection, FormatCapabilities, FormatModule, RowOutcome, RowParser, SniffSample } from '../format-module';
import { readRow, REASON_INTERNAL, rowLooksRight, shapeRow } from './cdr-csv-row';
import { scoreFor } from './detect-score';
import { layoutOf, type TemplateName } from './templates';
import { FORMAT_LABELS } from '../format-labels';

export const FREESWITCH_CDR_CSV_ID = 'freeswitch-cdr-csv';

/** Variant shown for the example template after a spreadsheet round-trip (nothing quoted). */
export const SPREADSHEET_VARIANT = 'example (spreadsheet re-save)';

/** A first row that is all identifier-like words is someone's header: not a mod_cdr_csv file. */
function looksLikeHeader(row: readonly string[]): boolean {
  return row.length >= 5 && row.every((f) => /^[A-Za-z_][A-Za-z0-9_ .()-]*$/.test(f.trim()));
}

export function detectFreeswitchCdrCsv(sample: SniffSample): Detection | null {
  const rows = sample.rows.filter((r) => !(r.length === 1 && (r[0] ?? '').trim() === ''));
  const first = rows[0];
  if (!first || looksLikeHeader(first)) return null;
  const tally = new Map<TemplateName, number>();
  let ok = 0;
  let considered = 0;
  rows.forEach((raw, i) => {
    const shaped = shapeRow(raw, null);
    if (!('reason' in shaped) && rowLooksRight(shaped.fields, shaped.template)) {
      ok++;
      considered++;
      tally.set(shaped.template, (tally.get(shaped.template) ?? 0) + 1);
    } else if (!(i === rows.length - 1 && rows.length > 1)) {
      // The last sampled row may be cut by the sniff window: it does not count against the file.
      considered++;
    }
  });
  const ratio = ok / considered;
  const score = scoreFor(ok, ratio);
  if (score === null) return null;
  let template: TemplateName = 'example';
  let best = -1;
  for (const [name, n] of tally) {
    if (n > best) {
      template = name;
      best = n;
    }
  }
  const firstLine = sample.text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const unquoted = template === 'example' && !firstLine.trimStart().startsWith('"');
  return { score, variant: unquoted ? SPREADSHEET_VARIANT : template };
}

function createParser(): RowParser {
  let template: TemplateName | null = null;
  let sawSip = false;
  return {
    parse(fields: readonly string[]): RowOutcome {
      const shaped = shapeRow(fields, template);
      if ('reason' in shaped) return { kind: 'skip', reason: shaped.reason };
      const read = readRow(shaped.fields, shaped.template);
      // An internal call is still a well-formed row of this template: it fixes the template too.
      if (read.ok || read.reason === REASON_INTERNAL) template ??= shaped.template;
      if (!read.ok) return { kind: 'skip', reason: read.reason };
      if (read.sipStated) sawSip = true;
      return { kind: 'record', record: read.record };
    },
    capabilities(): FormatCapabilities {
      return {
        sipCodes: sawSip,
        separates503From603: sawSip,
        hasEndTimes: true,
        hasTrunk: template !== null && layoutOf(template).family === 'asterisk',
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
