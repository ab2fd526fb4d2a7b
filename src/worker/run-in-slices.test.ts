/**
 * The worker's diagnosis runs in slices (run-in-slices.ts): a dashboard query that comes while a
 * trunk is being diagnosed is answered before that diagnosis finishes. Order of events only, no
 * timing. Inline VICIdial carrier log: carrier-a has 4 attempts (two 503s), carrier-b 1 (a 603).
 */
import { describe, expect, it } from 'vitest';
import { query } from '../core/analysis/test-helpers';
import { CdrSession } from '../core/session/cdr-session';
import { runInSlices } from './run-in-slices';

const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const row = (id: string, time: string, peer: string, code: number, reason: string, phone: string) =>
  `"${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/${peer}-0000${id.slice(-2)}","1","${code === 200 ? 1 : 0}","${code}","${reason}","${phone}"`;
const ROWS = [
  row('1.01', '09:00:01', 'carrier-a', 503, 'Service Unavailable', '3125550101'),
  row('1.02', '09:00:02', 'carrier-a', 200, 'OK', '3125550102'),
  row('1.03', '09:00:03', 'carrier-b', 603, 'Decline', '3125550103'),
  row('1.04', '09:00:04', 'carrier-a', 503, 'Service Unavailable', '3125550104'),
  row('1.05', '09:00:05', 'carrier-a', 200, 'OK', '3125550105'),
];
const read = async () => {
  const s = new CdrSession();
  await s.read([{ name: 'carrier_log.csv', blob: new Blob([[HEADER, ...ROWS].join('\n') + '\n']) }]);
  return s;
};
/** A turn of the event loop, as the worker gives its messages between slices. */
const turn = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0));

describe('runInSlices', () => {
  it('answers a query that comes during a diagnosis before the diagnosis finishes', async () => {
    const s = await read();
    const order: string[] = [];
    // Posted as the diagnosis starts: the worker's message loop would run it at its next turn.
    setTimeout(() => {
      const a = s.query(query({ trunks: ['carrier-a'] })).trunks.find((t) => t.trunk === 'carrier-a')!;
      order.push(`query: carrier-a ${a.attempts} attempts, 503 ${a.rate503.n}/${a.rate503.d}, diagnosed ${s.hasDiagnosis('carrier-a', null)}`);
    }, 0);
    const made = await runInSlices(s.diagnoseSteps(null, ['carrier-a']), turn, 0);
    order.push(`diagnosis: ${made!.map((d) => `${d.trunk} ${d.attempts} attempts, 503 ${d.rate503.n}/${d.rate503.d}`).join()}`);
    expect(order).toEqual(['query: carrier-a 4 attempts, 503 2/4, diagnosed false', 'diagnosis: carrier-a 4 attempts, 503 2/4']);
    // The sliced diagnosis is the one made at once, and kept.
    expect(s.hasDiagnosis('carrier-a', null)).toBe(true);
    expect(made).toEqual((await read()).diagnose(null, ['carrier-a']));
  });

  it('in one slice as long as the work takes, nothing comes in between (the slices are what lets it)', async () => {
    const s = await read();
    const order: string[] = [];
    setTimeout(() => order.push('query'), 0);
    await runInSlices(s.diagnoseSteps(null, ['carrier-a']), turn, Number.POSITIVE_INFINITY);
    order.push('diagnosis');
    await turn();
    expect(order).toEqual(['diagnosis', 'query']);
  });

  it('work no longer wanted stops at its next pause and keeps nothing', async () => {
    const s = await read();
    let pauses = 0;
    const made = await runInSlices(s.diagnoseSteps(null, ['carrier-b']), () => Promise.resolve(++pauses < 2), 0);
    expect(made).toBeNull();
    expect(pauses).toBe(2);
    expect(s.hasDiagnosis('carrier-b', null)).toBe(false);
  });
});
