import { describe, expect, it } from 'vitest';
import { emptyCdrRow, type CdrRow } from './cdr-row';
import { classifyRow, CONGESTION_REASON } from './outcome';

const row = (fields: Partial<CdrRow>): CdrRow => ({ ...emptyCdrRow(), ...fields });

describe('classifyRow', () => {
  it('maps plain dispositions without inventing a SIP code', () => {
    expect(classifyRow(row({ disposition: 'FAILED' }))).toEqual({ sipCode: null, codeSource: 'disposition', outcome: 'capacity', reason: 'FAILED', q850: null });
    expect(classifyRow(row({ disposition: 'NO ANSWER' }))).toMatchObject({ outcome: 'user', reason: 'NO ANSWER' });
    expect(classifyRow(row({ disposition: 'failed', lastapp: 'Congestion' }))).toMatchObject({ outcome: 'capacity', reason: CONGESTION_REASON });
  });

  it('gives a row that states only its disposition what it gives the same row with more columns to read', () => {
    // causeTech text that is no cause: the full reading, which then decides by the disposition alone.
    const fully = (fields: Partial<CdrRow>) => classifyRow(row({ ...fields, causeTech: 'no cause here' }));
    for (const disposition of ['ANSWERED', 'FAILED', 'CONGESTION', 'BUSY', 'NO ANSWER', 'NOANSWER', 'CANCEL', 'UNKNOWN', 'busy', ' BUSY', 'No Answer', 'NORMAL_CLEARING', '']) {
      expect(classifyRow(row({ disposition })), disposition).toEqual(fully({ disposition }));
      expect(classifyRow(row({ disposition, lastapp: 'Congestion' })), disposition).toEqual(fully({ disposition, lastapp: 'Congestion' }));
    }
    expect(classifyRow(row({ disposition: 'BUSY' }))).toEqual({ sipCode: null, codeSource: 'disposition', outcome: 'user', reason: 'BUSY', q850: null });
    expect(classifyRow(row({ disposition: 'CONGESTION', lastapp: 'congestion' }))).toMatchObject({ outcome: 'capacity', reason: CONGESTION_REASON });
    expect(classifyRow(row({ disposition: ' BUSY' }))).toMatchObject({ outcome: 'user', reason: ' BUSY' });
  });

  it('lets HANGUPCAUSE tech text win over the disposition', () => {
    expect(classifyRow(row({ disposition: 'NO ANSWER', userfield: 'SIP 603 Decline' }))).toEqual({ sipCode: 603, codeSource: 'sip', outcome: 'policy', reason: 'Decline', q850: null });
    expect(classifyRow(row({ disposition: 'FAILED', causeTech: 'sip:503' }))).toMatchObject({ sipCode: 503, codeSource: 'sip', reason: 'FAILED' });
  });

  it('keeps an ANSWERED row answered whatever an earlier attempt left in HANGUPCAUSE', () => {
    expect(classifyRow(row({ disposition: 'ANSWERED', userfield: 'SIP 503 Service Unavailable' }))).toEqual({
      sipCode: null,
      codeSource: 'disposition',
      outcome: 'answered',
      reason: 'ANSWERED',
      q850: null,
    });
  });

  it('reads Q.850 causes as numbers or names', () => {
    expect(classifyRow(row({ disposition: 'FAILED', hangupCause: '34' }))).toEqual({ sipCode: 503, codeSource: 'q850', outcome: 'capacity', reason: 'NORMAL_CIRCUIT_CONGESTION', q850: 34 });
    expect(classifyRow(row({ disposition: 'NO ANSWER', hangupCause: 'CALL_REJECTED' }))).toMatchObject({ sipCode: null, outcome: 'policy', q850: 21 });
  });

  it('skips what it cannot classify', () => {
    expect(classifyRow(row({ disposition: '' }))).toEqual({ skip: 'no disposition' });
    expect(classifyRow(row({ disposition: 'NORMAL_CLEARING' }))).toEqual({ skip: 'unknown disposition "NORMAL_CLEARING"' });
  });
});
