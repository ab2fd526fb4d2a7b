/**
 * Direction through the ingest: internal calls become skipped rows (counted as internal), the rest
 * are stored with their direction and counted per file, after de-duplication; the same in pieces.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallDirection, type CallRecord } from '../model/call-record';
import { fromSipCode } from '../model/causes';
import { internalCallReason, INTERNAL_CALL_REASON } from '../model/direction';
import { parseWallTime } from '../model/wall-time';
import type { FormatModule } from '../formats/format-module';
import { DUPLICATE_REASON } from './call-deduper';
import { ingestFiles } from './ingest-files';
import { inProcessPool } from './pieces/in-process-pool';

const DIRECTIONS: readonly string[] = ['outbound', 'inbound', 'internal', 'unknown'];

/** Header `start,trunk,code,callid,direction`; direction `phone-challenge` is skipped by the parser itself. */
const directedFormat: FormatModule = {
  id: 'directed',
  label: 'Directed test format',
  family: 'generic',
  syntax: 'delimited',
  splittable: true,
  detect: (s) => (s.rows[0]?.join('|') === 'start|trunk|code|callid|direction' ? { score: 1 } : null),
  createParser: () => ({
    parse(row) {
      const fields = row.fields();
      if (fields[0] === 'start') return { kind: 'header' };
      const direction = fields[4] ?? '';
      if (direction === 'phone-challenge') return { kind: 'skip', reason: internalCallReason('the proxy challenged its own phone') };
      if (!DIRECTIONS.includes(direction)) return { kind: 'skip', reason: 'no direction' };
      const record: CallRecord = {
        ...emptyRecord(),
        ...fromSipCode(Number(fields[2])),
        startMs: parseWallTime(fields[0]!),
        trunk: fields[1]!,
        callId: fields[3]!,
        direction: direction as CallDirection,
      };
      return { kind: 'record', record };
    },
    capabilities: () => ({ sipCodes: true, separates503From603: true, hasEndTimes: false, hasTrunk: true }),
  }),
};

const TEXT = [
  'start,trunk,code,callid,direction',
  '2024-05-01 10:00:00,gsm,200,in1,inbound', // line 2
  '2024-05-01 10:00:01,pri,503,out1,outbound',
  '2024-05-01 10:00:02,,200,x1,internal', // line 4
  '2024-05-01 10:00:03,pri,200,out2,outbound',
  '2024-05-01 10:00:04,,401,ch1,phone-challenge', // line 6
  '2024-05-01 10:00:05,pri,603,u1,unknown',
  '2024-05-01 10:00:06,,200,x2,internal', // line 8
  '2024-05-01 10:00:01,pri,503,out1,outbound', // line 9: out1 again
  '2024-05-01 10:00:07,gsm,200,in2,inbound',
  '',
].join('\n');

describe('direction in the ingest', () => {
  it('stores outbound, inbound and unknown calls with their direction; internal ones are skipped rows', async () => {
    const { summary, store } = await ingestFiles([{ name: 'x.csv', blob: new Blob([TEXT]) }], { formats: [directedFormat] });
    const file = summary.files[0]!;
    // 9 data rows: 2 internal records + 1 challenge skipped, out1 twice (one is a duplicate), 5 stored.
    expect(file.rows).toEqual({ read: 9, used: 5, skipped: 4, headerLines: 1 });
    expect(file.skipped).toEqual([
      { reason: INTERNAL_CALL_REASON, count: 2, firstLines: [4, 8] },
      { reason: DUPLICATE_REASON, count: 1, firstLines: [9] },
      { reason: 'internal call: the proxy challenged its own phone', count: 1, firstLines: [6] },
    ]);
    expect(file.traffic).toEqual({ outbound: 2, inbound: 2, internal: 3, unknownDirection: 1, authChallenges: 0, answeredAfterChallenge: 0 });
    const stored = Array.from({ length: store.length }, (_, i) => `${store.trunks.get(store.trunk[i]!)}:${store.directionOf(i)}`);
    // Sealed: the attempts (out1 10:00:01, out2 10:00:03, u1 10:00:05) in start order, then in1 and in2.
    expect(stored).toEqual(['pri:outbound', 'pri:outbound', 'pri:unknown', 'gsm:inbound', 'gsm:inbound']);
    expect(store.attempts).toBe(3);
  });

  it('pieces give what one pass gives, cut everywhere', async () => {
    const inputs = [{ name: 'x.csv', blob: new Blob([TEXT]) }];
    const onePass = await ingestFiles(inputs, { formats: [directedFormat] });
    for (const pieceBytes of [1, 40, 100]) {
      const pieces = await ingestFiles(inputs, { formats: [directedFormat], pool: inProcessPool([directedFormat]), pieceBytes });
      expect(pieces.summary.files[0]!.pieces).toBeGreaterThan(1);
      expect(pieces.summary.files.map((f) => ({ ...f, pieces: 0 }))).toEqual(onePass.summary.files.map((f) => ({ ...f, pieces: 0 })));
      expect(Array.from(pieces.store.direction.subarray(0, pieces.store.length))).toEqual(Array.from(onePass.store.direction.subarray(0, onePass.store.length)));
    }
  });
});
