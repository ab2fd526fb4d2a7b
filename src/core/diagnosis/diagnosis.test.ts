/**
 * The walk over every (cause × format family): DIAGNOSIS_SPEC written by each writer, read back
 * like a dropped file, diagnosed. A cause the format can carry must come out as its leaf; one it
 * cannot (603 in a disposition file, caller IDs in the carrier log, end times in a generic CSV)
 * must come out `inconclusive` — never a confident wrong leaf. The healthy trunk stays healthy.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { TrunkProblem } from '../scenario/scenario';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { freepbxCdrReportWriter } from '../scenario/writers/freepbx-cdr-report';
import { freeswitchCdrCsvWriter } from '../scenario/writers/freeswitch-cdr-csv';
import { carrierAddress, freeswitchOpencdrrateWriter } from '../scenario/writers/freeswitch-cdr-csv-opencdrrate';
import { genericCsvWriter } from '../scenario/writers/generic-csv';
import { kamailioAccWriter } from '../scenario/writers/kamailio-acc';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { vicidialExportCallsCarrierWriter } from '../scenario/writers/vicidial-export-calls-carrier';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import { diagnoseTrunks } from './evidence';
import { DIAGNOSIS_SPEC, DIAGNOSIS_TRUNKS, singleTrunkSpec } from './test-specs';
import type { VerdictId } from './tree';
import type { TrunkDiagnosis } from './types';

type Expected = Record<TrunkProblem, VerdictId>;
const ALL_RIGHT: Expected = {
  healthy: 'healthy',
  'cps-limit': 'cps-limit',
  'channel-cap': 'channel-cap',
  'out-of-funds': 'out-of-funds',
  'no-route': 'no-route',
  'destination-blocked': 'destination-blocked',
  'caller-id-blocked': 'caller-id-blocked',
  'carrier-policy-change': 'carrier-policy-change',
  'auth-or-disabled-trunk': 'auth-or-disabled-trunk',
};
/** Dispositions only: the 503 side with the FAILED caveat, the 603 side inconclusive. */
const DISPOSITIONS: Expected = {
  ...ALL_RIGHT,
  'destination-blocked': 'inconclusive',
  'caller-id-blocked': 'inconclusive',
  'carrier-policy-change': 'inconclusive',
  'auth-or-disabled-trunk': 'inconclusive',
};
const NOTHING = Object.fromEntries(Object.keys(ALL_RIGHT).map((k) => [k, 'inconclusive'])) as Expected;

interface Case {
  writer: ScenarioWriter;
  label: string;
  trunkName: (index: number) => string;
  expected: Expected;
  /** Confidence of the 503-side verdicts is capped (FAILED counted as 503-like). */
  capped?: boolean;
}

const byPrefix = (i: number) => `prefix ${DIAGNOSIS_TRUNKS[i]!.dialPrefix}`;
const byName = (i: number) => DIAGNOSIS_TRUNKS[i]!.name;

const CASES: Case[] = [
  { writer: vicidialExportCallsCarrierWriter, label: 'VICIdial Export Calls (carrier)', trunkName: byPrefix, expected: ALL_RIGHT },
  // No caller IDs: a caller-ID block shows only as 603s beyond background.
  { writer: vicidialCarrierLogWriter, label: 'VICIdial carrier log', trunkName: byPrefix, expected: { ...ALL_RIGHT, 'caller-id-blocked': 'inconclusive' } },
  // acc `time` is the final reply / answer, not the INVITE: ringing calls never count as up, so no plateau.
  { writer: kamailioAccWriter, label: 'Kamailio acc', trunkName: (i) => `gwgroup ${i + 1} (${carrierAddress(i)})`, expected: { ...ALL_RIGHT, 'channel-cap': 'inconclusive' } },
  // No end times: a channel cap cannot be checked.
  { writer: genericCsvWriter, label: 'generic CSV', trunkName: byName, expected: { ...ALL_RIGHT, 'channel-cap': 'inconclusive' } },
  { writer: asteriskMasterCsvWriter({ hangupCauseInUserfield: true }), label: 'Asterisk Master.csv + HANGUPCAUSE userfield', trunkName: byName, expected: ALL_RIGHT },
  { writer: asteriskMasterCsvWriter({ hangupCauseInUserfield: false }), label: 'Asterisk Master.csv (dispositions)', trunkName: byName, expected: DISPOSITIONS, capped: true },
  { writer: freepbxCdrReportWriter, label: 'FreePBX CDR report', trunkName: byName, expected: DISPOSITIONS, capped: true },
  // No cause, no disposition for a failed call: nothing can be named.
  { writer: freeswitchOpencdrrateWriter, label: 'FreeSWITCH opencdrrate', trunkName: byName, expected: NOTHING },
];

