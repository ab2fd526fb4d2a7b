/**
 * A dashboard whose chunk is already loaded draws on its first render: it does not suspend, so
 * React does not hold the page's answer to a read back behind its 300 ms fallback throttle.
 */
import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { chunkComponent } from './dashboards';

const Panel = ({ calls }: { calls: number }) => createElement('p', null, `${calls} calls`);

const inSuspense = (element: ReturnType<typeof createElement>) => renderToString(createElement(Suspense, { fallback: createElement('i', null, 'loading') }, element));

describe('chunkComponent', () => {
  it('suspends while its chunk is not loaded, and draws at once after preload()', async () => {
    let loads = 0;
    const chunk = chunkComponent(() => {
      loads++;
      return Promise.resolve(Panel);
    });
    expect(inSuspense(createElement(chunk.Component, { calls: 7 }))).toContain('loading');
    await chunk.preload();
    const drawn = inSuspense(createElement(chunk.Component, { calls: 7 }));
    expect(drawn).toContain('<p>7 calls</p>');
    expect(drawn).not.toContain('loading');
    expect(loads).toBe(2);
  });

  it('a chunk that cannot be loaded stays lazy: the render asks again (and its boundary reports the failure)', async () => {
    const chunk = chunkComponent<{ calls: number }>(() => Promise.reject(new Error('Failed to fetch dynamically imported module')));
    await expect(chunk.preload()).rejects.toThrow('dynamically imported');
    expect(inSuspense(createElement(chunk.Component, { calls: 7 }))).toContain('loading');
  });
});
