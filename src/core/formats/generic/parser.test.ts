import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../model/call-record';
import { tokenizeAll } from '../../read/delimited-tokenizer';
import { buildSniffSample } from '../../read/sniff';
import { headerSignature, type ColumnMapping, type ParserInit, type RowOutcome } from '../format-module';
import { genericCsv, guessColumnRoles } from './index';
import { rowOf } from '../../read/row';

function run(text: string, init: Partial<ParserInit> & { sample?: unknown } = {}) {
  const parser = genericCsv.createParser({ fileName: 'unknown', delimiter: ',', ...init } as ParserInit);
  const outcomes: RowOutcome[] = tokenizeAll(text, { delimiter: ',', quotedNewlines: true }).map((r) => parser.parse(rowOf(r.fields), r.line));
  const records: CallRecord[] = outcomes.flatMap((o) => (o.kind === 'record' ? [o.record] : []));
  records.push(...(parser.finish?.() ?? []).map((h) => h.record));
  return { parser, outcomes, records };
}

const DIDWW =
  'Date/Time Start (UTC),Source,DID,Destination,Disconnect Code (SIP),Disconnect Response\n' +
  '2024-05-01 10:00:01,12025550100,18005550000,sip:alice@example.com,503,Service Unavailable\n';

describe('generic-csv parser', () => {
  it('honours a mapping override keyed by headerSignature(header)', () => {
    const header = DIDWW.split('\n')[0]!.split(',');
    // The user says: DID is the dialled number, Source is the trunk, and there is no reason column.
    const override: ColumnMapping = { header, roles: { start: 0, trunk: 1, destination: 2, sipCode: 4 } };
    const { parser, records } = run(DIDWW, { mappingOverrides: { [headerSignature(header)]: override } });
    // Each column's first value comes along for the mapping panel.
    const samples = [['2024-05-01 10:00:01'], ['12025550100'], ['18005550000'], ['sip:alice@example.com'], ['503'], ['Service Unavailable']];
    expect(parser.mapping?.()).toEqual({ ...override, samples });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ trunk: '12025550100', destination: '18005550000', sipCode: 503, reason: '' });
    expect(parser.capabilities().hasTrunk).toBe(true);
  });

  it('without an override, mapping() returns the guess (the same as guessColumnRoles on header + rows)', () => {
    const { parser, records } = run(DIDWW);
    const lines = DIDWW.trim().split('\n').map((l) => l.split(','));
    expect(parser.mapping?.()).toMatchObject(guessColumnRoles(lines[0]!, lines.slice(1)));
    expect(records[0]).toMatchObject({ trunk: '(no trunk column)', destination: 'sip:alice@example.com', callerId: '12025550100' });
    expect(parser.capabilities().hasTrunk).toBe(false);
  });

  it('ignores an override for another header, and override indexes outside the header', () => {
    const other = { header: ['x'], roles: { start: 0 } };
    const bad: ColumnMapping = { header: [], roles: { start: 0, sipCode: 4, trunk: 99 } };
    const header = DIDWW.split('\n')[0]!.split(',');
    expect(run(DIDWW, { mappingOverrides: { x: other } }).parser.mapping?.()?.roles.destination).toBe(3);
    expect(run(DIDWW, { mappingOverrides: { [headerSignature(header)]: bad } }).parser.mapping?.()?.roles).toEqual({ start: 0, sipCode: 4 });
  });

  it('a stored override that is not a mapping (roles: null, a string) is ignored: the guess is used', () => {
    const header = DIDWW.split('\n')[0]!.split(',');
    for (const poisoned of [{ header, roles: null }, 'x', { header, roles: [0, 1] }]) {
      const { parser, records } = run(DIDWW, { mappingOverrides: { [headerSignature(header)]: poisoned as unknown as ColumnMapping } });
      expect(parser.mapping?.()?.roles).toMatchObject({ start: 0, sipCode: 4, reason: 5 });
      expect(records[0]).toMatchObject({ sipCode: 503, reason: 'Service Unavailable' });
    }
  });

  it('keeps the first two values of each column for the panel, shortened to 60 characters', () => {
    const long = 'x'.repeat(100);
    const { parser } = run(`start,code,note\n2024-01-01 00:00:00,503,\n2024-01-01 00:00:01,200,${long}\n2024-01-01 00:00:02,486,z\n`);
    expect(parser.mapping?.()?.samples).toEqual([
      ['2024-01-01 00:00:00', '2024-01-01 00:00:01'],
      ['503', '200'],
      [`${'x'.repeat(59)}…`, 'z'],
    ]);
  });

  it('an override without a start column skips every row with a reason that says what to do', () => {
    const header = DIDWW.split('\n')[0]!.split(',');
    const { outcomes } = run(DIDWW, { mappingOverrides: { [headerSignature(header)]: { header, roles: { sipCode: 4 } } } });
    expect(outcomes[1]).toEqual({ kind: 'skip', reason: 'no start time column (map one in the column panel)' });
  });

  it('settles an ambiguous status column on the values as rows arrive (no sample in ParserInit)', () => {
    const { parser, records } = run('time,carrier,status\n2024-01-01 00:00:00,a,\n2024-01-01 00:00:01,a,503\n2024-01-01 00:00:02,a,200\n');
    expect(parser.mapping?.()?.roles).toEqual({ start: 0, trunk: 1, sipCode: 2 });
    expect(records.map((r) => [r.sipCode, r.codeSource, r.outcome])).toEqual([
      [null, null, 'unknown'],
      [503, 'sip', 'capacity'],
      [200, 'sip', 'answered'],
    ]);
  });

  it('uses the sniff sample when the ingest passes one (date order and value shapes up front)', () => {
    const text = 'Call Start,Trunk,Result\n02/03/2024 10:00,t,503\n13/03/2024 10:00,t,200\n';
    const sample = buildSniffSample('unknown', text);
    const { outcomes, records } = run(text, { sample });
    // D/M known from the sample: no row is held back.
    expect(outcomes.map((o) => o.kind)).toEqual(['header', 'record', 'record']);
    expect(records[0]!.startMs).toBe(Date.UTC(2024, 2, 2, 10, 0));
  });

  it('without proof of the date order, held rows come out as M/D at the end, and the file card says so', () => {
    const { parser, outcomes, records } = run('Call Start,Trunk,Result\n02/03/2024 10:00,t,503\n04/03/2024 10:00,t,200\n2024-03-05 10:00,t,200\n');
    expect(outcomes.map((o) => o.kind)).toEqual(['header', 'merged', 'merged', 'record']);
    expect(records.map((r) => r.startMs)).toEqual([Date.UTC(2024, 2, 5, 10, 0), Date.UTC(2024, 1, 3, 10, 0), Date.UTC(2024, 3, 3, 10, 0)]);
    expect(parser.companionHint?.()).toBe(
      'Dates such as 02/03/2024 10:00 are read month first (2024-02-03), an assumption: no date in this file has a day above 12 to tell. If your system writes the day first (2024-03-02), the dates shown are off; the times of day and the rates are not.',
    );
    // A day above 12 anywhere proves the order: nothing to say.
    expect(run('Call Start,Trunk,Result\n02/03/2024 10:00,t,503\n13/03/2024 10:00,t,200\n').parser.companionHint?.()).toBeNull();
    expect(run('Call Start,Trunk,Result\n2024-03-05 10:00,t,200\n').parser.companionHint?.()).toBeNull();
  });

  it('more ambiguous rows than it can hold: the rest are read month first until a day-first date proves the order, and the card says which rows', () => {
    // 20,005 calls on 12/02/2024 (ambiguous), then 3 on 13/02/2024 (only day first parses).
    const ambiguous = Array.from({ length: 20_005 }, (_, k) => `12/02/2024 10:${String(Math.floor(k / 600) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')},t,200`);
    const proof = ['13/02/2024 09:00:00,t,503', '13/02/2024 09:00:05,t,503', '13/02/2024 09:00:09,t,503'];
    const { parser, outcomes, records } = run(['Call Start,Trunk,Result', ...ambiguous, ...proof].join('\n') + '\n');
    // Nothing skipped: the day-first rows after the proof are read, not refused as bad start times.
    expect(outcomes.filter((o) => o.kind === 'skip')).toHaveLength(0);
    expect(records).toHaveLength(20_008);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const days = new Map<string, number>();
    for (const r of records) days.set(day(r.startMs), (days.get(day(r.startMs)) ?? 0) + 1);
    // The 20,000 held rows come out day first (12 Feb), the proof rows on 13 Feb; the 5 rows past the
    // hold (lines 20,002–20,006) were emitted month first (2 Dec) before the proof came.
    expect(Object.fromEntries(days)).toEqual({ '2024-02-12': 20_000, '2024-12-02': 5, '2024-02-13': 3 });
    expect(parser.companionHint?.()).toBe(
      '5 rows from line 20002 on (such as 12/02/2024 10:33:20) were read month first before a later date showed the day first: their dates are off by the swap; their times of day and the rates are not.',
    );
  });

  it('reads a start written in epoch milliseconds (API exports) as it reads epoch seconds', () => {
    const text = 'start_time_ms,trunk,sip_code\n1714557601000,t,503\n1714557602500,t,200\n';
    const { outcomes, records } = run(text, { sample: buildSniffSample('unknown', text) });
    expect(outcomes.map((o) => o.kind)).toEqual(['header', 'record', 'record']);
    // 1714557601 s is 2024-05-01 10:00:01 UTC.
    expect(records.map((r) => r.startMs)).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1), Date.UTC(2024, 4, 1, 10, 0, 2, 500)]);
    expect(records.map((r) => r.sipCode)).toEqual([503, 200]);
  });

  it('answered from an answer time or talk seconds only when the row states no failure', () => {
    const { records } = run(
      'start,answer,billsec,hangup_cause,status\n' +
        '2024-01-01 00:00:00,2024-01-01 00:00:03,,,\n' + // nothing stated: the answer time decides
        '2024-01-01 00:00:10,,12,NORMAL_CLEARING,\n' + // normal clearing + talk: answered, not "cancelled"
        '2024-01-01 00:00:20,,0,NORMAL_CLEARING,\n' + // normal clearing, no talk: caller gave up (487-like)
        '2024-01-01 00:00:30,,12,,FAILED\n' + // a stated failure wins over billsec (Asterisk Queue rows)
        '2024-01-01 00:00:40,,12,,487\n' + // so does a SIP code
        '2024-01-01 00:00:50,,0,,completed\n', // and a word says answered by itself
    );
    expect(records.map((r) => [r.outcome, r.sipCode, r.codeSource])).toEqual([
      ['answered', null, null],
      ['answered', null, 'q850'],
      ['user', 487, 'q850'],
      ['other', null, 'disposition'],
      ['user', 487, 'sip'],
      ['answered', null, 'disposition'],
    ]);
  });

  it('capabilities: a file with only dispositions cannot separate 503 from 603; HANGUPCAUSE text can', () => {
    const dispositions = run('calldate,dstchannel,lastapp,disposition\n2024-01-01 00:00:00,PJSIP/a-00000001,Dial,FAILED\n');
    expect(dispositions.records[0]).toMatchObject({ outcome: 'capacity', codeSource: 'disposition' }); // Asterisk header
    expect(dispositions.parser.capabilities()).toMatchObject({ sipCodes: false, separates503From603: false, hasEndTimes: false });
    const tech = run('calldate,dstchannel,disposition,userfield\n2024-01-01 00:00:00,PJSIP/a-00000001,FAILED,SIP 503 Service Unavailable\n');
    expect(tech.records[0]).toMatchObject({ sipCode: 503, codeSource: 'sip' });
    expect(tech.parser.capabilities()).toMatchObject({ sipCodes: true, separates503From603: true });
  });

  it('never throws on odd rows', () => {
    const parser = genericCsv.createParser({ fileName: 'x', delimiter: ',' });
    expect(parser.parse(rowOf(['start_time', 'sip_code']), 1)).toEqual({ kind: 'header' });
    expect(parser.parse(rowOf([]), 2)).toEqual({ kind: 'skip', reason: 'empty row' });
    expect(parser.parse(rowOf(['\u0000\u0001', '\uFFFD']), 3)).toEqual({ kind: 'skip', reason: 'bad start time' });
    expect(parser.parse(rowOf(['2024-01-01 00:00:00', '9'.repeat(5000)]), 4).kind).toBe('record');
  });
});
