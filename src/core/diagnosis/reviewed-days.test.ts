/**
 * Days a reviewer wrote by hand from the vendors' documentation, where the diagnosis said more than
 * the calls show, each small enough to count against its rows:
 * - the carrier's own words on a few calls are a verdict only where they explain as many
 *   rejections as they leave, and a ticket repeats a leaf's claim ("(nearly) every time", "the
 *   others are fine", a CPS knee) only where the calls show it;
 * - a 603 rate the calls cannot show is n/a; a cause-21 refusal is named as such;
 * - an onset finding's window ends at the trunk's last failing call, and its onset does not move
 *   when another trunk's calls stretch the file;
 * - failures that are neither a limit nor a refusal (a portal's plain "failed", 488) are not healthy.
 * The 40-call days: one call every 30 s on one trunk (no CPS bursts), caller IDs 2125550101 …
 * 2125550104 in turn (10 calls each).
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { Onset } from '../analysis/dashboard-types';
import { CdrSession } from '../session/cdr-session';
import { wallTime } from './context';
import { diagnoseTrunks } from './evidence';
import { ticketText } from './ticket';
import type { TrunkDiagnosis } from './types';

/** Call i of 40: its SIP code and reason. */
type Outcome = (i: number, callerId: string) => { code: string; reason: string };

function day(outcome: Outcome): string {
  const rows = ['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination'];
  for (let i = 0; i < 40; i++) {
    const callerId = `212555010${(i % 4) + 1}`;
    const { code, reason } = outcome(i, callerId);
    const time = `2026-11-16 10:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`;
    rows.push(`${time},carr,${code},${reason},${callerId},1312555${String(i).padStart(4, '0')}`);
  }
  return `${rows.join('\n')}\n`;
}

async function diagnose(text: string): Promise<TrunkDiagnosis> {
  const { summary, store } = await ingestFiles([{ name: 'day.csv', blob: new Blob([text]) }]);
  return diagnoseTrunks(store, { files: summary.files })[0]!;
}

const ANSWERED = { code: '200', reason: 'OK' };
const INVALID_CALLER_ID = { code: '403', reason: 'Invalid Caller ID' };

describe("the carrier's words on a few calls", () => {
  it('3 × "403 Invalid Caller ID" beside 12 × 503 on every caller ID: inconclusive, the worded finding beside it', async () => {
    // Calls 0, 3, 6 … 33 (12 calls, every caller ID: 9, 21 and 33 are 2125550102's) get 503; calls 5,
    // 13 and 37 (2125550102's too) 403 Invalid Caller ID.
    const d = await diagnose(day((i) => (i % 3 === 0 && i < 36 ? { code: '503', reason: 'Service Unavailable' } : [5, 13, 37].includes(i) ? INVALID_CALLER_ID : ANSWERED)));
    expect(d.attempts).toBe(40);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.explainedByFindings).toBe(3);
    expect(d.evidence?.explains).toBe(12);
    expect(d.evidence?.summary).toContain('Rejections beyond background (15 of 40 (38 %); 503: 12 of 40 (30 %), 603: 0 of 40 (0 %)): 3 of them explained by the findings also listed for this trunk, the remaining 12 without a pattern');
    const worded = d.findings.find((f) => f.leaf === 'caller-id-blocked');
    expect(worded?.numbers.callerIds).toEqual(['2125550102']);
    // 2125550102's 10 calls: 3 worded refusals; the other 30 calls: the 9 503s not on 2125550102.
    expect(worded?.numbers.keysRefused).toEqual({ n: 3, d: 10 });
    expect(worded?.numbers.elsewhere).toEqual({ n: 9, d: 30 });
    expect(ticketText(d)).toBeNull();
  });

  it('5 refusals on half of one caller ID\'s calls: caller-id-blocked, and the ticket says what the carrier answered, not "every time"', async () => {
    // 2125550102 is calls 1, 5, 9 … 37; the carrier refuses 1, 9, 17, 25, 33.
    const d = await diagnose(day((i) => ([1, 9, 17, 25, 33].includes(i) ? INVALID_CALLER_ID : ANSWERED)));
    expect(d.verdict).toBe('caller-id-blocked');
    expect(d.evidence?.numbers.keysRefused).toEqual({ n: 5, d: 10 });
    expect(d.evidence?.numbers.elsewhere).toEqual({ n: 0, d: 30 });
    expect(ticketText(d)?.split('\n')[0]).toBe('Trunk carr: You answered "403 Invalid Caller ID" on 5 of our 40 attempts on this trunk on calls presenting 2125550102. Are these numbers blocked or not permitted on the route?');
  });

  it('every call of one caller ID refused, the others fine: the leaf\'s own sentence', async () => {
    const d = await diagnose(day((_, callerId) => (callerId === '2125550102' ? INVALID_CALLER_ID : ANSWERED)));
    expect(d.verdict).toBe('caller-id-blocked');
    expect(d.evidence?.numbers.keysRefused).toEqual({ n: 10, d: 10 });
    expect(ticketText(d)?.split('\n')[0]).toBe('Trunk carr: Calls presenting 2125550102 are declined (nearly) every time; our other caller IDs on the same trunk are fine. Are these numbers blocked or not permitted on the route?');
  });

  it('"503 CPS Limit Exceeded" with no knee in the calls: no CPS figure is made up', async () => {
    // Calls 0, 3, … 39: 14 refusals, one call every 30 s (no second has two attempts).
    const d = await diagnose(day((i) => (i % 3 === 0 ? { code: '503', reason: 'CPS Limit Exceeded' } : ANSWERED)));
    expect(d.verdict).toBe('cps-limit');
    expect(d.evidence?.numbers.stated).toBe(14);
    expect(ticketText(d)?.split('\n')[0]).toBe('Trunk carr: You answered "503 CPS Limit Exceeded" on 14 of our 40 attempts on this trunk. What CPS limit is configured on our account?');
  });
});

