/**
 * warmUp rejects as soon as its signal aborts, also when a drop comes while the last step (the last
 * format's panels) yields to the worker's messages: otherwise the worker would post 'warm' behind the
 * drop, which e2e/warm-up.spec.ts says never happens.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inProcessPool } from '../core/ingest/pieces/in-process-pool';
import { CdrSession } from '../core/session/cdr-session';
import { warmUp, WARM_UP_WRITERS } from './warm-up';

afterEach(() => vi.restoreAllMocks());

describe('warm-up stopped by a drop during its last step', () => {
  it('rejects when the drop comes while the last panels yield to messages', async () => {
    const controller = new AbortController();
    const reason = new DOMException('A file comes first', 'AbortError');
    const query = CdrSession.prototype.query;
    // The drop message is handled during the yield that follows the last format's panels.
    vi.spyOn(CdrSession.prototype, 'query').mockImplementation(function (this: CdrSession, ...args) {
      const answer = query.apply(this, args);
      setTimeout(() => controller.abort(reason), 0);
      return answer;
    });
    const warming = warmUp(inProcessPool(), controller.signal, WARM_UP_WRITERS.slice(0, 1));
    await expect(warming).rejects.toBe(reason);
  });
});
