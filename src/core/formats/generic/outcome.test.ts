import { describe, expect, it } from 'vitest';
import { rowVerdict, type OutcomeInput } from './outcome';
import { clean, parseCauseValue, parseSeconds, parseSipCodeValue, parseTime } from './values';

const input = (over: Partial<OutcomeInput>): OutcomeInput => ({
  sipCode: '',
  cause: '',
  disposition: '',
  reason: '',
  freeText: [],
  asteriskDispositions: false,
  ...over,
});

describe('rowVerdict: most precise statement first', () => {
  it('a SIP code column → source sip, with the reason column or the phrase written with the code', () => {
    expect(rowVerdict(input({ sipCode: '503', reason: 'Service Unavailable' }))).toEqual({
      sipCode: 503, codeSource: 'sip', outcome: 'capacity', reason: 'Service Unavailable', q850: null,
    });
    expect(rowVerdict(input({ sipCode: 'sip:603' }))).toMatchObject({ sipCode: 603, codeSource: 'sip', outcome: 'policy' });
    expect(rowVerdict(input({ sipCode: '403 Insufficient funds remaining' }))).toMatchObject({ sipCode: 403, reason: 'Insufficient funds remaining' });
  });

  it('keeps the Q.850 cause next to a stated SIP code', () => {
    expect(rowVerdict(input({ sipCode: '503', cause: 'NORMAL_TEMPORARY_FAILURE' }))).toMatchObject({ sipCode: 503, codeSource: 'sip', q850: 41 });
  });

  it('HANGUPCAUSE tech text in a free column beats a cause and a disposition', () => {
    expect(rowVerdict(input({ cause: '21', disposition: 'NO ANSWER', freeText: ['', 'SIP 603 Decline'] }))).toEqual({
      sipCode: 603, codeSource: 'sip', outcome: 'policy', reason: 'Decline', q850: 21,
    });
  });

  it('a cause (number or FreeSWITCH name) → q850 via classifyCause; 21 stays "403 or 603"', () => {
    expect(rowVerdict(input({ cause: '34' }))).toEqual({ sipCode: 503, codeSource: 'q850', outcome: 'capacity', reason: 'NORMAL_CIRCUIT_CONGESTION', q850: 34 });
    expect(rowVerdict(input({ cause: 'CALL_REJECTED' }))).toEqual({ sipCode: null, codeSource: 'q850', outcome: 'policy', reason: 'CALL_REJECTED', q850: 21 });
    expect(rowVerdict(input({ cause: 'Q.850;cause=41;text="x"' }))).toMatchObject({ sipCode: 503, q850: 41 });
    // FreeSWITCH ORIGINATOR_CANCEL keeps its number 487: in a cause column it is a cause, not a SIP code.
    expect(rowVerdict(input({ cause: '487' }))).toMatchObject({ codeSource: 'q850', sipCode: 487, q850: 487 });
  });

  it('carrier status words → disposition; Twilio/Sinch failed is "other", not a 503', () => {
    const d = (disposition: string) => rowVerdict(input({ disposition }));
    expect(d('completed')).toMatchObject({ outcome: 'answered', codeSource: 'disposition', sipCode: null });
    expect(d('ANSWERED')).toMatchObject({ outcome: 'answered' });
    expect(d('busy')).toMatchObject({ outcome: 'user' });
    expect(d('no-answer')).toMatchObject({ outcome: 'user', codeSource: 'disposition', q850: null });
    expect(d('NOANSWER')).toMatchObject({ outcome: 'user' });
    expect(d('failed')).toMatchObject({ outcome: 'other', sipCode: null, reason: 'failed' });
    expect(d('FAILED')).toMatchObject({ outcome: 'other' });
    expect(d('CONGESTION')).toMatchObject({ outcome: 'capacity' });
    expect(d('CHANUNAVAIL')).toMatchObject({ outcome: 'other' });
    expect(d('in-progress')).toMatchObject({ outcome: 'unknown', codeSource: 'disposition' });
  });

  it('an Asterisk CDR header keeps Asterisk semantics: FAILED is 503-like', () => {
    expect(rowVerdict(input({ disposition: 'FAILED', asteriskDispositions: true }))).toEqual({
      sipCode: null, codeSource: 'disposition', outcome: 'capacity', reason: 'FAILED', q850: null,
    });
  });

  it('reads a value by its shape even in the wrong column', () => {
    expect(rowVerdict(input({ disposition: '503' }))).toMatchObject({ sipCode: 503, codeSource: 'sip' });
    expect(rowVerdict(input({ sipCode: 'USER_BUSY' }))).toMatchObject({ sipCode: 486, codeSource: 'q850', q850: 17 });
    expect(rowVerdict(input({ disposition: 'NORMAL_TEMPORARY_FAILURE' }))).toMatchObject({ sipCode: 503, codeSource: 'q850' });
  });

  it('nothing classifiable → unknown, with whatever text there was', () => {
    expect(rowVerdict(input({ sipCode: '0', reason: 'N/A' }))).toEqual({ sipCode: null, codeSource: null, outcome: 'unknown', reason: '', q850: null });
    expect(rowVerdict(input({ disposition: 'VOICEMAIL' }))).toMatchObject({ outcome: 'unknown', reason: 'VOICEMAIL' });
    expect(rowVerdict(input({}))).toEqual({ sipCode: null, codeSource: null, outcome: 'unknown', reason: '', q850: null });
  });
});

describe('values', () => {
  it('clean: empty markers', () => {
    expect(['NULL', 'N/A', ' - ', '\\N', '  x '].map(clean)).toEqual(['', '', '', '', 'x']);
  });
  it('parseSipCodeValue / parseCauseValue', () => {
    expect(parseSipCodeValue('0')).toBeNull();
    expect(parseSipCodeValue('700')).toBeNull();
    expect(parseSipCodeValue('SIP:486')).toEqual({ code: 486, phrase: '' });
    expect(parseCauseValue('normal clearing')).toEqual({ cause: 16, name: 'NORMAL_CLEARING' });
    expect(parseCauseValue('503')).toBeNull();
  });
  it('parseSeconds', () => {
    expect(['65', '65.5', '1:05', '00:01:05', '', 'abc'].map(parseSeconds)).toEqual([65, 65.5, 65, 65, null, null]);
  });
  it('parseTime: parseWallTime shapes, RFC 2822 (Twilio) and a trailing UTC word', () => {
    expect(parseTime('2024-05-01 10:00:01', 'mdy')).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
    expect(parseTime('2024-05-01 10:00:01 UTC', 'mdy')).toBe(Date.UTC(2024, 4, 1, 10, 0, 1));
    // As written: the offset is dropped (times are shown as in the file).
    expect(parseTime('Tue, 01 Oct 2024 14:00:10 +0200', 'mdy')).toBe(Date.UTC(2024, 9, 1, 14, 0, 10));
    expect(parseTime('1 Oct 2024 12:00 GMT', 'mdy')).toBe(Date.UTC(2024, 9, 1, 12, 0, 0));
    expect(parseTime('03/05/2024 10:00', 'dmy')).toBe(Date.UTC(2024, 4, 3, 10, 0, 0));
    expect(parseTime('03/05/2024 10:00', 'mdy')).toBe(Date.UTC(2024, 2, 5, 10, 0, 0));
    expect(parseTime('2024-02-30 10:00:00', 'mdy')).toBeNaN();
    expect(parseTime('Tue, 01 Foo 2024 12:00:00 +0000', 'mdy')).toBeNaN();
  });
});
