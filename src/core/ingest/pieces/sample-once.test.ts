import { describe, expect, it } from 'vitest';
import type { SniffSample } from '../../formats/format-module';
import type { PieceJob } from './piece-types';
import { withSampleKept, withSampleOnce } from './sample-once';

const sampleOf = (fileName: string): SniffSample => ({ fileName, text: 'a,b\n1,2\n', delimiter: ',', rows: [['a', 'b'], ['1', '2']] });
const job = (index: number, sample: SniffSample): PieceJob => ({
  index,
  source: { kind: 'bytes', bytes: new Uint8Array(0) },
  encoding: 'utf-8',
  formatId: 'generic-csv',
  fileName: sample.fileName,
  delimiter: ',',
  sample,
  primeHeader: null,
});

describe('the file sample goes to a piece worker once per file', () => {
  it('sent with the first piece of each file only; the worker puts it back into the others', () => {
    const a = sampleOf('a.csv');
    const b = sampleOf('b.csv');
    const sender = { sample: null };
    const sent = [job(0, a), job(1, a), job(2, a), job(0, b), job(1, b)].map((j) => withSampleOnce(sender, j));
    expect(sent.map((j) => j.sample?.fileName ?? null)).toEqual(['a.csv', null, null, 'b.csv', null]);
    const worker = { sample: null };
    const received = sent.map((j) => withSampleKept(worker, j));
    expect(received.map((j) => j.sample)).toEqual([a, a, a, b, b]);
    expect(received.map((j) => j.index)).toEqual([0, 1, 2, 0, 1]);
  });

  it('a plain file\'s piece travels without the range it can be read again from, still asking for its buffer back', () => {
    const a = sampleOf('a.csv');
    const bytes = new Uint8Array(4);
    const again = { kind: 'range', blob: new Blob(['abcd']), start: 0, end: 4, seekBytes: 1 } as const;
    const sent = withSampleOnce({ sample: null }, { ...job(0, a), source: { kind: 'bytes', bytes, again, handBack: true } });
    expect(sent.source).toEqual({ kind: 'bytes', bytes, handBack: true });
  });

  it('a worker that never got the sample says so instead of parsing without it', () => {
    expect(() => withSampleKept({ sample: null }, { ...job(3, sampleOf('a.csv')), sample: null })).toThrow('without its file sample');
  });
});
