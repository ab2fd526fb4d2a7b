/**
 * The calls of an ingest, kept compact in columns (typed arrays + interned small-cardinality
 * strings) so a million calls cost ~40 MB, far below the files' size, and window queries can be
 * answered without re-reading. Destinations and caller IDs are kept as their leading digits in a
 * double (up to 15 digits, exact) plus a length, not as strings: prefix and caller-ID analysis need
 * digits, and a dialer's day has as many distinct numbers as calls.
 */
import type { CallDirection, CallRecord, CodeSource, OutcomeClass } from '../model/call-record';

export const OUTCOMES: readonly OutcomeClass[] = ['answered', 'capacity', 'policy', 'number', 'user', 'other', 'unknown'];
export const CODE_SOURCES: readonly (CodeSource | null)[] = [null, 'sip', 'q850', 'disposition'];
/** Index 0 is 'unknown', so a zeroed column reads as "the file cannot tell". */
export const DIRECTIONS: readonly CallDirection[] = ['unknown', 'outbound', 'inbound', 'internal'];

/** Index of each value in OUTCOMES / CODE_SOURCES, for add() (instead of an indexOf per call). */
const OUTCOME_INDEX: ReadonlyMap<OutcomeClass, number> = new Map(OUTCOMES.map((o, i) => [o, i]));
const CODE_SOURCE_INDEX: ReadonlyMap<CodeSource | null, number> = new Map(CODE_SOURCES.map((c, i) => [c, i]));
const DIRECTION_INDEX: ReadonlyMap<CallDirection, number> = new Map(DIRECTIONS.map((d, i) => [d, i]));
const DIGITS_SCRATCH: Digits = { value: 0, length: 0 };

/**
 * Call ids are kept only for rejected calls (capacity or policy): they are what a carrier ticket
 * cites. Bounded so memory does not grow with the file: about 15 MB at the cap.
 */
export const MAX_CALL_IDS_KEPT = 250_000;

/** Max digits kept from a number: 15 digits fit exactly in a double (2^53 ≈ 9.007e15). */
export const MAX_NUMBER_DIGITS = 15;
const NO_VALUE_U16 = 0xffff;

/**
 * The trunk row that holds the calls of trunks past the 65,534 distinct names a store keeps (their
 * id is the overflow id): named, so the per-trunk rows still add up to every call.
 */
export const OTHER_TRUNKS_NAME = '(other trunks: names past the first 65,534)';

/** Interns strings to small integer ids. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  constructor(private readonly capacity: number) {}
  /** The id of `s`, or `overflowId` once the table is full. */
  intern(s: string, overflowId: number): number {
    const known = this.ids.get(s);
    if (known !== undefined) return known;
    if (this.values.length >= this.capacity) return overflowId;
    const id = this.values.length;
    this.ids.set(s, id);
    this.values.push(s);
    return id;
  }
  get(id: number): string {
    return this.values[id] ?? '';
  }
}

/** The per-call columns of a store (or of a piece parsed elsewhere), read-only. */
export type StoreColumnsView = Readonly<
  Pick<CallStore, 'startMs' | 'endMs' | 'talkSec' | 'sipCode' | 'codeSource' | 'outcome' | 'q850' | 'destDigits' | 'destLength' | 'callerDigits' | 'callerLength' | 'direction'>
>;

export class CallStore {
  length = 0;
  private capacity: number;
  startMs: Float64Array;
  /** End of the call in wall ms; NaN when the file does not tell. */
  endMs: Float64Array;
  talkSec: Float32Array;
  trunk: Uint16Array;
  /** SIP code; 0 = none. */
  sipCode: Uint16Array;
  codeSource: Uint8Array;
  outcome: Uint8Array;
  /** Q.850 cause; 0xffff = none. */
  q850: Uint16Array;
  reason: Uint16Array;
  destDigits: Float64Array;
  destLength: Uint8Array;
  callerDigits: Float64Array;
  callerLength: Uint8Array;
  /** 1-based index into callIdValues; 0 = not kept. */
  callIdIndex: Uint32Array;
  /** Index into DIRECTIONS (0 = unknown). */
  direction: Uint8Array;
  readonly callIdValues: string[] = [];

