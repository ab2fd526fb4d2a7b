import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app';
import { ChunkBoundary } from './components/ui/chunk-boundary';
import { startWorker } from './worker/ingest-client';
import { looksLikeShareLink } from './core/share';
import { preloadDashboards, warmUpDashboardRender } from './dashboards';
import './index.css';

/**
 * Run `start` once the browser reports the first contentful paint. The worker's script carries every
 * parser: fetching and compiling it (and its piece workers) must not compete with the first screen on
 * a machine with few cores. It is still warm long before a user can drop a file, and a drop starts
 * it anyway. Without paint timing, the frame after the first one.
 */
function afterFirstPaint(start: () => void): void {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes.includes('paint')) {
    requestAnimationFrame(() => setTimeout(start, 0));
    return;
  }
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('first-contentful-paint').length) return;
    observer.disconnect();
    start();
  });
  observer.observe({ type: 'paint', buffered: true });
}

// The dashboards' chunk first, the dashboard drawn once out of sight, then the worker: its
// "ready" (html[data-workers]) then also means the page has every script it will ever need and
// nothing hidden left on it. A page opened on a shared link shows the link: its workers start (the
// reader may still drop a file) but spend no CPU warming up, and neither does the page.
const warmUp = !looksLikeShareLink(location.hash);
afterFirstPaint(
  () =>
    void preloadDashboards()
      .then(() => (warmUp ? warmUpDashboardRender() : undefined))
      .then(() => startWorker({ warmUp })),
);

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ChunkBoundary what="page">
        <App />
      </ChunkBoundary>
    </QueryClientProvider>
  </StrictMode>,
);
