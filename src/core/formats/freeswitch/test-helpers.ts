/**
 * Test helpers, imported by *.test.ts only. No Node imports here: this file is inside the src/core
 * typecheck fence, so tests read the bytes themselves (`readFileSync(fixtureUrl(...))`).
 */
import type { CallRecord } from '../../model/call-record';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { buildSniffSample } from '../../read/sniff';
import type { FormatModule, SniffSample } from '../format-module';
import { rowOf } from '../../read/row';

export function fixtureUrl(formatId: string, name: string): URL {
  return new URL(`../../../../fixtures/cdr/${formatId}/${name}`, import.meta.url);
}

/** Decode like the ingest does: UTF-16 LE by its BOM, else UTF-8; BOM removed. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export function sampleOf(text: string, fileName = 'unknown'): SniffSample {
  return buildSniffSample(fileName, text);
}

export interface Parsed {
  records: CallRecord[];
  /** Line number → skip reason. */
  skips: Map<number, string>;
  read: number;
}

/** Tokenize with `,` (mod_cdr_csv's only delimiter) and parse every row. */
export function parseText(module: FormatModule, text: string): Parsed & { parser: ReturnType<FormatModule['createParser']> } {
  const parser = module.createParser({ fileName: 'unknown', delimiter: ',' });
  const out: Parsed = { records: [], skips: new Map(), read: 0 };
  for (const { fields, line } of tokenizeAll(text, { delimiter: ',' })) {
    const outcome = parser.parse(rowOf(fields), line);
    if (outcome.kind === 'header') continue;
    out.read++;
    if (outcome.kind === 'record') out.records.push(outcome.record);
    else if (outcome.kind === 'skip') out.skips.set(line, outcome.reason);
  }
  return { ...out, parser };
}

/** Wall ms for a `YYYY-MM-DD HH:MM:SS` written in the file (month 1-based, as written). */
export function wall(y: number, mo: number, d: number, h: number, mi: number, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
