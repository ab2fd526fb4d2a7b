/** The code + reason breakdown counts each (code, phrase as written) of the selection in the window. */
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from './analyze-dashboard';
import { CallStore } from './call-store';
import { at, call, query } from './test-helpers';

/**
 * Trunk flowroute, one call a minute from 10:00: 10 answered "OK", 16 × 403 "Invalid Caller ID",
 * 4 × 403 "Insufficient funds remaining", 3 × 403 "International Calling Disabled"; trunk other:
 * 5 × 503 "Service Unavailable" (not selected below).
 */
function store(): CallStore {
  const s = new CallStore(8);
  let minute = 0;
  const add = (trunk: string, sip: number, reason: string, n: number) => {
    for (let k = 0; k < n; k++) s.add({ ...call({ trunk, start: at('10:00') + 60_000 * minute++, sip, seconds: sip === 200 ? 60 : 0 }), reason });
  };
  add('flowroute', 200, 'OK', 10);
  add('flowroute', 403, 'Invalid Caller ID', 16);
  add('flowroute', 403, 'Insufficient funds remaining', 4);
  add('other', 503, 'Service Unavailable', 5);
  add('flowroute', 403, 'International Calling Disabled', 3);
  return s;
}

describe('results by code and reason', () => {
  it('one row per code and phrase as written, most frequent first, for the selected trunk', () => {
    const rows = analyzeDashboard(store(), query({ trunks: ['flowroute'] })).codeReasons;
    expect(rows).toEqual([
      { code: '403', outcome: 'policy', reason: 'Invalid Caller ID', count: 16 },
      { code: '200', outcome: 'answered', reason: 'OK', count: 10 },
      { code: '403', outcome: 'policy', reason: 'Insufficient funds remaining', count: 4 },
      { code: '403', outcome: 'policy', reason: 'International Calling Disabled', count: 3 },
    ]);
  });

  it('follows the window: 10:26–10:40 holds minutes 26–29 (funds), 30–34 (other trunk), 35–37 (international)', () => {
    const rows = analyzeDashboard(store(), query({ trunks: [], window: { fromMs: at('10:26'), toMs: at('10:40') } })).codeReasons;
    expect(rows).toEqual([
      { code: '503', outcome: 'capacity', reason: 'Service Unavailable', count: 5 },
      { code: '403', outcome: 'policy', reason: 'Insufficient funds remaining', count: 4 },
      { code: '403', outcome: 'policy', reason: 'International Calling Disabled', count: 3 },
    ]);
  });

  it('a disposition is its own label: no phrase repeated beside it', () => {
    const s = new CallStore(4);
    s.add(call({ start: at('10:00'), disposition: 'FAILED', seconds: 0 }));
    s.add(call({ start: at('10:01'), disposition: 'FAILED', seconds: 0 }));
    expect(analyzeDashboard(s, query()).codeReasons).toEqual([{ code: 'FAILED', outcome: 'capacity', reason: '', count: 2 }]);
  });
});
