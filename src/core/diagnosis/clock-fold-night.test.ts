/**
 * The night US clocks go back (2026-11-01 02:00 EDT → 01:00 EST), in an Asterisk Master.csv written
 * in local time: its rows show 01:00–01:59 twice. Metamorphic: the same traffic twelve hours later
 * (no change of clock in it) must get the same verdict and numbers, whether or not it has a CPS limit.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { diagnoseTrunks } from './evidence';

const HOUR_MS = 3_600_000;
/** 2026-11-01 04:00 UTC, 00:00 EDT: the night's first call. The clocks go back at 06:00 UTC. */
const NIGHT = Date.UTC(2026, 10, 1, 4);
const CHANGE = Date.UTC(2026, 10, 1, 6);

interface NightCall {
  /** The real instant (UTC ms). */
  at: number;
  refused: boolean;
}

/** New York's wall time of an instant, as the file writes it. */
const newYork = (utc: number) => new Date(utc - (utc < CHANGE ? 4 : 5) * HOUR_MS).toISOString().slice(0, 19).replace('T', ' ');

/**
 * One Master.csv row per call (18 columns: uniqueid = epoch seconds, userfield = HANGUPCAUSE's SIP
 * text), in the order Asterisk writes them: at each call's end. Answered calls last 25 s (or
 * `answeredSeconds`), refused ones 1 s.
 */
function masterCsv(calls: readonly NightCall[], shiftMs = 0, answeredSeconds = 25): string {
  const rows = calls.map(({ at, refused }, i) => {
    const start = at + shiftMs;
    const end = start + (refused ? 1 : answeredSeconds) * 1000;
    const n = String(1000 + i);
    const dst = `1212555${n}`;
    const answer = refused ? '' : `"${newYork(start + 5000)}"`;
    const result = refused ? '0,"FAILED","DOCUMENTATION"' : '20,"ANSWERED","DOCUMENTATION"';
    const line =
      `"","13125550100","${dst}","from-dialer","""Campaign"" <13125550100>","Local/${dst}@from-dialer-0000${n};2","PJSIP/carrier-a-0001${n}",` +
      `"Dial","PJSIP/${dst}@carrier-a,60,tT","${newYork(start)}",${answer},"${newYork(end)}",${(end - start) / 1000},${result},` +
      `"${start / 1000}.${i}","${refused ? 'SIP 503 Service Unavailable' : 'SIP 200 OK'}"`;
    return { end, line };
  });
  rows.sort((a, b) => a.end - b.end);
  return rows.map((r) => `${r.line}\n`).join('');
}

/**
 * Every 40 s for four hours (90 calls an hour): 00:00–00:59 EDT, 01:00–01:59 EDT, 01:00–01:59 EST
 * (the second pass: the same wall seconds, 3,600 s being 90 × 40 s), 02:00–02:59 EST. In the second
 * pass the carrier refuses 4 calls in 5: an outage of an hour, not a rate.
 */
function everyFortySeconds(): NightCall[] {
  return Array.from({ length: 360 }, (_, i) => ({ at: NIGHT + i * 40_000, refused: i >= 180 && i < 270 && i % 5 !== 0 }));
}

/**
 * The same night with a CPS limit of 2: in the second pass each call of the 40 s traffic is a burst
 * of 4 in one second, 2 of them refused (90 bursts), in the wall seconds of the first pass's calls.
 */
function burstsInSecondPass(): NightCall[] {
  return everyFortySeconds().flatMap(({ at }, i) =>
    i >= 180 && i < 270 ? Array.from({ length: 4 }, (_, k) => ({ at: at + k * 100, refused: k >= 2 })) : [{ at, refused: false }],
  );
}

async function read(text: string) {
  const { summary, store } = await ingestFiles([{ name: 'Master.csv', blob: new Blob([text]) }]);
  const [trunk] = diagnoseTrunks(store, { files: summary.files });
  return { file: summary.files[0]!, verdict: trunk!.verdict, confidence: trunk!.confidence, numbers: trunk!.evidence?.numbers, findings: trunk!.findings.map((f) => f.leaf) };
}

describe('a Master.csv of the night clocks go back', () => {
  it('claims no CPS limit or channel cap from 01:00–02:00 shown twice, says the hour repeats, and reads as the same traffic twelve hours later', async () => {
    const night = await read(masterCsv(everyFortySeconds()));
    const noon = await read(masterCsv(everyFortySeconds(), 12 * HOUR_MS));
    // Read as one hour, 01:00–01:59 had 90 seconds of 2 calls with 72 of 180 refused, 0 of 180 outside
    // it: "cps-limit (high)", and a channel "plateau" at twice the calls up. An hour of 72 refusals in
    // 90 calls, then none, is no pattern the file can name: inconclusive, as at noon.
    expect({ verdict: night.verdict, confidence: night.confidence, findings: night.findings }).toEqual({ verdict: 'inconclusive', confidence: 'low', findings: [] });
    expect(night.numbers).toEqual({ rejects: { n: 72, d: 360 }, rate503: { n: 72, d: 360 }, rate603: { n: 0, d: 360 } });
    expect({ ...night, file: null }).toEqual({ ...noon, file: null });
    expect(night.file.repeatedHours).toEqual([{ fromMs: Date.UTC(2026, 10, 1, 1), secondPassCalls: 90 }]);
    expect(noon.file.repeatedHours).toEqual([]);
  });

  it('claims no channel cap from twice the calls up: calls of 200 s, every 40 s, hold 5 channels, not 6', async () => {
    const night = await read(masterCsv(everyFortySeconds(), 0, 200));
    const noon = await read(masterCsv(everyFortySeconds(), 12 * HOUR_MS, 200));
    // Read as one hour, the second pass's refusals started with the first pass's 5 calls up too: a
    // "plateau" at 6 held most of the hour, with every attempt there refused.
    expect(night.verdict).toBe('inconclusive');
    expect(night.findings).toEqual([]);
    expect({ ...night, file: null }).toEqual({ ...noon, file: null });
  });

  it('still finds a CPS limit inside the second pass, with the numbers of the same traffic twelve hours later', async () => {
    const night = await read(masterCsv(burstsInSecondPass()));
    const noon = await read(masterCsv(burstsInSecondPass(), 12 * HOUR_MS));
    // 90 seconds of 4 (360 attempts, 180 refused: the carrier took 2 a second) and 270 of 1, clean.
    // Read as one hour, each burst shared its wall second with a first-pass call: 90 seconds of 5,
    // 180 of 1 below, and a limit of (450 − 180) / 90 = 3.
    expect(night.verdict).toBe('cps-limit');
    expect(night.numbers).toEqual({ kneeCps: 4, limitCps: 2, atOrAbove: { n: 180, d: 360 }, below: { n: 0, d: 270 }, peakCps: 4, p99Cps: 4, busySeconds: 90 });
    expect(night.numbers).toEqual(noon.numbers);
    expect(night.file.repeatedHours).toEqual([{ fromMs: Date.UTC(2026, 10, 1, 1), secondPassCalls: 360 }]);
  });
});
