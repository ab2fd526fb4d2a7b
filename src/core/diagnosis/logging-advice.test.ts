/**
 * What-to-log advice speaks of the platform the trunk's files come from: a FreeSWITCH user is told
 * about the cdr_csv template, an Asterisk user about HANGUPCAUSE in the h extension, a Kamailio
 * user about the acc table — never another platform's settings.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { asteriskMasterCsvWriter } from '../scenario/writers/asterisk-master-csv';
import { freeswitchCdrCsvWriter } from '../scenario/writers/freeswitch-cdr-csv';
import { kamailioAccWriter } from '../scenario/writers/kamailio-acc';
import { writeScenarioText, type ScenarioWriter } from '../scenario/writers/writer';
import { diagnoseTrunks } from './evidence';
import { resolveAccColumns } from '../formats/kamailio/acc-columns';
import { fewEndTimesAdvice, finalReplyStampAdvice, noCallerIdsAdvice, noSipCodesAdvice } from './logging-advice';
import { singleTrunkSpec } from './test-specs';

describe('advice per platform', () => {
  it('names only the files\' platform; every platform when none is known', () => {
    expect(noSipCodesAdvice(['kamailio'])).toMatch(/failed_transaction_flag.*\$rs.*\$rr/);
    expect(noSipCodesAdvice(['kamailio'])).not.toMatch(/HANGUPCAUSE|cdr_csv|Carrier Log|carrier_logging/);
    expect(noSipCodesAdvice(['freeswitch'])).toMatch(/\$\{sip_term_status\}/);
    expect(noSipCodesAdvice(['freeswitch'])).not.toMatch(/HANGUPCAUSE|acc table/);
    expect(noSipCodesAdvice(['asterisk'])).toMatch(/HANGUPCAUSE/);
    expect(noSipCodesAdvice(['asterisk'])).not.toMatch(/sip_term_status|acc table/);
    // Two files of two platforms: each line says whose it is.
    expect(noSipCodesAdvice(['asterisk', 'freeswitch'])).toMatch(/Asterisk: .*HANGUPCAUSE.* FreeSWITCH: .*sip_term_status/);
    expect(noSipCodesAdvice([])).toMatch(/Asterisk: .*FreeSWITCH: .*Kamailio: .*VICIdial: /);
    expect(noCallerIdsAdvice(['kamailio'])).toMatch(/src_user=\$fU/);
    expect(noCallerIdsAdvice(['vicidial'])).not.toMatch(/Asterisk|clid/);
    expect(noCallerIdsAdvice(['vicidial'])).toBe('Caller IDs: the file has none, so a caller-ID block cannot be checked. Use the Export Calls Report with the carrier fields (outbound_cid).');
    expect(fewEndTimesAdvice(['kamailio'])).toMatch(/Kamailio acc ends only answered calls/);
    expect(fewEndTimesAdvice(['generic'])).not.toMatch(/Kamailio/);
  });

  it('attempts stamped at their final reply: the counts, and the acc column this app reads as the INVITE\'s time', () => {
    const text = finalReplyStampAdvice({ n: 709, d: 709 });
    expect(text).toMatch(/709 of 709 answered calls/);
    expect(text).toMatch(/\$avp\(invite_time\) = \$timef\(%Y-%m-%d %H:%M:%S\)/);
    expect(text).toMatch(/db_extra", "…;invite_time=\$avp\(invite_time\)"/);
    // The column it names is one the acc reader takes as the start.
    expect(resolveAccColumns(['method', 'callid', 'sip_code', 'time', 'invite_time'])?.inviteTime).toBe(4);
    expect(fewEndTimesAdvice(['kamailio'])).toContain('invite_time');
    // Said once: beside the calls-per-second line, the end-times line points to it.
    const endTimes = fewEndTimesAdvice(['kamailio'], true);
    expect(endTimes).not.toContain('invite_time');
    expect(endTimes).toMatch(/as said under calls per second/);
  });
});

describe('in the walk, from files of one platform', () => {
  const missing = async (writer: ScenarioWriter) => {
    const { summary, store } = await ingestFiles([{ name: 'calls', blob: new Blob([writeScenarioText(singleTrunkSpec('caller-id-blocked'), writer)]) }]);
    const [d] = diagnoseTrunks(store, { files: summary.files });
    expect(d!.verdict, d!.evidence?.summary).toBe('inconclusive');
    return d!.evidence!.missing!.join(' ');
  };

  it('FreeSWITCH example template: the cdr_csv template, not Asterisk\'s userfield', async () => {
    const text = await missing(freeswitchCdrCsvWriter);
    expect(text).toMatch(/sip_term_status/);
    expect(text).not.toMatch(/HANGUPCAUSE|Kamailio|VICIdial/);
  });

  it('Kamailio acc under a CPS overload: how to log the INVITE\'s time is said once, not under both CPS and end times', async () => {
    const overload = { seed: 1, date: '2026-11-16', fromSecond: 10 * 3600, toSecond: 12 * 3600, scale: 1, trunks: [{ name: 'overloaded', dialPrefix: '6', problem: 'cps-limit' as const, peakCps: 0.2, cpsLimit: 2, burstFactor: 12 }] };
    const { summary, store } = await ingestFiles([{ name: 'acc.csv', blob: new Blob([writeScenarioText(overload, kamailioAccWriter)]) }]);
    const missing = diagnoseTrunks(store, { files: summary.files })[0]!.evidence!.missing!;
    const cps = missing.findIndex((m) => m.startsWith('Calls per second as the carrier saw them'));
    const ends = missing.findIndex((m) => m.startsWith('End times for most calls'));
    // This shape gives both lines (a plain acc answers only some calls and ends only those).
    expect(cps).toBeGreaterThanOrEqual(0);
    expect(ends).toBeGreaterThan(cps);
    expect(missing.join(' ').match(/invite_time=\$avp\(invite_time\)/g)).toHaveLength(1);
    expect(missing[ends]).toMatch(/as said under calls per second/);
  });

  it('Asterisk Master.csv (dispositions): HANGUPCAUSE in the h extension, not FreeSWITCH\'s template', async () => {
    const text = await missing(asteriskMasterCsvWriter({ hangupCauseInUserfield: false }));
    expect(text).toMatch(/HANGUPCAUSE/);
    expect(text).not.toMatch(/sip_term_status|Kamailio|VICIdial/);
  });
});
