/**
 * Build the sample a format detector sees: the first text of the file, the delimiter that splits
 * its first lines most consistently, and those lines split with it.
 */
import type { SniffSample } from '../formats/format-module';
import { DelimitedTokenizer } from './delimited-tokenizer';
import type { RecordSink } from './row';

/** How much decoded text the detectors see. */
export const SNIFF_CHARS = 64 * 1024;
/** How many records the detectors see. */
export const SNIFF_ROWS = 60;

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;
/** Records each candidate delimiter is judged on. */
export const DELIMITER_ROWS = 40;
/**
 * The sample's bytes are fed to the tokenizer this many at a time, until it has the records asked
 * for: a 64 KiB sample holds ~400 carrier-log lines, and tokenizing all of them five times (four
 * candidate delimiters and the sample's own split) took ~7 ms of the reading worker before a
 * file's first piece was sent (Chromium profile), to keep 40 or 60 of them.
 */
const SNIFF_STEP_BYTES = 4096;
const utf8 = new TextEncoder();

/** `wholeFile`: `text` is all of the file (the reader says so: a first read of 64 KiB is as long as the sample whether or not the file goes on). */
export function buildSniffSample(fileName: string, text: string, wholeFile = text.length <= SNIFF_CHARS): SniffSample {
  const head = text.slice(0, SNIFF_CHARS);
  // Drop a possibly cut last line unless the whole file fits in the sample.
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  const complete = (wholeFile && text.length <= SNIFF_CHARS) || lastBreak < 0 ? head : head.slice(0, lastBreak + 1);
  const bytes = utf8.encode(complete);
  const delimiter = guessDelimiter(bytes);
  return { fileName, text: complete, delimiter, rows: firstRecords(bytes, delimiter, SNIFF_ROWS) };
}

/**
 * The delimiter whose split gives the most columns with the most consistent count across the
 * first lines of the text (its UTF-8 bytes). Ties go to the earlier candidate (`,` first).
 */
function guessDelimiter(bytes: Uint8Array): string {
  let best: string = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = firstRecords(bytes, delimiter, DELIMITER_ROWS).map((fields) => fields.length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modal = 1;
    let modalCount = 0;
    for (const [c, f] of freq) {
      if (f > modalCount || (f === modalCount && c > modal)) {
        modal = c;
        modalCount = f;
      }
    }
    if (modal < 2) continue;
    const consistency = modalCount / counts.length;
    const score = consistency * Math.log2(modal);
    if (score > bestScore + 1e-9) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The first `limit` records of `bytes` split by `delimiter`, as tokenizing all of them gives them
 * (a record is handed over only once its line end is read, so the ones before the cut are whole;
 * sniff.test.ts compares the two).
 */
export function firstRecords(bytes: Uint8Array, delimiter: string, limit: number): string[][] {
  const records: string[][] = [];
  const tokenizer = new DelimitedTokenizer({ delimiter });
  const sink: RecordSink = (row) => {
    if (records.length < limit) records.push(row.fields());
  };
  for (let at = 0; at < bytes.length && records.length < limit; at += SNIFF_STEP_BYTES) tokenizer.push(bytes.subarray(at, at + SNIFF_STEP_BYTES), sink);
  if (records.length < limit) tokenizer.end(sink);
  return records;
}
