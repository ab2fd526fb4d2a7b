/**
 * Panels prepared in steps (CdrSession.preparePanels, the worker right after a read) whose steps throw
 * (an allocation that fails at 4M calls) leave no half-made answer behind: the page's own question
 * makes the panels again (answering as a fresh session does) or fails and says so — never `undefined`.
 * Steps shared by two callers (SharedSteps) hand a thrown error to both.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisCache } from '../analysis/analysis-cache';
import { query } from '../analysis/test-helpers';
import { SharedSteps } from '../analysis/run-to-end';
import { CdrSession } from './cdr-session';

const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const ROWS = [
  '"1.01","2026-11-16 09:00:01","10.0.0.15","1","34","CONGESTION","SIP/carrier-a-000001","1","0","503","Service Unavailable","3125550101"',
  '"1.02","2026-11-16 09:00:02","10.0.0.15","1","16","ANSWER","SIP/carrier-a-000002","1","1","200","OK","3125550102"',
];
const file = () => ({ name: 'carrier_log.csv', blob: new Blob([[HEADER, ...ROWS].join('\n') + '\n']) });

afterEach(() => vi.restoreAllMocks());

describe('panels prepared in steps that fail', () => {
  it('leave the page question to make (or fail) them, not an undefined answer', async () => {
    const q = query({ trunks: ['carrier-a'], kpi: true });
    const fresh = new CdrSession();
    await fresh.read([file()]);
    const expected = fresh.panels(q);

    const s = new CdrSession();
    await s.read([file()]);
    vi.spyOn(AnalysisCache.prototype, 'numberKeys').mockImplementationOnce(() => {
      throw new RangeError('Array buffer allocation failed');
    });
    const steps = s.preparePanels(q);
    expect(() => {
      while (!steps.next().done);
    }).toThrow(RangeError);
    // The page's question comes after: the failure was transient.
    expect(s.panels(q)).toEqual(expected);
  });

  it('a step that throws is thrown again to every caller of the shared steps, never an empty answer', () => {
    let made = 0;
    function* steps(): Generator<null, number> {
      yield null;
      made++;
      throw new RangeError('Array buffer allocation failed');
    }
    const shared = new SharedSteps(steps());
    expect(shared.step()).toBe(false);
    expect(() => shared.step()).toThrow(RangeError);
    // The generator is closed now; the second caller meets the same error, and nothing runs again.
    expect(() => shared.finish()).toThrow('Array buffer allocation failed');
    expect(() => shared.step()).toThrow(RangeError);
    expect(made).toBe(1);
  });
});
