/**
 * warmUp rejects as soon as its signal aborts, also when a drop comes while the last step (the last
 * copy's first brush: its panels) runs: otherwise the worker would post 'warm' behind the drop, which
 * e2e/warm-up.spec.ts says never happens.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import { CdrSession } from '../core/session/cdr-session';
import { warmUp, WARM_UP_COPIES, WARM_UP_FORMATS, withCopies } from './warm-up';

afterEach(() => vi.restoreAllMocks());

describe('warm-up stopped by a drop during its last step', () => {
  it('rejects when the drop comes while the last copy answers its first brush', async () => {
    const controller = new AbortController();
    const reason = new DOMException('A file comes first', 'AbortError');
    const panels = CdrSession.prototype.panels;
    // One round: the calls read answer their first screen's panels, then the one copy answers its
    // first screen's and its first brush's: the last step.
    let calls = 0;
    vi.spyOn(CdrSession.prototype, 'panels').mockImplementation(function (this: CdrSession, ...args: Parameters<CdrSession['panels']>) {
      const answer = panels.apply(this, args);
      // The drop message is queued while the step runs (handled at the worker's next turn).
      if (++calls === 3) setTimeout(() => controller.abort(reason), 0);
      return answer;
    });
    // The clock stands still: no slice is ever long enough to pause, only the end can see the drop.
    vi.spyOn(performance, 'now').mockReturnValue(0);
    const warming = warmUp(inProcessPool(), controller.signal, withCopies(WARM_UP_FORMATS.slice(0, 1), WARM_UP_COPIES), 1);
    await expect(warming).rejects.toBe(reason);
    expect(calls).toBe(3);
  });
});
