/**
 * Cancel frees the reader at once: an ingest worker that does not answer a cancel within
 * CANCEL_GRACE_MS (stuck inside one slice) is terminated and a fresh one started for the next file.
 * The Worker is a stand-in that records what it is sent and answers only when told to.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeWorker {
  static made: FakeWorker[] = [];
  readonly sent: unknown[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Array<(e: { data?: unknown; message?: string }) => void>>();
  constructor() {
    FakeWorker.made.push(this);
  }
  addEventListener(type: string, f: (e: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), f]);
  }
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(data: unknown) {
    for (const f of this.listeners.get('message') ?? []) f({ data });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('cancelling an ingest', () => {
  it('a worker that does not stop within the grace time is terminated, and the next file goes to a fresh one', async () => {
    const client = await import('./ingest-client');
    const controller = new AbortController();
    const reading = client.requestSession([], { signal: controller.signal });
    const stuck = FakeWorker.made[0]!;
    controller.abort();
    expect(stuck.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });
    vi.advanceTimersByTime(client.CANCEL_GRACE_MS - 1);
    expect(stuck.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(reading).rejects.toBeInstanceOf(client.IngestCancelled);
    // The session's calls went with the terminated worker.
    await expect(reading).rejects.toMatchObject({ sessionKept: false });
    expect(stuck.terminated).toBe(true);
    expect(FakeWorker.made).toHaveLength(2);
    void client.requestSession([]);
    expect(FakeWorker.made[1]!.sent).toEqual([{ type: 'session', id: 2, files: [], mappingOverrides: {} }]);
  });

  it('a worker that answers the cancel in time is kept', async () => {
    const client = await import('./ingest-client');
    const controller = new AbortController();
    const reading = client.requestSession([], { signal: controller.signal });
    const w = FakeWorker.made[0]!;
    controller.abort();
    w.answer({ type: 'cancelled', id: 1, sessionKept: true });
    await expect(reading).rejects.toBeInstanceOf(client.IngestCancelled);
    await expect(reading).rejects.toMatchObject({ sessionKept: true });
    vi.advanceTimersByTime(10 * client.CANCEL_GRACE_MS);
    expect(w.terminated).toBe(false);
    expect(FakeWorker.made).toHaveLength(1);
  });
});

describe('queries', () => {
  it('name the session they mean, and the file when a query is restricted to one', async () => {
    const client = await import('./ingest-client');
    const query = { window: null, trunks: [], bucketMs: null, topN: 5 };
    void client.queryDashboard(7, query);
    void client.queryDashboard(7, query, 'f2');
    expect(FakeWorker.made[0]!.sent).toEqual([
      { type: 'query', id: 1, ingestId: 7, query },
      { type: 'query', id: 2, ingestId: 7, query, fileId: 'f2' },
    ]);
  });
});

describe('forgetting a diagnosis', () => {
  it('a question withdrawn before its answer is rejected and the worker is told to forget it; one answered is not', async () => {
    const client = await import('./ingest-client');
    const left = new AbortController();
    const leftBehind = client.diagnoseInWorker(1, ['carrier-a'], { fromMs: 0, toMs: 60_000 }, left.signal);
    const worker = FakeWorker.made[0]!;
    expect(worker.sent).toEqual([{ type: 'diagnose', id: 1, ingestId: 1, trunks: ['carrier-a'], window: { fromMs: 0, toMs: 60_000 } }]);
    left.abort();
    await expect(leftBehind).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toEqual({ type: 'forget', id: 1 });
    // Its late answer is dropped.
    worker.answer({ type: 'diagnosis', id: 1, trunks: [] });

    const kept = new AbortController();
    const answered = client.diagnoseInWorker(1, ['carrier-b'], null, kept.signal);
    worker.answer({ type: 'diagnosis', id: 2, trunks: [] });
    await expect(answered).resolves.toEqual([]);
    kept.abort();
    expect(worker.sent.map((m) => (m as { type: string }).type)).toEqual(['diagnose', 'forget', 'diagnose']);
  });
});

describe('first answers', () => {
  const table = { window: null, trunks: [], bucketMs: null, topN: 12, trunkLimit: 200 };
  const detail = { ...table, trunks: ['carrier-c'], spanSeries: true, trunkSeries: true, kpi: true };
  // The page's spelling of the same queries: the same fields in another order.
  const pageTable = { trunkLimit: 200, topN: 12, bucketMs: null, trunks: [], window: null };
  const pageDetail = { kpi: true, trunkSeries: true, spanSeries: true, trunkLimit: 200, topN: 12, bucketMs: null, trunks: ['carrier-c'], window: null };
  const tableData = { trunks: [{ trunk: 'carrier-c' }] };
  const topData = { trunks: [{ trunk: 'carrier-c' }], series: [] };

  it('made before the page asked: the same query of the same session takes it without asking; another query, or another session, asks', async () => {
    const client = await import('./ingest-client');
    void client.startWorker({ warmUp: false });
    const worker = FakeWorker.made[0]!;
    worker.answer({ type: 'first-answer', ingestId: 4, part: 'table', query: table, data: tableData });
    worker.answer({ type: 'first-answer', ingestId: 4, part: 'top', query: detail, data: topData });
    await expect(client.queryTrunkTable(4, pageTable)).resolves.toBe(tableData);
    await expect(client.queryDashboardTop(4, pageDetail)).resolves.toBe(topData);
    expect(worker.sent).toEqual([]);
    void client.queryTrunkTable(4, { ...pageTable, topN: 5 });
    void client.queryDashboardTop(4, { ...pageDetail, trunks: ['carrier-a'] });
    void client.queryTrunkTable(5, pageTable);
    expect(worker.sent.map((m) => (m as { type: string }).type)).toEqual(['table', 'top', 'table']);
    // A newer session's first answers replace the older one's.
    worker.answer({ type: 'first-answer', ingestId: 5, part: 'table', query: table, data: tableData });
    void client.queryTrunkTable(4, pageTable);
    expect(worker.sent).toHaveLength(4);
  });

  it("asked while the worker made it: answered by it, and the worker's own answer to the question after it is dropped", async () => {
    const client = await import('./ingest-client');
    const asked = client.queryDashboardTop(6, pageDetail);
    const worker = FakeWorker.made[0]!;
    expect(worker.sent).toEqual([{ type: 'top', id: 1, ingestId: 6, query: pageDetail }]);
    worker.answer({ type: 'first-answer', ingestId: 6, part: 'top', query: detail, data: topData });
    await expect(asked).resolves.toBe(topData);
    worker.answer({ type: 'top', id: 1, data: { other: true }, elapsedMs: 1 });
    // A question for a trunk the first answer is not about still waits for its own answer.
    const other = client.queryDashboardTop(6, { ...pageDetail, trunks: ['carrier-a'] });
    worker.answer({ type: 'first-answer', ingestId: 6, part: 'top', query: detail, data: topData });
    worker.answer({ type: 'top', id: 2, data: { own: true }, elapsedMs: 1 });
    await expect(other).resolves.toEqual({ own: true });
  });
});
