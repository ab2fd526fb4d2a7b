/**
 * Links that lie (issue 14): impossible counts are refused with a message, and a carried verdict is
 * checked against the carried numbers — a trunk the data lacks carries none, "Healthy" over 9,500
 * 503s of 10,000 is contradicted.
 */
import { describe, expect, it } from 'vitest';
import type { TrunkStats } from '../analysis/dashboard-types';
import { decodeShare, encodeShare } from './codec';
import { packTree } from './pack';
import { smallView } from './test-views';
import { checkSharedVerdict } from './verdict-check';
import type { SharedView } from './view';
import { packV1 } from './wire';
import { toBase64Url } from './codec';

async function crafted(view: SharedView): Promise<string> {
  // What an attacker sends: the wire packed without encodeShare's own checks.
  const stream = new Blob([packTree(packV1(view) as never) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return `#v1.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

/** A trunk of `attempts` calls: `c503` got 503, `c603` got 603, the rest answered. */
function trunk(name: string, attempts: number, c503: number, c603: number): TrunkStats {
  const base = smallView().data.trunks[0]!;
  const answered = attempts - c503 - c603;
  return {
    ...base,
    trunk: name,
    attempts,
    answered,
    asr: { n: answered, d: attempts },
    ner: { n: answered + c603, d: attempts },
    rate503: { n: c503, d: attempts, provenance: { sip: c503, q850: 0, disposition: 0 } },
    rate603: { n: c603, d: attempts, provenance: { sip: c603, q850: 0, disposition: 0 } },
    ambiguous403or603: 0,
    byOutcome: { answered, capacity: c503, policy: c603, number: 0, user: 0, other: 0, unknown: 0 },
    byCode: [{ code: '503', outcome: 'capacity', count: c503 }],
    provenance: { sip: attempts, q850: 0, disposition: 0, none: 0 },
  };
}

describe('impossible counts are refused', () => {
  it('10⁹ rejections of 10 attempts, more outcomes than attempts, a breakdown with more 503s than calls', async () => {
    const lies: Array<[string, (v: SharedView) => void]> = [
      ['rejected', (v) => (v.data.trunks[0]!.byOutcome.capacity = 1_000_000_000)],
      ['answered', (v) => (v.data.trunks[0]!.answered = 10)],
      ['the codes', (v) => (v.data.trunks[0]!.byCode = [{ code: '503', outcome: 'capacity', count: 50 }])],
      ['more rejections than attempts', (v) => (v.data.breakdowns.prefixes[0]!.c503 = 99)],
      ['timeline', (v) => (v.data.series.buckets[0]!.c503 = 99)],
    ];
    for (const [words, lie] of lies) {
      const v = smallView();
      lie(v);
      const r = await decodeShare(await crafted(v));
      expect(r.ok, words).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid');
        expect(r.error.message).toContain('cannot be true');
        expect(r.error.message).toContain(words);
      }
      await expect(encodeShare(v)).rejects.toThrow(RangeError);
    }
    // n > d in a rate: refused as before.
    const v = smallView();
    v.data.trunks[0]!.rate503.n = 12;
    expect((await decodeShare(await crafted(v))).ok).toBe(false);
    expect((await decodeShare(await encodeShare(smallView()))).ok).toBe(true);
  });
});

describe('the carried verdict against the carried numbers', () => {
  it('"Healthy" over 9,500 503s of 10,000 attempts is contradicted, with the numbers', () => {
    const rows = [trunk('sip-a', 10_000, 9_500, 0)];
    const check = checkSharedVerdict('sip-a', 'healthy', rows);
    expect(check?.kind).toBe('contradicted');
    expect(check?.message).toContain('9,500 of 10,000 attempts (95 %) were rejected: 9,500 got 503, 0 got 603');
    expect(checkSharedVerdict('sip-a', 'cps-limit', rows)).toBeNull();
  });

  it('its rate reads as the trunk table beside it writes it: 342 of 400 (85.5 %) is 86 %', () => {
    const check = checkSharedVerdict('sip-a', 'healthy', [trunk('sip-a', 400, 342, 0)]);
    expect(check?.message).toContain('342 of 400 attempts (86 %) were rejected: 342 got 503, 0 got 603');
  });

  it('a trunk not in the data carries no verdict', () => {
    expect(checkSharedVerdict('ghost', 'out-of-funds', [trunk('sip-a', 100, 1, 0)])?.kind).toBe('no-trunk');
  });

  it('a 503 verdict without a 503, a 603 verdict without a 603, a problem without a rejection are contradicted', () => {
    const clean = [trunk('sip-a', 100, 0, 0)];
    for (const verdict of ['cps-limit', 'channel-cap', 'caller-id-blocked', 'out-of-funds'] as const) expect(checkSharedVerdict('sip-a', verdict, clean)?.kind, verdict).toBe('contradicted');
    expect(checkSharedVerdict('sip-a', 'destination-blocked', [trunk('sip-a', 100, 40, 0)])?.kind).toBe('contradicted');
    expect(checkSharedVerdict('sip-a', 'destination-blocked', [trunk('sip-a', 100, 0, 20)])).toBeNull();
  });

  it('healthy at background noise and inconclusive are left to the sender', () => {
    expect(checkSharedVerdict('sip-a', 'healthy', [trunk('sip-a', 1000, 3, 2)])).toBeNull();
    expect(checkSharedVerdict('sip-a', 'healthy', [trunk('sip-a', 100, 5, 0)])).toBeNull(); // 5 rejections: fewer than MIN_REJECTS
    expect(checkSharedVerdict('sip-a', 'inconclusive', [trunk('sip-a', 10, 9, 0)])).toBeNull();
  });
});
