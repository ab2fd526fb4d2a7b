/** A format writer turns simulated calls into the rows one platform would have written. */
import type { ScenarioSpec, SimulatedCall } from '../scenario';
import { simulateDay } from '../simulate';

export interface ScenarioWriter {
  /** Format id this writer produces (the reader that must recognize it). */
  formatId: string;
  fileName: string;
  header(): string;
  row(call: SimulatedCall, spec: ScenarioSpec): string;
}

/** Bytes are handed out in chunks of about this many characters, so a 1 GB day never sits in memory. */
export const WRITE_CHUNK_CHARS = 1 << 20;

/** Simulate the day and write it, chunk by chunk. Returns the number of calls written. */
export function writeScenario(spec: ScenarioSpec, writer: ScenarioWriter, onChunk: (text: string) => void): number {
  let buffer = writer.header();
  const parts: string[] = buffer ? [buffer] : [];
  let size = buffer.length;
  const count = simulateDay(spec, (call) => {
    const row = writer.row(call, spec);
    parts.push(row);
    size += row.length;
    if (size >= WRITE_CHUNK_CHARS) {
      onChunk(parts.join(''));
      parts.length = 0;
      size = 0;
    }
  });
  buffer = parts.join('');
  if (buffer) onChunk(buffer);
  return count;
}

/** The whole day as one string (tests and the in-browser sample day; not for the 1 GB benchmark). */
export function writeScenarioText(spec: ScenarioSpec, writer: ScenarioWriter): string {
  const chunks: string[] = [];
  writeScenario(spec, writer, (c) => chunks.push(c));
  return chunks.join('');
}

/** `YYYY-MM-DD HH:MM:SS` of wall ms. */
export function wallText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** 8 hex digits like Asterisk's channel counter suffix. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
