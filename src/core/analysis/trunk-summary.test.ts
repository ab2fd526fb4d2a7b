import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import type { OutcomeClass } from '../model/call-record';
import { SMALL_SPEC } from '../scenario/writers/round-trip';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { freeswitchCdrCsvWriter } from '../scenario/writers/freeswitch-cdr-csv';
import { vicidialCarrierLogWriter } from '../scenario/writers/vicidial-carrier-log';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import type { CallStore } from './call-store';
import { codeKey } from './code-key';
import { summarizeTrunks } from './trunk-summary';

/** The labels counted the plain way: codeKey for every call. */
function codeCountsPerCall(store: CallStore): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (let i = 0; i < store.length; i++) {
    const trunk = store.trunks.get(store.trunk[i]!);
    const sip = store.sipCode[i]!;
    const label = codeKey(sip === 0 ? null : sip, store.sourceOf(i), store.q850Of(i), store.outcomeOf(i) as OutcomeClass, store.reasons.get(store.reason[i]!));
    const m = out.get(trunk) ?? new Map<string, number>();
    m.set(label, (m.get(label) ?? 0) + 1);
    out.set(trunk, m);
  }
  return out;
}

describe('summarizeTrunks', () => {
  const writers: Record<string, ScenarioWriter> = {
    'Master.csv (dispositions)': asteriskMasterCsvWriter({ hangupCauseInUserfield: false }),
    'Master.csv (HANGUPCAUSE SIP codes)': asteriskMasterCsvWriter({ hangupCauseInUserfield: true }),
    'FreeSWITCH (Q.850 causes)': freeswitchCdrCsvWriter,
    'VICIdial carrier log': vicidialCarrierLogWriter,
  };
  for (const [label, writer] of Object.entries(writers)) {
    it(`${label}: code labels per trunk as codeKey gives them call by call`, async () => {
      const { store } = await ingestFiles([{ name: 'x', blob: new Blob([writeScenarioText(SMALL_SPEC, writer)]) }]);
      const expected = codeCountsPerCall(store);
      const summaries = summarizeTrunks(store);
      expect(summaries.length).toBe(expected.size);
      for (const s of summaries) {
        expect(new Map(s.byCode.map((c) => [c.code, c.count]))).toEqual(expected.get(s.name));
        expect(s.byCode.reduce((n, c) => n + c.count, 0)).toBe(s.attempts);
      }
    });
  }
});
