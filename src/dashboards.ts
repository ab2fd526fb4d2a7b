/**
 * The dashboards (the live one and a shared link's) and everything only they draw — the charts
 * library above all — load as a chunk of their own: the first screen (drop zone, sample day)
 * does not wait for them. preloadDashboards() fetches the chunk right after the first paint, so
 * it is in memory before a file can be read, and the app makes no request after that.
 */
import { lazy } from 'react';

const loadLive = () => import('./live-dashboard');
const loadShared = () => import('./shared-dashboard');

export const LiveDashboard = lazy(() => loadLive().then((m) => ({ default: m.LiveDashboard })));
export const SharedDashboard = lazy(() => loadShared().then((m) => ({ default: m.SharedDashboard })));

/** Fetch both dashboards' code now; resolves once it is loaded (or failed: a render retries then). */
export function preloadDashboards(): Promise<void> {
  return Promise.allSettled([loadLive(), loadShared()]).then(() => undefined);
}
