/**
 * File-wide naming of VICIdial dial-prefix trunks (RowParser.trunkAliases).
 * Each record is first named after everything dialled before the phone number ("prefix 91": dial
 * prefix 9 + phone code 1, see trunk.ts). Where the dial prefix ends is campaign config, not in
 * the file, so it is decided once the whole file is seen:
 *   - the Export Calls Report has the lead's phone_code: "91" with phone_code 1 → prefix 9 exactly;
 *   - otherwise each reading "<prefix><country code>" (E.164 codes are prefix-free, 1–3 digits)
 *     or "<prefix>" alone (campaign set to omit the phone code) is a candidate, and the most
 *     likely reading wins, with prefix and country-code frequencies estimated over the whole file
 *     (estimateReadings): 91 (NANP) and 944 (UK) both read as prefix 9, so one carrier stays one
 *     trunk, and 661 reads as 66 + 1 rather than 6 + 61.
 */

/** A NANP national number, NXX NXX XXXX (/^[2-9]\d{2}[2-9]\d{6}$/ as a loop: it runs on every row, twice). */
export function isNanpNational(number: string): boolean {
  if (number.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const digit = number.charCodeAt(i) - 48;
    if (digit < (i === 0 || i === 3 ? 2 : 0) || digit > 9) return false;
  }
  return true;
}

/** Two-digit E.164 country calling codes (ITU-T E.164 list of assigned codes). */
const CC2 = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** Is this a country calling code? 1 and 7, the two-digit list, and three digits outside both. */
export function isCountryCode(code: string): boolean {
  if (code === '1' || code === '7') return true;
  if (code.length === 2) return CC2.has(code);
  if (code.length === 3 && /^[2-689]\d\d$/.test(code)) return !CC2.has(code.slice(0, 2));
  return false;
}

interface Reading {
  prefix: string;
  withCode: boolean;
}

function readings(lead: string): Reading[] {
  const out: Reading[] = [{ prefix: lead, withCode: false }];
  if (!/^\d+$/.test(lead)) return out;
  for (let k = 1; k <= 3 && k < lead.length; k++) {
    if (isCountryCode(lead.slice(lead.length - k))) out.push({ prefix: lead.slice(0, lead.length - k), withCode: true });
  }
  return out;
}

export const PREFIX_TRUNK = 'prefix ';

/** PrefixEvidence's tallies as plain Maps (structured-cloneable: they cross to and from workers). */
export interface PrefixEvidenceState {
  counts: ReadonlyMap<string, number>;
  nanpShape: ReadonlyMap<string, { nanp: number; other: number }>;
  exact: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

function isPrefixEvidenceState(value: unknown): value is PrefixEvidenceState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.counts instanceof Map && v.nanpShape instanceof Map && v.exact instanceof Map;
}

/** One lead's tallies, kept under its record's trunk name (the string every row of it shares). */
interface LeadTally {
  lead: string;
  calls: number;
  /** How many of its phone numbers look like NANP national numbers (NXX NXX XXXX), and how many not. */
  nanp: number;
  other: number;
}

export class PrefixEvidence {
  /** `prefix <lead>` → its tallies, in the order the leads were first seen. */
  private readonly leads = new Map<string, LeadTally>();
  /** lead → exact prefix → count, from rows that state the phone code. */
  private readonly exact = new Map<string, Map<string, number>>();

  /** A record named `prefix <lead>`; `phoneCode` when the row states the lead's phone code. */
  add(trunk: string, phoneCode?: string, phone?: string): void {
    this.addShaped(trunk, phone === undefined || phone === '' ? null : isNanpNational(phone.trim()), phoneCode);
  }

  /** add() with its phone's shape told: isNanpNational(phone.trim()), null when the row has no phone. */
  addShaped(trunk: string, phoneIsNanp: boolean | null, phoneCode?: string): void {
    if (!trunk.startsWith(PREFIX_TRUNK)) return;
    const tally = this.tallyOf(trunk);
    tally.calls++;
    // Evidence against reading the lead as "<prefix> + 1": numbers that are not NANP-shaped.
    if (phoneIsNanp === true) tally.nanp++;
    else if (phoneIsNanp === false) tally.other++;
    const code = phoneCode?.trim() ?? '';
    if (code === '' || !/^\d+$/.test(code)) return;
    const lead = tally.lead;
    // The campaign may omit the phone code: then the whole lead is the prefix.
    const prefix = lead.length > code.length && lead.endsWith(code) ? lead.slice(0, lead.length - code.length) : lead;
    let m = this.exact.get(lead);
    if (!m) this.exact.set(lead, (m = new Map()));
    m.set(prefix, (m.get(prefix) ?? 0) + 1);
  }

  private tallyOf(trunk: string): LeadTally {
    let tally = this.leads.get(trunk);
    if (!tally) this.leads.set(trunk, (tally = { lead: trunk.slice(PREFIX_TRUNK.length), calls: 0, nanp: 0, other: 0 }));
    return tally;
  }

  /** What this file part showed, for another PrefixEvidence of the same file (pieces read in parallel). */
  state(): PrefixEvidenceState {
    const counts = new Map<string, number>();
    const nanpShape = new Map<string, { nanp: number; other: number }>();
    for (const { lead, calls, nanp, other } of this.leads.values()) {
      counts.set(lead, calls);
      if (nanp + other > 0) nanpShape.set(lead, { nanp, other });
    }
    return { counts, nanpShape, exact: this.exact };
  }

