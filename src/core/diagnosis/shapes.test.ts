/**
 * Traffic shapes the sample day does not have, over several seeds: two causes on one trunk (CPS
 * bursts all day, out of funds from 11:34), a channel cap under heavy overload (demand 2–10 × the
 * cap, whole-second times), failover from a CPS-limited trunk to a healthy one, a healthy trunk
 * with a hard list (40 % busy or unanswered), several days. Then metamorphic checks on the same
 * files: rows shuffled, the file split in two and dropped together, another trunk's traffic added,
 * trunks renamed — no trunk's verdict moves.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { ScenarioSpec, TrunkPlan } from '../scenario/scenario';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { genericCsvWriter } from '../scenario/writers/generic-csv';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import { wallTime } from './context';
import { diagnoseTrunks } from './evidence';
import type { TrunkDiagnosis } from './types';

const SEEDS = [1, 2, 3];
const AT_11_34 = 11 * 3600 + 34 * 60;

const spec = (seed: number, trunks: TrunkPlan[], more: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  seed,
  date: '2026-11-16',
  fromSecond: 9 * 3600,
  toSecond: 13 * 3600,
  scale: 1,
  trunks,
  ...more,
});

const TWO_CAUSES: TrunkPlan = { name: 'two-causes', dialPrefix: '8', problem: 'cps-limit', peakCps: 0.25, cpsLimit: 3, burstFactor: 16, fundsOutAt: AT_11_34 };
const HARD_LIST: TrunkPlan = { name: 'hard-list', dialPrefix: '9', problem: 'healthy', peakCps: 0.2, busyShare: 0.4 };
const PRIMARY: TrunkPlan = { name: 'primary', dialPrefix: '6', problem: 'cps-limit', peakCps: 0.2, cpsLimit: 2, burstFactor: 12, failoverTo: 'backup' };
const BACKUP: TrunkPlan = { name: 'backup', dialPrefix: '5', problem: 'healthy', peakCps: 0.1 };
const cap = (peakCps: number): TrunkPlan => ({ name: 'capped', dialPrefix: '7', problem: 'channel-cap', peakCps, channelCap: 12 });

async function diagnose(files: ReadonlyArray<{ name: string; text: string }>): Promise<Map<string, TrunkDiagnosis>> {
  const { summary, store } = await ingestFiles(files.map((f) => ({ name: f.name, blob: new Blob([f.text]) })));
  return new Map(diagnoseTrunks(store, { files: summary.files }).map((d) => [d.trunk, d]));
}
const one = (writer: ScenarioWriter, s: ScenarioSpec) => diagnose([{ name: writer.fileName, text: writeScenarioText(s, writer) }]);
const prefix = (p: TrunkPlan) => `prefix ${p.dialPrefix}`;

describe('two causes on one trunk: CPS bursts all day, out of funds from 11:34', () => {
  it.each(SEEDS)('seed %i: both found, each with its own window and numbers', async (seed) => {
    const d = (await one(vicidialExportCallsCarrierWriter, spec(seed, [TWO_CAUSES, HARD_LIST])) ).get(prefix(TWO_CAUSES))!;
    const all = [d.evidence!, ...d.findings];
    const funds = all.find((f) => f.leaf === 'out-of-funds');
    const cps = all.find((f) => f.leaf === 'cps-limit');
    expect([d.verdict, ...d.findings.map((f) => f.leaf)], d.evidence?.summary).toEqual(expect.arrayContaining(['cps-limit', 'out-of-funds']));
    // The balance runs out at 11:34:00: the onset is the first call from then on, a few seconds later.
    const onset = String(funds!.numbers.onset);
    expect(onset >= '2026-11-16 11:34:00' && onset < '2026-11-16 11:35:00', onset).toBe(true);
    // The bursts are found before the onset: the carrier's limit (3) + 1 is the first rate that fails.
    expect(cps!.numbers.limitCps).toBe(3);
    expect(cps!.summary.startsWith(`Before ${onset}: `)).toBe(true);
    expect(wallTime(cps!.window!.toMs - 1000) < onset).toBe(true);
  });
});

describe('channel cap under heavy overload, whole-second times', () => {
  // Demand at the peak hour ≈ peakCps × ~60 s held: 0.6 → ~3 × the cap of 12, 2.0 → ~10 ×.
  it.each(SEEDS.flatMap((seed) => [0.6, 1.2, 2.0].map((peakCps) => ({ seed, peakCps }))))('seed $seed, peak $peakCps CPS: channel-cap at 12', async ({ seed, peakCps }) => {
    const d = (await one(vicidialExportCallsCarrierWriter, spec(seed, [cap(peakCps)]))).get('prefix 7')!;
    expect(d.verdict, d.evidence?.summary).toBe('channel-cap');
    expect(d.evidence!.numbers.plateau).toBe(12);
  });

  it('two days of it: the same cap', async () => {
    const d = (await one(vicidialExportCallsCarrierWriter, spec(4, [cap(1.2)], { days: 2 }))).get('prefix 7')!;
    expect(d.verdict).toBe('channel-cap');
    expect(d.evidence!.numbers.plateau).toBe(12);
  });
});

describe('CPS knee under heavy overload', () => {
  // Bursts of 10–30 × the trunk's rate against a limit of 3 per second: 57–76 % of the attempts in
  // busy seconds refused; the knee stays at 4 (the limit + 1).
  it.each(SEEDS.slice(0, 2).flatMap((seed) => [[0.5, 30], [1.0, 20], [2.0, 10]].map(([peakCps, burstFactor]) => ({ seed, peakCps: peakCps!, burstFactor: burstFactor! }))))(
    'seed $seed, peak $peakCps CPS, bursts × $burstFactor: cps-limit, knee 4',
    async ({ seed, peakCps, burstFactor }) => {
      const plan: TrunkPlan = { name: 'bursty', dialPrefix: '8', problem: 'cps-limit', peakCps, cpsLimit: 3, burstFactor };
      const d = (await one(vicidialExportCallsCarrierWriter, spec(seed, [plan], { toSecond: 12 * 3600 }))).get('prefix 8')!;
      expect(d.verdict, d.evidence?.summary).toBe('cps-limit');
      expect(d.evidence!.numbers.kneeCps).toBe(4);
    },
  );
});

describe('failover, a hard list, several days', () => {
  it.each(SEEDS)('seed %i: a CPS-limited trunk failing over to a healthy one → cps-limit and healthy', async (seed) => {
    const ds = await one(vicidialExportCallsCarrierWriter, spec(seed, [PRIMARY, BACKUP]));
    expect(ds.get(prefix(PRIMARY))!.verdict).toBe('cps-limit');
    expect(ds.get(prefix(PRIMARY))!.evidence!.numbers.kneeCps).toBe(3);
    expect(ds.get(prefix(BACKUP))!.verdict).toBe('healthy');
  });

  it.each(SEEDS)('seed %i: 40 percent busy or unanswered is the called side: healthy with SIP codes, never a block with dispositions', async (seed) => {
    const s = spec(seed, [HARD_LIST]);
    const sip = (await one(vicidialExportCallsCarrierWriter, s)).get(prefix(HARD_LIST))!;
    expect(sip.verdict, sip.evidence?.summary).toBe('healthy');
    const dispositions = (await one(asteriskMasterCsvWriter({ hangupCauseInUserfield: false }), s)).get(HARD_LIST.name)!;
    expect(dispositions.verdict, dispositions.evidence?.summary).toBe('healthy');
    expect(dispositions.confidence).toBe('medium');
  });

  it('three days: a CPS limit and a blocked caller ID hold day after day', async () => {
    const blocked: TrunkPlan = { name: 'cid', dialPrefix: '4', problem: 'caller-id-blocked', peakCps: 0.1, callerIds: ['13125550142'] };
    const ds = await one(vicidialExportCallsCarrierWriter, spec(5, [PRIMARY, BACKUP, blocked], { days: 3 }));
    expect(ds.get(prefix(PRIMARY))!.verdict).toBe('cps-limit');
    expect(ds.get(prefix(blocked))!.verdict).toBe('caller-id-blocked');
    expect(ds.get(prefix(blocked))!.evidence!.numbers.callerIds).toEqual(['13125550142']);
  });
});

describe('metamorphic: the verdict of a trunk does not move', () => {
  const verdicts = (ds: Map<string, TrunkDiagnosis>, rename = (t: string) => t) =>
    Object.fromEntries([...ds.values()].map((d) => [rename(d.trunk), `${d.verdict} (${d.confidence})`]));

  it.each(SEEDS.slice(0, 2))('seed %i: shuffled, split in two, with another trunk added, renamed', async (seed) => {
    const s = spec(seed, [TWO_CAUSES, HARD_LIST, PRIMARY, BACKUP, { name: 'cid', dialPrefix: '4', problem: 'caller-id-blocked', peakCps: 0.1, callerIds: ['13125550142'] }]);
    const text = writeScenarioText(s, genericCsvWriter);
    const [header, ...rows] = text.split('\r\n').filter((l) => l !== '');
    const base = verdicts(await diagnose([{ name: 'a.csv', text }]));
    expect(Object.keys(base).sort()).toEqual(['backup', 'cid', 'hard-list', 'primary', 'two-causes']);

    // Rows in another order (a deterministic permutation).
    const shuffled = rows.map((r, i) => ({ r, k: (i * 2654435761) % 4294967291 })).sort((a, b) => a.k - b.k).map((x) => x.r);
    const file = (lines: string[]) => [header, ...lines, ''].join('\r\n');
    expect(verdicts(await diagnose([{ name: 'a.csv', text: file(shuffled) }]))).toEqual(base);

    // Split in two, both dropped together.
    const half = Math.floor(shuffled.length / 2);
    expect(verdicts(await diagnose([{ name: 'a1.csv', text: file(shuffled.slice(0, half)) }, { name: 'a2.csv', text: file(shuffled.slice(half)) }]))).toEqual(base);

    // Another trunk's traffic beside it (its own file and seed).
    const other = writeScenarioText(spec(seed + 100, [{ name: 'elsewhere', dialPrefix: '3', problem: 'carrier-policy-change', peakCps: 0.2, onsetSecond: 10 * 3600 }]), genericCsvWriter);
    const withOther = verdicts(await diagnose([{ name: 'a.csv', text }, { name: 'b.csv', text: other }]));
    expect(withOther.elsewhere).toMatch(/^carrier-policy-change/);
    delete withOther.elsewhere;
    expect(withOther).toEqual(base);

    // Trunks renamed.
    const renamed = text.replace(/,(two-causes|hard-list|primary|backup|cid),/g, ',renamed $1,');
    expect(verdicts(await diagnose([{ name: 'a.csv', text: renamed }]), (t) => t.replace(/^renamed /, ''))).toEqual(base);
  });
});
