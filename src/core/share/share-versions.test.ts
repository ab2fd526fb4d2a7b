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
    expect(await decodeShare(GOLDEN_V1)).toEqual({ ok: true, value: expected });
  });
});
