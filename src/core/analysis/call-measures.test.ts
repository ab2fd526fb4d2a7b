/**
 * NER (ITU-T E.411) and SEER (RFC 6076) are defined once and count the same calls alike in every
 * format: the same twelve calls written as a VICIdial Carrier Log (stated SIP codes) and as a
 * FreeSWITCH cdr_csv "example" template (cause names only) give the same ratios.
 */
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { analyzeDashboard } from './analyze-dashboard';
import { nerDelivered, seerEffective, seerRedirected, shows603 } from './call-measures';
import { at, query, storeOf } from './test-helpers';

/**
 * The twelve calls: 3 answered; 486 busy; 600 busy everywhere; 480 no answer; 487 twice (the
 * caller gave up while it rang: FreeSWITCH writes one as NORMAL_CLEARING without an answer, one as
 * ORIGINATOR_CANCEL); 603 declined; 503 twice; 404.
 *   NER  delivered = 3 + 486 + 600 + 480 + 487 + 487 + 603 = 9 of 12
 *   SEER effective = 3 + 486 + 600 + 480 + 603             = 7 of 12 (no 3xx: d = 12)
 */
const CALLS: ReadonlyArray<{ status: string; sip: string; reason: string; cause: string; fs: string; answered: boolean }> = [
  { status: 'ANSWER', sip: '200', reason: 'OK', cause: '16', fs: 'NORMAL_CLEARING', answered: true },
  { status: 'ANSWER', sip: '200', reason: 'OK', cause: '16', fs: 'NORMAL_CLEARING', answered: true },
  { status: 'ANSWER', sip: '200', reason: 'OK', cause: '16', fs: 'NORMAL_CLEARING', answered: true },
  { status: 'BUSY', sip: '486', reason: 'Busy Here', cause: '17', fs: 'USER_BUSY', answered: false },
  { status: 'BUSY', sip: '600', reason: 'Busy Everywhere', cause: '17', fs: 'BUSY_EVERYWHERE', answered: false },
  { status: 'NOANSWER', sip: '480', reason: 'Temporarily Unavailable', cause: '19', fs: 'NO_ANSWER', answered: false },
  { status: 'CANCEL', sip: '487', reason: 'Request Terminated', cause: '16', fs: 'NORMAL_CLEARING', answered: false },
  { status: 'CANCEL', sip: '487', reason: 'Request Terminated', cause: '16', fs: 'ORIGINATOR_CANCEL', answered: false },
  { status: 'CHANUNAVAIL', sip: '603', reason: 'Decline', cause: '21', fs: 'DECLINE', answered: false },
  { status: 'CONGESTION', sip: '503', reason: 'Service Unavailable', cause: '34', fs: 'NORMAL_CIRCUIT_CONGESTION', answered: false },
  { status: 'CONGESTION', sip: '503', reason: 'Service Unavailable', cause: '34', fs: 'NORMAL_CIRCUIT_CONGESTION', answered: false },
  { status: 'CHANUNAVAIL', sip: '404', reason: 'Not Found', cause: '1', fs: 'UNALLOCATED_NUMBER', answered: false },
];

const two = (n: number) => String(n).padStart(2, '0');

function vicidialCarrierLog(): string {
  const header = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
  const rows = CALLS.map((c, i) => {
    const cells = [`1714572${two(i)}0.10${two(i)}`, `2024-05-01 09:${two(i)}:30`, '10.0.0.15', `1002${two(i)}`, c.cause, c.status, `SIP/northtel-0000a4${two(i)}`, c.answered ? '60' : '20', c.answered ? '40' : '0', c.sip, c.reason, `31255512${two(i)}`];
    return cells.map((x) => `"${x}"`).join(',');
  });
  return [header, ...rows, ''].join('\n');
}

function freeswitchExample(): string {
  const rows = CALLS.map((c, i) => {
    const start = `2024-05-01 09:${two(i)}:00`;
    const cells = ['Agent', '1001', `131255512${two(i)}`, 'default', start, c.answered ? `2024-05-01 09:${two(i)}:20` : '', `2024-05-01 09:${two(i)}:${c.answered ? '59' : '20'}`, c.answered ? '59' : '20', c.answered ? '39' : '0', c.fs, `0e6a3f10-00${two(i)}-4a1b-9c2d-0000000000${two(i)}`, '', '1001', '', ''];
    return cells.map((x) => `"${x}"`).join(',');
  });
  return [...rows, ''].join('\n');
}

