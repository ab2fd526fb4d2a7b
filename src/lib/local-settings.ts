/**
 * What the app remembers between visits, in this browser only: trunk display names and column
 * mappings corrected by the user. Never sent anywhere. Corrupt or missing storage yields defaults.
 */
import type { ColumnMapping } from '../core/formats/format-module';

const TRUNK_NAMES_KEY = 'trunk-triage.trunk-names.v1';
const MAPPINGS_KEY = 'trunk-triage.column-mappings.v1';

function read<T>(key: string, isValid: (v: unknown) => v is T, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (!raw) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return isValid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the setting lasts for this visit only.
  }
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

const isMappingRecord = (v: unknown): v is Record<string, ColumnMapping> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every(
    (m) => typeof m === 'object' && m !== null && Array.isArray((m as ColumnMapping).header) && typeof (m as ColumnMapping).roles === 'object',
  );

export function loadTrunkNames(): Record<string, string> {
  return read(TRUNK_NAMES_KEY, isStringRecord, {});
}

export function saveTrunkNames(names: Record<string, string>): void {
  write(TRUNK_NAMES_KEY, names);
}

export function loadMappings(): Record<string, ColumnMapping> {
  return read(MAPPINGS_KEY, isMappingRecord, {});
}

export function saveMappings(mappings: Record<string, ColumnMapping>): void {
  write(MAPPINGS_KEY, mappings);
}
