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

interface AttachedEvent {
  sessionId: string;
  targetInfo: { type: string; url: string; targetId: string };
  waitingForDebugger: boolean;
}

export class PageCdp {
  readonly workers = new Map<string, { url: string; type: string }>();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private onAttach: ((sessionId: string, e: AttachedEvent) => Promise<void>) | null = null;

  private constructor(readonly session: CDPSession) {}

  /**
   * Attach to the page's workers. With `onWorker`, new workers are paused at start until it has
   * run (e.g. to start a profiler before the worker's first line).
   */
  static async attach(page: Page, onWorker?: (cdp: PageCdp, sessionId: string) => Promise<void>): Promise<PageCdp> {
    const session = await page.context().newCDPSession(page);
    const cdp = new PageCdp(session);
    session.on('Target.attachedToTarget', (raw) => {
      const e = raw as unknown as AttachedEvent;
      if (e.targetInfo.type !== 'worker' && e.targetInfo.type !== 'shared_worker') return;
      cdp.workers.set(e.sessionId, { url: e.targetInfo.url, type: e.targetInfo.type });
      void (async () => {
        try {
          if (cdp.onAttach) await cdp.onAttach(e.sessionId, e);
        } finally {
          if (e.waitingForDebugger) await cdp.sendToWorker(e.sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => {});
        }
      })();
    });
    session.on('Target.detachedFromTarget', (raw) => {
      cdp.workers.delete((raw as { sessionId: string }).sessionId);
    });
    session.on('Target.receivedMessageFromTarget', (raw) => {
      const message = JSON.parse((raw as { message: string }).message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const p = cdp.pending.get(message.id);
      if (!p) return;
      cdp.pending.delete(message.id);
      if (message.error) p.reject(new Error(message.error.message));
      else p.resolve(message.result);
    });
    if (onWorker) cdp.onAttach = (sessionId) => onWorker(cdp, sessionId);
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: !!onWorker, flatten: false });
    return cdp;
  }

  sendToWorker<T = unknown>(sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: Error) => {
        this.pending.delete(id);
        reject(e);
      });
    });
  }

  async pageHeapUsed(): Promise<number> {
    const r = (await this.session.send('Runtime.getHeapUsage')) as { usedSize: number };
    return r.usedSize;
  }

  async workerHeapUsed(sessionId: string): Promise<number> {
    const r = await this.sendToWorker<{ usedSize: number }>(sessionId, 'Runtime.getHeapUsage');
    return r.usedSize;
  }

  async detach(): Promise<void> {
    for (const p of this.pending.values()) p.reject(new Error('detached'));
    this.pending.clear();
    await this.session.detach().catch(() => {});
  }
}

/** Peak JS heap of the page and of its workers, sampled every `intervalMs`. */
export class HeapSampler {
  pagePeak = 0;
  workerPeak = 0;
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
      const [page, ...workers] = await Promise.all([
        this.cdp.pageHeapUsed().catch(() => 0),
        ...[...this.cdp.workers.keys()].map((id) => this.cdp.workerHeapUsed(id).catch(() => 0)),
      ]);
      this.pagePeak = Math.max(this.pagePeak, page ?? 0);
      for (const w of workers) this.workerPeak = Math.max(this.workerPeak, w);
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