describe('a 603 rate the calls cannot show', () => {
  it("Master.csv dispositions: the inconclusive finding's numbers say n/a, as its sentence and the table do", async () => {
    // 40 dialer calls on carrierA, one every 30 s; calls 0, 3, … 33 FAILED (12 of 40), the rest ANSWERED (20 s).
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const rows: string[] = [];
    for (let i = 0; i < 40; i++) {
      const at = (second: number) => `2024-03-01 10:${String(Math.floor(i / 2)).padStart(2, '0')}:${String((i % 2) * 30 + second).padStart(2, '0')}`;
      const failed = i % 3 === 0 && i < 36;
      const number = `1312555${String(i).padStart(4, '0')}`;
      const fields = ['""', '"1001"', `"${number}"`, '"from-internal"', '"""Alice"" <1001>"', `"PJSIP/1001-${hex(2 * i + 1)}"`, `"PJSIP/carrierA-${hex(2 * i + 2)}"`, '"Dial"', `"PJSIP/${number}@carrierA,60"`];
      fields.push(`"${at(0)}"`, failed ? '' : `"${at(0)}"`, `"${at(failed ? 0 : 20)}"`, failed ? '0' : '20', failed ? '0' : '20', failed ? '"FAILED"' : '"ANSWERED"', '"DOCUMENTATION"', `"1709287200.${i}"`, '""');
      rows.push(fields.join(','));
    }
    const d = await diagnose(`${rows.join('\n')}\n`);
    expect(d.attempts).toBe(40);
    expect(d.knows603).toBe(false);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rate503).toEqual({ n: 12, d: 40 });
    expect(d.evidence?.numbers.rate603).toBe('n/a');
    expect(d.evidence?.summary).toContain('603: n/a)');
  });
});