async function diagnose(text: string): Promise<TrunkDiagnosis[]> {
  const { summary, store } = await ingestFiles([{ name: 'unknown', blob: new Blob([text]) }]);
  return diagnoseTrunks(store, { files: summary.files });
}

describe.each(CASES)('$label', ({ writer, trunkName, expected, capped }) => {
  const result = diagnose(writeScenarioText(DIAGNOSIS_SPEC, writer));
  it.each(DIAGNOSIS_TRUNKS.map((plan, index) => ({ plan, index })))('$plan.problem → verdict', async ({ plan, index }) => {
    const d = (await result).find((t) => t.trunk === trunkName(index));
    expect(d, trunkName(index)).toBeDefined();
    const want = expected[plan.problem];
    expect(d!.verdict, d!.evidence?.summary).toBe(want);
    if (want === 'inconclusive') {
      expect(d!.evidence?.missing?.length ?? 0).toBeGreaterThan(0);
      // A refusal shown as NO ANSWER at once is still a refusal, not the called side's.
      if (capped && plan.problem === 'auth-or-disabled-trunk') expect(d!.evidence!.candidates).toContain('auth-or-disabled-trunk');
    } else if (want !== 'healthy') {
      const e = d!.evidence!;
      expect(e.samples.length).toBeGreaterThan(0);
      expect(e.samples.length).toBeLessThanOrEqual(5);
      expect(Object.keys(e.numbers).length).toBeGreaterThan(0);
      if (capped) expect(d!.confidence).not.toBe('high');
    }
  });
});

describe('FreeSWITCH example template (no trunk, cause names: 403 and 603 are both CALL_REJECTED)', () => {
  const policy: TrunkProblem[] = ['destination-blocked', 'caller-id-blocked', 'carrier-policy-change', 'auth-or-disabled-trunk'];
  it.each(policy)('%s alone → inconclusive, with what to log', async (problem) => {
    const [d, ...more] = await diagnose(writeScenarioText(singleTrunkSpec(problem), freeswitchCdrCsvWriter));
    expect(more).toEqual([]);
    expect(d!.verdict, d!.evidence?.summary).toBe('inconclusive');
    expect(d!.evidence!.missing!.join(' ')).toMatch(/sip_term_status/);
  });
  it.each(['cps-limit', 'out-of-funds'] as TrunkProblem[])('%s alone → its leaf (≈503 from the cause name)', async (problem) => {
    const [d] = await diagnose(writeScenarioText(singleTrunkSpec(problem), freeswitchCdrCsvWriter));
    expect(d!.verdict, d!.evidence?.summary).toBe(problem);
  });
});

describe('evidence details', () => {
  const result = diagnose(writeScenarioText(DIAGNOSIS_SPEC, vicidialExportCallsCarrierWriter));
  const get = async (i: number) => (await result).find((t) => t.trunk === byPrefix(i))!;

  it('cps-limit carries the knee; channel-cap the plateau; the onsets their time', async () => {
    expect((await get(1)).evidence!.numbers.kneeCps).toBe(4);
    expect((await get(2)).evidence!.numbers.plateau).toBe(12);
    // The scenario's change at 11:00: the onset is its first failing call.
    expect((await get(5)).evidence!.numbers.onset).toMatch(/^2026-11-16 11:00:\d\d$/);
    expect((await get(6)).evidence!.numbers.onset).toMatch(/^2026-11-16 11:00:\d\d$/);
  });

  it('blocked prefixes and caller IDs are named, samples are on them', async () => {
    const d = (await get(3)).evidence!;
    expect(d.numbers.prefixes).toEqual(expect.arrayContaining(['1876 Jamaica', '1809 Dominican Republic']));
    for (const s of d.samples) expect(s.destination).toMatch(/^1(876|809)/);
    const e = (await get(4)).evidence!;
    expect([...(e.numbers.callerIds as string[])].sort()).toEqual(['13125550142', '13125550177']);
    for (const s of e.samples) expect(['13125550142', '13125550177']).toContain(s.callerId);
  });
});
