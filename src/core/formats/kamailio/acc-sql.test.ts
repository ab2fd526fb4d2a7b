/**
 * kamailio-acc from SQL dumps, through the real ingest (the parser brings its own tokenizer).
 * Expected numbers counted by hand in fixtures/cdr/kamailio-acc/*.sql.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayGroupsOf, nameTrunk } from '.';
import { fixtureUrl, ingest, one, wall } from './test-helpers';

const bytes = (name: string) => new Uint8Array(readFileSync(fixtureUrl('kamailio-acc', name)));

describe('kamailio-acc SQL dumps', () => {
  it('dump-one-per-line.sql: CREATE TABLE columns, one tuple per line, other tables skipped, dr_gateways rows name groups', async () => {
    const { records, result, parser } = await ingest(bytes('dump-one-per-line.sql'));
    expect(result.format).toMatchObject({ id: 'kamailio-acc', variant: 'SQL dump, dSIPRouter acc', score: 0.96 });
    // acc 6 tuples + version 2 + dr_gateways 3 = 11 rows.
    expect(result.rows).toEqual({ read: 11, used: 8, skipped: 3, headerLines: 0 });
    expect(result.skipped).toEqual([
      { reason: 'table version: not call accounting', count: 2, firstLines: [63, 63] },
      { reason: 'REGISTER: not a call attempt', count: 1, firstLines: [46] },
    ]);
    expect(records.map((r) => r.callId)).toEqual(['sql-1@pbx', 'sql-2@pbx', 'sql-3@pbx', 'sql-6@pbx']);
    expect(one(records, 'sql-1@pbx')).toMatchObject({
      sipCode: 200,
      startMs: wall(2025, 10, 27, 20, 58, 0),
      endMs: wall(2025, 10, 27, 21, 0, 15),
      talkSec: 135,
      destination: '19475550001',
      trunk: 'gwgroup 3',
    });
    expect(one(records, 'sql-2@pbx')).toMatchObject({ sipCode: 403, reason: 'Invalid Caller ID', callerId: '6702', outcome: 'policy' });
    expect(one(records, 'sql-3@pbx')).toMatchObject({ sipCode: 503, reason: 'Can\'t route; try "later"', trunk: 'gwgroup 1' });
    expect(one(records, 'sql-6@pbx')).toMatchObject({ sipCode: 603, trunk: 'gwgroup 11' });
    const groups = gatewayGroupsOf(parser!);
    expect(groups).toEqual(new Map([['1', 'Twilio'], ['3', 'Flowroute US-West-OR']]));
    expect(nameTrunk('gwgroup 1', groups!)).toBe('gwgroup 1 (Twilio)');
    expect(nameTrunk('gwgroup 11', groups!)).toBe('gwgroup 11');
  });

  it('dump-extended-insert.sql: data-only single-line extended insert, columns by position (18 = dSIPRouter)', async () => {
    const { records, result, skips } = await ingest(bytes('dump-extended-insert.sql'));
    expect(result.format?.id).toBe('kamailio-acc');
    expect(result.rows).toEqual({ read: 6, used: 5, skipped: 1, headerLines: 0 });
    expect(skips).toEqual({ 'OPTIONS: not a call attempt': 1 });
    expect(result.skipped[0]?.firstLines).toEqual([5]);
    expect(one(records, 'ext-1@pbx')).toMatchObject({ sipCode: 200, talkSec: 42, trunk: 'gwgroup 3', destination: '15551230501' });
    expect(one(records, 'ext-2@pbx')).toMatchObject({ sipCode: 503, outcome: 'capacity', reason: 'Service Unavailable' });
    // calltype 'outbound': dSIPRouter writes it on every call it routes to a carrier group.
    expect(one(records, 'ext-3@pbx')).toMatchObject({ sipCode: 603, reason: "It's \\blocked\\", trunk: 'gwgroup 1', direction: 'outbound' });
    expect(one(records, 'ext-6@pbx')).toMatchObject({ sipCode: 486, startMs: wall(2025, 11, 1, 10, 1, 0) });
  });

  it('dump-complete-insert.sql: INSERT column lists in another order; acc and missed_calls', async () => {
    const { records, result } = await ingest(bytes('dump-complete-insert.sql'));
    expect(result.rows).toEqual({ read: 5, used: 5, skipped: 0, headerLines: 0 });
    expect(one(records, 'ci-1@sbc')).toMatchObject({
      sipCode: 503,
      startMs: wall(2025, 12, 1, 18, 0, 0),
      trunk: 'gw-a.example',
      destination: '15551230601',
      callerId: '12025550100',
    });
    expect(one(records, 'ci-2@sbc')).toMatchObject({ sipCode: 200, talkSec: 180 });
    expect(one(records, 'mc-1@sbc')).toMatchObject({ sipCode: 603, trunk: 'gw-b.example' });
    expect(one(records, 'mc-2@sbc')).toMatchObject({ sipCode: 480, outcome: 'user' });
  });

  it('dump-truncated.sql: the tuple cut by the end of the file is a skip', async () => {
    const { records, result } = await ingest(bytes('dump-truncated.sql'));
    expect(result.rows).toEqual({ read: 4, used: 3, skipped: 1, headerLines: 0 });
    expect(result.skipped).toEqual([{ reason: 'truncated row: the dump ends inside it', count: 1, firstLines: [46] }]);
    expect(records.map((r) => [r.callId, r.sipCode, r.endMs])).toEqual([
      ['sql-1@pbx', 200, null],
      ['sql-2@pbx', 403, null],
      ['sql-3@pbx', 503, null],
    ]);
    expect(result.error).toBeNull();
  });

  it('pg-dump.sql: COPY … FROM stdin and INSERT with standard_conforming_strings', async () => {
    const { records, result, skips } = await ingest(bytes('pg-dump.sql'));
    expect(result.format?.id).toBe('kamailio-acc');
    expect(result.rows).toEqual({ read: 4, used: 3, skipped: 1, headerLines: 0 });
    expect(skips).toEqual({ 'no trunk: destination domain empty': 1 });
    expect(result.skipped[0]?.firstLines).toEqual([22]);
    expect(records.map((r) => [r.callId, r.sipCode, r.reason, r.trunk])).toEqual([
      ['pg-1@sbc', 503, 'Service Unavailable', 'gw.pg.example'],
      ['pg-2@sbc', 603, 'Decline', 'gw.pg.example'],
      ['pg-4@sbc', 500, 'C:\\temp', 'gw.pg.example'],
    ]);
  });

  it('gives the same result at 1- and 7-byte slices for every dump (chunk seams)', async () => {
    for (const name of ['dump-one-per-line.sql', 'dump-extended-insert.sql', 'dump-complete-insert.sql', 'dump-truncated.sql', 'pg-dump.sql']) {
      const whole = await ingest(bytes(name));
      for (const sliceBytes of [1, 7]) {
        const sliced = await ingest(bytes(name), { sliceBytes });
        expect(sliced.records, `${name} @${sliceBytes}`).toEqual(whole.records);
        expect(sliced.result.rows).toEqual(whole.result.rows);
        expect(sliced.result.skipped).toEqual(whole.result.skipped);
      }
    }
  });
});
