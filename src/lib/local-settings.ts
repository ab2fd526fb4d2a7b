/**
 * What the app remembers between visits, in this browser only: trunk display names and column
 * mappings corrected by the user. Never sent anywhere. Corrupt or missing storage yields defaults.
 */
import { headerSignature, readColumnMapping, type ColumnMapping } from '../core/formats/format-module';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadTrunkNames(): Record<string, string> {
  return read(TRUNK_NAMES_KEY, isStringRecord, {});
}

export function saveTrunkNames(names: Record<string, string>): void {
  write(TRUNK_NAMES_KEY, names);
}

/**
 * Remembered corrections, each checked on its own: a record that is not a mapping (`roles: null`,
 * from an old version or edited by hand) or whose key is not its header's signature is dropped, so
 * the file's guessed mapping and its panel come back instead of every row failing.
 */
export function loadMappings(): Record<string, ColumnMapping> {
  const stored = read(MAPPINGS_KEY, isObject, {});
  const out: Record<string, ColumnMapping> = Object.create(null) as Record<string, ColumnMapping>;
  for (const [signature, value] of Object.entries(stored)) {
    const mapping = readColumnMapping(value);
    if (mapping && headerSignature(mapping.header) === signature) out[signature] = mapping;
  }
  return out;
}

export function saveMappings(mappings: Record<string, ColumnMapping>): void {
  write(MAPPINGS_KEY, mappings);
}
