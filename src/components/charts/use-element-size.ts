import { useCallback, useState } from 'react';
import { flushSync } from 'react-dom';

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The size of an element (whole px), kept current by one ResizeObserver: charts get fixed sizes
 * from it (and their axes a label count) instead of each Recharts ResponsiveContainer measuring
 * on its own. { 0, 0 } until the element has been laid out once.
 *
 * The first size of each element is applied one element per task (firstSizes below): a chart is
 * drawn when it gets its size, Recharts mounts a chart in one synchronous cascade of store
 * updates, and the dashboard's first answer (timeline, CPS, concurrency) or a dozen small multiples
 * drawn in one task made the longest task of a drop. Later sizes (a resize) apply at once.
 */
export function useElementSize<T extends HTMLElement>(): [(node: T | null) => (() => void) | undefined, ElementSize] {
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  const ref = useCallback((node: T | null) => {
    if (!node) return undefined;
    let drawn = false;
    let closed = false;
    /** The latest size while the first one waits its turn. */
    let waiting: DOMRectReadOnly | null = null;
    const update = (width: number, height: number) => {
      const next = { width: Math.round(width), height: Math.round(height) };
      setSize((s) => (s.width === next.width && s.height === next.height ? s : next));
    };
    // No getBoundingClientRect here: read during React's commit it forces a layout of the whole
    // page inside the first render's task (~60 ms at 100k calls). The observer's first
    // notification comes after the browser's own layout, before paint, and sizes the charts then.
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (!box) return;
      if (drawn) {
        update(box.width, box.height);
        return;
      }
      const queued = waiting !== null;
      waiting = box;
      if (queued) return;
      enqueueFirstSize(() => {
        const first = waiting;
        if (closed || !first) return;
        drawn = true;
        flushSync(() => update(first.width, first.height));
      });
    });
    observer.observe(node);
    return () => {
      closed = true;
      observer.disconnect();
    };
  }, []);
  return [ref, size];
}

/**
 * First sizes waiting, in the order the elements were laid out, applied one per task, the first of
 * them too: not in the observer's notification. A notification runs inside the frame's rendering
 * step, and a chart drawn there is styled and laid out again in that same step, so the frame that
 * first shows the trunk table also drew the timeline (Recharts' cascade) and laid it out, in one
 * task. A VICIdial 1M-call drop, 16 each, headless Chromium on 2 cores (long-animation-frame
 * entries over 40 ms up to the dashboard painted): drawn in the notification, 10 frames of 53–87 ms,
 * 7–18 ms of it the notification and 17–38 ms style and layout, and 2 long tasks of 50–52 ms; a
 * task later, 3 frames of 53–62 ms, 2–3 ms style and layout, no long task. The chart shows a
 * frame after the table (the first chart +27 ms, median of 12), the table no later.
 */
const firstSizes: Array<() => void> = [];

export function enqueueFirstSize(apply: () => void): void {
  firstSizes.push(apply);
  if (firstSizes.length === 1) setTimeout(applyFirstSize, 0);
}

/** Apply the first waiting size now (in a task of its own); the next one waits for the next task. */
function applyFirstSize(): void {
  try {
    firstSizes[0]?.();
  } finally {
    setTimeout(() => {
      firstSizes.shift();
      if (firstSizes.length > 0) applyFirstSize();
    }, 0);
  }
}