describe('a refusal the file names only by its Q.850 cause', () => {
  it('CALL_REJECTED (cause 21) on all 30 calls of a FreeSWITCH trunk: refused, the file just cannot say 403 or 603', async () => {
    // FreeSWITCH cdr_csv's example template: the gateway in lastdata, the hangup cause the only code.
    const rows: string[] = [];
    for (let i = 0; i < 30; i++) {
      const start = `2024-03-01 10:${String(i).padStart(2, '0')}:00`;
      const id = `000000${String(i).padStart(2, '0')}-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
      rows.push(`"","2125550100","1312555${String(i).padStart(4, '0')}","default","""Agent"" <2125550100>","sofia/internal/1001@10.0.0.5","","bridge","sofia/gateway/carrierB/1312555${String(i).padStart(4, '0')}","${start}","","${start.replace(/:00$/, ':01')}","1","0","CALL_REJECTED","default","${id}",""`);
    }
    const d = await diagnose(`${rows.join('\n')}\n`);
    expect(d.attempts).toBe(30);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.sameCode).toEqual({ n: 30, d: 30 });
    expect(d.evidence?.summary).toContain('Consistent with a refused trunk, but the file says refused (Q.850 cause 21, CALL_REJECTED) without saying how: 403 Forbidden or 603 Decline.');
  });
});

describe('a concentration in words a person would write', () => {
  it('one caller ID declined on all its 10 calls: "1 caller ID fails", and the ticket says "(nearly) every time", as the rule counts ≥ 80 %', async () => {
    const d = await diagnose(day((_, callerId) => (callerId === '2125550102' ? { code: '603', reason: 'Decline' } : ANSWERED)));
    expect(d.verdict).toBe('caller-id-blocked');
    expect(d.evidence?.summary).toBe('1 caller ID fails (nearly) every time — 2125550102: 10 of 10 (100 %) — while the rest of the trunk is rejected on 0 of 30 (0 %).');
    expect(ticketText(d)?.split('\n')[0]).toBe('Trunk carr: Calls presenting 2125550102 are declined (nearly) every time; our other caller IDs on the same trunk are fine. Are these numbers blocked or not permitted on the route?');
  });
});

describe("an onset finding's window", () => {
  it("ends at the trunk's last refused call, not at the file's end when another trunk runs on for hours", async () => {
    // polco: a call every 5 s from 14:00:00 (160 calls); from call 100 (14:08:20) every other call
    // gets 603, the last one call 158 at 14:13:10. goodco: 60 answered calls from 18:00:00.
    const rows = ['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination'];
    const at = (h: number, s: number) => `2024-03-01 ${String(h + Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    for (let i = 0; i < 160; i++) rows.push(`${at(14, 5 * i)},polco,${i >= 100 && i % 2 === 0 ? '603,Decline' : '200,OK'},212555010${i % 4},1312555${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 60; i++) rows.push(`${at(18, 15 * i)},goodco,200,OK,2125550100,1415555${String(i).padStart(4, '0')}`);
    const { summary, store } = await ingestFiles([{ name: 'two.csv', blob: new Blob([`${rows.join('\n')}\n`]) }]);
    const d = diagnoseTrunks(store, { files: summary.files }).find((x) => x.trunk === 'polco')!;
    expect(d.verdict).toBe('carrier-policy-change');
    expect(d.evidence?.window?.toMs).toBe(Date.UTC(2024, 2, 1, 14, 13, 11));
  });
});

describe('a trunk refused from its start', () => {
  it("names the trunk's own first call, not the file's, as the ticket does", async () => {
    // goodco: 40 answered calls from 09:00:00, one every 30 s. polco: 30 calls from 11:00:00, one
    // every 30 s, every one 603 Decline.
    const rows = ['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination'];
    const at = (h: number, s: number) => `2024-03-01 ${String(h + Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    for (let i = 0; i < 40; i++) rows.push(`${at(9, 30 * i)},goodco,200,OK,2125550100,1415555${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 30; i++) rows.push(`${at(11, 30 * i)},polco,603,Decline,212555010${i % 4},1312555${String(i).padStart(4, '0')}`);
    const { summary, store } = await ingestFiles([{ name: 'two.csv', blob: new Blob([`${rows.join('\n')}\n`]) }]);
    const d = diagnoseTrunks(store, { files: summary.files }).find((x) => x.trunk === 'polco')!;
    expect(d.verdict).toBe('auth-or-disabled-trunk');
    expect(d.evidence?.summary).toBe("30 of 30 (100 %) of attempts end with 603 from the trunk's first call (2024-03-01 11:00:00); 0 answered.");
    expect(ticketText(d)?.split('\n')[0]).toBe('Trunk polco: Every attempt on this trunk since 2024-03-01 11:00:00 is refused with 603. Is the trunk enabled, and which source IP / credentials do you expect?');
  });
});

describe('an onset the file span must not move', () => {
  // fundco: a call every 7 s from 13:00:00 (120 calls); one background 503 (call 30, 13:03:30), then
  // from call 80 (13:09:20) every call 503. goodco: answered calls from 18:00:00 on, which stretch the
  // file to five hours and its onset buckets to 2 minutes (13:08:00 – 13:10:00 holds 11 answered
  // calls of fundco before the balance ran out).
  const fundco = (i: number) => `2024-03-01 13:${String(Math.floor((7 * i) / 60)).padStart(2, '0')}:${String((7 * i) % 60).padStart(2, '0')},fundco,${i >= 80 || i === 30 ? '503,Service Unavailable' : '200,OK'},212555010${i % 4},1312555${String(i).padStart(4, '0')}`;
  const goodco = (i: number) => `2024-03-01 18:${String(Math.floor((15 * i) / 60)).padStart(2, '0')}:${String((15 * i) % 60).padStart(2, '0')},goodco,200,OK,2125550100,1415555${String(i).padStart(4, '0')}`;
  const header = 'Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination';
  const fundsOf = async (text: string) => {
    const { summary, store } = await ingestFiles([{ name: 'day.csv', blob: new Blob([text]) }]);
    return diagnoseTrunks(store, { files: summary.files }).find((x) => x.trunk === 'fundco')!;
  };

  it('out of funds at 13:09:20 alone and with another trunk five hours later: the same onset and counts', async () => {
    const own = Array.from({ length: 120 }, (_, i) => fundco(i));
    const alone = await fundsOf(`${[header, ...own].join('\n')}\n`);
    const withOther = await fundsOf(`${[header, ...own, ...Array.from({ length: 60 }, (_, i) => goodco(i))].join('\n')}\n`);
    for (const d of [alone, withOther]) {
      expect(d.verdict).toBe('out-of-funds');
      expect(d.evidence?.numbers.after).toEqual({ n: 40, d: 40 });
      expect(d.evidence?.numbers.before).toEqual({ n: 1, d: 80 });
    }
    expect(withOther.evidence?.numbers.onset).toBe('2024-03-01 13:09:20');
  });

  it("the same, with the other trunk's calls nine months later (a misread date): the onset stays", async () => {
    const own = Array.from({ length: 120 }, (_, i) => fundco(i));
    const far = Array.from({ length: 60 }, (_, i) => goodco(i).replace('2024-03-01', '2024-12-02'));
    const d = await fundsOf(`${[header, ...own, ...far].join('\n')}\n`);
    expect(d.verdict).toBe('out-of-funds');
    expect(d.evidence?.numbers).toMatchObject({ onset: '2024-03-01 13:09:20', before: { n: 1, d: 80 }, after: { n: 40, d: 40 } });
  });

  it("the trunk table's since is the walk's onset: alone, with goodco five hours later, nine months later", async () => {
    const own = Array.from({ length: 120 }, (_, i) => fundco(i));
    const goodcoOn = (date: string) => Array.from({ length: 60 }, (_, i) => goodco(i).replace('2024-03-01', date));
    const ranOut = { onset: '2024-03-01 13:09:20', before: { n: 1, d: 80 }, after: { n: 40, d: 40 } };
    for (const [name, other] of Object.entries({ alone: [], later: goodcoOn('2024-03-01'), farLater: goodcoOn('2024-12-02') })) {
      const session = new CdrSession();
      await session.read([{ name: 'day.csv', blob: new Blob([`${[header, ...own, ...other].join('\n')}\n`]) }]);
      const q = { window: null, trunks: [], bucketMs: null, topN: 20 };
      // The page's first table (counted before the seal), then the dashboard's answer the CLI and a share link take.
      const sinceOf = (onsets: readonly Onset[]) => onsets.map((o) => ({ trunk: o.trunk, onset: wallTime(o.atMs), before: o.before, after: o.after }));
      expect(sinceOf(session.firstTable(q).onsets), name).toEqual([{ trunk: 'fundco', ...ranOut }]);
      expect(sinceOf(session.query(q).onsets), name).toEqual([{ trunk: 'fundco', ...ranOut }]);
      const d = session.diagnose(null).find((x) => x.trunk === 'fundco')!;
      expect(d.evidence?.numbers, name).toEqual(ranOut);
    }
  });
});

describe('what an inconclusive verdict says was looked for', () => {
  it('603 on every call from call 25 of 40 (no baseline of 50 for an onset): it names the run it saw and what an onset needs, not "spread over time"', async () => {
    // Calls 25 … 39 (15, from 10:12:30) declined, calls 0 … 24 answered.
    const d = await diagnose(day((i) => (i >= 25 ? { code: '603', reason: 'Decline' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 15, d: 40 });
    expect(d.evidence?.missing).toEqual([
      'An onset: from 2026-11-16 10:12:30 603 on 15 of 15 (100 %) of attempts (before: 0 of 25 (0 %)), as when a carrier changes a policy or filter, but an onset needs 50 attempts before it and 30 from it on to be told from chance; this trunk has 40 (a longer export or a wider window).',
    ]);
  });

  it('603 on every third call of 40, every caller ID alike: no run, so it says what it looked for', async () => {
    // Calls 0, 3 … 39 (14) declined; each caller ID has 3 or 4 of them.
    const d = await diagnose(day((i) => (i % 3 === 0 ? { code: '603', reason: 'Decline' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 14, d: 40 });
    expect(d.evidence?.missing).toEqual(['No rule matched: no onset (it needs 50 attempts before it), no destination prefix or caller ID refused (nearly) every time, no reason phrase that names a cause.']);
  });

  it('503 on every call from call 25 of 40 (a balance run out, too few calls for an onset): out of funds is among what it is consistent with, a CPS limit is not', async () => {
    // Calls 25 … 39 (15, from 10:12:30) fail 503, calls 0 … 24 are answered; one call every 30 s,
    // so no second holds two attempts and no per-second limit can have been passed.
    const d = await diagnose(day((i) => (i >= 25 ? { code: '503', reason: 'Service Unavailable' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 15, d: 40 });
    expect(d.evidence?.candidates).toEqual(['channel-cap', 'out-of-funds']);
    expect(d.evidence?.missing).toContain(
      'An onset: from 2026-11-16 10:12:30 503 on 15 of 15 (100 %) of attempts (before: 0 of 25 (0 %)), as when a balance runs out, but an onset needs 50 attempts before it and 30 from it on to be told from chance; this trunk has 40 (a longer export or a wider window).',
    );
  });

  it('the same 40 calls in pairs one second apart (10:00:00 and 10:00:01, 10:01:00 and 10:01:01 …): no second holds two, but a CPS limit stays among the candidates', async () => {
    // Calls 2k and 2k + 1 start at 10:k:00 and 10:k:01: whole-second stamps, so the two may be
    // ms apart, over a one-a-second limit counted on a sliding window. Calls 25 … 39 fail 503.
    const rows = ['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination'];
    for (let i = 0; i < 40; i++) {
      const { code, reason } = i >= 25 ? { code: '503', reason: 'Service Unavailable' } : ANSWERED;
      rows.push(`2026-11-16 10:${String(Math.floor(i / 2)).padStart(2, '0')}:0${i % 2},carr,${code},${reason},2125550101,1312555${String(i).padStart(4, '0')}`);
    }
    const d = await diagnose(`${rows.join('\n')}\n`);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 15, d: 40 });
    expect(d.evidence?.candidates).toEqual(['cps-limit', 'channel-cap', 'out-of-funds']);
  });

  it('503 on every third call of 40 (calls 0, 3 … 39): no run of failures, so out of funds is not among the candidates', async () => {
    const d = await diagnose(day((i) => (i % 3 === 0 ? { code: '503', reason: 'Service Unavailable' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 14, d: 40 });
    expect(d.evidence?.candidates).toEqual(['channel-cap']);
    expect(d.evidence?.missing?.some((m) => m.startsWith('An onset'))).toBe(false);
  });
});

describe("a ticket claims the leaf's pattern only where the calls show it", () => {
  it('every call of every caller ID refused "Invalid Caller ID": no "other caller IDs are fine" (there are none)', async () => {
    const d = await diagnose(day(() => INVALID_CALLER_ID));
    expect(d.verdict).toBe('caller-id-blocked');
    // 4 caller IDs, 10 calls each, all refused; no call on any other caller ID.
    expect(d.evidence?.numbers).toMatchObject({ keysRefused: { n: 40, d: 40 }, elsewhere: { n: 0, d: 0 }, keys: 4, keysTriedOnce: 0 });
    const ticket = ticketText(d)!;
    expect(ticket).not.toContain('are fine');
    expect(ticket.split('\n')[0]).toMatch(/^Trunk carr: You answered "403 Invalid Caller ID" on 40 of our 40 attempts on this trunk on calls presenting 212555010\d, /);
  });
});

describe('a ticket says "every time" only of caller IDs tried more than once', () => {
  it('one caller ID refused 10 of 10 and three refused on their only call: what the carrier answered, not "every time"', async () => {
    const header = 'Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination';
    const at = (i: number) => `2026-11-16 10:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`;
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => `${at(i)},carr,403,Invalid Caller ID,2125550102,1312555${String(i).padStart(4, '0')}`),
      ...[0, 1, 2].map((k) => `${at(10 + k)},carr,403,Invalid Caller ID,212555020${k + 1},1312555${String(10 + k).padStart(4, '0')}`),
      ...Array.from({ length: 27 }, (_, i) => `${at(13 + i)},carr,200,OK,2125550101,1312555${String(13 + i).padStart(4, '0')}`),
    ];
    const d = await diagnose(`${[header, ...rows].join('\n')}\n`);
    expect(d.verdict).toBe('caller-id-blocked');
    expect(d.evidence?.numbers).toMatchObject({ keysRefused: { n: 13, d: 13 }, elsewhere: { n: 0, d: 27 }, keys: 4, keysTriedOnce: 3 });
    expect(ticketText(d)!.split('\n')[0]).toMatch(/^Trunk carr: You answered "403 Invalid Caller ID" on 13 of our 40 attempts/);
  });
});

describe('failures that are neither a limit nor a refusal', () => {
  /** A portal export that states only a status (Twilio's Call resource: completed, failed, busy …), one call every 30 s. */
  const statusDay = (failed: (i: number) => boolean) =>
    `${['StartTime,Trunk,Status,To,From', ...Array.from({ length: 40 }, (_, i) => `2026-11-16 10:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'},carr,${failed(i) ? 'failed' : 'completed'},1312555${String(i).padStart(4, '0')},2125550101`)].join('\n')}\n`;

  it('12 of 40 calls "failed" (a status and nothing else): inconclusive, not healthy', async () => {
    const d = await diagnose(statusDay((i) => i % 10 < 3));
    expect(d.attempts).toBe(40);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.failedOtherwise).toEqual({ n: 12, d: 40 });
    expect(d.evidence?.summary).toContain('The file says only that they failed');
    // Its sample calls are failed ones (destination 1312555 + the call's index, i % 10 < 3).
    expect(d.evidence?.samples.length).toBeGreaterThan(0);
    for (const c of d.evidence?.samples ?? []) expect(Number(c.destination.slice(-4)) % 10).toBeLessThan(3);
  });

  it('1 of 40 "failed" is background: healthy', async () => {
    expect((await diagnose(statusDay((i) => i === 7))).verdict).toBe('healthy');
  });

  it('12 × 488 Not Acceptable Here: inconclusive, naming the code the flowchart has no branch for', async () => {
    const d = await diagnose(day((i) => (i % 10 < 3 ? { code: '488', reason: 'Not Acceptable Here' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.failedOtherwise).toEqual({ n: 12, d: 40 });
    expect(d.evidence?.summary).toMatch(/^Attempts that failed as neither a limit \(503\) nor a refusal \(603\): 12 of 40 \(30 %\), 488[^,]* × 12\. The flowchart has no branch for these codes/);
    expect(d.evidence?.missing?.[0]).toMatch(/^What these codes mean: 488: no codec or media the two sides share\./);
  });

  it('12 × 428 Use Identity Header (RFC 8224: the call was not signed) names no caller ID: inconclusive, saying what 428 asks for', async () => {
    const d = await diagnose(day((i) => (i % 10 < 3 ? { code: '428', reason: 'Use Identity Header' } : ANSWERED)));
    expect(d.verdict).toBe('inconclusive');
    expect(d.findings.some((f) => f.leaf === 'caller-id-blocked')).toBe(false);
    expect(d.evidence?.missing?.[0]).toContain('428 Use Identity Header: the far end wants calls signed (STIR/SHAKEN)');
  });
});

describe('what a file cannot show, said as such', () => {
  it('times saved without seconds (HH:MM): 503s with no knee say the seconds are missing, not only ring time', async () => {
    // 60 calls, 10:00 to 10:59 one a minute, every fourth 503.
    const rows = Array.from({ length: 60 }, (_, i) => `2026-11-16 10:${String(i).padStart(2, '0')},carr,${i % 4 === 0 ? '503,Service Unavailable' : '200,OK'},2125550101,1312555${String(i).padStart(4, '0')}`);
    const d = await diagnose(`${['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination', ...rows].join('\n')}\n`);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 15, d: 60 });
    expect(d.evidence?.missing?.[0]).toMatch(/^Seconds in the start times: every start in this file is on a whole minute/);
    // The same calls with seconds: nothing said about seconds.
    const withSeconds = await diagnose(`${['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination', ...rows.map((r) => r.replace(/^(\S+ \d\d:\d\d)/, '$1:07'))].join('\n')}\n`);
    expect(withSeconds.evidence?.missing?.some((m) => m.startsWith('Seconds in the start times'))).toBe(false);
  });

  it('times saved without seconds: a minute\'s calls are not read as one second\'s (no CPS limit of 40 on a 1-CPS trunk)', async () => {
    // 60 calls a minute (one a second in truth) for 10 minutes, the last 20 of each minute 503:
    // at HH:MM every minute reads as one second of 60 attempts, 20 refused, so per second there
    // would be a knee at 60 and a "limit" of 40. The file cannot show calls per second at all.
    const rows = Array.from({ length: 600 }, (_, i) => `2026-11-16 10:0${Math.floor(i / 60)},carr,${i % 60 >= 40 ? '503,Service Unavailable' : '200,OK'},2125550101,1312555${String(i).padStart(4, '0')}`);
    const d = await diagnose(`${['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination', ...rows].join('\n')}\n`);
    expect(d.findings.some((f) => f.leaf === 'cps-limit')).toBe(false);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers.rejects).toEqual({ n: 200, d: 600 });
    expect(d.evidence?.missing?.[0]).toMatch(/^Seconds in the start times: every start in this file is on a whole minute/);
  });
});

describe('one day beyond background in a file of several', () => {
  const header = 'Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination';
  /** `calls` calls on `date` from 08:00, one every 30 s; call i gets 503 when `refused(i)`. */
  const dayRows = (date: string, calls: number, refused: (i: number) => boolean) =>
    Array.from({ length: calls }, (_, i) => {
      const sec = 8 * 3600 + i * 30;
      const hms = [Math.floor(sec / 3600), Math.floor(sec / 60) % 60, sec % 60].map((n) => String(n).padStart(2, '0')).join(':');
      return `${date} ${hms},carr,${refused(i) ? '503,Service Unavailable' : '200,OK'},2125550101,1312555${String(i).padStart(4, '0')}`;
    });

  it('400 clean calls on day 1, 13 of 100 refused on day 2 (2.6 % overall): inconclusive, naming day 2, not healthy', async () => {
    const d = await diagnose(`${[header, ...dayRows('2026-11-16', 400, () => false), ...dayRows('2026-11-17', 100, (i) => i % 8 === 3)].join('\n')}\n`);
    expect(d.attempts).toBe(500);
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.numbers).toMatchObject({ day: '2026-11-17', dayRejects: { n: 13, d: 100 }, otherDays: { n: 0, d: 400 } });
    expect(d.evidence?.summary).toBe('Rejections beyond background on 2026-11-17: 13 of 100 (13 %), against 0 of 400 (0 %) on the other days; over the whole period they stay under background.');
  });

  it('an 83-minute file across midnight is one day: the same calls read alike from 23:00 or from 21:00', async () => {
    // 500 calls every 10 s; 13 of the last 100 refused (2.6 % overall). From 23:00 the last 100 fall
    // after midnight, 13 of them refused: no "day" of their own for a file shorter than a day.
    const rows = (fromHour: number) =>
      Array.from({ length: 500 }, (_, i) => {
        const sec = fromHour * 3600 + i * 10;
        const date = sec >= 86_400 ? '2026-11-17' : '2026-11-16';
        const s2 = sec % 86_400;
        const hms = [Math.floor(s2 / 3600), Math.floor(s2 / 60) % 60, s2 % 60].map((n) => String(n).padStart(2, '0')).join(':');
        return `${date} ${hms},carr,${i >= 400 && i % 8 === 3 ? '503,Service Unavailable' : '200,OK'},2125550101,1312555${String(i).padStart(4, '0')}`;
      });
    const late = await diagnose(`${[header, ...rows(23)].join('\n')}\n`);
    const early = await diagnose(`${[header, ...rows(21)].join('\n')}\n`);
    expect(late.rate503).toEqual({ n: 13, d: 500 });
    expect(late.verdict).toBe('healthy');
    expect(early.verdict).toBe('healthy');
  });

  it('the same refusals spread over both days (1 in 40 each day): healthy', async () => {
    const d = await diagnose(`${[header, ...dayRows('2026-11-16', 400, (i) => i % 40 === 3), ...dayRows('2026-11-17', 100, (i) => i % 40 === 3)].join('\n')}\n`);
    expect(d.verdict).toBe('healthy');
  });
});

describe('one number refused every time it is dialled', () => {
  /**
   * 60 calls every 45 s; calls 0, 3, 6 … dial the refused numbers, `dials[k]` calls to number k
   * (4479119999k0) in turn, each refused 603; the others each their own number, answered.
   */
  const redials = (dials: readonly number[]): string => {
    const rows = ['Start Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination'];
    const refused = dials.flatMap((n, k) => Array<string>(n).fill(`4479119999${k}0`));
    for (let i = 0; i < 60; i++) {
      const number = i % 3 === 0 ? refused[i / 3] : undefined;
      const t = new Date(Date.UTC(2026, 10, 3, 10, 0, 0) + i * 45_000).toISOString().slice(0, 19).replace('T', ' ');
      rows.push(`${t},carr,${number ? '603,Decline' : '200,OK'},12025550100,${number ?? String(447911000000 + i * 137)}`);
    }
    return `${rows.join('\n')}\n`;
  };
  /** The diagnosis's destination-blocked finding, its primary or one beside it, or null. */
  const blocked = async (dials: readonly number[]) => {
    const d = await diagnose(redials(dials));
    return [d.evidence, ...d.findings].find((f) => f?.leaf === 'destination-blocked') ?? null;
  };

  it('20 of 20 times, every other number answered: destination-blocked, naming it (its prefix is shared with the answered ones)', async () => {
    const d = await diagnose(redials([20]));
    expect(d.verdict).toBe('destination-blocked');
    expect(d.confidence).toBe('high');
    expect(d.evidence?.numbers).toMatchObject({ prefixes: ['447911999900'], keys: 1, refused: { n: 20, d: 20 }, rest: { n: 0, d: 40 } });
    // Shuffled rows: the same finding.
    const [header, ...rows] = redials([20]).trimEnd().split('\n');
    const shuffled = rows.map((r, i) => [(i * 37) % rows.length, r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    expect((await diagnose(`${[header, ...shuffled].join('\n')}\n`)).evidence?.numbers.refused).toEqual({ n: 20, d: 20 });
  });

  it('a finding needs 10 refusals; fewer than three numbers need one dialled 8 times', async () => {
    expect((await blocked([10]))?.numbers.refused).toEqual({ n: 10, d: 10 });
    expect(await blocked([9])).toBeNull();
    // Two numbers, 5 of 5 each: 10 refusals, but neither dialled 8 times.
    expect(await blocked([5, 5])).toBeNull();
    // 8 of 8 and 2 of 2: one of them dialled 8 times.
    expect((await blocked([8, 2]))?.numbers).toMatchObject({ keys: 2, refused: { n: 10, d: 10 } });
  });
});

describe('a plateau that is only the top of a burst', () => {
  /**
   * Ten minutes of one trunk from 10:00:00. Quiet calls: one every 30 s (q = 0 … 19), q even
   * answered (5 s ring, 60 s talk), q odd busy (486 after 3 s). Bursts: at 10:00:15 + 75 s × b
   * (b = 0 … 7) five calls in the same second, two answered as above, three refused 503 at once.
   * Bursts b = 1, 3, 5, 7 (10:01:30, 10:04:00, 10:06:30, 10:09:00) share their second with a quiet
   * call. Per second: 16 seconds of 1 attempt (0 refused), 4 of 5 and 4 of 6 (12 + 12 refused).
   */
  function bursts(): string {
    const rows: Array<[number, string]> = [];
    const at = (sec: number) => `2026-11-16 10:${String(Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}`;
    const call = (sec: number, kind: 'answered' | 'busy' | '503') => {
      const n = rows.length;
      const [answer, end, code] = kind === 'answered' ? [at(sec + 5), at(sec + 65), '200,OK'] : kind === 'busy' ? ['', at(sec + 3), '486,Busy Here'] : ['', at(sec), '503,Service Unavailable'];
      rows.push([sec, `${at(sec)},${answer},${end},carr,${code},2125550101,1312555${String(n).padStart(4, '0')}`]);
    };
    for (let q = 0; q < 20; q++) call(30 * q, q % 2 === 0 ? 'answered' : 'busy');
    for (let b = 0; b < 8; b++) for (let c = 0; c < 5; c++) call(15 + 75 * b, c < 2 ? 'answered' : '503');
    rows.sort((a, b) => a[0] - b[0]);
    return `${['Start Time,Answer Time,End Time,Carrier,SIP Code,SIP Reason,Caller ID,Destination', ...rows.map((r) => r[1])].join('\n')}\n`;
  }

  it('503s only in seconds busier than the ordinary one call a second: not a channel cap, a CPS limit looks the same', async () => {
    const d = await diagnose(bursts());
    expect(d.attempts).toBe(60);
    expect(d.rate503).toEqual({ n: 24, d: 60 });
    expect(d.verdict).toBe('inconclusive');
    expect(d.evidence?.candidates).toEqual(['cps-limit', 'channel-cap']);
    expect(d.evidence?.numbers.ordinaryCps).toBe(1);
    expect(d.evidence?.numbers.ordinarySeconds).toEqual({ n: 0, d: 16 });
    expect(d.evidence?.numbers.busierSeconds).toEqual({ n: 24, d: 44 });
    expect(d.findings.some((f) => f.leaf === 'channel-cap')).toBe(false);
  });
});
