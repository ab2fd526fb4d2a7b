/** Median and range of a handful of runs (the benchmark reports median, min–max). */
export interface Stat {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function stat(values: readonly number[]): Stat | null {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  const sorted = [...v].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, values: [...v] };
}

/** `12.3 (11.9–13.0)` with the given digits; `n/a` when there is nothing. */
export function fmtStat(s: Stat | null | undefined, digits = 1, unit = ''): string {
  if (!s) return 'n/a';
  const f = (x: number) => x.toFixed(digits);
  return s.min === s.max ? `${f(s.median)}${unit}` : `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

export function fmtNum(x: number | null | undefined, digits = 1, unit = ''): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(digits)}${unit}`;
}

export const MB = 1e6;
