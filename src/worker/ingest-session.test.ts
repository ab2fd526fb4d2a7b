/**
 * The session holds exactly the files asked for, as one drop of them would read them: added files
 * are read alone into the held calls, a removed file takes its calls away (and a call it shared with
 * another file comes back in that file), the same bytes count once. Inline VICIdial carrier logs:
 * every count below can be checked against the rows.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../core/ingest/ingest-files';
import { summarizeTrunks } from '../core/analysis/trunk-summary';
import { IngestSession, SessionError, type SessionInput } from './ingest-session';
import { A_ROWS, B_ROWS, csv, row } from './session-test-rows';

const file = (id: string, name: string, text: string): SessionInput => ({ id, name, blob: new Blob([text]) });
const A = file('a', 'carrier_log_a.csv', csv(...A_ROWS));
const B = file('b', 'carrier_log_b.csv', csv(...B_ROWS));

/** The calls of file `fileId` alone (null when the session does not hold it). */
function storeOfFile(session: IngestSession, fileId: string) {
  const k = session.fileIndexOf(fileId);
  return k === null ? null : (session.current?.calls.storeOfFile(k) ?? null);
}

const attempts = (s: { trunks: Array<{ name: string; attempts: number }> }) => Object.fromEntries(s.trunks.map((t) => [t.name, t.attempts]));
const rows = (s: { files: Array<{ fileName: string; rows: { read: number; used: number; skipped: number } }> }) =>
  s.files.map((f) => `${f.fileName}: ${f.rows.read} = ${f.rows.used} + ${f.rows.skipped}`);

describe('a session of files', () => {
  it('adding B to A gives what one drop of A and B gives: the shared call counts once, in A', async () => {
    const session = new IngestSession();
    const one = await session.apply(1, [A], {});
    expect(one.calls).toBe(3);
    const two = await session.apply(2, [A, B], {});
    expect(two.ingestId).toBe(2);
    expect(two.calls).toBe(4);
    expect(attempts(two)).toEqual({ 'carrier-a': 3, 'carrier-b': 1 });
    expect(rows(two)).toEqual(['carrier_log_a.csv: 3 = 3 + 0', 'carrier_log_b.csv: 2 = 1 + 1']);
    expect(two.files.map((f) => f.fileId)).toEqual(['a', 'b']);
    const drop = await ingestFiles([A, B]);
    expect(two.calls).toBe(drop.summary.calls);
    expect(two.trunks).toEqual(drop.summary.trunks);
    expect(session.current?.calls.rowsOfFile(session.fileIndexOf('a')!).length).toBe(3);
    expect(session.current?.calls.rowsOfFile(session.fileIndexOf('b')!).length).toBe(1);
    expect(session.current?.calls.store.length).toBe(4);
  });

  it('one file’s calls alone: B without the call it shares with A (A’s, read first); all of B once A is removed', async () => {
    const session = new IngestSession();
    await session.apply(1, [A, B], {});
    const onlyA = storeOfFile(session, 'a')!;
    expect(summarizeTrunks(onlyA).map((t) => [t.name, t.attempts, t.byOutcome.capacity, t.byOutcome.policy]).sort()).toEqual([
      ['carrier-a', 2, 1, 0],
      ['carrier-b', 1, 0, 1],
    ]);
    const onlyB = storeOfFile(session, 'b')!;
    expect(onlyB.length).toBe(1);
    expect(onlyB.destDigits[0]).toBe(3125550104); // the row of call 1.04, B's own
    expect(summarizeTrunks(onlyB).map((t) => [t.name, t.attempts])).toEqual([['carrier-a', 1]]);
    expect(storeOfFile(session, 'c')).toBeNull();
    await session.apply(2, [B], {});
    expect(storeOfFile(session, 'a')).toBeNull();
    expect(storeOfFile(session, 'b')!.length).toBe(2);
  });

  it('removing A takes its calls away; the call B shared with it is B’s again', async () => {
    const session = new IngestSession();
    await session.apply(1, [A, B], {});
    const rest = await session.apply(2, [B], {});
    expect(rest.calls).toBe(2);
    expect(attempts(rest)).toEqual({ 'carrier-a': 2 });
    expect(rows(rest)).toEqual(['carrier_log_b.csv: 2 = 2 + 0']);
    expect(session.fileIndexOf('a')).toBeNull();
    expect(session.current?.ingestId).toBe(2);
  });

  it('the same bytes under another name count once and are not read again; nothing changed keeps the ingestId', async () => {
    const session = new IngestSession();
    await session.apply(1, [A, B], {});
    const again = await session.apply(2, [A, B, file('c', 'carrier_log_a (1).csv', csv(...A_ROWS))], {});
    expect(again.ingestId).toBe(1);
    expect(again.alreadyLoaded).toEqual([{ fileName: 'carrier_log_a (1).csv', sameAs: 'carrier_log_a.csv' }]);
    expect(again.calls).toBe(4);
    expect(again.files).toHaveLength(2);
  });

  it('a file changed on disk since it was read is not read again under its old name; the session stays', async () => {
    const session = new IngestSession();
    await session.apply(1, [A, B], {});
    const changedB = { ...B, blob: new Blob([csv(B_ROWS[1]!)]) };
    const error = await session.apply(2, [changedB], {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect((error as SessionError).message).toMatch(/^carrier_log_b\.csv has changed on disk/);
    expect((error as SessionError).sessionKept).toBe(true);
    expect(session.current?.summary.calls).toBe(4);
  });

  it('a cancelled re-read keeps what was held; a cancelled add loses it (the page reads it again)', async () => {
    const session = new IngestSession();
    await session.apply(1, [A, B], {});
    const cancelled = () => {
      const c = new AbortController();
      c.abort(new DOMException('Cancelled', 'AbortError'));
      return c.signal;
    };
    const reread = await session.apply(2, [B], {}, { signal: cancelled() }).catch((e: unknown) => e);
    expect(reread).toMatchObject({ aborted: true, sessionKept: true });
    expect(session.current?.ingestId).toBe(1);
    const added = await session.apply(3, [A, B, file('d', 'd.csv', csv(row('1.09', '10:00:00', 'carrier-c', 503, 'Service Unavailable', '3125550109')))], {}, { signal: cancelled() }).catch((e: unknown) => e);
    expect(added).toMatchObject({ aborted: true, sessionKept: false });
    expect(session.current).toBeNull();
    const back = await session.apply(4, [A, B], {});
    expect(back.calls).toBe(4);
  });

  it('a changed column mapping reads every file again', async () => {
    const session = new IngestSession();
    await session.apply(1, [A], {});
    const remapped = await session.apply(2, [A], { 'another,header': { header: ['another', 'header'], roles: {} } });
    expect(remapped.ingestId).toBe(2);
    expect(remapped.calls).toBe(3);
  });
});
