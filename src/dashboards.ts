/**
 * The dashboards (the live one and a shared link's) and everything only they draw — the charts
 * library above all — load as a chunk of their own: the first screen (drop zone, sample day)
 * does not wait for them. preloadDashboards() fetches the chunk right after the first paint, so
 * it is in memory before a file can be read, and the app makes no request after that.
 */
import { createElement, lazy, useState, type ComponentType } from 'react';
import type { LiveDashboard as LiveDashboardType } from './live-dashboard';
import type { SharedDashboard as SharedDashboardType } from './shared-dashboard';

/**
 * A chunk's component that, once the chunk is loaded, renders at once. React.lazy suspends on its
 * first render even when its chunk is already in memory, and React then holds the boundary's
 * content back until 300 ms after its fallback showed (its guard against flicker): 0.3 s between
 * a file read and the dashboard's first question to the worker. Before the chunk has loaded it
 * is React.lazy; each mounted dashboard keeps the one it started with (switching would remount it).
 */
export function chunkComponent<P extends object>(load: () => Promise<ComponentType<P>>): { Component: ComponentType<P>; preload: () => Promise<unknown> } {
  let loaded: ComponentType<P> | null = null;
  const preload = () =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Component(props: P) {
    const [Implementation] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Implementation, props);
  }
  return { Component, preload };
}

const live = chunkComponent<Parameters<typeof LiveDashboardType>[0]>(() => import('./live-dashboard').then((m) => m.LiveDashboard));
const shared = chunkComponent<Parameters<typeof SharedDashboardType>[0]>(() => import('./shared-dashboard').then((m) => m.SharedDashboard));

export const LiveDashboard = live.Component;
export const SharedDashboard = shared.Component;

/**
 * Draw the live dashboard once, out of sight (features/dashboard/render-warm-up.tsx),
 * so a file's first table finds its code compiled and its styles and fonts resolved. Resolves when
 * it is done; a failure is the real dashboard's to show (a warm-up that fails only warms less).
 */
export function warmUpDashboardRender(): Promise<void> {
  return import('./live-dashboard')
    .then((m) => m.warmUpDashboardRender())
    .catch(() => undefined);
}

/** Fetch both dashboards' code now; resolves once it is loaded (or failed: a render retries then). */
export function preloadDashboards(): Promise<void> {
  return Promise.allSettled([live.preload(), shared.preload()]).then(() => undefined);
}
