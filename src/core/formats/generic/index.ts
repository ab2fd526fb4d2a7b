/**
 * "Any other CSV/TSV with a header" (formats.md §6): carrier portal exports (DIDWW, Invade, Sinch,
 * Twilio …), Asterisk custom CSVs with a header, DB exports. A header naming FreeSWITCH's
 * variables (start_stamp, hangup_cause, destination_number) over FreeSWITCH cause names is the
 * FreeSWITCH reader's (freeswitch/header-layout.ts), which scores above this one. The permissive fallback:
 * detection ≤ 0.4 so every specific format wins; the column mapping is guessed from header names and
 * value shapes and shown to the user, who can correct it (mappingOverrides).
 */
import type { FormatModule } from '../format-module';
import { detectGeneric, GENERIC_MAX_SCORE } from './detect';
import { createGenericParser } from './parser';
import { FORMAT_LABELS } from '../format-labels';

export { guessColumnRoles, looksLikeHeader } from './column-roles';
export { BLANK_TRUNK, NO_TRUNK_COLUMN } from './parser';

export const genericCsv: FormatModule = {
  id: 'generic-csv',
  label: FORMAT_LABELS['generic-csv'],
  family: 'generic',
  syntax: 'delimited',
  // Real CSV from portals and spreadsheets may quote newlines inside fields (notes, annotations).
  quotedNewlines: true,
  maxScore: GENERIC_MAX_SCORE,
  detect(sample) {
    try {
      return detectGeneric(sample);
    } catch {
      return null;
    }
  },
  createParser: createGenericParser,
};
