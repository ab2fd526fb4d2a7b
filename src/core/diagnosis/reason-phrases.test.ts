/**
 * Reason phrases count (the Flowroute customer's Kamailio dump): 403 "Insufficient funds
 * remaining", "Invalid Caller ID", "International Calling Disabled" lead to their leaves, not to
 * a generic 403.
 */
import { describe, expect, it } from 'vitest';
import { CallStore } from '../analysis/call-store';
import { at, call, type CallSpec } from '../analysis/test-helpers';
import { Random } from '../scenario/random';
import { diagnoseTrunks } from './evidence';
import type { TrunkDiagnosis } from './types';

const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };
const CALLERS = ['13125550101', '13125550118', '13125550123', '13125550142', '13125550155', '13125550164'];
const DESTS = ['1212', '1312', '1415', '1305', '44', '63'];

/** Two hours of one trunk; `reject` returns a 403 phrase for a call or null for the ordinary mix. */
function day(reject: (c: { second: number; callerId: string; destination: string }) => string | null): TrunkDiagnosis {
  const rng = new Random(5);
  const store = new CallStore();
  for (let s = 0; s < 2 * 3600; s += 4) {
    const callerId = rng.pick(CALLERS);
    const destination = `${rng.pick(DESTS)}5550${String(rng.int(100, 999))}`;
    const phrase = reject({ second: s, callerId, destination });
    const u = rng.next();
    const spec: CallSpec = { trunk: 'flowroute', start: at('10:00') + s * 1000, destination, callerId, sip: phrase ? 403 : u < 0.45 ? 200 : 480, seconds: phrase ? 0 : 40 };
    store.add({ ...call(spec), reason: phrase ?? (u < 0.45 ? 'OK' : 'Temporarily Unavailable') });
  }
  return diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 'flowroute' }] }] })[0]!;
}

describe('403 reason phrases', () => {
  it('"Insufficient funds remaining" from 11:00 → out-of-funds', () => {
    const d = day(({ second }) => (second >= 3600 ? 'Insufficient funds remaining' : null));
    expect(d.verdict, d.evidence?.summary).toBe('out-of-funds');
    expect(d.evidence!.samples[0]!.code).toBe('403 Insufficient funds remaining');
  });

  it('"Insufficient funds remaining" on every call → out-of-funds, not auth', () => {
    const d = day(() => 'Insufficient funds remaining');
    expect(d.verdict, d.evidence?.summary).toBe('out-of-funds');
  });

  it('"Invalid Caller ID" on two caller IDs → caller-id-blocked', () => {
    const d = day(({ callerId }) => (callerId === '13125550142' || callerId === '13125550155' ? 'Invalid Caller ID' : null));
    expect(d.verdict, d.evidence?.summary).toBe('caller-id-blocked');
    expect(d.findings.map((f) => f.leaf)).toContain('forbidden-reason');
  });

  it('"International Calling Disabled" on 44 and 63 → no-route', () => {
    const d = day(({ destination }) => (destination.startsWith('44') || destination.startsWith('63') ? 'International Calling Disabled' : null));
    expect(d.verdict, d.evidence?.summary).toBe('no-route');
  });

  it('a plain 403 Forbidden on every call → auth-or-disabled-trunk', () => {
    const d = day(() => 'Forbidden');
    expect(d.verdict).toBe('auth-or-disabled-trunk');
    expect(d.confidence).toBe('high');
  });
});

describe('the carrier ticket', () => {
  it('fills the leaf text with the evidence and lists the sample calls', async () => {
    const { ticketText } = await import('./ticket');
    const d = day(({ destination }) => (destination.startsWith('44') || destination.startsWith('63') ? 'International Calling Disabled' : null));
    const t = ticketText(d)!;
    // Each destination number is dialled about once: "every time" is not shown, so the ticket says
    // what the carrier answered, on how many calls, and where.
    expect(t).toMatch(/^Trunk flowroute: You answered "403 International Calling Disabled" on \d+ of our 1,800 attempts on this trunk on calls to (44|63)\d+, /);
    expect(t).not.toContain('every time');
    // The request, the period, its counts by rejection code, the examples heading, one line per sample call.
    const lines = t.split('\n');
    expect(lines.length).toBe(4 + d.evidence!.samples.length);
    expect(lines[1]).toBe('Window: the whole export, 2026-11-16 10:00:00 to 2026-11-16 11:59:56 (time as in our CDR).');
    expect(lines[2]).toMatch(/^In it, 1,800 attempts on this trunk; rejected with 403: [0-9.]+ % \(\d+ of 1,800\)\.$/);
    expect(ticketText({ ...d, verdict: 'healthy', evidence: null })).toBeNull();
  });
});

describe('side branches', () => {
  function mix(codes: ReadonlyArray<readonly [number, number]>): TrunkDiagnosis {
    const rng = new Random(9);
    const store = new CallStore();
    for (let s = 0; s < 3600; s += 3) {
      let u = rng.next();
      let sip = 200;
      for (const [code, p] of codes) {
        if (u < p) {
          sip = code;
          break;
        }
        u -= p;
      }
      store.add(call({ trunk: 't', start: at('10:00') + s * 1000, sip, seconds: sip === 200 ? 60 : 2, callerId: rng.pick(CALLERS) }));
    }
    return diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 't' }] }] })[0]!;
  }

  it('many 404/484 → a number-format finding; the trunk itself stays healthy', () => {
    const d = mix([[404, 0.2], [484, 0.05]]);
    expect(d.verdict).toBe('healthy');
    expect(d.findings.map((f) => f.leaf)).toEqual(['number-format']);
  });

  it('cause 34 without a SIP response in a file of SIP codes → local-pbx-503', () => {
    const store = new CallStore();
    for (let s = 0; s < 3600; s += 3) {
      const local = s % 60 === 0;
      store.add(call({ trunk: 't', start: at('10:00') + s * 1000, ...(local ? { cause: 34 } : { sip: s % 2 ? 200 : 480 }), seconds: 30 }));
    }
    const [d] = diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 't' }] }] });
    expect(d!.findings.map((f) => f.leaf)).toContain('local-pbx-503');
  });

  it('488 on 5 % → codec-mismatch; 480/486 on 70 % → user-side', () => {
    expect(mix([[488, 0.05]]).findings.map((f) => f.leaf)).toEqual(['codec-mismatch']);
    expect(mix([[480, 0.4], [486, 0.3]]).findings.map((f) => f.leaf)).toEqual(['user-side']);
  });
});