  trunks = new StringTable(0xfffe);
  /** Reason phrases; overflow (after 65 000 distinct texts) goes to one "(other reason)" entry. */
  readonly reasons = new StringTable(0xfffe);

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.startMs = new Float64Array(initialCapacity);
    this.endMs = new Float64Array(initialCapacity);
    this.talkSec = new Float32Array(initialCapacity);
    this.trunk = new Uint16Array(initialCapacity);
    this.sipCode = new Uint16Array(initialCapacity);
    this.codeSource = new Uint8Array(initialCapacity);
    this.outcome = new Uint8Array(initialCapacity);
    this.q850 = new Uint16Array(initialCapacity);
    this.reason = new Uint16Array(initialCapacity);
    this.destDigits = new Float64Array(initialCapacity);
    this.destLength = new Uint8Array(initialCapacity);
    this.callerDigits = new Float64Array(initialCapacity);
    this.callerLength = new Uint8Array(initialCapacity);
    this.callIdIndex = new Uint32Array(initialCapacity);
    this.direction = new Uint8Array(initialCapacity);
  }

  add(r: CallRecord): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.startMs[i] = r.startMs;
    this.endMs[i] = r.endMs ?? (r.durationSec !== null ? r.startMs + r.durationSec * 1000 : Number.NaN);
    this.talkSec[i] = r.talkSec ?? Number.NaN;
    this.trunk[i] = this.trunks.intern(r.trunk, 0xfffe);
    this.sipCode[i] = r.sipCode ?? 0;
    this.codeSource[i] = CODE_SOURCE_INDEX.get(r.codeSource) ?? -1;
    this.outcome[i] = OUTCOME_INDEX.get(r.outcome) ?? -1;
    this.direction[i] = DIRECTION_INDEX.get(r.direction) ?? 0;
    this.q850[i] = r.q850 ?? NO_VALUE_U16;
    this.reason[i] = this.reasons.intern(r.reason, 0xfffe);
    // add() runs once per call: the digits land in a scratch object, not a new one per number.
    const digits = DIGITS_SCRATCH;
    readDigits(r.destination, digits);
    this.destDigits[i] = digits.value;
    this.destLength[i] = digits.length;
    readDigits(r.callerId, digits);
    this.callerDigits[i] = digits.value;
    this.callerLength[i] = digits.length;
    const rejected = r.outcome === 'capacity' || r.outcome === 'policy';
    if (rejected && r.callId !== '' && this.callIdValues.length < MAX_CALL_IDS_KEPT) {
      this.callIdValues.push(r.callId);
      this.callIdIndex[i] = this.callIdValues.length;
    } else {
      this.callIdIndex[i] = 0;
    }
  }

  /**
   * Append call `i` of columns read elsewhere (a piece of the file parsed in a worker), with its
   * trunk and reason already interned here and its call id (kept under the same cap as add()).
   */
  appendFrom(c: StoreColumnsView, i: number, trunk: number, reason: number, callId: string | null): void {
    if (this.length === this.capacity) this.grow();
    const k = this.length++;
    this.startMs[k] = c.startMs[i]!;
    this.endMs[k] = c.endMs[i]!;
    this.talkSec[k] = c.talkSec[i]!;
    this.trunk[k] = trunk;
    this.sipCode[k] = c.sipCode[i]!;
    this.codeSource[k] = c.codeSource[i]!;
    this.outcome[k] = c.outcome[i]!;
    this.q850[k] = c.q850[i]!;
    this.reason[k] = reason;
    this.destDigits[k] = c.destDigits[i]!;
    this.destLength[k] = c.destLength[i]!;
    this.callerDigits[k] = c.callerDigits[i]!;
    this.callerLength[k] = c.callerLength[i]!;
    this.direction[k] = c.direction[i]!;
    if (callId !== null && this.callIdValues.length < MAX_CALL_IDS_KEPT) {
      this.callIdValues.push(callId);
      this.callIdIndex[k] = this.callIdValues.length;
    } else {
      this.callIdIndex[k] = 0;
    }
  }

  /** The call id of a rejected call, when the file had one and it was kept; null otherwise. */
  callIdOf(i: number): string | null {
    const k = this.callIdIndex[i]!;
    return k === 0 ? null : (this.callIdValues[k - 1] ?? null);
  }

  /** Rename trunks (raw → final); trunks mapped to the same name merge. */
  renameTrunks(aliases: ReadonlyMap<string, string>): void {
    if (aliases.size === 0) return;
    const oldNames = this.trunks.values.slice();
    const fresh = new StringTable(0xfffe);
    const remap = oldNames.map((name) => fresh.intern(aliases.get(name) ?? name, 0xfffe));
    for (let i = 0; i < this.length; i++) this.trunk[i] = remap[this.trunk[i]!] ?? 0xfffe;
    this.trunks = fresh;
  }

  outcomeOf(i: number): OutcomeClass {
    return OUTCOMES[this.outcome[i]!] ?? 'unknown';
  }

  directionOf(i: number): CallDirection {
    return DIRECTIONS[this.direction[i]!] ?? 'unknown';
  }

  sourceOf(i: number): CodeSource | null {
    return CODE_SOURCES[this.codeSource[i]!] ?? null;
  }

  q850Of(i: number): number | null {
    const v = this.q850[i]!;
    return v === NO_VALUE_U16 ? null : v;
  }

  /** Bytes held by the columns (for the memory figures in the benchmark). */
  byteSize(): number {
    return this.capacity * (8 + 8 + 4 + 2 + 2 + 1 + 1 + 2 + 2 + 8 + 1 + 8 + 1 + 4 + 1);
  }

  private grow(): void {
    const next = this.capacity * 2;
    const g = <T extends Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(next);
      b.set(a);
      return b;
    };
    this.startMs = g(this.startMs, (n) => new Float64Array(n));
    this.endMs = g(this.endMs, (n) => new Float64Array(n));
    this.talkSec = g(this.talkSec, (n) => new Float32Array(n));
    this.trunk = g(this.trunk, (n) => new Uint16Array(n));
    this.sipCode = g(this.sipCode, (n) => new Uint16Array(n));
    this.codeSource = g(this.codeSource, (n) => new Uint8Array(n));
    this.outcome = g(this.outcome, (n) => new Uint8Array(n));
    this.q850 = g(this.q850, (n) => new Uint16Array(n));
    this.reason = g(this.reason, (n) => new Uint16Array(n));
    this.destDigits = g(this.destDigits, (n) => new Float64Array(n));
    this.destLength = g(this.destLength, (n) => new Uint8Array(n));
    this.callerDigits = g(this.callerDigits, (n) => new Float64Array(n));
    this.callerLength = g(this.callerLength, (n) => new Uint8Array(n));
    this.callIdIndex = g(this.callIdIndex, (n) => new Uint32Array(n));
    this.direction = g(this.direction, (n) => new Uint8Array(n));
    this.capacity = next;
  }
}

/** Leading digits of a phone-number-like string (a leading + is dropped), capped at 15. */
export function digitsOf(text: string): Digits {
  const out = { value: 0, length: 0 };
  readDigits(text, out);
  return out;
}

export interface Digits {
  value: number;
  length: number;
}

/** digitsOf into `out` (no object per call). */
export function readDigits(text: string, out: Digits): void {
  let value = 0;
  let length = 0;
  for (let k = 0; k < text.length && length < MAX_NUMBER_DIGITS; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c >= 0 && c <= 9) {
      value = value * 10 + c;
      length++;
    } else if (length > 0 && text[k] !== ' ' && text[k] !== '-') {
      break; // "3125551212@host": digits end at the first non-digit after them
    }
  }
  out.value = value;
  out.length = length;
}

/** The digits back as a string (leading zeros restored from the length). */
export function digitsText(value: number, length: number): string {
  if (length === 0) return '';
  return String(value).padStart(length, '0');
}
