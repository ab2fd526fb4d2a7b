/**
 * Sizing the store from the file's first bytes only ever costs memory, never rows. A file whose
 * first 64 KiB are mostly blank lines (a report with a padded preamble, or hostile input) makes
 * estimatedLines ≈ the file's size in bytes: the store is sized by size / 32 at most, and room the
 * machine will not give is grown as rows come instead.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CallRecord } from '../model/call-record';
import { fromSipCode } from '../model/causes';
import { parseWallTime } from '../model/wall-time';
import type { FormatModule } from '../formats/format-module';
import { CallStore } from '../analysis/call-store';
import { ingestBlob } from './ingest-file';

const tinyFormat: FormatModule = {
  id: 'tiny',
  label: 'Tiny test format',
  family: 'generic',
  syntax: 'delimited',
  detect: (s) => (s.rows[0]?.join('|') === 'start|trunk|code|callid' ? { score: 1 } : null),
  createParser: () => ({
    parse(row) {
      const f = row.fields();
      if (f[0] === 'start') return { kind: 'header' };
      const record: CallRecord = { ...emptyRecord(), ...fromSipCode(Number(f[2])), startMs: parseWallTime(f[0]!), trunk: f[1]!, callId: f[3]! };
      return { kind: 'record', record };
    },
    capabilities: () => ({ sipCodes: true, separates503From603: true, hasEndTimes: false, hasTrunk: true }),
  }),
};

/** A Blob that says it is `size` bytes: `content`, then nothing (only its first bytes matter here). */
function largeBlob(content: string, size: number): Blob {
  const real = new Blob([content]);
  return { size, type: '', slice: (a?: number, b?: number) => real.slice(a, b) } as unknown as Blob;
}

describe('store sizing from the first bytes', () => {
  it('a blank-line preamble does not cost the file its rows', async () => {
    const rows = ['start,trunk,code,callid', '2024-05-01 10:00:00,carrierA,503,c1', '2024-05-01 10:00:01,carrierA,200,c2'];
    const text = rows.join('\n') + '\n' + '\n'.repeat(70_000) + '2024-05-01 10:00:02,carrierB,603,c3\n';
    // An 8 GB file (its first 64 KiB are almost all line ends): estimatedLines ≈ 8e9, reserve(1e10).
    const result = await ingestBlob(largeBlob(text, 8e9), { fileName: 'padded.csv', formats: [tinyFormat], sliceBytes: 1 << 30 });
    expect(result.error).toBeNull();
    expect(result.rows.used).toBe(3);
  });

  it('room the machine will not give leaves the store as it was: it grows as rows come', () => {
    const store = new CallStore();
    store.add({ ...emptyRecord(), ...fromSipCode(503), startMs: 1000, trunk: 'a' });
    expect(() => store.reserve(1e10)).toThrow(RangeError);
    store.add({ ...emptyRecord(), ...fromSipCode(200), startMs: 2000, trunk: 'b' });
    expect(store.length).toBe(2);
    expect([store.startMs[0], store.startMs[1]]).toEqual([1000, 2000]);
  });
});
