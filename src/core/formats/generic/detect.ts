/**
 * Detection for the permissive generic reader: a header row that names (or whose values show) a
 * start time and at least one outcome column (SIP code, reason, cause or disposition). Scores stay
 * at or below 0.4 so that every specific format (Asterisk, FreePBX, VICIdial, FreeSWITCH, Kamailio,
 * scoring 0.8–1.0 on their own signatures) wins; 0.3 for the minimum, up to +0.1 for the other roles found.
 */
import type { ColumnRole, Detection, SniffSample } from '../format-module';
import { guessColumnRoles, looksLikeHeader, normalizeHeader } from './column-roles';
import { clean, parseTime } from './values';

export const GENERIC_BASE_SCORE = 0.3;
export const GENERIC_MAX_SCORE = 0.4;

const OUTCOME: readonly ColumnRole[] = ['sipCode', 'reason', 'cause', 'disposition'];
/** Roles that make the file more useful; each found adds a share of the last 0.1. */
const EXTRAS: readonly ColumnRole[] = ['trunk', 'destination', 'callerId', 'callId', 'end', 'duration'];

export function detectGeneric(sample: SniffSample): Detection | null {
  const [first, ...rest] = sample.rows;
  if (!first || !looksLikeHeader(first)) return null;
  const mapping = guessColumnRoles(first, rest);
  const { roles } = mapping;
  const start = roles.start;
  if (start === undefined || !OUTCOME.some((r) => roles[r] !== undefined)) return null;
  // With data rows in the sample, at least half of their start cells must read as times.
  const headerKey = normalizeHeader(first).join('\u0000').toLowerCase();
  const data = rest.filter(
    (r) => r.length >= first.length && r.some((c) => c.trim() !== '') && normalizeHeader(r).join('\u0000').toLowerCase() !== headerKey,
  );
  if (data.length > 0) {
    const times = data.filter((r) => {
      const v = clean(r[start]);
      return !Number.isNaN(parseTime(v, 'mdy')) || !Number.isNaN(parseTime(v, 'dmy'));
    }).length;
    if (times < data.length / 2) return null;
  }
  const extraFound = EXTRAS.filter((r) => roles[r] !== undefined || (r === 'end' && (roles.answer !== undefined || roles.talk !== undefined))).length;
  const score = Math.round((GENERIC_BASE_SCORE + ((GENERIC_MAX_SCORE - GENERIC_BASE_SCORE) * extraFound) / EXTRAS.length) * 1000) / 1000;
  const named = (Object.keys(roles) as ColumnRole[]).length;
  return { score, variant: `header with ${named} of ${first.length} columns recognized${roles.trunk === undefined ? ', no trunk column' : ''}` };
}
