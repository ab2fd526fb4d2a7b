/**
 * What the app shows for every real export in ../shared/samples (from public repositories, never
 * copied here; each folder's SOURCES.md names its origin), read under a neutral name so that the
 * format comes from the content: the format, rows read = used + skipped with every skip explained,
 * the calls by direction, auth challenges, and every trunk with its outbound attempts, the calls
 * that came in from it and its verdict. Every number was counted on the file itself (awk, grep or
 * a plain CSV reader) before it was pinned; the comment beside it says how. Skipped when the folder
 * is absent. One place for these facts: the format folders' own sample tests pin how single rows
 * are read (causes, times, fields), this file what the file card, the trunk table and the CLI say.
 */
import { existsSync, openAsBlob, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './analysis/analysis-cache';
import { analyzeDashboard } from './analysis/analyze-dashboard';
import { diagnoseTrunks } from './diagnosis/evidence';
import type { Confidence, TrunkDiagnosis } from './diagnosis/types';
import type { VerdictId } from './diagnosis/tree';
import { walkTrunk } from './diagnosis/walk';
import { ingestFiles, type IngestInput } from './ingest/ingest-files';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');

interface Pinned {
  format: string;
  /** read, used, skipped */
  rows: [number, number, number];
  /** outbound, inbound, internal, unknown direction, auth challenges, answered after a challenge */
  traffic: [number, number, number, number, number, number];
  /** trunk → outbound (and unknown-direction) attempts, calls in from it, verdict, confidence */
  trunks: Record<string, [number, number, VerdictId, Confidence]>;
}

/**
 * Per sample file (folder/file). Channel names below are written without their `-<sequence>`
 * suffix; "rows with X" means rows whose column has X.
 */
const PINNED: Record<string, Pinned> = {
  // 105 rows, all in contexts phones/menu, every channel a phone (SIP/100–104). 5 dial an IP peer:
  // dstchannel SIP/172.19.45.122:5020 (2 rows, FAILED) and SIP/localhost:5020 (3: 2 ANSWERED, 1 NO
  // ANSWER). 13 rows bridge two phones (dstchannel SIP/10x): internal; the other 87 have no
  // dstchannel (Hangup, Echo, Playback, Read…): internal. Fewer than 30 attempts: no verdict.
  'asterisk_cdr_csv/BugaDM_Master.csv': {
    format: 'asterisk-cdr-csv',
    rows: [105, 5, 100],
    traffic: [5, 0, 100, 0, 0, 0],
    trunks: {
      '172.19.45.122:5020': [2, 0, 'inconclusive', 'low'],
      'localhost:5020': [3, 0, 'inconclusive', 'low'],
    },
  },
  // 84 rows. 211553/211474 are the PSTN side: every row on channel SIP/211553 or SIP/211474 has
  // context stadion-pstn → inbound. stadionpbx is the other PBX the calls are forwarded to
  // (Dial(SIP/200@stadionpbx)): 31 rows with dstchannel SIP/stadionpbx (22 from SIP/211553, 3 from
  // SIP/211474, 6 from Local/ch2|ch3@TimeDelay), 25 NO ANSWER, 5 ANSWERED, 1 BUSY: its attempts. The
  // other rows of SIP/211553 (39) belong to 25 uniqueids (an incoming call writes a row per Dial()
  // target: SIP/301, Local/ch1…ch3@TimeDelay) → 25 calls in, 14 rows skipped as the same call; two
  // more calls from it (lines 83, 84) only ever rang stadionpbx and show as its attempts alone.
  // SIP/211474: 9 other rows, 9 uniqueids. The 5 Local/ch1@TimeDelay;2 rows ringing phone SIP/301
  // name no trunk.
  'asterisk_cdr_csv/mineevburyat_Master_newcdrcolumns.csv': {
    format: 'asterisk-cdr-csv',
    rows: [84, 65, 19],
    traffic: [31, 34, 0, 0, 0, 0],
    trunks: {
      stadionpbx: [31, 0, 'healthy', 'medium'],
      '211553': [0, 25, 'inconclusive', 'low'],
      '211474': [0, 9, 'inconclusive', 'low'],
    },
  },
  // 269 rows. sipus1 (the chan_sip trunk, SOURCES.md): 121 rows with dstchannel SIP/sipus1 (109
  // ANSWERED, 8 BUSY, 4 NO ANSWER) + line 61, the AppDial2 "(Outgoing Line)" row on channel
  // SIP/sipus1 (an Originate's outgoing leg, ANSWERED) = 122 attempts; line 60 (context from-trunk,
  // Playback hello-world on SIP/sipus1) came in. Google Voice: 11 rows with dstchannel
  // Motif/…@voice.google.com, all NO ANSWER. IAX2/216.207.245.8:4569: line 32, NO ANSWER. The IP peer
  // SIP/50.112.48.21 calls in: 22 rows, 22 uniqueids. 93 Local/…;1|;2 legs without a trunk, 17 rows
  // naming no trunk at all, 2 Congestion() rows (lines 67, 71) that dialled nothing.
  'asterisk_cdr_csv/simularent_Master.csv': {
    format: 'asterisk-cdr-csv',
    rows: [269, 157, 112],
    traffic: [134, 23, 17, 0, 0, 0],
    trunks: {
      sipus1: [122, 1, 'healthy', 'medium'],
      'Motif/voice.google.com': [11, 0, 'inconclusive', 'low'],
      '216.207.245.8:4569': [1, 0, 'inconclusive', 'low'],
      '50.112.48.21': [0, 22, 'inconclusive', 'low'],
    },
  },
  // 14 rows, PJSIP/client1 ↔ PJSIP/client2 (dst 6789 / 1234, context default): all phone to phone.
  'asterisk_cdr_custom/KelySaina_Master_cdr_custom.csv': {
    format: 'asterisk-cdr-custom',
    rows: [14, 0, 14],
    traffic: [0, 0, 14, 0, 0, 0],
    trunks: {},
  },
  // 1000 rows, PJSIP endpoints. Outbound by dstchannel: PJSIP/thinQ 92 rows (51 ANSWERED, 27 NO
  // ANSWER, 14 FAILED), PJSIP/VIOrig 65, PJSIP/VITerm 41 (+1 row whose dstchannel is a Local channel
  // and whose trunk column says VITerm) = 42, PJSIP/IDT 14, PJSIP/Bandwidth 9. Inbound by channel:
  // PJSIP/VIOrig 203 rows of 101 uniqueids (one row per ring-group leg), PJSIP/Bandwidth 4 rows, 4
  // uniqueids. 224 rows bridge two extensions, 125 name no trunk, 222 are Local legs. VIOrig's 65
  // attempts hold 9 FAILED (14 %): too few for a pattern, far above background, so inconclusive.
  'asterisk_cdr_db_export/srinimonster_voipreports1_cdr_with_trunk.csv': {
    format: 'asterisk-cdr-db-export',
    rows: [1000, 327, 673],
    traffic: [222, 105, 349, 0, 0, 0],
    trunks: {
      thinQ: [92, 0, 'inconclusive', 'low'],
      VIOrig: [65, 101, 'inconclusive', 'low'],
      VITerm: [42, 0, 'inconclusive', 'low'],
      IDT: [14, 0, 'inconclusive', 'low'],
      Bandwidth: [9, 4, 'inconclusive', 'low'],
    },
  },
  // FreePBX CDR Reports: every call is extension to extension. 100 rows, context from-internal,
  // channels SIP/105–114, Local/… or empty: no trunk anywhere.
  'freepbx_cdr_export/apspoliveira_cdr__1504525205ucoip.g9telecom.pt.csv': {
    format: 'freepbx-cdr-report',
    rows: [100, 0, 100],
    traffic: [0, 0, 78, 0, 0, 0],
    trunks: {},
  },
  // The same server a few hours later: 100 rows, SIP/106–114, Local/… or empty.
  'freepbx_cdr_export/apspoliveira_cdr__1504542198ucoip.g9telecom.pt.csv': {
    format: 'freepbx-cdr-report',
    rows: [100, 0, 100],
    traffic: [0, 0, 80, 0, 0, 0],
    trunks: {},
  },
  // 6 columns (calldate,src,dst,duration,billsec,disposition), CR line ends: 25 calls (19 ANSWERED,
  // 4 NO ANSWER, 2 BUSY) with no channel, so neither trunk nor direction.
  'freepbx_cdr_export/apspoliveira_cdr_new_excel_CR_line_endings.csv': {
    format: 'freepbx-cdr-table',
    rows: [25, 25, 0],
    traffic: [0, 0, 0, 25, 0, 0],
    trunks: { '(no trunk column)': [25, 0, 'inconclusive', 'low'] },
  },
  // asteriskcdrdb dump, 856 rows: channels SIP/105–117, Local/… or empty, no trunk. 40 rows are
  // Congestion() (e.g. line 10: 105 dialled 924109099 and no outbound route took it), 107 Local legs.
  'freepbx_cdr_export/apspoliveira_freepbx_cdr_table_dump.csv': {
    format: 'freepbx-cdr-table',
    rows: [856, 0, 856],
    traffic: [0, 0, 709, 0, 0, 0],
    trunks: {},
  },
  // Example template (context, no channel). 54 rows, all context default. Internal: line 35 only
  // (1000 → 20172: both 2–5 digits). The rest involve 6- or 8-digit numbers (20172519, 201725),
  // `voicemail` or `*201725`: unknown direction. 37 answered, 16 ORIGINATOR_CANCEL (the caller hung
  // up while it rang, ≈487): nothing refused, so healthy; medium (the causes cannot separate 503
  // from 603).
  'freeswitch_cdr_csv/DuyNguyen2599_Master_example_template.csv': {
    format: 'freeswitch-cdr-csv',
    rows: [54, 53, 1],
    traffic: [0, 0, 1, 53, 0, 0],
    trunks: { '(no trunk column)': [53, 0, 'healthy', 'medium'] },
  },
  // Spreadsheet re-save, 10 rows in context default. Line 7: 1002 → 1004, internal. Lines 8 and 9
  // are the same row twice (uuid 7adced1a…, NORMAL_CLEARING): one duplicate; line 10 repeats the
  // uuid with USER_BUSY (another result): kept. The other 7 dial `&` (an originate) or come from
  // caller 0: unknown.
  'freeswitch_cdr_csv/Kxingyunliushui_Master_excel_resaved.csv': {
    format: 'freeswitch-cdr-csv',
    rows: [10, 8, 2],
    traffic: [0, 0, 1, 8, 0, 0],
    trunks: { '(no trunk column)': [8, 0, 'inconclusive', 'low'] },
  },
  // Example template, 82 rows. 68 in context public: calls from outside, among them a
  // prefix-scanning attack (caller 2001/"default" dialling 41245085789 behind 00, 000, 9, 011, 810…
  // every ~47 minutes, lines 22–43) → inbound, not a carrier verdict. 14 in context default: 13
  // between 4-digit numbers (2001 → 3500 conference, 2001 → 2002 …) are internal; line 74 comes from
  // gonzalo@parzee.com: unknown, the only attempt.
  'freeswitch_cdr_csv/spicyramen_Master_example_template.csv': {
    format: 'freeswitch-cdr-csv',
    rows: [82, 69, 13],
    traffic: [0, 68, 13, 1, 0, 0],
    trunks: { '(no trunk column)': [1, 68, 'inconclusive', 'low'] },
  },
  // dSIPRouter acc (553 rows: 321 INVITE, 232 BYE; 284 call ids). calltype per call id: outbound 83
  // (dst_gwgroupid 3: 64, 2: 19), inbound 150 (src_gwgroupid 1: 63, 3: 13, none: by src_ip
  // 34.226.36.33 28, .35 24, .34 22), empty 51 (the proxy's own users: internal). The 37 call ids
  // with a 401/407 are all internal ones, 26 of them answered on the retry. Without dr_gateways a
  // group is named by the addresses its calls used. Flowroute (group 3) refuses caller ID 6702 (16
  // × "403 Invalid Caller ID"): caller-id-blocked; Skyetel (group 2): 19 × 487, cancelled while
  // ringing: too few to judge.
  'kamailio_acc/dsiprouter_v0.79_acc_DERIVED.csv': {
    format: 'kamailio-acc',
    rows: [553, 420, 133],
    traffic: [83, 150, 51, 0, 37, 26],
    trunks: {
      'gwgroup 3 (34.226.36.32, 34.210.91.112)': [64, 13, 'caller-id-blocked', 'high'],
      'gwgroup 2 (52.41.52.34)': [19, 0, 'inconclusive', 'low'],
      'gwgroup 1 (54.244.51.2, 54.172.60.0 +5 more)': [0, 63, 'inconclusive', 'low'],
      '34.226.36.33': [0, 28, 'inconclusive', 'low'],
      '34.226.36.35': [0, 24, 'inconclusive', 'low'],
      '34.226.36.34': [0, 22, 'inconclusive', 'low'],
    },
  },
  // The same acc table as the MariaDB dump it was projected from: the same calls.
  'kamailio_acc/dsiprouter_v0.79_acc_table_dump.sql': {
    format: 'kamailio-acc',
    rows: [553, 420, 133],
    traffic: [83, 150, 51, 0, 37, 26],
    trunks: {
      'gwgroup 3 (34.226.36.32, 34.210.91.112)': [64, 13, 'caller-id-blocked', 'high'],
      'gwgroup 2 (52.41.52.34)': [19, 0, 'inconclusive', 'low'],
      'gwgroup 1 (54.244.51.2, 54.172.60.0 +5 more)': [0, 63, 'inconclusive', 'low'],
      '34.226.36.33': [0, 28, 'inconclusive', 'low'],
      '34.226.36.35': [0, 24, 'inconclusive', 'low'],
      '34.226.36.34': [0, 22, 'inconclusive', 'low'],
    },
  },
  // dr_gateways alone: 70 gateway rows, names for the groups, no calls.
  'kamailio_acc/dsiprouter_v0.79_dr_gateways_dump.sql': {
    format: 'kamailio-dr-gateways',
    rows: [70, 70, 0],
    traffic: [0, 0, 0, 0, 0, 0],
    trunks: {},
  },
};

function sampleFiles(): string[] {
  if (!existsSync(SAMPLES)) return [];
  return readdirSync(SAMPLES)
    .filter((d) => statSync(path.join(SAMPLES, d)).isDirectory())
    .flatMap((d) => readdirSync(path.join(SAMPLES, d)).filter((f) => !f.endsWith('.md')).map((f) => `${d}/${f}`))
    .sort();
}

/** What the CLI and the page compute from a drop: the file reports, the trunk table, the verdicts. */
async function shown(inputs: IngestInput[]) {
  const { summary, store } = await ingestFiles(inputs);
  const cache = new AnalysisCache(store);
  const data = store.length > 0 ? analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 20 }, cache) : null;
  const diagnoses = data ? diagnoseTrunks(store, { cache, data, files: summary.files }) : [];
  const trunks: Pinned['trunks'] = {};
  for (const d of diagnoses) {
    const inbound = data?.trunks.find((s) => s.trunk === d.trunk)?.inbound ?? 0;
    trunks[d.trunk] = [d.attempts, inbound, d.verdict, d.confidence];
  }
  return { files: summary.files, trunks, diagnoses };
}

