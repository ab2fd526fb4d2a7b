/**
 * Build the sample a format detector sees: the first text of the file, the delimiter that splits
 * its first lines most consistently, and those lines split with it.
 */
import type { SniffSample } from '../formats/format-module';
import { tokenizeAll } from './delimited-tokenizer';

/** How much decoded text the detectors see. */
export const SNIFF_CHARS = 64 * 1024;
/** How many records the detectors see. */
export const SNIFF_ROWS = 60;

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** `wholeFile`: `text` is all of the file (the reader says so: a first read of 64 KiB is as long as the sample whether or not the file goes on). */
export function buildSniffSample(fileName: string, text: string, wholeFile = text.length <= SNIFF_CHARS): SniffSample {
  const head = text.slice(0, SNIFF_CHARS);
  // Drop a possibly cut last line unless the whole file fits in the sample.
  const lastBreak = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  const complete = (wholeFile && text.length <= SNIFF_CHARS) || lastBreak < 0 ? head : head.slice(0, lastBreak + 1);
  const delimiter = guessDelimiter(complete);
  const rows = tokenizeAll(complete, { delimiter })
    .slice(0, SNIFF_ROWS)
    .map((r) => r.fields);
  return { fileName, text: complete, delimiter, rows };
}

/**
 * The delimiter whose split gives the most columns with the most consistent count across the
 * first lines. Ties go to the earlier candidate (`,` first).
 */
export function guessDelimiter(text: string): string {
  let best: string = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = tokenizeAll(text, { delimiter })
      .slice(0, 40)
      .map((r) => r.fields.length);
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
