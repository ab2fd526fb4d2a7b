/**
 * Destination prefixes: "country code / area code, the longest prefix that still groups".
 * Calls are first counted per destination key (trunk + first 6 digits, analysis-cache.ts); the
 * display groups are then built from that aggregated table, so the cost does not depend on the
 * number of calls:
 *   1. the trunk's dial prefix is removed (dial-prefix.ts);
 *   2. numbers < 7 digits → one "short / internal" row; no number → one "(none)" row;
 *   3. the country calling code is read from the digits (libphonenumber metadata), giving one
 *      row per country: for NANP (+1) per region of the area code (libphonenumber on a sample
 *      number: 1876 → Jamaica, 1809 → Dominican Republic, 1312 → United States), keyed by its
 *      area code when it has one in the data ("1876"), else "1 (US)";
 *   4. a longer prefix gets its own row only when it has ≥ 20 attempts and its rejections
 *      differ from the rest of its parent (capacity or policy share ≥ 10 points apart,
 *      two-proportion |z| ≥ 3; greedy, the most different child first, each compared with what
 *      is left of the parent): NANP region → area code ("United States · 312"), other
 *      countries cc → cc + 1, 2, 3 digits. Otherwise the extra digits only scatter one
 *      destination over rows that behave the same (and would crowd the top N);
 *      digits without a known calling code: rows by their first 3 digits, no label;
 *   5. top N rows by attempts, the rest summed into "other".
 */
import type { AnalysisCache } from './analysis-cache';
import { DEST_LONG, DEST_NONE } from './analysis-cache';
import { digitsText } from './call-store';
import type { BreakdownRow } from './dashboard-types';
import { dialPrefixes } from './dial-prefix';
import { callingCodeOf, countryLabel, regionName, regionOfNumber } from './phone-regions';

export const MIN_GROUP_ATTEMPTS = 20;
const MIN_SHARE_GAP = 0.1;
const MIN_Z = 3;
const MAX_EXTRA_DIGITS = 3;

/** Per-key counts: attempts, c503, c603, capacity, policy (the accumulator layout). */
export const FIELDS = 5;
type Counts = [number, number, number, number, number];

const K_NONE = 0;
const K_SHORT = 1;
const K_GROUPED = 2;
const K_UNKNOWN = 3;

/** Static per store: each destination key's groups, as ids into a tree of group nodes. */
interface Resolution {
  kind: Uint8Array;
  /** Node ids from the country down (cc, cc + 1 digit, …; NANP region, area code; unknown: 3 digits). */
  path: number[][];
  /** Digits stripped from the key's numbers (the trunk's dial prefix). */
  strip: number[];
  nodeKey: string[];
  children: number[][];
  /** A destination key under the node: its sample number labels the node. */
  sampleOf: number[];
  roots: number[];
  unknownRoots: number[];
  labels: Array<string | undefined>;
}

const NANP_NATIONAL = /^[2-9]\d{2}[2-9]\d{6}$/;

/** Internal key of a NANP region node ("nanp:JM"); shown as its area code or "1 (US)". */
const NANP_REGION = 'nanp:';

function resolve(cache: AnalysisCache): Resolution {
  const dest = cache.destinations();
  const prefixes = dialPrefixes(cache.store, dest, cache.index().trunkCount);
  const regionOfNpa = new Map<string, string>();
  const idOf = new Map<string, number>();
  const r: Resolution = { kind: new Uint8Array(dest.count), path: [], strip: [], nodeKey: [], children: [], sampleOf: [], roots: [], unknownRoots: [], labels: [] };
  const nodeFor = (key: string, parent: number, d: number, unknown: boolean): number => {
    let id = idOf.get(key);
    if (id === undefined) {
      id = r.nodeKey.length;
      idOf.set(key, id);
      r.nodeKey.push(key);
      r.children.push([]);
      r.sampleOf.push(d);
      r.labels.push(undefined);
      if (parent >= 0) r.children[parent]!.push(id);
      else (unknown ? r.unknownRoots : r.roots).push(id);
    }
    return id;
  };
  // Keys whose numbers read alike once the dial prefix is gone (the same leading digits, and +1
  // added or not) get the same groups: each such reading is resolved once, not once per trunk.
  const byDigits = new Map<string, { unknown: boolean; path: number[] }>();
  for (let d = 0; d < dest.count; d++) {
    const prefix = prefixes[dest.trunk[d]!] ?? '';
    r.strip.push(prefix.length);
    if (dest.cls[d] !== DEST_LONG) {
      r.kind[d] = dest.cls[d] === DEST_NONE ? K_NONE : K_SHORT;
      r.path.push([]);
      continue;
    }
    const keyDigits = dest.digits[d]!;
    // A US/Canada number written without its country code (10 digits, NXX NXX XXXX: Asterisk dst
    // "2484363600") is +1, not Seychelles 248. Decided on the key's sample number, not per call:
    // its length and its digits at the key's positions (a dial prefix is at most 2 of the 6).
    const national = isNanpNational(keyDigits, prefix.length, cache.store.destLength[dest.sample[d]!]!);
    const digits = national ? `1${keyDigits.slice(prefix.length)}` : keyDigits.slice(prefix.length);
    let found = byDigits.get(digits);
    if (!found) {
      const cc = callingCodeOf(digits);
      let keys: string[];
      let unknown = false;
      if (cc === '1' && digits.length >= 4) {
        const npa = digits.slice(0, 4);
        let region = regionOfNpa.get(npa);
        if (region === undefined) {
          const sample = sampleDigits(cache, d, prefix.length);
          region = regionOfNumber(national ? `1${sample}` : sample) ?? '?';
          regionOfNpa.set(npa, region);
        }
        keys = [`${NANP_REGION}${region}`, npa];
      } else if (cc !== null && cc !== '1') {
        keys = [];
        for (let len = cc.length; len <= Math.min(digits.length, cc.length + MAX_EXTRA_DIGITS); len++) keys.push(digits.slice(0, len));
      } else {
        keys = [digits.slice(0, 3)];
        unknown = true;
      }
      const path: number[] = [];
      keys.forEach((key, depth) => path.push(nodeFor(key, depth === 0 ? -1 : path[depth - 1]!, d, unknown)));
      found = { unknown, path };
      byDigits.set(digits, found);
    }
    r.kind[d] = found.unknown ? K_UNKNOWN : K_GROUPED;
    r.path.push(found.path);
  }
  for (const c of r.children) c.sort((a, b) => (r.nodeKey[a]! < r.nodeKey[b]! ? -1 : 1));
  return r;
}

