/**
 * fixtures/cdr/asterisk-cdr-csv/issabel-dahdi-gsm.csv, written by hand in Issabel's Master.csv
 * shape (18 columns): 4 calls out on the PRI group DAHDI/g0 (lines 1–4: ANSWERED, CONGESTION,
 * CONGESTION, NO ANSWER), 3 calls in from a chan_dongle GSM gateway into from-trunk (lines 5–7),
 * 3 internal calls (lines 8–9 extension to extension, line 10 voicemail). An operator reads: one
 * trunk "DAHDI g0" with 4 attempts, 2 of them congested; the GSM line only brought calls in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../../analysis/analyze-dashboard';
import { ingestFiles } from '../../ingest/ingest-files';
import { inProcessPool } from '../../ingest/pieces/in-process-pool';

const FILE = path.resolve(import.meta.dirname, '../../../../fixtures/cdr/asterisk-cdr-csv/issabel-dahdi-gsm.csv');
// Detection from the content: the name says nothing.
const inputs = () => [{ name: 'export', blob: new Blob([readFileSync(FILE)]) }];

describe('Issabel Master.csv with a DAHDI PRI group and a GSM gateway', () => {
  it('reads each call with its trunk and direction; internal calls are skipped rows', async () => {
    const { summary, store } = await ingestFiles(inputs());
    const file = summary.files[0]!;
    expect(file.format?.id).toBe('asterisk-cdr-csv');
    expect(file.rows).toMatchObject({ read: 10, used: 7, skipped: 3 });
    expect(file.skipped.map((g) => [g.reason, g.count, g.firstLines])).toEqual([
      ['internal call: extension to extension', 2, [8, 9]],
      ['internal call: no trunk in channel, dstchannel or lastdata', 1, [10]],
    ]);
    expect(file.traffic).toEqual({ outbound: 4, inbound: 3, internal: 3, unknownDirection: 0, authChallenges: 0, answeredAfterChallenge: 0 });
    expect(file.trunks).toEqual([
      { name: 'DAHDI g0', calls: 4 },
      { name: 'Dongle dongle0', calls: 3 },
    ]);

    const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 10 });
    const dahdi = data.trunks.find((t) => t.trunk === 'DAHDI g0')!;
    const gsm = data.trunks.find((t) => t.trunk === 'Dongle dongle0')!;
    expect([dahdi.attempts, dahdi.answered, dahdi.byOutcome.capacity, dahdi.inbound]).toEqual([4, 1, 2, 0]);
    // Inbound calls are in no rate: the GSM trunk has no attempts, its 3 calls are shown apart.
    expect([gsm.attempts, gsm.inbound]).toEqual([0, 3]);
    expect(data.calls).toBe(4);
  });

  it('pieces give what one pass gives, cut at every byte', async () => {
    const one = await ingestFiles(inputs());
    const pieces = await ingestFiles(inputs(), { pool: inProcessPool(), pieceBytes: 1 });
    // Cut at the last line end before every byte of the 2,281-byte file: a piece per line (its 10 lines).
    expect(pieces.summary.files[0]!.pieces).toBe(10);
    expect({ ...pieces.summary.files[0]!, pieces: 0 }).toEqual({ ...one.summary.files[0]!, pieces: 0 });
    expect(Array.from(pieces.store.direction.subarray(0, 7))).toEqual(Array.from(one.store.direction.subarray(0, 7)));
  });
});
