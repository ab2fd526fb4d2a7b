/**
 * Metamorphic checks on the traffic shapes the sample day does not have, each in a format of its
 * own and over two seeds: a Kamailio acc file behind a proxy that challenges with digest auth
 * (407, retry on the same call id; some retries refused by the carrier) with failover between
 * trunks 1–4 s after a 503; a CPS limit under heavy overload in acc, stamped at the final reply
 * (cps-limit where the knee holds, else an inconclusive that says so) and with the INVITE's time
 * logged (cps-limit); a channel cap under 3–6 × its load (whole-second times, VICIdial
 * carrier log); three days (generic CSV); two causes on one trunk beside a healthy trunk whose
 * calls end busy or unanswered 40 % of the time (VICIdial Export Calls). Each trunk's verdict,
 * confidence and further findings must not move when the rows are shuffled, the file is split in
 * two and both halves are dropped together, another trunk's traffic (its own file) is added, or
 * the trunks are renamed. Small days (two hours; the three days 40 minutes each) keep the suite fast.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { ingestFiles } from '../ingest/ingest-files';
import type { ScenarioSpec, SimulatedCall, TrunkPlan } from '../scenario/scenario';
import { simulateDay } from '../scenario/simulate';
import { genericCsvWriter } from '../scenario/writers/generic-csv';
import { kamailioAccWriter, kamailioAccWriterWith } from '../scenario/writers/kamailio-acc';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import { diagnoseTrunks } from './evidence';
import type { VerdictId } from './tree';

interface Shape {
  label: string;
  writer: ScenarioWriter;
  trunks: TrunkPlan[];
  more?: Partial<ScenarioSpec>;
  /**
   * The verdict each trunk must get, by the name the file gives it; a list where the file supports
   * either (an inconclusive among them must name what the file cannot show: STAMPED_AT_REPLY).
   */
  expected: Record<string, VerdictId | readonly VerdictId[]>;
  /** Give every trunk another name in the file's text; `back` maps a new name to the old one. */
  rename: (text: string) => string;
  back: (name: string) => string;
  /** Another trunk's traffic in the same format (a file of its own), and its name. */
  other: { trunks: TrunkPlan[]; name: string };
}

const SEEDS = [1, 2];
const spec = (seed: number, trunks: TrunkPlan[], more: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  seed,
  date: '2026-11-16',
  fromSecond: 10 * 3600,
  toSecond: 12 * 3600,
  scale: 1,
  trunks,
  ...more,
});

/** A trunk that dials nothing: keeps the other file's trunk on a gateway group of its own. */
const idle = (name: string): TrunkPlan => ({ name, dialPrefix: '0', problem: 'healthy', peakCps: 0 });
/** The other trunk refuses everything with 403 Forbidden: the same verdict on one day or three. */
const ELSEWHERE: TrunkPlan = { name: 'elsewhere', dialPrefix: '3', problem: 'auth-or-disabled-trunk', peakCps: 0.05 };

const PRIMARY: TrunkPlan = { name: 'primary', dialPrefix: '6', problem: 'cps-limit', peakCps: 0.2, cpsLimit: 2, burstFactor: 12 };
/**
 * Out of funds from 11:00, each 503 retried on the backup 1–4 s later. (A CPS limit in acc has
 * shapes of its own below: its knee is not found on every seed.)
 */
const DRAINED: TrunkPlan = { name: 'drained', dialPrefix: '6', problem: 'out-of-funds', peakCps: 0.2, onsetSecond: 11 * 3600, failoverTo: 'backup' };
const BACKUP: TrunkPlan = { name: 'backup', dialPrefix: '5', problem: 'healthy', peakCps: 0.1 };
const CID: TrunkPlan = { name: 'cid', dialPrefix: '4', problem: 'caller-id-blocked', peakCps: 0.12, callerIds: ['13125550142'], rejectWith: { sip: 403, reason: 'Invalid Caller ID' } };
const HARD_LIST: TrunkPlan = { name: 'hard-list', dialPrefix: '9', problem: 'healthy', peakCps: 0.2, busyShare: 0.4 };