/** NANP_NATIONAL on a number of `length` digits whose first 6 are `keyDigits`, with `strip` digits removed (≤ 2). */
function isNanpNational(keyDigits: string, strip: number, length: number): boolean {
  if (length - strip !== 10) return false;
  const first = keyDigits.charCodeAt(strip);
  const fourth = keyDigits.charCodeAt(strip + 3);
  return first >= 50 && first <= 57 && fourth >= 50 && fourth <= 57;
}

function sampleDigits(cache: AnalysisCache, d: number, strip: number): string {
  const sample = cache.destinations().sample[d]!;
  return digitsText(cache.store.destDigits[sample]!, cache.store.destLength[sample]!).slice(strip);
}

export function prefixRows(cache: AnalysisCache, counts: Uint32Array, topN: number): BreakdownRow[] {
  const res = cache.memo('prefix-resolution', () => resolve(cache));
  const dest = cache.destinations();
  const totals = new Float64Array(res.nodeKey.length * FIELDS);
  const none: Counts = [0, 0, 0, 0, 0];
  const short: Counts = [0, 0, 0, 0, 0];
  for (let d = 0; d < dest.count; d++) {
    const base = d * FIELDS;
    if (counts[base] === 0) continue;
    const kind = res.kind[d]!;
    if (kind === K_NONE || kind === K_SHORT) {
      const into = kind === K_NONE ? none : short;
      for (let f = 0; f < FIELDS; f++) into[f]! += counts[base + f]!;
      continue;
    }
    for (const node of res.path[d]!) {
      for (let f = 0; f < FIELDS; f++) totals[node * FIELDS + f]! += counts[base + f]!;
    }
  }
  const totalOf = (node: number): Counts => {
    const b = node * FIELDS;
    return [totals[b]!, totals[b + 1]!, totals[b + 2]!, totals[b + 3]!, totals[b + 4]!];
  };
  const labelOf = (node: number): string => {
    let label = res.labels[node];
    if (label === undefined) {
      const key = res.nodeKey[node]!;
      const d = res.sampleOf[node]!;
      const written = sampleDigits(cache, d, res.strip[d]!);
      const full = NANP_NATIONAL.test(written) ? `1${written}` : written;
      if (key.startsWith(NANP_REGION)) label = key === `${NANP_REGION}?` ? 'North America (NANP)' : regionName(key.slice(NANP_REGION.length));
      else if (key.startsWith('1')) label = nanpLabel(key, full);
      else label = countryLabel(callingCodeOf(key) ?? '', full);
      res.labels[node] = label;
    }
    return label;
  };

  const rows: BreakdownRow[] = [];
  for (const root of res.roots) {
    if (totals[root * FIELDS] === 0) continue;
    const { split, residual } = splitNode(root, res.children, totalOf);
    for (const s of split) rows.push(row(res.nodeKey[s.node]!, labelOf(s.node), s.counts));
    if (residual[0] > 0) {
      const shown = displayNode(root, res, totals, split);
      rows.push(row(shown === root ? displayKey(res.nodeKey[root]!) : res.nodeKey[shown]!, labelOf(shown), residual));
    }
  }
  for (const node of res.unknownRoots) if (totals[node * FIELDS]! > 0) rows.push(row(res.nodeKey[node]!, '', totalOf(node)));
  if (short[0] > 0) rows.push(row('short', 'short / internal (< 7 digits)', short));
  if (none[0] > 0) rows.push(row('(none)', 'no number in the file', none));
  return topRows(rows, topN);
}

