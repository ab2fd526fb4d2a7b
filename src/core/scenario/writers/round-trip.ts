/**
 * Round trip for the writer tests (imported by *.test.ts only): simulate a day, write it with a
 * writer, read it back through the full ingest under a neutral file name (detection from content),
 * and line the calls read up against the calls simulated. Core-only (no Node, no vitest).
 */
import type { CallStore } from '../../analysis/call-store';
import { digitsText } from '../../analysis/call-store';
import type { FileIngestResult } from '../../ingest/ingest-file';
import { ingestFiles, type IngestSummary } from '../../ingest/ingest-files';
import type { OutcomeClass } from '../../model/call-record';
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { simulateDay } from '../simulate';
import { endMsOf, writeScenarioText, type ScenarioWriter } from './writer';

/**
 * A small day for the writer tests: one hour at full intensity, three carriers, about 500
 * attempts. Carrier A bursts over its CPS limit (503s), carrier B refuses two caller IDs (603s),
 * carrier C refuses everything (403): so 503, 603 and 403 are all there to be told apart — or not.
 */
export const SMALL_SPEC: ScenarioSpec = {
  seed: 7,
  date: '2026-11-16',
  fromSecond: 10 * 3600,
  toSecond: 11 * 3600,
  scale: 1,
  trunks: [
    { name: 'carrier-a', dialPrefix: '9', problem: 'cps-limit', peakCps: 0.06, cpsLimit: 1, burstFactor: 10 },
    { name: 'carrier-b', dialPrefix: '77', problem: 'caller-id-blocked', peakCps: 0.05, callerIds: ['13125550142', '13125550177'] },
    { name: 'carrier-c', dialPrefix: '8', problem: 'auth-or-disabled-trunk', peakCps: 0.012 },
  ],
};

/** One call as the store holds it, in comparable units (seconds, digit strings). */
export interface ReadCall {
  trunk: string;
  /** null when the file gave no single SIP code. */
  sipCode: number | null;
  outcome: OutcomeClass;
  startSec: number;
  /** null when the file tells no end. */
  endSec: number | null;
  destination: string;
  callerId: string;
}

export interface RoundTrip {
  truth: SimulatedCall[];
  text: string;
  summary: IngestSummary;
  store: CallStore;
  file: FileIngestResult;
  calls: ReadCall[];
}

export async function roundTrip(spec: ScenarioSpec, writer: ScenarioWriter): Promise<RoundTrip> {
  const truth: SimulatedCall[] = [];
  simulateDay(spec, (c) => truth.push(c));
  const text = writeScenarioText(spec, writer);
  const { summary, store } = await ingestFiles([{ name: 'unknown', blob: new Blob([text]) }]);
  const file = summary.files[0]!;
  const calls: ReadCall[] = [];
  for (let i = 0; i < store.length; i++) {
    const end = store.endMs[i]!;
    calls.push({
      trunk: store.trunks.get(store.trunk[i]!),
      sipCode: store.sipCode[i] === 0 ? null : store.sipCode[i]!,
      outcome: store.outcomeOf(i),
      startSec: store.startMs[i]! / 1000,
      endSec: Number.isNaN(end) ? null : end / 1000,
      destination: digitsText(store.destDigits[i]!, store.destLength[i]!),
      callerId: digitsText(store.callerDigits[i]!, store.callerLength[i]!),
    });
  }
  return { truth, text, summary, store, file, calls };
}

/** Whole seconds of the call's start, as every format writes it. */
export function startSec(call: SimulatedCall): number {
  return Math.floor(call.startMs / 1000);
}

/** Whole seconds of the call's end (ring + talk after the start). */
export function endSec(call: SimulatedCall): number {
  return Math.floor(endMsOf(call) / 1000);
}

/** The destination with its country code, digits only. */
export function destinationOf(call: SimulatedCall): string {
  return call.countryCode + call.nationalNumber;
}

/** Count of items per key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * Per-call differential: the expected views of the simulated calls against the views of the calls
 * read, as multisets (the order of a file is the platform's, not the simulation's). Returns the
 * first differences, `+` read but not expected, `-` expected but not read; [] when they match.
 */
export function multisetDiff(expected: readonly unknown[], actual: readonly unknown[], limit = 8): string[] {
  const counts = new Map<string, number>();
  for (const v of expected) {
    const k = JSON.stringify(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const v of actual) {
    const k = JSON.stringify(v);
    counts.set(k, (counts.get(k) ?? 0) - 1);
  }
  const out: string[] = [];
  for (const [k, n] of counts) {
    if (n === 0) continue;
    out.push(`${n > 0 ? '-' : '+'}${Math.abs(n)} ${k}`);
    if (out.length >= limit) break;
  }
  return out;
}
