/**
 * A file's sniff sample (64 KiB of text and its first rows, ~150 KB cloned) goes to each piece
 * worker once per file, not with every piece: the merging thread clones every job it sends, one
 * after another, and a 1 GB file is ~270 pieces. The sender remembers per worker the sample it
 * sent last; the worker keeps it and puts it back into the jobs that came without one.
 */
import type { SniffSample } from '../../formats/format-module';
import type { PieceJob, PieceSource } from './piece-types';

/** A job as it travels: `sample` null = the sample of this worker's previous job. */
export type SentPieceJob = Omit<PieceJob, 'sample'> & { sample: SniffSample | null };

/**
 * Sender side, per worker: the job to post (without the sample when this worker has it already, and
 * without the range its bytes could be read again from: that stays with the sender).
 */
export function withSampleOnce(lastSent: { sample: SniffSample | null }, job: PieceJob): SentPieceJob {
  const source = travelling(job.source);
  if (lastSent.sample === job.sample) return { ...job, source, sample: null };
  lastSent.sample = job.sample;
  return source === job.source ? job : { ...job, source };
}

function travelling(source: PieceSource): PieceSource {
  if (source.kind !== 'bytes' || !source.again) return source;
  return source.handBack ? { kind: 'bytes', bytes: source.bytes, handBack: true } : { kind: 'bytes', bytes: source.bytes };
}

/** Worker side: the job with its sample, the one received last when it came without. */
export function withSampleKept(kept: { sample: SniffSample | null }, job: SentPieceJob): PieceJob {
  if (job.sample !== null) kept.sample = job.sample;
  if (kept.sample === null) throw new Error('a piece came without its file sample');
  return { ...job, sample: kept.sample };
}