async function ratiosOf(name: string, text: string, format: string) {
  const { summary, store } = await ingestFiles([{ name, blob: new Blob([text]) }]);
  expect(summary.files[0]!.format?.id, name).toBe(format);
  expect(summary.files[0]!.rows, name).toMatchObject({ read: 12, used: 12, skipped: 0 });
  const [t] = analyzeDashboard(store, query()).trunks;
  return { ner: t!.ner, seer: t!.seer, shows603: shows603(t!), rate603: t!.rate603.n };
}

describe('NER and SEER, one definition for every format', () => {
  it('the same calls as a VICIdial Carrier Log (SIP codes) and as FreeSWITCH cause names give the same ratios', async () => {
    const vicidial = await ratiosOf('carrier_log.csv', vicidialCarrierLog(), 'vicidial-carrier-log');
    const freeswitch = await ratiosOf('Master.csv', freeswitchExample(), 'freeswitch-cdr-csv');
    expect(vicidial).toEqual({ ner: { n: 9, d: 12 }, seer: { n: 7, d: 12 }, shows603: true, rate603: 1 });
    expect(freeswitch).toEqual(vicidial);
  });

  it('a 3xx leaves the SEER denominator; 403 from the carrier is not delivered, 603 and 607 are', () => {
    const store = storeOf([
      { start: at('10:00'), sip: 200 },
      { start: at('10:01'), sip: 302, seconds: 0 },
      { start: at('10:02'), sip: 403, seconds: 0 },
      { start: at('10:03'), sip: 603, seconds: 0 },
      { start: at('10:04'), sip: 607, seconds: 0 },
    ]);
    const [t] = analyzeDashboard(store, query()).trunks;
    // NER: 200, 603, 607 = 3 of 5. SEER: 200, 603 = 2 of (5 − one 302) = 4.
    expect(t!.ner).toEqual({ n: 3, d: 5 });
    expect(t!.seer).toEqual({ n: 2, d: 4 });
  });

  it('dispositions: ANSWERED, BUSY and NO ANSWER are delivered and effective; FAILED is neither; a 603 cannot show', () => {
    const store = storeOf([
      { start: at('10:00'), disposition: 'ANSWERED' },
      { start: at('10:01'), disposition: 'BUSY', seconds: 0 },
      { start: at('10:02'), disposition: 'NO ANSWER', seconds: 30 },
      { start: at('10:03'), disposition: 'FAILED', seconds: 0 },
    ]);
    const [t] = analyzeDashboard(store, query()).trunks;
    expect(t!.ner).toEqual({ n: 3, d: 4 });
    expect(t!.seer).toEqual({ n: 3, d: 4 });
    expect(shows603(t!)).toBe(false);
  });

  it('a trunk with no attempts (seen only inbound) has no 603 rate to call n/a: it reads "—" like its other rates', () => {
    const none = { provenance: { sip: 0 }, rate603: { n: 0, d: 0 } };
    expect(shows603(none)).toBe(true);
    expect(shows603({ ...none, rate603: { n: 0, d: 4 } })).toBe(false);
  });

  it('the rules themselves, call by call', () => {
    const r = (outcome: Parameters<typeof nerDelivered>[0]['outcome'], sipCode: number | null, q850: number | null = null, disposition = '') => ({ outcome, sipCode, q850, disposition });
    expect(nerDelivered(r('user', 487))).toBe(true);
    expect(seerEffective(r('user', 487))).toBe(false);
    expect(nerDelivered(r('policy', null, 21))).toBe(true); // CALL_REJECTED: E.411's terminal rejection
    expect(nerDelivered(r('policy', 403))).toBe(false);
    expect(nerDelivered(r('capacity', 503))).toBe(false);
    expect(nerDelivered(r('number', 404))).toBe(false);
    expect(seerRedirected(r('other', 301))).toBe(true);
    expect(seerRedirected(r('other', 404))).toBe(false);
  });
});
