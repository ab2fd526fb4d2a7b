/**
 * File-wide naming of VICIdial dial-prefix trunks (RowParser.trunkAliases).
 * Each record is first named after everything dialled before the phone number ("prefix 91": dial
 * prefix 9 + phone code 1, see trunk.ts). Where the dial prefix ends is campaign config, not in
 * the file, so it is decided once the whole file is seen:
 *   - the Export Calls Report has the lead's phone_code: "91" with phone_code 1 → prefix 9 exactly;
 *   - otherwise each reading "<prefix><country code>" (E.164 codes are prefix-free, 1–3 digits)
 *     or "<prefix>" alone (campaign set to omit the phone code) is a candidate, and the prefix that
 *     explains the most calls of the file wins: 91 (NANP) and 944 (UK) both read as prefix 9, so
 *     one carrier stays one trunk. Ties go to the reading with a country code (VICIdial dials the
 *     phone code unless told not to), then to the shorter prefix.
 */

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

export class PrefixEvidence {
  private readonly counts = new Map<string, number>();
  /** lead → exact prefix → count, from rows that state the phone code. */
  private readonly exact = new Map<string, Map<string, number>>();

  /** A record named `prefix <lead>`; `phoneCode` when the row states the lead's phone code. */
  add(trunk: string, phoneCode?: string): void {
    if (!trunk.startsWith(PREFIX_TRUNK)) return;
    const lead = trunk.slice(PREFIX_TRUNK.length);
    this.counts.set(lead, (this.counts.get(lead) ?? 0) + 1);
    const code = phoneCode?.trim() ?? '';
    if (code === '' || !/^\d+$/.test(code)) return;
    // The campaign may omit the phone code: then the whole lead is the prefix.
    const prefix = lead.length > code.length && lead.endsWith(code) ? lead.slice(0, lead.length - code.length) : lead;
    let m = this.exact.get(lead);
    if (!m) this.exact.set(lead, (m = new Map()));
    m.set(prefix, (m.get(prefix) ?? 0) + 1);
  }

  aliases(): Map<string, string> {
    const chosen = new Map<string, string>();
    const support = new Map<string, number>();
    for (const [lead, n] of this.counts) {
      const known = this.exact.get(lead);
      if (known) {
        const best = [...known].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0];
        if (best) chosen.set(lead, best[0]);
      }
      const prefixes = chosen.has(lead) ? [chosen.get(lead)!] : readings(lead).map((r) => r.prefix);
      for (const p of new Set(prefixes)) support.set(p, (support.get(p) ?? 0) + n);
    }
    const out = new Map<string, string>();
    for (const lead of this.counts.keys()) {
      let prefix = chosen.get(lead);
      if (prefix === undefined) {
        const rank = (r: Reading): [number, number, number] => [-(support.get(r.prefix) ?? 0), r.withCode ? 0 : 1, r.prefix.length];
        const sorted = readings(lead).sort((a, b) => {
          const x = rank(a);
          const y = rank(b);
          return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.prefix.localeCompare(b.prefix);
        });
        prefix = sorted[0]?.prefix ?? lead;
      }
      if (prefix !== lead) out.set(PREFIX_TRUNK + lead, PREFIX_TRUNK + prefix);
    }
    return out;
  }
}
