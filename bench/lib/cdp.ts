/**
 * CDP plumbing the Playwright API does not expose: the page's workers (attached through the page's
 * session, non-flat, so their messages travel as Target.* events), their heap and CPU profiles,
 * and the renderer processes' peak RSS (/proc VmHWM, reset with clear_refs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId: string };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * How long the heap questions wait for a worker's answer before it is taken as ended: a worker
 * ended while asked (the app ends its piece workers after a big read) never answers, and the heap
 * sampler waited on it for good, and the run with it (two 4M-call runs in four hung so).
 */
export const WORKER_ANSWER_MS = 5000;

interface AttachedEvent {
  sessionId: string;
  targetInfo: { type: string; url: string; targetId: string; title?: string };
  waitingForDebugger: boolean;
}

/**
 * The page's workers, nested ones included (the app's ingest worker starts piece workers). A worker
 * is addressed by the path of CDP session ids from the page down to it, keyed as "s1/s2"; messages
 * to a nested worker are wrapped in Target.sendMessageToTarget once per level, answers unwrapped.
 */
export class PageCdp {
  readonly workers = new Map<string, { url: string; type: string; depth: number }>();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private onAttach: ((key: string) => Promise<void>) | null = null;
  private waitForDebugger = false;

  private constructor(readonly session: CDPSession) {}

