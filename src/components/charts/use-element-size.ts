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
 * First sizes waiting, in the order the elements were laid out. The first of a frame's is applied
 * at once, in the observer's notification (after the layout, before the paint): its chart is
 * painted in the frame that laid out its box, not one task and one frame later. It stays first
 * until the next task, so the others of that frame wait and are applied one per task after it.
 */
const firstSizes: Array<() => void> = [];

function enqueueFirstSize(apply: () => void): void {
  firstSizes.push(apply);
  if (firstSizes.length === 1) applyFirstSize();
}

/** Apply the first waiting size now; the next one waits for the next task. */
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
