/**
 * A kept-text column (call ids) of a store, kept sparse: the rows that keep a text, ascending, each
 * with its 1-based index into the column's list. Only rejected calls keep their call id, and the
 * list is capped (MAX_CALL_IDS_KEPT), so a dense column was 4 bytes per call of mostly zeros
 * (16 MB at 4M calls); this is 8 bytes per call that keeps a text (2 MB at the cap).
 */
const INITIAL_ROOM = 64;

export class KeptRows {
  private rows = new Uint32Array(INITIAL_ROOM);
  private indexes = new Uint32Array(INITIAL_ROOM);
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Row `row` keeps the text at `index` (1-based); rows come in ascending order (appends). */
  push(row: number, index: number): void {
    if (this.size === this.rows.length) {
      const rows = new Uint32Array(this.size * 2);
      const indexes = new Uint32Array(this.size * 2);
      rows.set(this.rows);
      indexes.set(this.indexes);
      this.rows = rows;
      this.indexes = indexes;
    }
    this.rows[this.size] = row;
    this.indexes[this.size++] = index;
  }

  /** The 1-based index row `row` keeps, 0 when it keeps none. */
  indexOf(row: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.size && this.rows[lo] === row ? this.indexes[lo]! : 0;
  }

  /** The column as a snapshot carries it (a piece's, densely): per row of `length`, its index or 0. */
  dense(length: number): Uint32Array {
    const out = new Uint32Array(length);
    for (let j = 0; j < this.size; j++) out[this.rows[j]!] = this.indexes[j]!;
    return out;
  }

  /**
   * The rows moved (CallStore.seal: old row i becomes row to[i]) through `scratch` (4 bytes per row
   * at least, its contents not needed): each kept row's new row is marked with its entry, then one
   * pass over the marks finds the new rows, ascending.
   */
  permute(to: Uint32Array, scratch: ArrayBuffer): void {
    if (this.size === 0) return;
    const n = to.length;
    const mark = new Uint32Array(scratch, 0, n);
    mark.fill(0);
    for (let j = 0; j < this.size; j++) mark[to[this.rows[j]!]!] = j + 1;
    const rows = new Uint32Array(this.rows.length);
    const indexes = new Uint32Array(this.rows.length);
    let next = 0;
    for (let r = 0; r < n; r++) {
      const j = mark[r]!;
      if (j === 0) continue;
      rows[next] = r;
      indexes[next++] = this.indexes[j - 1]!;
    }
    this.rows = rows;
    this.indexes = indexes;
    this.size = next;
  }

  byteSize(): number {
    return this.rows.byteLength + this.indexes.byteLength;
  }
}
