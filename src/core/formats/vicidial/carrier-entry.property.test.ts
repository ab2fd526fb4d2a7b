/**
 * One vicidial_carrier_log entry → call, as properties over entries built the way VICIdial writes
 * them (bin/FastAGI_log.pl: CALL DATE when the call ended, DIAL TIME = ${DIALEDTIME}, ANSWERED
 * TIME = ${ANSWEREDTIME}; bin/AST_VDauto_dial.pl: the channel `Local/<dial prefix><phone code>
 * <phone number>@<context>-%08x;2`). Expected values are read off the parts an entry was built
 * from: times by arithmetic, the trunk from the prefix, the outcome from a table of SIP codes and
 * Q.850 causes written out by hand (RFC 3261 / RFC 3398 meanings).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutcomeClass } from '../../model/call-record';
import { carrierEntryOutcome, type CarrierEntry } from './carrier-entry';

const LABEL = { date: 'CALL DATE', times: 'DIAL TIME / ANSWERED TIME' };
const p2 = (n: number) => String(n).padStart(2, '0');

/** A moment and CALL DATE as the report writes it (`%Y-%m-%d %H:%M:%S`). */
const moment = fc.date({ min: new Date(Date.UTC(2015, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }).map((d) => Math.floor(d.getTime() / 1000) * 1000);
const callDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
};
const nanp = fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/);
const hex8 = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0'));
const context = fc.constantFrom('default', 'from-dialer', 'vicidial-auto');

function entry(fields: Partial<CarrierEntry>): CarrierEntry {
  return { uniqueid: '1714572001.1', callDate: '2024-05-01 09:00:48', hangupCause: '0', dialStatus: '', channel: '', dialTime: '0', answeredTime: '0', sipCode: '', sipReason: '', phone: '', ...fields };
}

function record(e: CarrierEntry) {
  const o = carrierEntryOutcome(e, LABEL);
  if (o.kind !== 'record') throw new Error(`not a record: ${JSON.stringify(o)}`);
  return o.record;
}

describe('times', () => {
  it('end = CALL DATE, start = end − DIAL TIME, answer = end − ANSWERED TIME (at most the dial time), only when answered', () => {
    fc.assert(
      fc.property(
        moment,
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.constantFrom('', '0', '503', '603', '486', '200', '180'),
        fc.constantFrom('', 'ANSWER', 'CONGESTION', 'BUSY', 'NOANSWER', 'CHANUNAVAIL', ' answer '),
        fc.constantFrom('', ' '),
        (end, dial, talk, sip, status, blank) => {
          const r = record(entry({ callDate: callDate(end), dialTime: `${blank}${dial}`, answeredTime: `${talk}${blank}`, sipCode: sip, dialStatus: status }));
          const answered = talk > 0 || status.trim().toUpperCase() === 'ANSWER' || /^2\d\d$/.test(sip);
          expect(r.endMs).toBe(end);
          expect(r.startMs).toBe(end - dial * 1000);
          expect(r.durationSec).toBe(dial);
          expect(r.talkSec).toBe(talk);
          expect(r.answerMs).toBe(answered ? end - Math.min(talk, dial) * 1000 : null);
          expect(r.outcome === 'answered').toBe(answered);
        },
      ),
    );
  });

  it('a spreadsheet’s d/m/yyyy or m/d/yyyy CALL DATE is read the way the uniqueid’s epoch says (±14 h of local offset)', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: -14 * 3600, max: 14 * 3600 }), fc.integer({ min: 0, max: 9999 }), fc.boolean(), (end, offset, seq, dayFirst) => {
        const d = new Date(end);
        const [day, month] = [d.getUTCDate(), d.getUTCMonth() + 1];
        fc.pre(day <= 12 && day !== month); // both readings are dates: only the epoch can tell
        const typed = `${dayFirst ? day : month}/${dayFirst ? month : day}/${d.getUTCFullYear()} ${d.getUTCHours()}:${p2(d.getUTCMinutes())}`;
        const r = record(entry({ callDate: typed, uniqueid: `${end / 1000 - offset}.${seq}` }));
        expect(r.endMs).toBe(end - d.getUTCSeconds() * 1000);
      }),
    );
  });

  it('a CALL DATE that is no date, or a DIAL / ANSWERED TIME that is no whole number, is a skip with its reason', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'yesterday', '2024-02-30 09:00:00', '13/13/2024 9:00'), (bad) => {
        expect(carrierEntryOutcome(entry({ callDate: bad }), LABEL)).toEqual({ kind: 'skip', reason: 'bad CALL DATE (not a date)' });
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('1.5', '1:30', '-3', '0x1', '٣', 'n/a'), fc.boolean(), (bad, inDial) => {
        const e = entry(inDial ? { dialTime: bad } : { answeredTime: bad });
        expect(carrierEntryOutcome(e, LABEL)).toEqual({ kind: 'skip', reason: 'bad DIAL TIME / ANSWERED TIME (not a number)' });
      }),
    );
  });
});