/**
 * Heavy overload: bursts 12 × a 0.2 CPS mean against a limit of 2 per second. In acc the rows of
 * answered calls are stamped at the answer, so a burst's accepted calls leave its second: the
 * knee may hold or not, and where it does not the verdict must say why (never another leaf).
 */
const OVERLOADED: TrunkPlan = { name: 'overloaded', dialPrefix: '6', problem: 'cps-limit', peakCps: 0.2, cpsLimit: 2, burstFactor: 12 };
/** An inconclusive verdict that names the final-reply stamps (outcomes() marks it). */
const STAMPED_AT_REPLY = '[stamped at final reply]';

/** Gateway group i + 1 at 203.0.113.(10 + i) → group i + 21 at 198.51.100.(10 + i). */
const renameGroups = (text: string) => text.replace(/203\.0\.113\./g, '198.51.100.').replace(/,(\d)\n/g, (_, g: string) => `,${Number(g) + 20}\n`);
/** The same with an invite_time column after dst_gwgroupid (empty on BYE rows). */
const renameGroupsBeforeInviteTime = (text: string) =>
  text.replace(/203\.0\.113\./g, '198.51.100.').replace(/,(\d),([^,\n]*)\n/g, (_, g: string, t: string) => `,${Number(g) + 20},${t}\n`);
