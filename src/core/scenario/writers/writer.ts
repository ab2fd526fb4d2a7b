/** A format writer turns simulated calls into the rows one platform would have written. */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { runToEnd } from '../../analysis/run-to-end';
import { simulationSteps } from '../simulate';

/** What a format can carry of a call: what survives the platform's writer, before any reader. */
export interface FormatCarries {
  /** The SIP response code the carrier sent (not only a cause name or a disposition). */
  sipCodes: boolean;
  /** The caller ID presented to the carrier. */
  callerId: boolean;
  /** When the call ended (an end time, or start and a duration covering ring + talk). */
  endTimes: boolean;
  /** Which trunk / carrier / gateway the attempt went to. */
  trunk: boolean;
}

export interface ScenarioWriter {
  /** Format id this writer produces (the reader that must recognize it). */
  formatId: string;
  fileName: string;
  /** What the written file can tell about each call (see FormatCarries). */
  carries?: FormatCarries;
  /**
   * The start of a new file: header line(s), '' when the format has none. Writers that hold state
   * (rows kept back to be written in end-time order, running ids) start afresh here.
   */
  header(): string;
  /** Text for one call, in start order; may be '' when the writer holds the row back. */
  row(call: SimulatedCall, spec: ScenarioSpec): string;
  /** The end of the file: rows still held back. */
  finish?(): string;
}

/** Bytes are handed out in chunks of about this many characters, so a 1 GB day never sits in memory. */
export const WRITE_CHUNK_CHARS = 1 << 20;

/** Simulate the day and write it, chunk by chunk. Returns the number of calls written. */
export function writeScenario(spec: ScenarioSpec, writer: ScenarioWriter, onChunk: (text: string) => void): number {
  return runToEnd(writeScenarioSteps(spec, writer, onChunk));
}

/** writeScenario in steps, one per simulated second (simulationSteps). */
export function* writeScenarioSteps(spec: ScenarioSpec, writer: ScenarioWriter, onChunk: (text: string) => void): Generator<null, number> {
  const head = writer.header();
  const parts: string[] = head ? [head] : [];
  let size = head.length;
  const count = yield* simulationSteps(spec, (call) => {
    const row = writer.row(call, spec);
    if (row === '') return;
    parts.push(row);
    size += row.length;
    if (size >= WRITE_CHUNK_CHARS) {
      onChunk(parts.join(''));
      parts.length = 0;
      size = 0;
    }
  });
  const tail = writer.finish?.() ?? '';
  if (tail) parts.push(tail);
  const buffer = parts.join('');
  if (buffer) onChunk(buffer);
  return count;
}

/** The whole day as one string (tests and the in-browser sample day; not for the 1 GB benchmark). */
export function writeScenarioText(spec: ScenarioSpec, writer: ScenarioWriter): string {
  const chunks: string[] = [];
  writeScenario(spec, writer, (c) => chunks.push(c));
  return chunks.join('');
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
let cachedDayText = '';

/** `YYYY-MM-DD HH:MM:SS` of wall ms (the date part cached: a writer asks for the same day a million times). */
export function wallText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
  }
  const sec = Math.floor((ms - day * DAY_MS) / 1000);
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return `${cachedDayText} ${TWO_DIGITS[h]!}:${TWO_DIGITS[m]!}:${TWO_DIGITS[sec % 60]!}`;
}

/** 8 hex digits like Asterisk's channel counter suffix. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** End of the call in wall ms: ring (or time to the final response) plus talk. */
export function endMsOf(call: SimulatedCall): number {
  return call.startMs + (call.ringSec + call.talkSec) * 1000;
}

/** A 32-bit hash of (n, salt) (murmur3 finalizer): stable pseudo-random ids without a PRNG draw. */
export function mix32(n: number, salt: number): number {
  let h = (Math.imul(n >>> 0, 0x9e3779b1) ^ Math.imul(salt >>> 0, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A version-4-shaped UUID derived from (n, salt), as FreeSWITCH and PJSIP call ids look. */
export function uuidOf(n: number, salt: number): string {
  const a = hex8(mix32(n, salt));
  const b = hex8(mix32(n, salt + 1));
  const c = hex8(mix32(n, salt + 2));
  const d = hex8(mix32(n, salt + 3));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${'89ab'[mix32(n, salt + 4) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** RFC 4180 field: quoted (inner quotes doubled) only when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

interface HeldRow {
  atMs: number;
  seq: number;
  text: string;
}

/**
 * Rows written when something happens later than the call's start (Asterisk and FreeSWITCH write a
 * CDR at hangup; Kamailio's acc inserts a row at the final reply and at the BYE), put back into the
 * order the platform wrote them. Calls arrive in start order, so once a call starting at S is seen,
 * every held row due at or before S is final: no later call can produce an earlier one. The heap
 * holds only the calls still in progress (the day's concurrency), not the day.
 */
export class TimeOrderedRows {
  private heap: HeldRow[] = [];
  private seq = 0;

  clear(): void {
    this.heap = [];
    this.seq = 0;
  }

  /** Hold `text`, due at `atMs` (ties keep push order). */
  push(atMs: number, text: string): void {
    const h = this.heap;
    const item: HeldRow = { atMs, seq: this.seq++, text };
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = item;
  }

  /** The held rows due at or before `ms`, in order, joined. */
  takeUntil(ms: number): string {
    let out = '';
    while (this.heap.length > 0 && this.heap[0]!.atMs <= ms) out += this.pop().text;
    return out;
  }

  /** Everything still held, in order (end of file). */
  takeAll(): string {
    let out = '';
    while (this.heap.length > 0) out += this.pop().text;
    return out;
  }

  private pop(): HeldRow {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function before(a: HeldRow, b: HeldRow): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
