/**
 * Test helpers for the analysis, imported by *.test.ts only (no Node or vitest imports: this file
 * is inside the src/core typecheck fence). Hand-built calls on one day, in wall ms.
 */
import { classifyCause, classifyDisposition, fromSipCode } from '../model/causes';
import { emptyRecord, type CallRecord } from '../model/call-record';
import { CallStore } from './call-store';
import { CALL_COLUMN_LIST } from './call-columns';
import { packedTextAt, type PackedTexts } from './kept-texts';
import type { DashboardQuery } from './dashboard-types';

/** 2026-11-16 00:00 wall time. */
export const DAY = Date.parse('2026-11-16T00:00:00Z');

/** Wall ms of "HH:MM" or "HH:MM:SS" on DAY. */
export function at(clock: string): number {
  const [h = 0, m = 0, s = 0] = clock.split(':').map(Number);
  return DAY + ((h * 60 + m) * 60 + s) * 1000;
}

export interface CallSpec {
  trunk?: string;
  /** Start, wall ms. */
  start: number;
  /** Seconds from start to end; null = the file has no end. */
  seconds?: number | null;
  /** A stated SIP code (codeSource 'sip'). */
  sip?: number;
  /** A Q.850 cause only (codeSource 'q850'). */
  cause?: number;
  /** An Asterisk disposition only (codeSource 'disposition'). */
  disposition?: string;
  talk?: number | null;
  destination?: string;
  callerId?: string;
  /** CallRecord.clockFold: FOLD_START, FOLD_END (clock-fold.ts) where the call is in a repeated hour's second pass. */
  fold?: number;
}

/** A CallRecord as a parser would make it from the spec (default: SIP 200, 60 s, trunk A). */
export function call(spec: CallSpec): CallRecord {
  const verdict =
    spec.disposition !== undefined
      ? classifyDisposition(spec.disposition)!
      : spec.cause !== undefined
        ? classifyCause(spec.cause)
        : fromSipCode(spec.sip ?? 200);
  const seconds = spec.seconds === undefined ? 60 : spec.seconds;
  const answered = verdict.outcome === 'answered';
  return {
    ...emptyRecord(),
    startMs: spec.start,
    endMs: seconds === null ? null : spec.start + seconds * 1000,
    durationSec: seconds,
    trunk: spec.trunk ?? 'A',
    sipCode: verdict.sipCode,
    codeSource: verdict.codeSource,
    outcome: verdict.outcome,
    q850: spec.cause ?? null,
    reason: spec.disposition ?? '',
    talkSec: spec.talk !== undefined ? spec.talk : answered ? (seconds ?? 0) : 0,
    destination: spec.destination ?? '13125550100',
    callerId: spec.callerId ?? '',
    ...(spec.fold !== undefined ? { clockFold: spec.fold } : {}),
  };
}

export function storeOf(specs: readonly CallSpec[]): CallStore {
  const store = new CallStore(4);
  for (const s of specs) store.add(call(s));
  return store;
}

export function query(q: Partial<DashboardQuery> = {}): DashboardQuery {
  return { window: null, trunks: [], bucketMs: null, topN: 10, ...q };
}

/** Paths of every NaN or ±Infinity number inside `value` (objects and arrays, recursively). */
export function nonFinitePaths(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}

/**
 * Gives ArrayBuffer.prototype a transfer() where the runtime has none (Node 20), one that detaches
 * as the real one does (structuredClone with a transfer list), so releaseNow really releases and a
 * buffer read after its release reads as empty. Returns the undo (nothing to undo where the
 * runtime has its own).
 */
export function installDetachingTransfer(): () => void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };
  if (typeof proto.transfer === 'function') return () => {};
  proto.transfer = function transfer(this: ArrayBuffer, length?: number): ArrayBuffer {
    // Throws on a buffer already detached, as the real transfer does.
    const moved = structuredClone(this, { transfer: [this] });
    return moved.slice(0, length ?? moved.byteLength);
  };
  return () => delete proto.transfer;
}

/** Every column of every call (every entry of CALL_COLUMNS), texts as texts: interned ids may differ between two reads. */
export function callColumnsOf(store: CallStore): unknown[][] {
  const { arrays, texts } = store.snapshot();
  return Array.from({ length: store.length }, (_, i) =>
    CALL_COLUMN_LIST.map(([name, column]) => {
      const value = arrays[name][i]!;
      if (column.kind === 'interned') return (texts[name] as readonly string[])[value];
      if (column.kind === 'kept') return value === 0 ? null : packedTextAt(texts[name] as PackedTexts, value - 1);
      return value;
    }),
  );
}
