/**
 * The texts of a kept-text column (call ids) packed: their UTF-16 code units one after another and
 * where each text ends, not a string each. A rejected call's id was a string made per row in a
 * piece worker, cloned one by one into the merging thread and collected in both: ~120 ms of the
 * piece workers' ~1,060 ms of CPU for the 1M-call Master.csv (280,000 ids; Chromium piece-cpu).
 * Packed, a piece's ids are two transferred arrays, copied into the store's own pack by the merge,
 * and a call id becomes a string only when something reads it (CallStore.callIdOf). Code units,
 * not bytes: any text is kept exactly (lone surrogates included), and an ASCII id is its bytes.
 */

import { freshArray, type ArrayMaker } from './call-columns';

/** Packed texts as a snapshot carries them (structured-cloneable; both buffers transferable, of their own). */
export interface PackedTexts {
  /** The texts' code units, one text after another. */
  readonly units: Uint16Array;
  /** Per text: the index in `units` past its last unit. */
  readonly ends: Uint32Array;
}

/** Packed texts with none in them (fresh arrays: a snapshot's buffers are transferred). */
export function noPackedTexts(): PackedTexts {
  return { units: new Uint16Array(0), ends: new Uint32Array(0) };
}

export function packedCount(packed: PackedTexts): number {
  return packed.ends.length;
}

/** Text `k` (0-based) of `packed`. */
export function packedTextAt(packed: PackedTexts, k: number): string {
  return unitsText(packed.units, k === 0 ? 0 : packed.ends[k - 1]!, packed.ends[k]!);
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** String.fromCharCode takes its units as arguments: a long text (a record can be a megabyte) goes in slices. */
const UNITS_PER_CALL = 4096;

function unitsText(units: Uint16Array, start: number, end: number): string {
  let text = '';
  for (let from = start; from < end; from += UNITS_PER_CALL) {
    text += String.fromCharCode.apply(null, units.subarray(from, Math.min(end, from + UNITS_PER_CALL)) as unknown as number[]);
  }
  return text;
}

/** Room for texts made up front: their code units, and how many texts. */
export interface KeptRoom {
  units: number;
  texts: number;
}

/** A growing pack of texts: a store's kept-text list, in the order kept. */
export class KeptTexts {
  private units: Uint16Array;
  private ends: Uint32Array;
  private size = 0;
  private used = 0;

  /** `room`: made up front (a piece's, as much as the last piece of its thread used), by `make`. */
  constructor(room: KeptRoom = { units: 256, texts: 16 }, make: ArrayMaker = freshArray) {
    this.units = make(Uint16Array, Math.max(1, room.units));
    this.ends = make(Uint32Array, Math.max(1, room.texts));
  }

  get count(): number {
    return this.size;
  }

  push(text: string): void {
    const at = this.room(text.length);
    for (let k = 0; k < text.length; k++) this.units[at + k] = text.charCodeAt(k);
    this.close(at + text.length);
  }

  /**
   * The UTF-8 bytes[start, end) as a text: an ASCII one unit per byte, with no string made; any
   * other decoded (as the tokenizer decodes a field: a byte order mark is text).
   */
  pushUtf8(bytes: Uint8Array, start: number, end: number): void {
    const at = this.room(end - start);
    const units = this.units;
    for (let k = start; k < end; k++) {
      const c = bytes[k]!;
      if (c > 0x7f) return this.push(utf8.decode(bytes.subarray(start, end)));
      units[at + k - start] = c;
    }
    this.close(at + end - start);
  }

  /** Text `k` (0-based) of `from`, copied unit by unit (a call id is a few units: no view made for it). */
  pushFrom(from: PackedTexts, k: number): void {
    const start = k === 0 ? 0 : from.ends[k - 1]!;
    const end = from.ends[k]!;
    const at = this.room(end - start);
    const units = this.units;
    const source = from.units;
    for (let u = start; u < end; u++) units[at + u - start] = source[u]!;
    this.close(at + end - start);
  }

  /**
   * Every text of `from` after those held, in its order (one copy of its units, its ends shifted):
   * what pushFrom does text by text, for a piece whose texts are all kept.
   */
  pushAll(from: PackedTexts): void {
    const count = packedCount(from);
    if (count === 0) return;
    const base = this.used;
    const length = from.ends[count - 1]!;
    this.reserve(length, count);
    this.units.set(from.units.subarray(0, length), base);
    const ends = this.ends;
    for (let k = 0; k < count; k++) ends[this.size + k] = base + from.ends[k]!;
    this.used = base + length;
    this.size += count;
  }

  /** Text `k` (0-based). */
  at(k: number): string {
    return unitsText(this.units, k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }

  /**
   * The texts as a snapshot carries them, cut to length: copies, or, `views`, views of this pack's
   * own arrays (valid until it changes: a piece's, handed over with its columns).
   */
  packed(views = false): PackedTexts {
    if (views) return { units: this.units.subarray(0, this.used), ends: this.ends.subarray(0, this.size) };
    return { units: this.units.slice(0, this.used), ends: this.ends.slice(0, this.size) };
  }

  byteSize(): number {
    return this.units.byteLength + this.ends.byteLength;
  }

  /** Where a text of `length` units goes, room made for it and its end. */
  private room(length: number): number {
    this.reserve(length, 1);
    return this.used;
  }

  /** Room for `texts` more texts of `units` code units in all (each array at least doubled when it grows). */
  private reserve(units: number, texts: number): void {
    if (this.used + units > this.units.length) {
      const grown = new Uint16Array(Math.max(this.used + units, this.units.length * 2));
      grown.set(this.units.subarray(0, this.used));
      this.units = grown;
    }
    if (this.size + texts > this.ends.length) {
      const grown = new Uint32Array(Math.max(this.size + texts, this.ends.length * 2));
      grown.set(this.ends.subarray(0, this.size));
      this.ends = grown;
    }
  }

  private close(end: number): void {
    this.used = end;
    this.ends[this.size++] = end;
  }
}
