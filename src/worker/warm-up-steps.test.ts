/**
 * A drop during the warm-up waits for one step of it at most (warm-up.ts runs its steps in slices
 * with the worker's messages between them): the day is written one simulated second per step, and
 * the analysis asks one question of one copy per step. Counted here on the generators themselves,
 * without a clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runToEnd } from '../core/analysis/run-to-end';
import { asteriskMasterCsvWriter } from '../core/scenario/writers/asterisk-master-csv';
import { writeScenarioSteps, writeScenarioText } from '../core/scenario/writers/writer';
import { CdrSession } from '../core/session/cdr-session';
import { analysisSteps, ANALYSIS_COPIES, ANALYSIS_ROUNDS, WARM_UP_DAY } from './warm-up';

afterEach(() => vi.restoreAllMocks());

describe('warm-up in steps', () => {
  it("writes its day one simulated second per step: 7,200 steps for 12:00–14:00, the same text as in one go", () => {
    const writer = asteriskMasterCsvWriter({ hangupCauseInUserfield: false });
    const chunks: string[] = [];
    const steps = writeScenarioSteps(WARM_UP_DAY, writer, (chunk) => chunks.push(chunk));
    let count = 0;
    while (!steps.next().done) count++;
    expect(WARM_UP_DAY.toSecond - WARM_UP_DAY.fromSecond).toBe(7200);
    expect(count).toBe(7200);
    expect(chunks.join('')).toBe(writeScenarioText(WARM_UP_DAY, writer));
  });

  it('asks one question of one store per step, over copies of at most ANALYSIS_COPIES days', async () => {
    const session = new CdrSession();
    const text = writeScenarioText(WARM_UP_DAY, asteriskMasterCsvWriter({ hangupCauseInUserfield: false }));
    const summary = await session.read([{ name: 'Master.csv', blob: new Blob([text]) }]);
    expect(summary.calls).toBeGreaterThan(500);

    /** The questions asked of the session or a copy from outside (prepare asks for a table itself). */
    const asked: string[] = [];
    const sizes: number[] = [];
    let depth = 0;
    for (const name of ['firstTable', 'prepare', 'prepareWindows', 'prepareSelections', 'table', 'top', 'panels', 'query', 'copies'] as const) {
      const original = CdrSession.prototype[name] as (...args: unknown[]) => unknown;
      vi.spyOn(CdrSession.prototype, name).mockImplementation(function (this: CdrSession, ...args: unknown[]) {
        if (depth === 0) {
          asked.push(name);
          // Its summary, not its store: reading the store seals it, and the first table is counted before the seal.
          sizes.push(this.summary?.calls ?? 0);
        }
        depth++;
        try {
          return original.apply(this, args);
        } finally {
          depth--;
        }
      } as never);
    }
    const perStep: number[] = [];
    const steps = analysisSteps(session, summary.span, ANALYSIS_ROUNDS);
    for (;;) {
      const before = asked.length;
      const step = steps.next();
      perStep.push(asked.length - before);
      if (step.done) break;
    }
    expect(Math.max(...perStep)).toBe(1);
    // The read's calls: its six questions; then each round: a copy, a read's questions over it in
    // the worker's order, and a first brush's (the table it is picked from, then its top and panels).
    const round = ['copies', 'firstTable', 'prepare', 'table', 'top', 'panels', 'prepareWindows', 'prepareSelections', 'table', 'top', 'panels'];
    expect(asked.slice(0, 6)).toEqual(['firstTable', 'prepare', 'prepareSelections', 'table', 'top', 'panels']);
    expect(asked.slice(6, 6 + round.length)).toEqual(round);
    expect(asked).toHaveLength(6 + round.length * ANALYSIS_ROUNDS);
    expect(Math.max(...sizes)).toBe(ANALYSIS_COPIES * summary.calls);
    // Nothing kept: the steps run to the end again give the same questions.
    asked.length = 0;
    runToEnd(analysisSteps(session, summary.span, 1));
    expect(asked).toEqual(['firstTable', 'prepare', 'prepareSelections', 'table', 'top', 'panels', ...round]);
  });
});
