/**
 * The verdicts of the real samples, pinned. Each comment says how to check it by hand against the
 * file (shared/samples, see each folder's SOURCES.md); skipped when the samples are absent.
 * Metamorphic checks run over the same files: rows shuffled, the file split in two and both
 * halves dropped together, another trunk's traffic added, a trunk renamed — the verdict stays.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../ingest/ingest-files';
import { diagnoseTrunks } from './evidence';
import type { TrunkDiagnosis } from './types';
import { walkTrunk } from './walk';

const samples = new URL('../../../../shared/samples/', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, samples), 'utf8');
const ACC = 'kamailio_acc/dsiprouter_v0.79_acc_DERIVED.csv';
const GATEWAYS = 'kamailio_acc/dsiprouter_v0.79_dr_gateways_dump.sql';

async function diagnose(files: ReadonlyArray<{ name: string; text: string }>): Promise<TrunkDiagnosis[]> {
  const { summary, store } = await ingestFiles(files.map((f) => ({ name: f.name, blob: new Blob([f.text]) })));
  return diagnoseTrunks(store, { files: summary.files });
}

const byName = (ds: readonly TrunkDiagnosis[], name: string) => {
  const d = ds.find((t) => t.trunk === name);
  expect(d, `${name} in ${ds.map((t) => t.trunk).join(', ')}`).toBeDefined();
  return d!;
};

describe.skipIf(!existsSync(samples))('real samples: verdicts', () => {
  describe('dSIPRouter acc + dr_gateways', () => {
    const result = diagnose([
      { name: 'acc.csv', text: text(ACC) },
      { name: 'dr_gateways.sql', text: text(GATEWAYS) },
    ]);

    it('Flowroute (gwgroup 3) → caller-id-blocked: 6702 gets "403 Invalid Caller ID" 16 of 16; funds and international beside it', async () => {
      // By hand: rows with dst_gwgroupid 3 and method INVITE; src_user 6702 has 16, all
      // `403,Invalid Caller ID`; the other caller IDs (3137891313, 2485442883, proj_…) connect.
      const d = byName(await result, 'gwgroup 3 (Flowroute)');
      expect(d.verdict, d.evidence?.summary).toBe('caller-id-blocked');
      expect(d.confidence).toBe('high');
      expect(d.evidence!.numbers.callerIds).toEqual(['6702']);
      expect(d.evidence!.numbers.stated).toBe(16);
      for (const s of d.evidence!.samples) expect(s.code).toBe('403 Invalid Caller ID');
      // "403 Insufficient funds remaining - support@flowroute.com" × 4 (first 2026-03-01 03:19:41),
      // "403 International Calling Disabled - support@flowroute.com" × 3 (dst 16723617*9475176566,
      // a 10-digit number without the 1).
      const funds = d.findings.find((f) => f.leaf === 'out-of-funds');
      expect(funds?.numbers.stated).toBe(4);
      expect(funds?.numbers.onset).toBe('2026-03-01 03:19:41');
      const intl = d.findings.find((f) => f.leaf === 'no-route');
      expect(intl?.numbers.stated).toBe(3);
      expect(intl?.numbers.prefixes).toEqual(['9475176566']);
      // The numbers 6702 dialled are refused because of the caller ID, not as blocked destinations.
      expect(d.findings.map((f) => f.leaf)).not.toContain('destination-blocked');
      // The walk: beyond background → 603 side (policy) → caller ID blocked, the words on the way.
      const w = walkTrunk(d);
      expect(w.steps.map((s) => s.question.branches[s.chosen]!.to)).toEqual(['code', 'policy', 'leaf:caller-id-blocked']);
      expect(w.steps[1]!.evidence[1]).toContain('"403 Invalid Caller ID" on 16 (caller ids blocked)');
      expect(w.steps[1]!.evidence[0]).toContain('"403 Insufficient funds remaining - support@flowroute.com" on 4');
      expect(w.finding?.numbers.callerIds).toEqual(['6702']);
    });

    it('Skyetel (gwgroup 2): 19 INVITEs, every one 487 (cancelled while ringing) → inconclusive, not a refused trunk', async () => {
      // By hand: dst_gwgroupid 2 has 19 INVITE rows, all `487,Request Terminated`, no BYE.
      const d = byName(await result, 'gwgroup 2 (Skyetel)');
      expect(d.verdict).toBe('inconclusive');
      expect(d.evidence!.candidates).toEqual([]);
      expect(d.evidence!.missing!.join(' ')).toMatch(/at least 30 attempts/);
    });

    it('the OpenAI endpoint groups (14–17, 25) received inbound calls: no verdict of their own; the calls count on the carrier they came from', async () => {
      // By hand: every INVITE with dst_gwgroupid 14, 15, 16, 17 or 25 has calltype "inbound" (150 rows);
      // dr_gateways types those groups 9 (endpoint), and their src_gwgroupid is 1 (Twilio, 63), 3
      // (Flowroute, 13) or empty (74, from Flowroute addresses outside any group, by src_ip).
      const ds = await result;
      expect(ds.filter((d) => /^gwgroup (14|15|16|17|25)\b/.test(d.trunk))).toEqual([]);
    });

    it('metamorphic: shuffled rows, split in two, renamed trunks → Flowroute keeps its verdict and numbers', async () => {
      const [header, ...rows] = text(ACC).trimEnd().split('\n');
      const shuffled = [...rows].reverse();
      for (let i = 0; i < shuffled.length; i++) {
        const j = (i * 7919) % shuffled.length;
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const half = Math.floor(shuffled.length / 2);
      const gateways = { name: 'dr_gateways.sql', text: text(GATEWAYS) };
      const variants = [
        [{ name: 'acc.csv', text: [header, ...shuffled].join('\n') + '\n' }, gateways],
        [{ name: 'acc-1.csv', text: [header, ...shuffled.slice(0, half)].join('\n') + '\n' }, { name: 'acc-2.csv', text: [header, ...shuffled.slice(half)].join('\n') + '\n' }, gateways],
      ];
      for (const files of variants) {
        const d = byName(await diagnose(files), 'gwgroup 3 (Flowroute)');
        expect(d.verdict).toBe('caller-id-blocked');
        expect(d.evidence!.numbers.callerIds).toEqual(['6702']);
        expect(d.findings.map((f) => f.leaf).sort()).toEqual(['forbidden-reason', 'no-route', 'out-of-funds']);
      }
      // Renamed: without dr_gateways the trunk is "gwgroup 3" with the addresses its calls used; the
      // verdict does not depend on the name.
      const bare = byName(await diagnose([{ name: 'acc.csv', text: text(ACC) }]), 'gwgroup 3 (34.226.36.32, 34.210.91.112)');
      expect(bare.verdict).toBe('caller-id-blocked');
      expect(bare.evidence!.numbers.stated).toBe(16);
    });
  });
});
