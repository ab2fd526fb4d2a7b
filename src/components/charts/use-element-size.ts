import { useCallback, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
}

/**
 * The size of an element (whole px), kept current by one ResizeObserver: charts get fixed sizes
 * from it (and their axes a label count) instead of each Recharts ResponsiveContainer measuring
 * on its own. { 0, 0 } until the element has been laid out once.
 */
export function useElementSize<T extends HTMLElement>(): [(node: T | null) => (() => void) | undefined, ElementSize] {
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0 });
  const ref = useCallback((node: T | null) => {
    if (!node) return undefined;
    const update = (width: number, height: number) => {
      const next = { width: Math.round(width), height: Math.round(height) };
      setSize((s) => (s.width === next.width && s.height === next.height ? s : next));
    };
    // No getBoundingClientRect here: read during React's commit it forces a layout of the whole
    // page inside the first render's task (~60 ms at 100k calls). The observer's first
    // notification comes after the browser's own layout, before paint, and sizes the charts then.
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) update(box.width, box.height);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
