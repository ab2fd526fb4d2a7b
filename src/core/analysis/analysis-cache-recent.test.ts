/**
 * What the cache keeps of recent questions: a selection's whole-span values (its concurrency
 * timeline, its positions) and a window's values are kept apart, so that brushing (a new window's
 * values every time) does not push out the selection's timeline, which a brush reads again.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis-cache';
import { analyzeDashboardPanels, analyzeDashboardTop, analyzeTrunkTable } from './analyze-dashboard';
import { at, query, storeOf, type CallSpec } from './test-helpers';

const TRUNKS = ['A', 'B', 'C', 'D', 'E', 'F'];
const specs: CallSpec[] = Array.from({ length: 360 }, (_, k) => ({ trunk: TRUNKS[k % TRUNKS.length]!, start: at('09:00') + k * 20_000, seconds: 30 }));

const notMadeAgain = () => {
  throw new Error('made again');
};

describe('AnalysisCache: recent values', () => {
  it('keeps a selection’s values while many windows come and go', () => {
    const cache = new AnalysisCache(storeOf(specs));
    const timeline = cache.recentSelection('timeline:0', () => ({ made: 1 }));
    for (let w = 0; w < 20; w++) cache.recent(`window:${w}`, () => w);
    expect(cache.recentSelection('timeline:0', notMadeAgain)).toBe(timeline);
    // The windows' values are bounded on their own: the first ones are gone, the last kept.
    expect(cache.recentIfKept('window:0')).toBeUndefined();
    expect(cache.recentIfKept('window:19')).toBe(19);
  });

  it('drops the least recently used selection past its few', () => {
    const cache = new AnalysisCache(storeOf(specs));
    // Six kept: the seventh pushes out the first (a value that fails to be made is not kept).
    for (let s = 0; s < 7; s++) cache.recentSelection(`positions:${s}`, () => s);
    expect(() => cache.recentSelection('positions:0', notMadeAgain)).toThrow('made again');
    // Touched again, selection 1 is the most recent: selection 2 is the next to go.
    expect(cache.recentSelection('positions:1', notMadeAgain)).toBe(1);
    cache.recentSelection('positions:9', () => 9);
    expect(cache.recentSelection('positions:1', notMadeAgain)).toBe(1);
    expect(() => cache.recentSelection('positions:2', notMadeAgain)).toThrow('made again');
  });

  it('keeps six selections', () => {
    const cache = new AnalysisCache(storeOf(specs));
    for (let s = 0; s < 6; s++) cache.recentSelection(`positions:${s}`, () => s);
    for (let s = 0; s < 6; s++) expect(cache.recentSelection(`positions:${s}`, notMadeAgain)).toBe(s);
  });

  it('answers a trunk’s panels over twelve brushed windows from the timeline made for the first', () => {
    const cache = new AnalysisCache(storeOf(specs));
    const store = cache.store;
    const windows = Array.from({ length: 12 }, (_, w) => ({ fromMs: at('09:00') + w * 60_000, toMs: at('10:00') + w * 120_000 }));
    const first = analyzeDashboardPanels(store, query({ trunks: ['A'], window: windows[0]! }), cache);
    expect(first.concurrency.available).toBe(true);
    const timeline = cache.recentSelection('timeline:0', notMadeAgain);
    for (const window of windows.slice(1)) {
      analyzeDashboardTop(store, query({ trunks: ['A'], window }), cache);
      analyzeDashboardPanels(store, query({ trunks: ['A'], window }), cache);
      // As the worker does after each answer: the diagnosis compares the window's halves
      // (evidence.ts segment), and the next rows' answers are made ahead (ingest.worker.ts).
      const half = (window.fromMs + window.toMs) / 2;
      analyzeTrunkTable(store, query({ trunks: ['A'], window: { fromMs: window.fromMs, toMs: half } }), cache);
      analyzeTrunkTable(store, query({ trunks: ['A'], window: { fromMs: half, toMs: window.toMs } }), cache);
      for (const trunk of ['B', 'C', 'D', 'E']) {
        analyzeDashboardTop(store, query({ trunks: [trunk], window }), cache);
        analyzeDashboardPanels(store, query({ trunks: [trunk], window }), cache);
      }
    }
    expect(cache.recentSelection('timeline:0', notMadeAgain)).toBe(timeline);
  });
});
