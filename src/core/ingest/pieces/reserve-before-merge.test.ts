/**
 * The store's room for a file's calls (ingest-file.ts reserveForFile) is made when the first pieces
 * are on their way, before the first is merged: its fresh memory is then made while the pieces are
 * parsed, not before the first piece is sent. One pass makes it before it reads.
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
  it('is made once the first pieces are sent, before the first merge (basic.csv: 10 lines in 300-byte pieces, 6 in flight)', async () => {
    const { events, pool } = recording();
    const blob = new Blob([readFileSync(FIXTURE)]);
    const { summary } = await ingestFiles([{ name: 'Master.csv', blob }], { pool, pieceBytes: 300, onCallsMerged: () => events.push('merged') });
    expect(summary.files[0]!.rows.read).toBe(10);
    const first = events.indexOf('merged');
    expect(events.slice(0, first)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'sent', 'reserve for every line']);
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
