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
    const blob = new Blob([readFileSync(FIXTURE)]);
    const { summary } = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300, onCallsMerged: () => events.push('merged') });
    expect(summary.files[0]!.rows.read).toBe(10);
    const first = events.indexOf('merged');
    // The pool answers at once: its first piece is merged (the room made first) before the second is sent.
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
