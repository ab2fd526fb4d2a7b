/**
 * The column schema drives the store, a piece's columns, their transfer list and the merge: every
 * column declared in CALL_COLUMNS must come through a piece (snapshot → structured clone, as
 * postMessage does → merge) exactly as one pass stores it, with nothing listed anywhere else.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord } from '../model/call-record';
import { CallDeduper, dedupeKey } from '../ingest/call-deduper';
import { mergePiece } from '../ingest/pieces/merge-piece';
import { countDirections } from '../ingest/parse-rows';
import { transferablesOf } from '../ingest/pieces/parse-piece';
import type { PieceResult } from '../ingest/pieces/piece-types';
import { RowAccounting } from '../ingest/row-accounting';
import { emptyTraffic } from '../ingest/traffic';
import { BYTES_PER_CALL, CALL_COLUMN_LIST, CALL_COLUMNS, writeDigitBytes, type CallColumnName, type KeptColumnName } from './call-columns';
import { CallStore } from './call-store';
import { callColumnsOf } from './test-helpers';
import { summarizeTally, summarizeTrunks, tallyTrunks } from './trunk-summary';

const record = (over: Partial<CallRecord>): CallRecord => ({ ...emptyRecord(), startMs: Date.UTC(2026, 10, 16, 9), ...over });

/** Three calls whose every column differs from one call to the next. */
const CALLS: CallRecord[] = [
  record({ trunk: 'carrier-a', sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable', q850: 34, destination: '+1 312-555-0142', callerId: '3125550100', durationSec: 4, talkSec: 0, callId: 'c1', direction: 'outbound' }),
  record({ startMs: Date.UTC(2026, 10, 16, 10), endMs: Date.UTC(2026, 10, 16, 10, 1), trunk: 'carrier-b', sipCode: 200, codeSource: 'q850', outcome: 'answered', reason: 'OK', destination: '0044207', callerId: '', talkSec: 55.5, callId: 'c2', direction: 'inbound', startIsFinalReply: true }),
  record({ startMs: Date.UTC(2026, 10, 16, 11), trunk: 'carrier-a', codeSource: 'disposition', outcome: 'policy', reason: 'Decline', q850: 21, destination: 's', callerId: '12', callId: 'c3', direction: 'unknown', clockFold: 3 }),
];

/** The columns a store holds as named arrays: all but the kept-text ones (sparse, read through callIdOf). */
const DENSE_COLUMNS = CALL_COLUMN_LIST.flatMap(([name, column]) => (column.kind === 'kept' ? [] : [name as Exclude<CallColumnName, KeptColumnName>]));


function pieceOf(calls: readonly CallRecord[]): PieceResult {
  const store = new CallStore(1);
  for (const call of calls) store.add(call);
  return {
    index: 0,
    calls: store.snapshot(),
    lines: Uint32Array.from(calls, (_, i) => i + 1),
    dedupeKeys: Float64Array.from(calls, (c) => dedupeKey(c) ?? Number.NaN),
    tally: tallyTrunks(store, store.length),
    directions: countDirections(store.direction, store.length),
    classified: null,
    rows: { read: calls.length, used: calls.length, skipped: 0, headerLines: 0 },
    skipped: [],
    lineCount: calls.length,
    overlongLines: 0,
    capabilities: { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true },
    evidence: null,
    error: null,
  };
}

describe('the column schema', () => {
  it('the store holds every schema column by name, and each column varies over the three calls (so a lost column shows)', () => {
    const store = new CallStore(2);
    for (const call of CALLS) store.add(call);
    const rows = callColumnsOf(store);
    for (const name of DENSE_COLUMNS) expect(store[name].length, name).toBeGreaterThanOrEqual(3);
    CALL_COLUMN_LIST.forEach(([name], k) => expect(new Set(rows.map((r) => String(r[k]))).size, name).toBeGreaterThan(1));
    // By hand: the first call's destination keeps its 11 digits, its end is start + 4 s.
    expect(store.destDigits[0]).toBe(13125550142);
    expect(store.destLength[0]).toBe(11);
    expect(store.endMs[0]! - store.startMs[0]!).toBe(4000);
    expect(store.callIdOf(0)).toBe('c1');
    expect(store.callIdOf(1)).toBeNull(); // answered: no call id kept
    expect(store.trunks.values).toEqual(['carrier-a', 'carrier-b']);
  });

  it('every column round-trips through a piece (structured clone, as postMessage) and the merge', () => {
    const onePass = new CallStore();
    for (const call of [...CALLS, ...CALLS.slice(1)]) onePass.add(call);

    // Two pieces; the second repeats calls 2 and 3 (a duplicate each) after a call of its own.
    const merged = new CallStore(1);
    merged.add(CALLS[0]!);
    const own = record({ trunk: 'carrier-c', callId: 'c4', outcome: 'capacity', sipCode: 503, destination: '44', direction: 'outbound' });
    const deduper = new CallDeduper();
    deduper.offer(CALLS[0]!);
    const target = { store: merged, deduper, accounting: new RowAccounting(), trunkCounts: new Map<string, number>(), traffic: emptyTraffic(), tally: tallyTrunks(merged, merged.length) };
    mergePiece(structuredClone(pieceOf(CALLS.slice(1))), target, 1);
    mergePiece(structuredClone(pieceOf([own, ...CALLS.slice(1)])), target, 3);

    onePass.add(own);
    // One pass offered no deduper: drop its repeats (rows 4 and 5) to compare.
    const expected = callColumnsOf(onePass);
    expect(callColumnsOf(merged)).toEqual([expected[0], expected[1], expected[2], expected[5]]);
    expect(target.accounting.counts()).toEqual({ read: 5, used: 3, skipped: 2, headerLines: 0 });
    expect([...target.trunkCounts]).toEqual([
      ['carrier-b', 1],
      ['carrier-a', 1],
      ['carrier-c', 1],
    ]);
    // By direction, the pieces' own counts (the second's counted again without its duplicates):
    // call 2 inbound, call 3 unknown, the second piece's own call outbound.
    expect([target.traffic.outbound, target.traffic.inbound, target.traffic.unknownDirection]).toEqual([1, 1, 1]);
    // The pieces' tallies, added under the store's ids (the second's counted again without its two
    // duplicates), summarise the store as a pass over its calls does: carrier-a 2 calls, b 1, c 1.
    const summaries = summarizeTally(target.tally, merged);
    expect(summaries).toEqual(summarizeTrunks(merged));
    expect(summaries.map((t) => [t.name, t.attempts])).toEqual([
      ['carrier-a', 2],
      ['carrier-c', 1],
      ['carrier-b', 1],
    ]);
  });

  it('the transfer list carries every column buffer, and the store size counts every column', () => {
    const piece = pieceOf(CALLS);
    const buffers = transferablesOf(piece);
    // Every column's, the lines' and keys', and the call ids' packed units and ends.
    expect(buffers).toHaveLength(Object.keys(CALL_COLUMNS).length + 4);
    for (const [name] of CALL_COLUMN_LIST) expect(buffers, name).toContain(piece.calls.arrays[name].buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    // Every column but the call ids' (sparse in a store: 8 bytes per call that keeps one).
    expect(BYTES_PER_CALL).toBe(8 + 8 + 4 + 2 + 2 + 1 + 1 + 2 + 2 + 8 + 1 + 8 + 1 + 1 + 1 + 1);
    const store = new CallStore(10);
    const empty = store.byteSize();
    // The call ids' first room: 64 rows (8 bytes each), and their pack's 256 code units (2 bytes) and 16 ends (4).
    expect(empty - 10 * BYTES_PER_CALL).toBe(64 * 8 + 256 * 2 + 16 * 4);
    store.add(CALLS[0]!); // a rejected call: its id kept
    store.add(CALLS[1]!);
    expect(store.byteSize()).toBe(empty);
  });

  it('reserve makes room once, keeping what it holds; a smaller reserve changes nothing', () => {
    const store = new CallStore(2);
    for (let i = 0; i < 3; i++) store.add(CALLS[i]!);
    store.reserve(1000.5);
    for (const name of DENSE_COLUMNS) expect(store[name].length, name).toBe(1001);
    store.reserve(10);
    const reserved = store.byteSize();
    expect(reserved - 1001 * BYTES_PER_CALL).toBe(64 * 8 + 256 * 2 + 16 * 4);
    for (let i = 3; i < 1001; i++) store.add(CALLS[i % 3]!);
    // The columns did not grow; only the call ids' rows and pack (two in three calls are rejected:
    // 667 ids of 2 characters kept, room doubled to 1,024 rows, 2,048 code units and 1,024 ends).
    expect(store.byteSize() - 1001 * BYTES_PER_CALL).toBe(1024 * 8 + 2048 * 2 + 1024 * 4);
    expect(callColumnsOf(store)[1000]).toEqual(callColumnsOf(store)[1]);
    const unreserved = new CallStore(1);
    for (const call of CALLS) unreserved.add(call);
    expect(callColumnsOf(store).slice(0, 3)).toEqual(callColumnsOf(unreserved));
  });

  it('grows every column alike, keeping what it holds', () => {
    const store = new CallStore(1);
    for (let i = 0; i < 100; i++) store.add(CALLS[i % 3]!);
    expect(callColumnsOf(store)[99]).toEqual(callColumnsOf(store)[0]);
    for (const name of DENSE_COLUMNS) expect(store[name].length, name).toBe(128);
  });
});

describe('destination and caller ID digits', () => {
  it('each call keeps its own digits whatever the calls before it (the last two texts are remembered)', () => {
    const numbers: Array<[string, string]> = [
      ['+1 312-555-0142', '3125550100'],
      ['3125550100', '+1 312-555-0142'], // the two texts of the call before, swapped
      ['0044207', '0044207'], // both the same
      ['0044207', ''],
      ['1234567890123456789', 'sip:2025550199@host'], // past 15 digits; the digits after 'sip:', up to '@'
      ['+1 312-555-0142', '0044207'],
    ];
    const store = new CallStore(2);
    for (const [destination, callerId] of numbers) store.add(record({ destination, callerId }));
    const dest = numbers.map((_, i) => [store.destDigits[i], store.destLength[i]]);
    const caller = numbers.map((_, i) => [store.callerDigits[i], store.callerLength[i]]);
    expect(dest).toEqual([[13125550142, 11], [3125550100, 10], [44207, 7], [44207, 7], [123456789012345, 15], [13125550142, 11]]);
    expect(caller).toEqual([[3125550100, 10], [13125550142, 11], [44207, 7], [0, 0], [2025550199, 10], [44207, 7]]);
  });

  it('a number a spreadsheet wrote in scientific notation (4.4208E+12) is no number, not the digit 4; byte and text readers agree', () => {
    const texts = ['4.4208E+12', '4,4208E+12', '4E+12', '4.47911e+11', '4.4208E+12x', '4.2.1', '4-555-0100', '4@host', '4.5', '44.208E+12'];
    // Lost: the first four. Kept as before: a tail that is more than the notation, a dotted or short
    // number, a plain number with text after it, and two leading digits (no spreadsheet writes those).
    const expected = [[0, 0], [0, 0], [0, 0], [0, 0], [4, 1], [4, 1], [45550100, 8], [4, 1], [4, 1], [44, 2]];
    const store = new CallStore(2);
    for (const destination of texts) store.add(record({ destination }));
    expect(texts.map((_, i) => [store.destDigits[i], store.destLength[i]])).toEqual(expected);
    const digits = new Float64Array(texts.length);
    const lengths = new Uint8Array(texts.length);
    texts.forEach((text, i) => writeDigitBytes(new TextEncoder().encode(text), 0, text.length, digits, lengths, i));
    expect(texts.map((_, i) => [digits[i], lengths[i]])).toEqual(expected);
  });
});