  /**
   * Attach to the page's workers and theirs. With `onWorker`, new workers are paused at start
   * until it has run (e.g. to start a profiler before the worker's first line).
   */
  static async attach(page: Page, onWorker?: (cdp: PageCdp, key: string) => Promise<void>): Promise<PageCdp> {
    const session = await page.context().newCDPSession(page);
    const cdp = new PageCdp(session);
    cdp.waitForDebugger = !!onWorker;
    if (onWorker) cdp.onAttach = (key) => onWorker(cdp, key);
    session.on('Target.attachedToTarget', (raw) => cdp.attached([], raw as unknown as AttachedEvent));
    session.on('Target.detachedFromTarget', (raw) => cdp.workers.delete((raw as { sessionId: string }).sessionId));
    session.on('Target.receivedMessageFromTarget', (raw) => {
      const e = raw as { sessionId: string; message: string };
      cdp.received([e.sessionId], JSON.parse(e.message) as CdpMessage);
    });
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: !!onWorker, flatten: false });
    return cdp;
  }

  private attached(parent: string[], e: AttachedEvent): void {
    if (e.targetInfo.type !== 'worker' && e.targetInfo.type !== 'shared_worker') return;
    const key = [...parent, e.sessionId].join('/');
    // A worker started from a blob: URL (the piece workers) is known by its name ("piece 1"), not a script file.
    const { url, title } = e.targetInfo;
    this.workers.set(key, { url: url.startsWith('blob:') && title ? `blob:${title}` : url, type: e.targetInfo.type, depth: parent.length });
    void (async () => {
      try {
        // Its own workers too (paused like the top-level ones when a profiler is to start first).
        await this.sendToWorker(key, 'Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: this.waitForDebugger, flatten: false }).catch(() => {});
        if (this.onAttach) await this.onAttach(key);
      } finally {
        if (e.waitingForDebugger) await this.sendToWorker(key, 'Runtime.runIfWaitingForDebugger').catch(() => {});
      }
    })();
  }

  /** A message from the worker at `path`: an answer, or an event about its own workers. */
  private received(path: string[], message: CdpMessage): void {
    if (message.method === 'Target.receivedMessageFromTarget') {
      const p = message.params as { sessionId: string; message: string };
      this.received([...path, p.sessionId], JSON.parse(p.message) as CdpMessage);
      return;
    }
    if (message.method === 'Target.attachedToTarget') {
      this.attached(path, message.params as unknown as AttachedEvent);
      return;
    }
    if (message.method === 'Target.detachedFromTarget') {
      this.workers.delete([...path, (message.params as { sessionId: string }).sessionId].join('/'));
      return;
    }
    if (message.id === undefined) return;
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    if (message.error) p.reject(new Error(message.error.message));
    else p.resolve(message.result);
  }

  /** `limitMs`: reject when the worker has not answered by then (see WORKER_ANSWER_MS). */
  sendToWorker<T = unknown>(key: string, method: string, params: Record<string, unknown> = {}, limitMs?: number): Promise<T> {
    const path = key.split('/');
    const id = this.nextId++;
    let message = JSON.stringify({ id, method, params });
    // Wrap for every level below the page's own session (their answers are ignored: ids not pending).
    for (let k = path.length - 1; k >= 1; k--) {
      message = JSON.stringify({ id: this.nextId++, method: 'Target.sendMessageToTarget', params: { sessionId: path[k], message } });
    }
    return new Promise<T>((resolve, reject) => {
      const timer =
        limitMs === undefined
          ? undefined
          : setTimeout(() => {
              if (this.pending.delete(id)) reject(new Error(`${method}: no answer from worker ${key} in ${limitMs} ms (ended?)`));
            }, limitMs);
      const settle = <V>(f: (v: V) => void) => (v: V) => {
        clearTimeout(timer);
        f(v);
      };
      this.pending.set(id, { resolve: settle(resolve as (v: unknown) => void), reject: settle(reject) });
      this.session.send('Target.sendMessageToTarget', { sessionId: path[0]!, message }).catch((e: Error) => {
        this.pending.delete(id);
        settle(reject)(e);
      });
    });
  }

  async pageHeapUsed(): Promise<number> {
    const r = (await this.session.send('Runtime.getHeapUsage')) as { usedSize: number };
    return r.usedSize;
  }

  async workerHeapUsed(key: string): Promise<number> {
    return (await this.workerHeap(key)).usedSize;
  }

  /** A worker's heap: used and committed (total) JS heap, and its ArrayBuffers' backing stores (outside the heap). */
  async workerHeap(key: string): Promise<{ usedSize: number; totalSize: number; backingStorageSize: number }> {
    const r = await this.sendToWorker<{ usedSize: number; totalSize: number; backingStorageSize?: number }>(key, 'Runtime.getHeapUsage', {}, WORKER_ANSWER_MS);
    return { usedSize: r.usedSize, totalSize: r.totalSize, backingStorageSize: r.backingStorageSize ?? 0 };
  }

  /**
   * Collect the garbage of the page and of every worker, then their live JS heap (used size) per
   * kind of worker ("page" for the page): what the read left held, as opposed to garbage a later
   * collection would have freed.
   */
  async liveHeapByKind(): Promise<Record<string, number>> {
    const keys = [...this.workers.keys()];
    await Promise.all([this.session.send('HeapProfiler.collectGarbage').catch(() => {}), ...keys.map((k) => this.sendToWorker(k, 'HeapProfiler.collectGarbage', {}, 2 * WORKER_ANSWER_MS).catch(() => {}))]);
    const out: Record<string, number> = { page: await this.pageHeapUsed().catch(() => 0) };
    for (const k of keys) {
      const kind = workerKind(this.workers.get(k)?.url ?? '');
      out[kind] = (out[kind] ?? 0) + (await this.workerHeapUsed(k).catch(() => 0));
    }
    return out;
  }

  async detach(): Promise<void> {
    for (const p of this.pending.values()) p.reject(new Error('detached'));
    this.pending.clear();
    await this.session.detach().catch(() => {});
  }
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
}

/** Peak JS heap of the page and of its workers, sampled every `intervalMs`. */
export class HeapSampler {
  pagePeak = 0;
  /** Peak of the sum over all workers at one sample. */
  workerPeak = 0;
  /** Most workers seen at once. */
  workerCount = 0;
  /**
   * Per kind of worker (its script's name: ingest.worker, piece.worker), summed over the workers of
   * that kind at each sample, the peaks of the committed JS heap and of the ArrayBuffers' backing stores.
   */
  workerKindPeaks: Record<string, { heapTotal: number; arrayBuffers: number }> = {};
  /** The same sums at the last sample. */
  workerKindLast: Record<string, { heapTotal: number; arrayBuffers: number }> = {};
  samples = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly cdp: PageCdp, private readonly intervalMs = 100) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const keys = [...this.cdp.workers.keys()];
      const none = { usedSize: 0, totalSize: 0, backingStorageSize: 0 };
      const [page, ...workers] = await Promise.all([this.cdp.pageHeapUsed().catch(() => 0), ...keys.map((id) => this.cdp.workerHeap(id).catch(() => none))]);
      this.pagePeak = Math.max(this.pagePeak, page ?? 0);
      // All workers together (the ingest worker and its piece workers hold memory at the same time).
      this.workerPeak = Math.max(this.workerPeak, workers.reduce((a, w) => a + w.usedSize, 0));
      this.workerCount = Math.max(this.workerCount, workers.length);
      const byKind = new Map<string, { heapTotal: number; arrayBuffers: number }>();
      workers.forEach((w, k) => {
        const kind = workerKind(this.cdp.workers.get(keys[k]!)?.url ?? '');
        const sum = byKind.get(kind) ?? { heapTotal: 0, arrayBuffers: 0 };
        sum.heapTotal += w.totalSize;
        sum.arrayBuffers += w.backingStorageSize;
        byKind.set(kind, sum);
      });
      this.workerKindLast = Object.fromEntries(byKind);
      for (const [kind, sum] of byKind) {
        const peak = (this.workerKindPeaks[kind] ??= { heapTotal: 0, arrayBuffers: 0 });
        peak.heapTotal = Math.max(peak.heapTotal, sum.heapTotal);
        peak.arrayBuffers = Math.max(peak.arrayBuffers, sum.arrayBuffers);
      }
      this.samples++;
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    await this.sample();
  }
}

