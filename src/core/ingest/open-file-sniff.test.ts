/**
 * The sniff sample must drop a cut last line when the file goes on past the sample
 * (sniff.ts buildSniffSample: "Drop a possibly cut last line unless the whole file fits"). Since
 * 0407654 the first read is exactly 64 KiB, so text.length <= SNIFF_CHARS holds for every plain file
 * and the cut line stays (all four real samples over 64 KiB: the sample text ends mid-line).
 */
import { describe, expect, it } from 'vitest';
import { openBlob } from './open-file';

async function sampleOf(text: string) {
  const open = await openBlob(new Blob([text]), { fileName: 'x.csv', onBytes: () => {} });
  if (!('opened' in open)) throw new Error('not opened');
  return open.opened.sample;
}

describe('sniff sample of a file longer than 64 KiB', () => {
  it('ends on a line end (the line cut at 64 KiB is not in it)', async () => {
    // 200 lines of 1,599 characters + LF: 320 KB; line 41 (within the detectors' 60 rows) is cut by a 64 KiB sample.
    const line = `${'a,'.repeat(799)}b\n`;
    const sample = await sampleOf(line.repeat(200));
    expect(sample.text.endsWith('\n')).toBe(true);
    expect(sample.rows.map((r) => r.length).filter((n) => n !== 800)).toEqual([]);
  });

  it('the same with a multi-byte character in the first line (fewer characters than bytes)', async () => {
    const line = `${'a,'.repeat(499)}b\n`;
    const sample = await sampleOf(`é${line}${line.repeat(300)}`);
    expect(sample.text.endsWith('\n')).toBe(true);
  });
});
