/**
 * The diagnosis of a brushed window counts the same calls as the trunk table for that window: the
 * walk and the ticket show the table's numbers, and say which period they are about.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { at, query, storeOf, type CallSpec } from '../analysis/test-helpers';
import { diagnoseTrunks } from './evidence';
import { ticketText } from './ticket';
import { walkTrunk } from './walk';

const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };
const files = (trunk: string) => [{ capabilities: CAPS, trunks: [{ name: trunk }] }];

/** One call every 10 s from `from` to `to` (exclusive): 360 an hour. */
function every10s(from: string, to: string, spec: Omit<CallSpec, 'start'>): CallSpec[] {
  const out: CallSpec[] = [];
  for (let t = at(from); t < at(to); t += 10_000) out.push({ ...spec, start: t });
  return out;
}

/**
 * Trunk G: answered 10:00–12:00 (720 calls), every call 503 from 12:00 to 14:00 (720 calls).
 * Whole file: 503 on 720 of 1440. Window 11:30–13:00: 180 answered + 360 rejected = 540 attempts,
 * 503 on 360 of 540 (66.7 %, written 67 % as the trunk table writes it).
 */
const carrierG = [
  ...every10s('10:00', '12:00', { trunk: 'G', sip: 200, seconds: 30, destination: '13125550100' }),
  ...every10s('12:00', '14:00', { trunk: 'G', sip: 503, seconds: 0, destination: '13125550100' }),
];
const WINDOW = { fromMs: at('11:30'), toMs: at('13:00') };

describe('a diagnosis follows the window', () => {
  it('window → the walk and the ticket count what the trunk table counts for that window', () => {
    const store = storeOf(carrierG);
    const table = analyzeDashboard(store, query({ window: WINDOW })).trunks.find((t) => t.trunk === 'G')!;
    expect(table.rate503).toMatchObject({ n: 360, d: 540 });

    const [d] = diagnoseTrunks(store, { files: files('G'), window: WINDOW });
    expect(d!.attempts).toBe(540);
    expect(d!.rate503).toEqual({ n: 360, d: 540 });
    expect(d!.period).toEqual({ ...WINDOW, wholeFile: false });
    expect(walkTrunk(d!).steps[0]!.evidence.join(' ')).toContain('503: 360 of 540 (67 %)');

    const ticket = ticketText(d!);
    expect(d!.verdict, d!.evidence?.summary).toBe('out-of-funds');
    expect(ticket).toContain('Window: 2026-11-16 11:30:00 to 2026-11-16 13:00:00 (time as in our CDR).');
    expect(ticket).toContain('In it, 540 attempts on this trunk; rejected with 503: 67 % (360 of 540).');
    // Every sample call is inside the window.
    for (const s of d!.evidence!.samples) expect(s.time >= '2026-11-16 11:30:00' && s.time < '2026-11-16 13:00:00', s.time).toBe(true);
  });

  it('no window → the whole file, and the ticket says so', () => {
    const [d] = diagnoseTrunks(storeOf(carrierG), { files: files('G') });
    expect(d!.rate503).toEqual({ n: 720, d: 1440 });
    expect(d!.period.wholeFile).toBe(true);
    // The span ends just after the last start (13:59:50).
    expect(ticketText(d!)).toContain('Window: the whole export, 2026-11-16 10:00:00 to 2026-11-16 13:59:50 (time as in our CDR).');
    expect(ticketText(d!)).toContain('In it, 1,440 attempts on this trunk; rejected with 503: 50 % (720 of 1,440).');
  });

  it('a window of the healthy hours is healthy, whatever happens after it', () => {
    const [d] = diagnoseTrunks(storeOf(carrierG), { files: files('G'), window: { fromMs: at('10:00'), toMs: at('12:00') } });
    expect(d!.attempts).toBe(720);
    expect(d!.rate503.n).toBe(0);
    expect(d!.verdict).toBe('healthy');
  });
});

describe('the ticket speaks of the codes the trunk was rejected with', () => {
  it('a trunk refused with 403 on every call: its 403s, no 503 / 603 rates', () => {
    // 2 hours, one call every 10 s: 720 attempts, all 403 Forbidden.
    const [d] = diagnoseTrunks(storeOf(every10s('10:00', '12:00', { trunk: 'P', sip: 403, seconds: 0 })), { files: files('P') });
    expect(d!.verdict, d!.evidence?.summary).toBe('auth-or-disabled-trunk');
    const ticket = ticketText(d!)!;
    expect(ticket).toMatch(/^Trunk P: Every attempt on this trunk since 2026-11-16 10:00:00 is refused with 403\./);
    expect(ticket).toContain('In it, 720 attempts on this trunk; rejected with 403: 100 % (720 of 720).');
    expect(ticket).not.toMatch(/503|603/);
  });
});

/**
 * Trunk H: one call every 10 s from 08:00 to 20:00, answered until 12:03:10, every call 503 from
 * 12:03:20 on. Over the day (5-minute buckets) the 503 rate leaves its baseline in the 12:00
 * bucket, and the onset moves to the call the change began with: the trunk table says "since
 * 12:03" (12:03:20). One definition: the walk of the window 11:30–13:00 names the same moment,
 * with before / after counted in the window — before: 200 calls 11:30:00–12:03:10, none 503;
 * after: 340 calls 12:03:20–12:59:50, all 503.
 */
describe('the onset is the trunk table\'s, in a window too', () => {
  const carrierH = [
    ...every10s('08:00', '12:03:20', { trunk: 'H', sip: 200, seconds: 30, destination: '13125550100' }),
    ...every10s('12:03:20', '20:00', { trunk: 'H', sip: 503, seconds: 0, destination: '13125550100' }),
  ];
  const store = storeOf(carrierH);

  it('whole file and window 11:30–13:00 both say 12:03:20, the day\'s onset at its first failing call', () => {
    const day = analyzeDashboard(store, query({})).onsets.find((o) => o.trunk === 'H' && o.kind === '503')!;
    expect(day.atMs).toBe(at('12:03:20'));
    const [whole] = diagnoseTrunks(store, { files: files('H') });
    expect(whole!.evidence!.numbers.onset).toBe('2026-11-16 12:03:20');

    const [inWindow] = diagnoseTrunks(store, { files: files('H'), window: WINDOW });
    expect(inWindow!.verdict).toBe('out-of-funds');
    expect(inWindow!.evidence!.numbers).toMatchObject({ onset: '2026-11-16 12:03:20', before: { n: 0, d: 200 }, after: { n: 340, d: 340 } });
  });
});