  /** Add what another part of the same file showed (its state()): counts add up. */
  absorb(other: unknown): void {
    if (!isPrefixEvidenceState(other)) return;
    for (const [lead, n] of other.counts) this.tallyOf(PREFIX_TRUNK + lead).calls += n;
    for (const [lead, s] of other.nanpShape) {
      const mine = this.tallyOf(PREFIX_TRUNK + lead);
      mine.nanp += s.nanp;
      mine.other += s.other;
    }
    for (const [lead, prefixes] of other.exact) {
      let m = this.exact.get(lead);
      if (!m) this.exact.set(lead, (m = new Map()));
      for (const [prefix, n] of prefixes) m.set(prefix, (m.get(prefix) ?? 0) + n);
    }
  }

  aliases(): Map<string, string> {
    const chosen = new Map<string, string>();
    for (const [lead, known] of this.exact) {
      const best = [...known].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0];
      if (best) chosen.set(lead, best[0]);
    }
    const open = [...this.leads.values()]
      .filter(({ lead }) => !chosen.has(lead))
      .map(({ lead, calls: n, nanp, other }) => {
        // A lead whose numbers are mostly not NANP-shaped is not "<prefix> + 1" (9 + Australia 61…).
        const notNanp = other > nanp;
        const rs = readings(lead).filter((r) => !(notNanp && r.withCode && lead.slice(r.prefix.length) === '1'));
        return { lead, n, readings: rs.length > 0 ? rs : readings(lead) };
      });
    const prefixWeight = estimateReadings(open);
    for (const { lead, readings: rs } of open) {
      const best = rs.reduce((a, b) => (prefixWeight(b) > prefixWeight(a) ? b : a));
      chosen.set(lead, best.prefix);
    }
    const out = new Map<string, string>();
    for (const [lead, prefix] of chosen) if (prefix !== lead) out.set(PREFIX_TRUNK + lead, PREFIX_TRUNK + prefix);
    return out;
  }
}

/** The country code a reading implies ('' when the campaign omitted the phone code). */
function codeOf(lead: string, r: Reading): string {
  return r.withCode ? lead.slice(r.prefix.length) : '';
}

/**
 * Which reading of each lead is most likely, when the file does not state the phone code.
 * A small EM over "leads are <prefix><country code>": the weight of a reading is
 * P(prefix) × P(country code), both estimated from the whole file. This is what splits
 * `661` as carrier `66` + NANP `1` (common) rather than carrier `6` + Australia `61` (rare), even
 * when carrier `6` has many more calls, and `91`/`944` both as carrier `9`. A reading without a
 * country code starts with a tenth of the weight (VICIdial dials the phone code unless told not to).
 */
function estimateReadings(leads: ReadonlyArray<{ lead: string; n: number; readings: Reading[] }>): (r: Reading) => number {
  // Readings in one list, their prefix and country code as indexes into the probability arrays:
  // the file's last step before its trunks are named, so no text is looked up per iteration.
  const prefixIds = new Map<string, number>();
  const codeIds = new Map<string, number>();
  const all: Reading[] = [];
  const prefixOf: number[] = [];
  const codeIdOf: number[] = [];
  const initialCode: number[] = [];
  for (const { lead, readings: rs } of leads) {
    for (const r of rs) {
      all.push(r);
      prefixOf.push(idIn(prefixIds, r.prefix));
      const code = idIn(codeIds, codeOf(lead, r));
      codeIdOf.push(code);
      initialCode[code] = r.withCode ? 1 : 0.1;
    }
  }
  const pPrefix = new Float64Array(prefixIds.size).fill(1);
  const pCode = Float64Array.from(initialCode);
  const weight = (k: number) => pPrefix[prefixOf[k]!]! * pCode[codeIdOf[k]!]!;
  const ws: number[] = [];
  for (let iteration = 0; iteration < 25; iteration++) {
    const nextPrefix = new Float64Array(pPrefix.length);
    const nextCode = new Float64Array(pCode.length);
    let total = 0;
    let k = 0;
    for (const { n, readings: rs } of leads) {
      let sum = 0;
      for (let j = 0; j < rs.length; j++) sum += ws[j] = weight(k + j);
      sum = sum || 1;
      for (let j = 0; j < rs.length; j++, k++) {
        const share = (n * ws[j]!) / sum;
        const prefix = prefixOf[k]!;
        const code = codeIdOf[k]!;
        nextPrefix[prefix] = nextPrefix[prefix]! + share;
        nextCode[code] = nextCode[code]! + share;
      }
      total += n;
    }
    for (let p = 0; p < pPrefix.length; p++) pPrefix[p] = nextPrefix[p]! / (total || 1);
    for (let c = 0; c < pCode.length; c++) pCode[c] = nextCode[c]! / (total || 1);
  }
  const byReading = new Map<Reading, number>();
  all.forEach((r, k) => byReading.set(r, weight(k)));
  return (r) => byReading.get(r) ?? 0;
}

/** The index of `key` in `ids`, a new one when it has none yet. */
function idIn(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}
