/**
 * The real dSIPRouter dump (shared/samples/kamailio_acc, see its SOURCES.md; formats.md §5.5).
 * Skipped when the samples folder is absent. Counts checked by hand with awk over the .sql:
 * 553 rows = 321 INVITE + 232 BYE; INVITE codes 200 OK 225, 401 37, 487 31, 403 Invalid Caller ID 16,
 * 403 Insufficient funds 4, 403 International Calling Disabled 3, 403 Tech Prefix 1, 488 4
 * (2 + 2 spellings). The 481/478/408 and 206 of the 431 "200 OK" rows of §5.5 are BYE rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayGroupsOf, nameTrunk } from '.';
import { codeCounts, ingest } from './test-helpers';

const dir = new URL('../../../../../shared/samples/kamailio_acc/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

const INVITE_CODES = {
  '200 OK': 225,
  '401 Unauthorized': 37,
  '487 Request Terminated': 31,
  '403 Invalid Caller ID': 16,
  '403 Insufficient funds remaining - support@flowroute.com': 4,
  '403 International Calling Disabled - support@flowroute.com': 3,
  '403 Tech Prefix and IP not in ACL - support@flowroute.com': 1,
  '488 Not Acceptable Here': 2,
  '488 Not acceptable here': 2,
};

describe.skipIf(!existsSync(dir))('real samples: dSIPRouter v0.79 (shared/samples/kamailio_acc)', () => {
  for (const name of ['dsiprouter_v0.79_acc_table_dump.sql', 'dsiprouter_v0.79_acc_DERIVED.csv']) {
    it(`${name}: detected, every row accounted for, per-code INVITE counts`, async () => {
      const { records, result, skips } = await ingest(file(name));
      expect(result.format?.id).toBe('kamailio-acc');
      expect(result.format!.score).toBeGreaterThanOrEqual(0.95);
      expect(result.rows.read).toBe(553);
      expect(result.rows.read).toBe(result.rows.used + result.rows.skipped);
      // 321 INVITE records; 225 BYEs end an answered call; 7 more BYEs hit calls already ended.
      expect(result.rows.used).toBe(546);
      expect(skips).toEqual({ 'BYE repeated: the call was already ended': 7 });
      expect(records).toHaveLength(321);
      expect(codeCounts(records)).toEqual(INVITE_CODES);
      // Every answered call has its BYE in this dump.
      const answered = records.filter((r) => r.outcome === 'answered');
      expect(answered).toHaveLength(225);
      expect(answered.every((r) => r.endMs !== null && r.talkSec !== null)).toBe(true);
      // INVITE rows per dst_gwgroupid (awk): 14→67, 3→64, 15→53, 1→50, 2→19, 17→12, 16→9, 25→9; 38 without.
      const trunks = Object.fromEntries(result.trunks.map((t) => [t.name, t.calls]));
      expect(trunks).toEqual({
        'gwgroup 14': 67,
        'gwgroup 3': 64,
        'gwgroup 15': 53,
        'gwgroup 1': 50,
        'gwgroup 2': 19,
        'gwgroup 17': 12,
        'gwgroup 16': 9,
        'gwgroup 25': 9,
        'test.dsiprouter.net': 24, // internal calls between extensions 2000/2001: dst_domain
        'n0eciob64cns.invalid': 8,
        '50.192.97.226': 6,
      });
      // All Flowroute 403s are on gwgroup 3 and keep the carrier's phrase.
      const flowroute403 = records.filter((r) => r.sipCode === 403 && r.reason.includes('flowroute'));
      expect(flowroute403).toHaveLength(8);
      expect(new Set(flowroute403.map((r) => r.trunk))).toEqual(new Set(['gwgroup 3']));
    });
  }

  it('dr_gateways dump: 70 gateways name the groups; applied to the acc trunks', async () => {
    const { records, result, parser } = await ingest(file('dsiprouter_v0.79_dr_gateways_dump.sql'));
    expect(result.format?.id).toBe('kamailio-dr-gateways');
    expect(records).toEqual([]);
    expect(result.rows).toEqual({ read: 70, used: 70, skipped: 0, headerLines: 0 });
    const groups = gatewayGroupsOf(parser!)!;
    expect(groups.get('1')).toBe('Twilio');
    expect(groups.get('2')).toBe('Skyetel');
    expect(groups.get('3')).toBe('Flowroute');
    expect(groups.get('14')).toBe('sip.api.openai.com:5061');
    expect(nameTrunk('gwgroup 3', groups)).toBe('gwgroup 3 (Flowroute)');
    const acc = await ingest(file('dsiprouter_v0.79_acc_table_dump.sql'));
    const named = new Set(acc.records.map((r) => nameTrunk(r.trunk, groups)));
    expect(named).toContain('gwgroup 1 (Twilio)');
    expect(named).toContain('gwgroup 3 (Flowroute)');
  });
});