const blobOf = async (file: string) => openAsBlob(path.join(SAMPLES, file));

describe.skipIf(!existsSync(SAMPLES))('real exports in ../shared/samples: what the app shows', () => {
  const files = sampleFiles();

  it('every sample file is pinned here (a new sample needs its entry, counted by hand)', () => {
    expect(files.filter((f) => !(f in PINNED))).toEqual([]);
  });

  it.each(files)('%s', async (file) => {
    const pinned = PINNED[file]!;
    // Read under a neutral name: detection must come from the content.
    const { files: [result], trunks } = await shown([{ name: 'unknown', blob: await blobOf(file) }]);
    expect(result!.error).toBeNull();
    expect(result!.format?.id).toBe(pinned.format);
    const { rows, skipped, traffic } = result!;
    expect([rows.read, rows.used, rows.skipped]).toEqual(pinned.rows);
    // Every skip has its reason and first lines; together they are every skipped row.
    expect(skipped.reduce((n, g) => n + g.count, 0)).toBe(rows.skipped);
    for (const group of skipped) {
      expect(group.reason).not.toMatch(/unreadable row/);
      expect(group.firstLines.length).toBeGreaterThan(0);
    }
    const t = traffic;
    expect([t.outbound, t.inbound, t.internal, t.unknownDirection, t.authChallenges, t.answeredAfterChallenge]).toEqual(pinned.traffic);
    expect(trunks).toEqual(pinned.trunks);
  });

  describe('dSIPRouter acc + dr_gateways, dropped together', () => {
    const ACC = 'kamailio_acc/dsiprouter_v0.79_acc_DERIVED.csv';
    const GATEWAYS = 'kamailio_acc/dsiprouter_v0.79_dr_gateways_dump.sql';
    const text = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');
    const drop = (files: ReadonlyArray<{ name: string; text: string }>) => shown(files.map((f) => ({ name: f.name, blob: new Blob([f.text]) })));
    const result = existsSync(SAMPLES)
      ? drop([
          { name: 'acc.csv', text: text(ACC) },
          { name: 'dr_gateways.sql', text: text(GATEWAYS) },
        ])
      : null;
    const byName = (ds: readonly TrunkDiagnosis[], name: string) => {
      const d = ds.find((x) => x.trunk === name);
      expect(d, `${name} in ${ds.map((x) => x.trunk).join(', ')}`).toBeDefined();
      return d!;
    };

    it('the groups are named by dr_gateways; the OpenAI endpoint groups (14–17, 25) are no trunks', async () => {
      // By hand: dr_gateways names group 1 Twilio, 2 Skyetel, 3 Flowroute. Every INVITE with
      // dst_gwgroupid 14, 15, 16, 17 or 25 has calltype "inbound" (150 rows): dr_gateways types those
      // groups 9 (endpoint); their calls count on the carrier they came from.
      const { trunks } = (await result)!;
      expect(trunks).toEqual({
        'gwgroup 3 (Flowroute)': [64, 13, 'caller-id-blocked', 'high'],
        'gwgroup 2 (Skyetel)': [19, 0, 'inconclusive', 'low'],
        'gwgroup 1 (Twilio)': [0, 63, 'inconclusive', 'low'],
        '34.226.36.33': [0, 28, 'inconclusive', 'low'],
        '34.226.36.35': [0, 24, 'inconclusive', 'low'],
        '34.226.36.34': [0, 22, 'inconclusive', 'low'],
      });
    });

    it('Flowroute → caller-id-blocked: 6702 gets "403 Invalid Caller ID" 16 of 16; funds and international beside it', async () => {
      // By hand: rows with dst_gwgroupid 3 and method INVITE; src_user 6702 has 16, all
      // `403,Invalid Caller ID`; the other caller IDs (3137891313, 2485442883, proj_…) connect.
      const d = byName((await result)!.diagnoses, 'gwgroup 3 (Flowroute)');
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
      expect(w.steps[1]!.evidence[1]).toContain('"403 Invalid Caller ID" on 16 (caller IDs blocked)');
      expect(w.steps[1]!.evidence[0]).toContain('"403 Insufficient funds remaining - support@flowroute.com" on 4');
      expect(w.finding?.numbers.callerIds).toEqual(['6702']);
    });

    it('Skyetel: 19 INVITEs, every one 487 (cancelled while ringing) → inconclusive, not a refused trunk', async () => {
      // By hand: dst_gwgroupid 2 has 19 INVITE rows, all `487,Request Terminated`, no BYE.
      const d = byName((await result)!.diagnoses, 'gwgroup 2 (Skyetel)');
      expect(d.evidence!.candidates).toEqual([]);
      expect(d.evidence!.missing!.join(' ')).toMatch(/at least 30 attempts/);
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
        const d = byName((await drop(files)).diagnoses, 'gwgroup 3 (Flowroute)');
        expect(d.verdict).toBe('caller-id-blocked');
        expect(d.evidence!.numbers.callerIds).toEqual(['6702']);
        expect(d.findings.map((f) => f.leaf).sort()).toEqual(['forbidden-reason', 'no-route', 'out-of-funds']);
      }
      // Renamed: without dr_gateways the trunk is "gwgroup 3" with the addresses its calls used; the
      // verdict does not depend on the name.
      const bare = byName((await drop([{ name: 'acc.csv', text: text(ACC) }])).diagnoses, 'gwgroup 3 (34.226.36.32, 34.210.91.112)');
      expect(bare.verdict).toBe('caller-id-blocked');
      expect(bare.evidence!.numbers.stated).toBe(16);
    });
  });
});
