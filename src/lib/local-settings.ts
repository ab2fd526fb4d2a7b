/**
 * What the app remembers between visits, in this browser only: trunk display names and column
 * mappings corrected by the user. Never sent anywhere. Corrupt or missing storage yields defaults.
 */
import { headerSignature, readColumnMapping, type ColumnMapping } from '../core/formats/format-module';
import { validThresholds, type KpiThresholds } from '../core/analysis/kpi-thresholds';

const TRUNK_NAMES_KEY = 'trunk-triage.trunk-names.v1';
const MAPPINGS_KEY = 'trunk-triage.column-mappings.v1';
const KPI_THRESHOLDS_KEY = 'trunk-triage.kpi-thresholds.v1';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Longest stored display name kept; a longer one is a corrupt or hostile record, not a rename. */
export const MAX_TRUNK_NAME_LENGTH = 200;
// eslint-disable-next-line no-control-regex -- the point: a rename never carries terminal or layout controls
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;


/**
 * Renames as a Map (a trunk may be called "__proto__"). Each entry is checked on its own: one bad
 * entry (not text, empty, too long, a control character) is dropped, the others kept.
 */
export function loadTrunkNames(): Map<string, string> {
  const stored = read(TRUNK_NAMES_KEY, isObject, {});
  const names = new Map<string, string>();
  for (const [trunk, name] of Object.entries(stored)) {
    if (typeof name !== 'string') continue;
    const clean = name.trim();
    if (clean === '' || clean.length > MAX_TRUNK_NAME_LENGTH || CONTROL_CHARACTER.test(clean) || clean === trunk) continue;
    names.set(trunk, clean);
  }
  return names;
}

export function saveTrunkNames(names: ReadonlyMap<string, string>): void {
  // Object.fromEntries defines own properties, so a "__proto__" trunk is stored as a plain key.
  write(TRUNK_NAMES_KEY, Object.fromEntries(names));
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

/** The carrier KPI limits the user set; each bad or missing field falls back to its default. */
export function loadKpiThresholds(): KpiThresholds {
  return validThresholds(read(KPI_THRESHOLDS_KEY, isObject, {}));
}

export function saveKpiThresholds(thresholds: KpiThresholds): void {
  write(KPI_THRESHOLDS_KEY, thresholds);
}
