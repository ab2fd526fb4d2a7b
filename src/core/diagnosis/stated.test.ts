/**
 * The carrier's words per leaf, in every format that can carry them: each trunk of a small day is
 * refused the way a real carrier words it (Flowroute, Telnyx D codes, DIDWW's 402, RFC 8688's
 * 608, ATIS-1000099's "Network Blocked", a CPS limit sent as 480, a channel limit sent as 403),
 * written by each writer that keeps the code and phrase, read back like a dropped file, diagnosed.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { ScenarioSpec, TrunkPlan } from '../scenario/scenario';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { genericCsvWriter } from '../scenario/writers/generic-csv';
import { carrierAddress } from '../scenario/writers/freeswitch-cdr-csv-opencdrrate';
import { kamailioAccWriter } from '../scenario/writers/kamailio-acc';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import { diagnoseTrunks } from './evidence';
import type { VerdictId } from './tree';
import type { TrunkDiagnosis } from './types';

interface Worded {
  plan: TrunkPlan;
  /** The leaf the words name. */
  want: VerdictId;
}

const WORDED: readonly Worded[] = [
  { want: 'out-of-funds', plan: { name: 'flowroute', dialPrefix: '9', problem: 'out-of-funds', peakCps: 0.15, onsetSecond: 11 * 3600, rejectWith: { sip: 403, reason: 'Insufficient funds remaining - support@flowroute.com' } } },
  { want: 'out-of-funds', plan: { name: 'didww', dialPrefix: '8', problem: 'out-of-funds', peakCps: 0.15, onsetSecond: 11 * 3600, rejectWith: { sip: 402, reason: 'Payment Required' } } },
  { want: 'caller-id-blocked', plan: { name: 'telnyx', dialPrefix: '7', problem: 'caller-id-blocked', peakCps: 0.15, callerIds: ['13125550142', '13125550177'], rejectWith: { sip: 403, reason: 'Caller Origination Number is Invalid D35' } } },
  { want: 'caller-id-blocked', plan: { name: 'analytics', dialPrefix: '6', problem: 'caller-id-blocked', peakCps: 0.15, callerIds: ['13125550118'], rejectWith: { sip: 608, reason: 'Rejected' } } },
  { want: 'caller-id-blocked', plan: { name: 'atis', dialPrefix: '5', problem: 'caller-id-blocked', peakCps: 0.15, callerIds: ['13125550123'], rejectWith: { sip: 603, reason: 'Network Blocked' } } },
  { want: 'no-route', plan: { name: 'intl', dialPrefix: '4', problem: 'no-route', peakCps: 0.15, prefixes: ['44', '63'], rejectWith: { sip: 403, reason: 'International Calling Disabled - support@flowroute.com' } } },
  { want: 'cps-limit', plan: { name: 'cps480', dialPrefix: '3', problem: 'cps-limit', peakCps: 0.15, cpsLimit: 2, burstFactor: 16, rejectWith: { sip: 480, reason: 'CPS Limit Exceeded' } } },
  { want: 'channel-cap', plan: { name: 'chan403', dialPrefix: '2', problem: 'channel-cap', peakCps: 0.3, channelCap: 12, rejectWith: { sip: 403, reason: 'User channel limit exceeded D1' } } },
  { want: 'auth-or-disabled-trunk', plan: { name: 'acl', dialPrefix: '77', problem: 'auth-or-disabled-trunk', peakCps: 0.05, rejectWith: { sip: 403, reason: 'Tech Prefix and IP not in ACL - support@flowroute.com' } } },
  { want: 'healthy', plan: { name: 'fine', dialPrefix: '55', problem: 'healthy', peakCps: 0.15 } },
];

const SPEC: ScenarioSpec = { seed: 7, date: '2026-11-16', fromSecond: 10 * 3600, toSecond: 12 * 3600, scale: 1, trunks: WORDED.map((w) => w.plan) };

interface Case {
  label: string;
  writer: ScenarioWriter;
  name: (plan: TrunkPlan, index: number) => string;
  /** Leaves this format cannot reach whatever the words (no caller IDs, no end times). */
  cannot?: readonly string[];
}

const CASES: Case[] = [
  { label: 'VICIdial Export Calls (SIP HANGUP REASON)', writer: vicidialExportCallsCarrierWriter, name: (p) => `prefix ${p.dialPrefix}` },
  { label: 'VICIdial carrier log (SIP HANGUP REASON)', writer: vicidialCarrierLogWriter, name: (p) => `prefix ${p.dialPrefix}` },
  { label: 'Kamailio acc (sip_reason)', writer: kamailioAccWriter, name: (_, i) => `gwgroup ${i + 1} (${carrierAddress(i)})` },
  { label: 'Asterisk Master.csv (HANGUPCAUSE tech text in userfield)', writer: asteriskMasterCsvWriter({ hangupCauseInUserfield: true }), name: (p) => p.name },
  { label: 'generic CSV (reason column)', writer: genericCsvWriter, name: (p) => p.name },
];

async function diagnose(text: string): Promise<TrunkDiagnosis[]> {
  const { summary, store } = await ingestFiles([{ name: 'unknown', blob: new Blob([text]) }]);
  return diagnoseTrunks(store, { files: summary.files });
}

describe.each(CASES)('$label', ({ writer, name }) => {
  const result = diagnose(writeScenarioText(SPEC, writer));
  it.each(WORDED.map((w, index) => ({ ...w, index, label: `${w.plan.rejectWith ? `${w.plan.rejectWith.sip} "${w.plan.rejectWith.reason}"` : 'no refusal'}` })))('$label → $want', async ({ plan, want, index }) => {
    const d = (await result).find((t) => t.trunk === name(plan, index));
    expect(d, name(plan, index)).toBeDefined();
    const all = [d!.evidence, ...d!.findings].filter((f) => f !== null);
    expect(d!.verdict, `${d!.verdict}: ${d!.evidence?.summary}`).toBe(want);
    if (want !== 'healthy' && plan.rejectWith) {
      // The words are in the evidence, and the samples carry them.
      expect(all.some((f) => JSON.stringify(f.numbers).includes(plan.rejectWith!.reason) || f.summary.includes(plan.rejectWith!.reason))).toBe(true);
    }
  });
});