const groupBack = (name: string) => name.replace(/^gwgroup (\d+) \(198\.51\.100\./, (_, g: string) => `gwgroup ${Number(g) - 20} (203.0.113.`);
/** VICIdial: the dial prefix in the channel (Local/6…@default) names the trunk ("prefix 6"); 6 → 86. */
const renamePrefixes = (text: string) => text.replace(/Local\/(\d)/g, 'Local/8$1');
const prefixBack = (name: string) => name.replace(/^prefix 8/, 'prefix ');

const SHAPES: Shape[] = [
  {
    label: 'digest auth and failover within seconds (Kamailio acc)',
    writer: kamailioAccWriterWith({ digestAuth: { challenged: 0.4, twice: 0.15, neverRetried: 0.03 } }),
    trunks: [DRAINED, BACKUP, CID],
    expected: { 'gwgroup 1 (203.0.113.10)': 'out-of-funds', 'gwgroup 2 (203.0.113.11)': 'healthy', 'gwgroup 3 (203.0.113.12)': 'caller-id-blocked' },
    rename: renameGroups,
    back: groupBack,
    other: { trunks: [idle('x'), idle('y'), idle('z'), ELSEWHERE], name: 'gwgroup 4 (203.0.113.13)' },
  },
  {
    label: 'CPS limit under heavy overload, each attempt stamped at its final reply (Kamailio acc)',
    writer: kamailioAccWriter,
    trunks: [OVERLOADED, BACKUP],
    expected: { 'gwgroup 1 (203.0.113.10)': ['cps-limit', 'inconclusive'], 'gwgroup 2 (203.0.113.11)': 'healthy' },
    rename: renameGroups,
    back: groupBack,
    other: { trunks: [idle('x'), idle('y'), ELSEWHERE], name: 'gwgroup 3 (203.0.113.12)' },
  },
  {
    label: 'the same overload with the INVITE time logged in an acc extra column (Kamailio acc, invite_time)',
    writer: kamailioAccWriterWith({ inviteTime: true }),
    trunks: [OVERLOADED, BACKUP],
    expected: { 'gwgroup 1 (203.0.113.10)': 'cps-limit', 'gwgroup 2 (203.0.113.11)': 'healthy' },
    rename: renameGroupsBeforeInviteTime,
    back: groupBack,
    other: { trunks: [idle('x'), idle('y'), ELSEWHERE], name: 'gwgroup 3 (203.0.113.12)' },
  },
  {
    label: 'channel cap under 3–6 × its load, whole-second times (VICIdial carrier log)',
    writer: vicidialCarrierLogWriter,
    trunks: [{ name: 'capped', dialPrefix: '7', problem: 'channel-cap', peakCps: 0.9, channelCap: 12 }, { name: 'fine', dialPrefix: '9', problem: 'healthy', peakCps: 0.15 }],
    expected: { 'prefix 7': 'channel-cap', 'prefix 9': 'healthy' },
    rename: renamePrefixes,
    back: prefixBack,
    other: { trunks: [ELSEWHERE], name: 'prefix 3' },
  },
  {
    label: 'three days (generic CSV)',
    writer: genericCsvWriter,
    trunks: [PRIMARY, CID, HARD_LIST],
    more: { days: 3, fromSecond: 10 * 3600, toSecond: 10 * 3600 + 40 * 60 },
    expected: { primary: 'cps-limit', cid: 'caller-id-blocked', 'hard-list': 'healthy' },
    rename: (text) => text.replace(/,(primary|cid|hard-list),/g, ',renamed $1,'),
    back: (name) => name.replace(/^renamed /, ''),
    other: { trunks: [ELSEWHERE], name: 'elsewhere' },
  },
  {
    label: 'two causes on one trunk beside a busy, unanswered list (VICIdial Export Calls)',
    writer: vicidialExportCallsCarrierWriter,
    trunks: [{ name: 'two-causes', dialPrefix: '8', problem: 'cps-limit', peakCps: 0.25, cpsLimit: 3, burstFactor: 16, fundsOutAt: 11 * 3600 + 20 * 60 }, HARD_LIST],
    more: { fromSecond: 9 * 3600 + 30 * 60 },
    expected: { 'prefix 8': 'cps-limit', 'prefix 9': 'healthy' },
    rename: renamePrefixes,
    back: prefixBack,
    other: { trunks: [ELSEWHERE], name: 'prefix 3' },
  },
];

/** Each trunk's verdict, confidence and further findings, by its (mapped back) name. */
async function outcomes(files: ReadonlyArray<{ name: string; text: string }>, back = (t: string) => t): Promise<Record<string, string>> {
  const { summary, store } = await ingestFiles(files.map((f) => ({ name: f.name, blob: new Blob([f.text]) })));
  const out: Record<string, string> = {};
  for (const d of diagnoseTrunks(store, { files: summary.files })) {
    const stamped = d.verdict === 'inconclusive' && d.evidence?.numbers.answeredStampedAtReply !== undefined && /stamps attempts at their final reply/.test(d.evidence.summary);
    out[back(d.trunk)] = `${d.verdict} (${d.confidence})${stamped ? ` ${STAMPED_AT_REPLY}` : ''}${d.findings.map((f) => ` + ${f.leaf}`).join('')}`;
  }
  return out;
}

/** The file's header line, its rows and its line end. */
function rowsOf(text: string): { header: string; rows: string[]; join: (rows: readonly string[]) => string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const [header, ...rows] = text.split(eol).filter((l) => l !== '');
  return { header: header!, rows, join: (r) => [header, ...r, ''].join(eol) };
}

/** A fixed permutation (Fisher–Yates with a small LCG): the same shuffle every run. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe.each(SHAPES)('$label', (shape) => {
  it.each(SEEDS)('seed %i: verdicts as expected, and unmoved by shuffling, splitting, another trunk, renaming', async (seed) => {
    const s = spec(seed, shape.trunks, shape.more);
    const text = writeScenarioText(s, shape.writer);
    const base = await outcomes([{ name: 'day.csv', text }]);
    expect(Object.keys(base).sort()).toEqual(Object.keys(shape.expected).sort());
    for (const [trunk, outcome] of Object.entries(base)) {
      const verdict = outcome.split(' ')[0] as VerdictId;
      const allowed = shape.expected[trunk]!;
      if (typeof allowed === 'string') expect(verdict, trunk).toBe(allowed);
      else expect(allowed, `${trunk}: ${outcome}`).toContain(verdict);
      if (verdict === 'inconclusive' && typeof allowed !== 'string') expect(outcome, trunk).toContain(STAMPED_AT_REPLY);
    }

    const { rows, join } = rowsOf(text);
    const shuffled = shuffle(rows, seed);
    expect(await outcomes([{ name: 'day.csv', text: join(shuffled) }]), 'shuffled').toEqual(base);

    const half = Math.floor(shuffled.length / 2);
    const split = await outcomes([
      { name: 'day-1.csv', text: join(shuffled.slice(0, half)) },
      { name: 'day-2.csv', text: join(shuffled.slice(half)) },
    ]);
    expect(split, 'split in two').toEqual(base);

    const otherText = writeScenarioText(spec(seed + 100, shape.other.trunks, shape.more), shape.writer);
    const withOther = await outcomes([{ name: 'day.csv', text }, { name: 'other.csv', text: otherText }]);
    const { [shape.other.name]: otherOutcome, ...rest } = withOther;
    expect(otherOutcome, 'the other trunk').toMatch(/^auth-or-disabled-trunk/);
    expect(rest, 'another trunk added').toEqual(base);

    const renamed = await outcomes([{ name: 'day.csv', text: shape.rename(text) }], shape.back);
    expect(renamed, 'renamed').toEqual(base);
  });
});

/**
 * Failover counted against the simulator's truth: in a generic CSV (the start of each try) and in
 * Kamailio acc, where each try is stamped at its final reply: a retry that rang shows up its ring
 * time late (up to 32 s here) and the failover window allows for that (RING_ALLOWANCE_MS).
 */
describe.each([
  { format: 'generic CSV', writer: genericCsvWriter, trunk: 'drained' },
  { format: 'Kamailio acc', writer: kamailioAccWriter, trunk: 'gwgroup 1 (203.0.113.10)' },
])('failover within seconds ($format)', ({ writer, trunk }) => {
  it.each(SEEDS)('seed %i: every 503 of the drained trunk retried on the backup 1–4 s later is counted, and how it ended', async (seed) => {
    const s = spec(seed, [DRAINED, BACKUP]);
    // The truth: backup calls to the number and caller ID of a drained 503 within 10 s after it.
    const truth: SimulatedCall[] = [];
    simulateDay(s, (c) => truth.push(c));
    const refused = truth.filter((c) => c.trunkIndex === 0 && c.sipCode === 503);
    const retries = refused.flatMap((r) => truth.filter((c) => c.trunkIndex === 1 && c.nationalNumber === r.nationalNumber && c.callerId === r.callerId && c.startMs > r.startMs && c.startMs - r.startMs <= 10_000));
    expect(refused.length).toBeGreaterThan(100);
    // Only a refusal in the day's last seconds goes without its retry.
    expect(retries.length).toBeGreaterThan(refused.length - 3);
    // Retries that rang 6 s or more: outside a plain 10 s window in acc.
    expect(retries.filter((c) => c.ringSec >= 6).length).toBeGreaterThan(50);

    const { store } = await ingestFiles([{ name: 'calls.csv', blob: new Blob([writeScenarioText(s, writer)]) }]);
    const failover = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 10 }).failover ?? [];
    expect(failover.find((f) => f.trunk === trunk)).toEqual({
      trunk,
      retriedElsewhere: retries.length,
      answered: retries.filter((c) => c.answered).length,
      rejectedAgain: retries.filter((c) => c.sipCode === 503 || c.sipCode === 603).length,
      other: retries.filter((c) => !c.answered && c.sipCode !== 503 && c.sipCode !== 603).length,
    });
  });
});