describe('trunk and destination from the Local channel', () => {
  it('Local/<prefix><number>@<context>: the trunk is the prefix, the destination the number with its country code', () => {
    // A NANP number after a lead ending in 1 has country code 1; a lead ending in a country code
    // (9 44: the UK) has that one; a one-digit lead (9, 8) leaves the number as written.
    const lead = fc.oneof(
      fc.tuple(fc.constantFrom('9', '8', '77', '944'), fc.constant('1')),
      fc.tuple(fc.constantFrom('9', '8'), fc.constantFrom('', '44')),
    );
    fc.assert(
      fc.property(lead, nanp, context, fc.oneof(fc.constant(''), hex8.map((h) => `-${h};2`)), ([prefix, code], number, ctx, suffix) => {
        const r = record(entry({ channel: `Local/${prefix}${code}${number}@${ctx}${suffix}`, phone: number }));
        expect(r.trunk).toBe(`prefix ${prefix}${code}`);
        expect(r.destination).toBe(code + number);
        expect(r.direction).toBe('outbound');
      }),
    );
  });

  it('a masked phone number (admin_hide_phone_data) splits the same by its length and visible digits', () => {
    fc.assert(
      fc.property(fc.constantFrom('9', '91', '944'), nanp, fc.integer({ min: 1, max: 10 }), (prefix, number, hidden) => {
        const masked = 'X'.repeat(hidden) + number.slice(hidden);
        expect(record(entry({ channel: `Local/${prefix}${number}@default`, phone: masked })).trunk).toBe(`prefix ${prefix}`);
      }),
    );
  });

  it('without the phone number, or with one the channel does not hold, the calls of a context are one trunk', () => {
    fc.assert(
      fc.property(fc.constantFrom('9', '91'), nanp, nanp, context, (prefix, number, other, ctx) => {
        fc.pre(!`${prefix}${number}`.includes(other));
        expect(record(entry({ channel: `Local/${prefix}${number}@${ctx}`, phone: '' })).trunk).toBe(`Local/${ctx}`);
        expect(record(entry({ channel: `Local/${prefix}${number}@${ctx}`, phone: other })).trunk).toBe(`Local/${ctx}`);
      }),
    );
  });

  it('a stated phone code wins over what the channel suggests; a SIP peer channel is its own trunk', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '44', '63'), nanp, fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]$/), hex8, (code, number, peer, id) => {
        expect(record(entry({ channel: `Local/9${number}@default`, phone: number, phoneCode: code })).destination).toBe(code + number);
        const viaPeer = record(entry({ channel: `SIP/${peer}-${id}`, phone: number }));
        expect(viaPeer.trunk).toBe(peer);
        expect(viaPeer.destination).toBe(number);
      }),
    );
  });

  it('the Export Calls Report’s dial-log channel names the trunk when the carrier-log channel does not', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'Console/dsp'), fc.constantFrom('9', '91'), nanp, (channel, prefix, number) => {
        expect(record(entry({ channel, dialLogChannel: `Local/${prefix}${number}@default`, phone: number })).trunk).toBe(`prefix ${prefix}`);
        expect(record(entry({ channel, phone: number })).trunk).toBe('(no trunk in channel)');
      }),
    );
  });
});

/** Final SIP codes and what they mean for a trunk (RFC 3261 §21; 503 family = capacity, 603 family = policy). */
const SIP: ReadonlyArray<[code: number, outcome: OutcomeClass]> = [
  [503, 'capacity'], [502, 'capacity'], [504, 'capacity'],
  [603, 'policy'], [403, 'policy'], [607, 'policy'], [608, 'policy'],
  [404, 'number'], [484, 'number'],
  [486, 'user'], [480, 'user'], [487, 'user'],
];
/** Q.850 causes an Asterisk ≤ 11 server leaves when SIP CODE stays 0 (RFC 3398 §8.2.6.1 mapping). */
const Q850: ReadonlyArray<[cause: number, sip: number | null, outcome: OutcomeClass]> = [
  [34, 503, 'capacity'], [38, 503, 'capacity'], [17, 486, 'user'], [1, 404, 'number'], [21, null, 'policy'], [16, 487, 'user'],
];