/** A NANP region shows as its area code when what is left of it is one area code ("1876"). */
function displayNode(root: number, res: Resolution, totals: Float64Array, split: ReadonlyArray<{ node: number }>): number {
  if (!res.nodeKey[root]!.startsWith(NANP_REGION)) return root;
  const splitOut = new Set(split.map((s) => s.node));
  const left = res.children[root]!.filter((c) => !splitOut.has(c) && totals[c * FIELDS]! > 0);
  return left.length === 1 ? left[0]! : root;
}

/** "nanp:US" → "1 (US)"; other keys are their digits. */
function displayKey(key: string): string {
  return key.startsWith(NANP_REGION) ? `1 (${key.slice(NANP_REGION.length)})` : key;
}

/**
 * Rows split out of node p's subtree, and what stays in p. Greedy, most different first: the child
 * whose capacity or policy share stands out most from the rest of p (what is left after the
 * children already split out) becomes its own row, until none stands out. A child that does not
 * stand out may still hold a grandchild that does.
 */
function splitNode(p: number, children: number[][], totalOf: (node: number) => Counts): { split: Array<{ node: number; counts: Counts }>; residual: Counts } {
  const residual: Counts = [...totalOf(p)];
  const split: Array<{ node: number; counts: Counts }> = [];
  const candidates = children[p]!.map((node) => ({ node, counts: totalOf(node) })).filter((c) => c.counts[0] >= MIN_GROUP_ATTEMPTS);
  const standing = new Set<number>();
  for (;;) {
    let best: { node: number; counts: Counts } | null = null;
    let bestZ = 0;
    for (const c of candidates) {
      if (standing.has(c.node)) continue;
      const z = Math.max(standOut(c.counts, residual, 3), standOut(c.counts, residual, 4));
      // Equal evidence (two children): the smaller one is the exception.
      if (z > bestZ || (z > 0 && z === bestZ && best !== null && c.counts[0] < best.counts[0])) {
        best = c;
        bestZ = z;
      }
    }
    if (!best) break;
    standing.add(best.node);
    subtract(residual, best.counts);
  }
  for (const c of candidates) {
    const inner = splitNode(c.node, children, totalOf);
    split.push(...inner.split);
    if (standing.has(c.node)) split.push({ node: c.node, counts: inner.residual });
    else for (const s of inner.split) subtract(residual, s.counts);
  }
  return { split, residual };
}

/** |z| of child vs the rest of `within` (field f: 3 capacity, 4 policy) when it stands out, else 0. */
function standOut(child: Counts, within: Counts, f: number): number {
  const restN = within[0] - child[0];
  if (restN < MIN_GROUP_ATTEMPTS) return 0;
  const z = shareGap(child[f]!, child[0], within[f]! - child[f]!, restN);
  return z >= MIN_Z ? z : 0;
}

/** Two shares x1/n1 and x2/n2 at least 10 points apart and |z| ≥ 3 (pooled two-proportion test). */
export function differs(x1: number, n1: number, x2: number, n2: number): boolean {
  return shareGap(x1, n1, x2, n2) >= MIN_Z;
}

/** |z| of two shares (∞ when both are certain), 0 when they are less than 10 points apart. */
function shareGap(x1: number, n1: number, x2: number, n2: number): number {
  const a = x1 / n1;
  const b = x2 / n2;
  if (Math.abs(a - b) < MIN_SHARE_GAP) return 0;
  const p = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se === 0 ? Number.POSITIVE_INFINITY : Math.abs(a - b) / se;
}

function nanpLabel(node: string, full: string): string {
  const npa = node.slice(1);
  const region = regionOfNumber(full);
  if (!region) return `NANP · ${npa}`;
  const name = regionName(region);
  return region === 'US' || region === 'CA' ? `${name} · ${npa}` : name;
}

function subtract(from: Counts, c: Counts): void {
  for (let f = 0; f < FIELDS; f++) from[f]! -= c[f]!;
}

export function row(key: string, label: string, c: Counts): BreakdownRow {
  return { key, label, attempts: c[0], c503: c[1], c603: c[2], capacity: c[3], policy: c[4] };
}

/** The top N rows by attempts (then key), the rest summed into one "other" row. */
export function topRows(rows: BreakdownRow[], topN: number): BreakdownRow[] {
  const n = Math.max(0, Math.floor(topN));
  rows.sort((a, b) => b.attempts - a.attempts || a.key.localeCompare(b.key));
  if (rows.length <= n) return rows;
  const kept = rows.slice(0, n);
  const other: BreakdownRow = { key: 'other', label: `${rows.length - n} more`, attempts: 0, c503: 0, c603: 0, capacity: 0, policy: 0 };
  for (const r of rows.slice(n)) {
    other.attempts += r.attempts;
    other.c503 += r.c503;
    other.c603 += r.c603;
    other.capacity += r.capacity;
    other.policy += r.policy;
  }
  kept.push(other);
  return kept;
}