/** A worker's script name without its build hash (which may hold "-"): ".../piece.worker-D5s2-gjo.js" → "piece.worker". */
function workerKind(url: string): string {
  // A blob: worker by its name without its number: "blob:piece 2" → "piece.worker", as its script was called.
  const named = /^blob:(.+?)(?: \d+)?$/.exec(url);
  if (named && !named[1]!.includes('/')) return `${named[1]}.worker`;
  const file = url.split(/[?#]/)[0]!.split('/').pop() ?? '';
  return file.replace(/(-[\w-]{6,})?\.(js|ts)$/, '') || 'worker';
}

/** The browser's renderer processes (page and dedicated workers live in one of them). */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach().catch(() => {});
  }
}

/** Every process of the browser with its type (browser, renderer, gpu, utility …). */
export async function browserProcesses(browser: Browser): Promise<Array<{ type: string; id: number }>> {
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    return info.processInfo;
  } finally {
    await session.detach().catch(() => {});
  }
}

/** Resident set (VmRSS) of one process in bytes; 0 when it is gone. */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // gone
  }
}

/**
 * The browser's processes summed, sampled every `everyMs` (each process's own peak, VmHWM, would
 * miss that the renderer and the GPU process peak at different moments). New processes are picked
 * up at each refresh of the pid list.
 */
export class BrowserRssSampler {
  peakBytes = 0;
  /** The sum per process type (renderer, browser, gpu …) at the idle sample and at the peak. */
  idleByType: Record<string, number> = {};
  peakByType: Record<string, number> = {};
  private processes: Array<{ type: string; id: number }> = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private refresh: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly everyMs = 50,
  ) {}

  async start(): Promise<number> {
    this.processes = await browserProcesses(this.browser);
    this.idleByType = this.byType();
    const idle = sumOf(this.idleByType);
    this.peakBytes = idle;
    this.peakByType = this.idleByType;
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.refresh = setInterval(() => {
      browserProcesses(this.browser).then((p) => (this.processes = p), () => {});
    }, 1000);
    return idle;
  }

  private byType(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.processes) out[p.type] = (out[p.type] ?? 0) + rssOf(p.id);
    return out;
  }

  private sample(): void {
    const byType = this.byType();
    const now = sumOf(byType);
    if (now > this.peakBytes) {
      this.peakBytes = now;
      this.peakByType = byType;
    }
  }

  /** The sum now (not the peak). */
  now(): number {
    return sumOf(this.byType());
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    if (this.refresh) clearInterval(this.refresh);
    this.timer = this.refresh = null;
    this.sample();
    return this.peakBytes;
  }
}

function sumOf(byType: Record<string, number>): number {
  return Object.values(byType).reduce((a, b) => a + b, 0);
}

/** Reset the kernel's peak-RSS counter (VmHWM) of these processes; false if not allowed. */
export function resetPeakRss(pids: readonly number[]): boolean {
  let ok = pids.length > 0;
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Largest VmHWM (peak resident set) among these processes, in bytes; 0 when unreadable. */
export function peakRss(pids: readonly number[]): number {
  let peak = 0;
  for (const pid of pids) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      // gone
    }
  }
  return peak;
}