const Q850_NAMES: Readonly<Record<string, string>> = { '16': 'NORMAL_CLEARING', '21': 'CALL_REJECTED', '34': 'NORMAL_CIRCUIT_CONGESTION' };

describe('outcome', () => {
  it('an unanswered call with a final SIP code: the code decides, with the carrier’s phrase (or the cause name) as reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIP), fc.constantFrom('', 'Service Unavailable', 'Decline', 'Forbidden'), fc.constantFrom('0', '16', '34', '21'), fc.constantFrom('CONGESTION', 'CHANUNAVAIL', 'BUSY', ''), ([code, outcome], phrase, cause, status) => {
        const r = record(entry({ sipCode: String(code), sipReason: phrase, hangupCause: cause, dialStatus: status }));
        expect([r.sipCode, r.codeSource, r.outcome]).toEqual([code, 'sip', outcome]);
        expect(r.q850).toBe(cause === '0' ? null : Number(cause));
        // Without a phrase: the Q.850 name of the cause, else the dial status, else nothing to say.
        expect(r.reason).toBe(phrase || Q850_NAMES[cause] || status);
      }),
    );
  });

  it('the whole HANGUPCAUSE text stored in the reason column still gives the code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIP), fc.constantFrom('SIP', 'PJSIP'), fc.constantFrom('', '0'), ([code, outcome], tech, sip) => {
        const r = record(entry({ sipCode: sip, sipReason: `${tech} ${code} Some Reason` }));
        expect([r.sipCode, r.outcome, r.reason]).toEqual([code, outcome, 'Some Reason']);
      }),
    );
  });

  it('SIP CODE 0 (Asterisk ≤ 11): the Q.850 cause decides; a 1xx or 999 is no final code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Q850), fc.constantFrom('0', '', '180', '999'), ([cause, sip, outcome], stated) => {
        const r = record(entry({ sipCode: stated, hangupCause: String(cause), dialStatus: 'CHANUNAVAIL' }));
        expect([r.sipCode, r.codeSource, r.outcome, r.q850]).toEqual([sip, 'q850', outcome, cause]);
      }),
    );
  });

  it('the dial log’s SIP code stands in when the carrier log has none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIP), fc.constantFrom('', '0', '999'), ([code, outcome], own) => {
        const r = record(entry({ sipCode: own, dialLogSipCode: String(code), dialLogSipReason: 'from the dial log' }));
        expect([r.sipCode, r.outcome, r.reason]).toEqual([code, outcome, 'from the dial log']);
      }),
    );
  });

  it('any entry at all is a record or a skip with a reason, never an exception', () => {
    const any = fc.string({ unit: 'binary', maxLength: 10 });
    fc.assert(
      fc.property(fc.record({ uniqueid: any, callDate: fc.oneof(any, moment.map(callDate)), hangupCause: any, dialStatus: any, channel: any, dialTime: any, answeredTime: any, sipCode: any, sipReason: any, phone: any, dialLogChannel: any }), (e) => {
        const o = carrierEntryOutcome(e, LABEL);
        if (o.kind === 'skip') expect(o.reason).toMatch(/^bad /);
        else {
          expect(o.kind).toBe('record');
          if (o.kind === 'record') expect(o.record.trunk).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('entries from vendor documentation', () => {
  it('a carrier dialplan entry exten => _91NXXNXXXXXX (dial prefix 91, a 10-digit NANP number): trunk "prefix 91"', () => {
    // vicifast.com, "VICIdial Dialplan Entry": 91 is the dial prefix the carrier's pattern matches.
    const r = record(entry({ uniqueid: '1714572001.1', callDate: '2024-05-01 09:00:48', hangupCause: '34', dialStatus: 'CONGESTION', channel: 'Local/913125551212@default-00000001;2', dialTime: '3', sipCode: '503', sipReason: 'Service Unavailable', phone: '3125551212' }));
    expect(r).toMatchObject({ trunk: 'prefix 91', sipCode: 503, outcome: 'capacity', reason: 'Service Unavailable', q850: 34, destination: '13125551212', callId: '1714572001.1' });
    expect([r.startMs, r.endMs]).toEqual([Date.UTC(2024, 4, 1, 9, 0, 45), Date.UTC(2024, 4, 1, 9, 0, 48)]);
  });
});
