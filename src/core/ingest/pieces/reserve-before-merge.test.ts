/**
 * The store's room for a file's calls (ingest-file.ts reserveForFile) is made when the first piece
 * is on its way, before it is merged: its fresh memory is then made while the pieces are parsed,
 * not before the first piece is sent. One pass makes it before it reads. Pieces are merged as
 * their results come, while the next ones are read (read-in-pieces.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallStore } from '../../analysis/call-store';
import { FORMATS } from '../../formats/registry';
import { ingestFiles } from '../ingest-files';
import { inProcessPool } from './in-process-pool';
import type { PiecePool } from './piece-types';

const FIXTURE = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/asterisk-cdr-csv/basic.csv');

afterEach(() => vi.restoreAllMocks());

/** A file whose stream gives 100 bytes a turn of the event loop, as a disk gives chunks: a piece's bytes take several. */
class ChunkedBlob extends Blob {
  constructor(private readonly content: Uint8Array<ArrayBuffer>) {
    super([content]);
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    let at = 0;
    const bytes = this.content;
    return new ReadableStream({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, (at += 100)));
      },
    });
  }
}

/** What happened, in order: a piece sent to the pool, the store's room made (with the calls it was made for), a merge. */
function recording(): { events: string[]; pool: PiecePool } {
  const events: string[] = [];
  const reserve = CallStore.prototype.reserve;
  vi.spyOn(CallStore.prototype, 'reserve').mockImplementation(function (this: CallStore, calls: number) {
    events.push(`reserve ${calls >= 10 ? 'for every line' : calls}`);
    reserve.call(this, calls);
  });
  const inProcess = inProcessPool(FORMATS);
  return { events, pool: { size: 2, parse: (job) => (events.push('sent'), inProcess.parse(job)) } };
}

describe('the room for a file\'s calls', () => {
  it('is made once the first piece is sent, before the first merge; pieces are then merged as their results come, not one per piece sent once 6 are in flight (basic.csv: 10 lines in 300-byte pieces)', async () => {
    const { events, pool } = recording();
    const blob = new ChunkedBlob(readFileSync(FIXTURE));
    const { summary } = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300, onCallsMerged: () => events.push('merged') });
    expect(summary.files[0]!.rows.read).toBe(10);
    const first = events.indexOf('merged');
    // The pool answers at once (in the same turn): the first piece is merged (the room made first)
    // while the second piece's bytes are still coming.
    expect(events.slice(0, first)).toEqual(['sent', 'reserve for every line']);
    expect(events.filter((e) => e === 'sent')).toHaveLength(8);
    expect(events.filter((e) => e.startsWith('reserve'))).toHaveLength(1);
  });

  it('is made before one pass reads', async () => {
    const { events } = recording();
    const blob = new Blob([readFileSync(FIXTURE)]);
    await ingestFiles([{ name: 'Master.csv', blob }], { onCallsMerged: () => events.push('merged') });
    expect(events[0]).toBe('reserve for every line');
    expect(events).toContain('merged');
  });
});
