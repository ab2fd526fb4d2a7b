import { releaseNow } from './release-buffer';

/**
 * Stable ascending order of a column of times, as an index array. Calls arrive in file order
 * (FreePBX newest first, several files one after another), so the analysis sorts once per store.
 * Fast paths: already ascending (most files) and exactly descending; otherwise an LSD radix sort
 * on integer ms over a span < 2^32 ms ≈ 49 days (2 passes up to 2^26 ms ≈ 18 h, else 3), else a
 * comparison sort.
 * NaN times are left out (the returned order is shorter).
 * `keyRoom`: 8 bytes per value the radix sort may use for its keys (the caller's scratch, reused
 * after: CallStore.seal); without it the sort allocates its own. The radix's second order array
 * and its own key room are released when it returns (release-buffer.ts).
 */
export function ascendingOrder(values: Float64Array, n: number, keyRoom?: ArrayBuffer): Uint32Array {
  let finite = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let ascending = true;
  let descending = true;
  let integers = true;
  let prev = Number.NaN;
  let i = 0;
  for (; i < n && (ascending || descending); i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isNaN(prev)) {
      if (v < prev) ascending = false;
      if (v >= prev) descending = false; // ties would be reversed: not "exactly descending"
    }
    if (integers && !Number.isInteger(v)) integers = false;
    prev = v;
  }
  // Neither ascending nor descending (most of a file that needs the sort): the order's checks are done.
  for (; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  const order = new Uint32Array(finite);
  if (finite === n) for (let k = 0; k < n; k++) order[k] = k;
  else for (let j = 0, k = 0; j < n; j++) if (!Number.isNaN(values[j]!)) order[k++] = j;
  if (ascending) return order;
  if (descending) return order.reverse();
  if (integers && max - min < 2 ** 32) return radixOrder(values, order, finite === n, min, max - min, keyRoom);
  return order.sort((a, b) => values[a]! - values[b]! || a - b);
}

function radixOrder(values: Float64Array, order: Uint32Array, dense: boolean, min: number, range: number, keyRoom: ArrayBuffer | undefined): Uint32Array {
  const bits = Math.max(1, Math.ceil(Math.log2(range + 1)));
  const passes = bits <= 26 ? 2 : 3;
  const width = Math.ceil(bits / passes);
  const buckets = 1 << width;
  const digit = buckets - 1;
  const m = order.length;
  const room = keyRoom && keyRoom.byteLength >= m * 8 ? keyRoom : new ArrayBuffer(m * 8);
  const keys = new Uint32Array(room, 0, m);
  // Every value finite: order is 0 … m - 1, and the keys are read straight from the values.
  if (dense) for (let k = 0; k < m; k++) keys[k] = values[k]! - min;
  else for (let k = 0; k < m; k++) keys[k] = values[order[k]!]! - min;
  let src: Uint32Array = order;
  let srcKeys: Uint32Array = keys;
  let dst: Uint32Array = new Uint32Array(m);
  let dstKeys: Uint32Array = new Uint32Array(room, m * 4, m);
  const counts = new Uint32Array(buckets);
  for (let shift = 0; shift < passes * width; shift += width) {
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(srcKeys[k]! >>> shift) & digit]!++;
    let sum = 0;
    for (let b = 0; b < buckets; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const key = srcKeys[k]!;
      const at = counts[(key >>> shift) & digit]!++;
      dst[at] = src[k]!;
      dstKeys[at] = key;
    }
    [src, dst] = [dst, src];
    [srcKeys, dstKeys] = [dstKeys, srcKeys];
  }
  releaseNow(dst);
  if (room !== keyRoom) releaseNow(room);
  return src;
}

/** First position in ascending `sorted[0..n)` whose value is ≥ x. */
export function lowerBound(sorted: Float64Array | Uint32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
