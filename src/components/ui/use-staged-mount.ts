import { useEffect, useState } from 'react';

/**
 * How many of a block's `parts` to mount: none until it is `ready`, then the first at once and one
 * more after each painted frame, until all are mounted (and they stay so).
 *
 * Why by frames, not by tasks: the browser styles and lays out every node committed before a frame
 * in that frame's one task, so parts committed in separate tasks of the same frame still cost one
 * long task. The dashboard's panels below the first screen (about 1,350 elements: CPS, concurrency,
 * four breakdowns, codes) mounted together made the longest main-thread task of a 1M-call drop
 * (55–85 ms of style and layout on the 2-core bench machine while the worker is still busy).
 */
export function useStagedMount(ready: boolean, parts: number): number {
  const [mounted, setMounted] = useState(0);
  const shown = ready ? Math.min(parts, Math.max(1, mounted)) : 0;
  useEffect(() => {
    if (shown === 0 || shown >= parts) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next frame paints what is mounted now; the part after it is committed after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setMounted(shown + 1), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [shown, parts]);
  return shown;
}
