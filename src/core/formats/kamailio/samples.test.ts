/**
 * The real dSIPRouter dump (shared/samples/kamailio_acc, see its SOURCES.md; formats.md §5.5).
 * Skipped when the samples folder is absent. Counts checked by hand with awk over the .sql:
 * 553 rows = 321 INVITE + 232 BYE; INVITE codes 200 OK 225, 401 37, 487 31, 403 Invalid Caller ID 16,
 * 403 Insufficient funds 4, 403 International Calling Disabled 3, 403 Tech Prefix 1, 488 4
 * (2 + 2 spellings). The 481/478/408 and 206 of the 431 "200 OK" rows of §5.5 are BYE rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayGroupsOf, kamailioAcc, kamailioDrGateways, nameTrunk } from '.';
import { ingestFiles } from '../../ingest/ingest-files';
import { NO_CALLTYPE_REASON, OTHER_ROW_REASON } from './acc-calls';
import { ingest } from './test-helpers';
import type { CallRecord } from '../../model/call-record';

const dir = new URL('../../../../../shared/samples/kamailio_acc/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));

function countBy(records: readonly CallRecord[], key: (r: CallRecord) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

describe.skipIf(!existsSync(dir))('real samples: dSIPRouter v0.79 (shared/samples/kamailio_acc)', () => {
  for (const name of ['dsiprouter_v0.79_acc_table_dump.sql', 'dsiprouter_v0.79_acc_DERIVED.csv']) {
    it(`${name}: one attempt per call id; outbound, inbound and internal calls; challenges apart`, async () => {
      const { records, result, skips } = await ingest(file(name));
      expect(result.format?.id).toBe('kamailio-acc');
      expect(result.format!.score).toBeGreaterThanOrEqual(0.95);
      expect(result.rows.read).toBe(553);
      expect(result.rows.read).toBe(result.rows.used + result.rows.skipped);
      // The 321 INVITE rows belong to 284 call ids (awk -F, '$2=="INVITE"{print $5}' | sort -u | wc -l):
      // 37 call ids have two rows (a 401, then the retry), all others one.
      // - 83 outbound: calltype "outbound", set by dSIPRouter on calls it routes to a carrier group.
      // - 150 inbound: calltype "inbound", set on calls that come from a carrier.
      // - 51 internal: calltype empty on every row (2000 ↔ 2001 at test.dsiprouter.net, WebRTC
      //   clients at *.invalid): the proxy handed them to a local user, no carrier saw them.
      expect(result.traffic).toEqual({ outbound: 83, inbound: 150, internal: 51, unknownDirection: 0, authChallenges: 37, answeredAfterChallenge: 26 });
      expect(records).toHaveLength(83 + 150);
      // 37 rows "401 Unauthorized", each on its own call id; 26 of those call ids have a 200 after it
      // (14 with the groups empty on the retry, 12 with 56 → 1): the proxy challenging its own
      // phones, not Twilio (group 1) refusing anything. None of them is a stored attempt.
      expect(records.filter((r) => r.sipCode === 401)).toEqual([]);
      // Skipped: the first row of each internal call (51), their other rows (37 retries + 38 BYEs
      // = 75), and 7 BYEs of calls already ended.
      expect(skips).toEqual({
        [NO_CALLTYPE_REASON]: 51,
        [OTHER_ROW_REASON]: 75,
        'BYE repeated: the call was already ended': 7,
      });
      const outbound = records.filter((r) => r.direction === 'outbound');
      // Outbound INVITE rows per dst_gwgroupid (awk '$16=="outbound"{print $18}'): 3 → 64 (Flowroute),
      // 2 → 19 (Skyetel, all 487: the caller hung up).
      expect(countBy(outbound, (r) => r.trunk)).toEqual({ 'gwgroup 3': 64, 'gwgroup 2': 19 });
      expect(countBy(outbound, (r) => `${r.trunk} ${r.sipCode}`)).toEqual({
        'gwgroup 3 200': 37,
        'gwgroup 3 403': 24, // 16 Invalid Caller ID, 4 Insufficient funds, 3 International Calling Disabled, 1 Tech Prefix
        'gwgroup 3 488': 2,
        'gwgroup 3 487': 1,
        'gwgroup 2 487': 19,
      });
      // Inbound: the trunk is where the call came from: src_gwgroupid 1 (Twilio, 63) and 3
      // (Flowroute, 13); 74 more came from Flowroute addresses that are not in a group (src_ip).
      const inbound = records.filter((r) => r.direction === 'inbound');
      expect(countBy(inbound, (r) => r.trunk)).toEqual({ 'gwgroup 1': 63, 'gwgroup 3': 13, '34.226.36.33': 28, '34.226.36.35': 24, '34.226.36.34': 22 });
      expect(inbound.every((r) => r.outcome === 'answered')).toBe(true);
      // Every answered call has its BYE in this dump.
      const answered = records.filter((r) => r.outcome === 'answered');
      expect(answered.every((r) => r.endMs !== null && r.talkSec !== null)).toBe(true);
      // All Flowroute 403s are on gwgroup 3 and keep the carrier's phrase.
      const flowroute403 = records.filter((r) => r.sipCode === 403 && r.reason.includes('flowroute'));
      expect(flowroute403).toHaveLength(8);
      expect(new Set(flowroute403.map((r) => r.trunk))).toEqual(new Set(['gwgroup 3']));
      // Alone, the dump labels each group with the addresses its calls used (dst_domain out, src_ip
      // in), most calls first: group 3 took 39 calls at 34.226.36.32 (26 out + 13 in), 38 at .112.
      expect(result.trunks.map((t) => t.name)).toContain('gwgroup 3 (34.226.36.32, 34.210.91.112)');
      expect(result.trunks.map((t) => t.name)).toContain('gwgroup 2 (52.41.52.34)');
      expect(result.companionHint).not.toBeNull();
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

  it('acc dump and dr_gateways dump dropped together: carrier names replace the address labels', async () => {
    const names = ['dsiprouter_v0.79_dr_gateways_dump.sql', 'dsiprouter_v0.79_acc_table_dump.sql'];
    const { summary, store } = await ingestFiles(names.map((name) => ({ name, blob: new Blob([file(name)]) })), { formats: [kamailioAcc, kamailioDrGateways] });
    const acc = summary.files[1]!;
    expect(acc.companionHint).toBeNull();
    // dr_gateways names group 1 "Twilio", 2 "Skyetel", 3 "Flowroute" (its description fields).
    expect(acc.trunks).toEqual([
      { name: 'gwgroup 3 (Flowroute)', calls: 77 }, // 64 outbound + 13 inbound
      { name: 'gwgroup 1 (Twilio)', calls: 63 }, // inbound only
      { name: '34.226.36.33', calls: 28 },
      { name: '34.226.36.35', calls: 24 },
      { name: '34.226.36.34', calls: 22 },
      { name: 'gwgroup 2 (Skyetel)', calls: 19 },
    ]);
    const trunks = new Set<string>();
    for (let i = 0; i < store.length; i++) trunks.add(store.trunks.get(store.trunk[i]!));
    expect([...trunks].sort()).toEqual(acc.trunks.map((t) => t.name).sort());
  });
});
