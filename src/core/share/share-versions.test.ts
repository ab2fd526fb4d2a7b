/**
 * Old links keep opening. GOLDEN_V1 was made by the first link format (v1, 2026-11-28) and must open
 * to the same view forever: when the format changes (v2), codec.ts migrates it (MIGRATIONS) and this
 * test keeps passing — or, if v1 is ever given up, decodeShare must say so with an 'old-version' error.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare } from './codec';
import { smallView } from './test-views';

const GOLDEN_V1 =
  '#v1.eJwtTsFKw0AQzZvJGnowzG4Nkp7yAxGL8QM8i8d-QElCWZqmNRsK3vIdHrz7P95E8D-8yG7KDPMe84Z5D6lQujt2TdsX53XR2X4P4IqSuhnuancm2bqxHazbl3UzlH6zfLpsipeg-bNVrkEAKWdP5TYC8TT9vX9UPP18AyQzAteXizwDiYBiEv5kKCMiAqUlYOKnFgHAxI_3D9ogDgpLtsKCf78YECAHskDmNoCGMgZArG9FR_DeBkovA_OT5UYiMICEqKoo3fR2bJvi2fa75njIjfeNfOUgHRLMkWlRn1zZ2YMd_TOi1zXxW-v-AbpiNuw';

describe('link versions', () => {
  it('a v1 link made by the first format still opens to the same view', async () => {
    const expected = smallView();
    expected.note = 'golden v1 link';
    expected.diagnosis = { version: 1, walks: [{ trunk: 'sip-a', verdict: 'cps-limit', overrides: { q1: 'yes' } }] };
    // Made before SEER travelled (a trunk row of 13 fields): SEER reads 0 of 0, shown as "—".
    for (const t of expected.data.trunks) t.seer = { n: 0, d: 0 };
    expect(await decodeShare(GOLDEN_V1)).toEqual({ ok: true, value: expected });
  });
});

describe('diagnosis slot v2: the evidence sentence travels', () => {
  it('round-trips a walk with its evidence, and a walk without it stays in the v1 layout', async () => {
    const { decodeShare, encodeShare } = await import('./codec');
    const { smallView } = await import('./test-views');
    const withEvidence = smallView();
    withEvidence.diagnosis = {
      version: 1,
      walks: [{ trunk: 'sip-a', verdict: 'cps-limit', overrides: { capacity: '1' }, evidence: '503 on 1709 of 4232 (40 %) of attempts started in seconds with ≥ 4 attempts.' }],
    };
    const decoded = await decodeShare(await encodeShare(withEvidence));
    expect(decoded.ok && decoded.value.diagnosis).toEqual(withEvidence.diagnosis);

    const without = smallView();
    without.diagnosis = { version: 1, walks: [{ trunk: 'sip-a', verdict: 'healthy', overrides: {} }] };
    const plain = await decodeShare(await encodeShare(without));
    expect(plain.ok && plain.value.diagnosis).toEqual(without.diagnosis);
  });
});

describe('evidence sentences and privacy', () => {
  it('masks phone-number-like runs in the evidence unless the sender shares full numbers', async () => {
    const { buildSharedView } = await import('./view');
    const { smallView } = await import('./test-views');
    const base = smallView();
    const summary = { files: [], calls: base.data.calls, trunks: [], span: null };
    const walks = [{ trunk: 'sip-a', verdict: 'caller-id-blocked' as const, overrides: {}, evidence: '603 on caller IDs 13125550142, 13125550177: 818 of 818 declined; prefix 1876 fine.' }];
    const masked = buildSharedView(summary, base.data, { trunks: [], window: null }, { privacy: 'masked', diagnosis: { version: 1, walks } });
    expect(masked.diagnosis?.walks[0]?.evidence).toBe('603 on caller IDs 1312555••••, 1312555••••: 818 of 818 declined; prefix 1876 fine.');
    const full = buildSharedView(summary, base.data, { trunks: [], window: null }, { privacy: 'full', diagnosis: { version: 1, walks } });
    expect(full.diagnosis?.walks[0]?.evidence).toBe(walks[0]!.evidence);
  });
});

describe('inbound calls travel', () => {
  it("a trunk's calls in from it open with it (as simularent's sipus1 +1 inbound and 50.112.48.21 +22); a trunk with none has none", async () => {
    const { decodeShare, encodeShare } = await import('./codec');
    const view = smallView();
    const a = view.data.trunks[0]!;
    view.data.trunks = [
      { ...a, inbound: 1 },
      { ...a, trunk: 'sip-b', inbound: 22 },
      { ...a, trunk: 'sip-c' },
    ];
    const decoded = await decodeShare(await encodeShare(view));
    expect(decoded.ok && decoded.value.data.trunks.map((t) => [t.trunk, t.inbound])).toEqual([
      ['sip-a', 1],
      ['sip-b', 22],
      ['sip-c', undefined],
    ]);
  });
});
