/**
 * A carrier-log row's call written straight into the store's columns (CallValues) from the row's
 * bytes, for the row VICIdial writes by the million: 12 columns, a plain ASCII uniqueid, a
 * canonical CALL DATE, whole-number counts, a dial status, and the Local channel with the phone's
 * number in its exten (localDialInBytes). No CallRecord or strings are made for it but the call id
 * of a rejected call (the column keeps it), and its outcome columns are read once per distinct
 * cause, status, SIP code and reason (carrier-outcomes.ts). Any other row answers false and goes the CallRecord
 * way (carrier-log.ts, carrier-entry.ts), which gives the same columns for these rows
 * (carrier-columns.test.ts compares the two column by column).
 */
import { CODE_SOURCES, DIRECTIONS, NO_VALUE_U16, OUTCOMES, writeDigitBytes, type CallValues } from '../../analysis/call-columns';
import { isAsciiDigit, isPrintableAscii, type ByteTexts } from '../../read/byte-texts';
import type { Row } from '../../read/row';
import { CarrierOutcomes, type CarrierOutcome } from './carrier-outcomes';
import { classifyCarrierEntry } from './outcome';
import type { PrefixEvidence } from './prefix-evidence';
import { isDialStatus } from './shape';
import { localDialInBytes } from './trunk';

/** Carrier log columns (carrier-log.ts CARRIER_LOG_HEADER). */
const COLUMNS = 12;
const UNIQUE_ID = 0;
const CALL_DATE = 1;
const HANGUP_CAUSE = 4;
const DIAL_STATUS = 5;
const CHANNEL = 6;
const DIAL_TIME = 7;
const ANSWERED_TIME = 8;
const SIP_CODE = 9;
const SIP_REASON = 10;
const PHONE = 11;

const OUTBOUND = DIRECTIONS.indexOf('outbound');

export class CarrierColumns {
  /** Some call written here stated its SIP code (FormatCapabilities.sipCodes). */
  sawSipCode = false;
  /** The outcome columns, read once per distinct cause, status, SIP code and reason. */
  private readonly outcomes = new CarrierOutcomes([HANGUP_CAUSE, DIAL_STATUS, SIP_CODE, SIP_REASON], (row, answered) => this.readOutcome(row, answered));

  /** `texts`: the parser's table of the repeated columns; `prefixes`: its dial-prefix evidence. */
  constructor(
    private readonly texts: ByteTexts,
    private readonly prefixes: PrefixEvidence,
  ) {}

  /** Writes the row's call into `v` and answers true, or answers false (nothing of `v` is to be read). */
  write(row: Row, v: CallValues): boolean {
    if (row.count !== COLUMNS) return false;
    const bytes = row.bytes;
    const idStart = row.byteStart(UNIQUE_ID);
    const idEnd = row.byteEnd(UNIQUE_ID);
    // A uniqueid as written, a digit first (the usual row), nothing to trim, ASCII throughout.
    if (idStart < 0 || idStart === idEnd || !isAsciiDigit(bytes[idStart]!) || !isPrintableAscii(bytes[idEnd - 1]!)) return false;
    for (let k = idStart; k < idEnd; k++) if (bytes[k]! > 0x7f) return false;
    const endMs = row.wallTime(CALL_DATE);
    if (endMs === null || Number.isNaN(endMs)) return false;
    const dialSec = row.wholeNumber(DIAL_TIME);
    const answeredSec = row.wholeNumber(ANSWERED_TIME);
    if (dialSec < 0 || answeredSec < 0) return false;
    const outcome = this.outcomes.of(row, answeredSec > 0);
    if (outcome === null) return false;
    const dial = localDialInBytes(row, CHANNEL, PHONE);
    if (dial === null) return false;
    // carrier-entry.ts trustedCallId: the id when it ends in `.<digits>`, else none.
    let k = idEnd - 1;
    while (k >= idStart && isAsciiDigit(bytes[k]!)) k--;
    const trusted = k >= idStart && k < idEnd - 1 && bytes[k] === DOT;

    const store = v.store;
    const i = store.addRow();
    store.startMs[i] = endMs - dialSec * 1000;
    store.endMs[i] = endMs;
    store.talkSec[i] = answeredSec;
    store.sipCode[i] = outcome.sipCode;
    store.codeSource[i] = outcome.codeSource;
    store.outcome[i] = outcome.outcome;
    store.q850[i] = outcome.q850;
    writeDigitBytes(bytes, dial.destinationStart, dial.destinationEnd, store.destDigits, store.destLength, i);
    // The carrier log has no caller ID: '' has no digits.
    store.callerDigits[i] = 0;
    store.callerLength[i] = 0;
    store.direction[i] = OUTBOUND;
    store.startIsFinalReply[i] = 0;
    store.clockFold[i] = 0;
    v.bytes = bytes;
    v.callIdStart = idStart;
    v.callIdEnd = trusted ? idEnd : idStart;
    v.destinationStart = dial.destinationStart;
    v.destinationEnd = dial.destinationEnd;
    // The call-id column keeps the ids of rejected calls only (CALL_COLUMNS.callIdIndex).
    v.writeTexts(i, dial.lead.trunk, outcome.reason, trusted && outcome.rejected);

    if (outcome.statesSipCode) this.sawSipCode = true;
    this.prefixes.addShaped(dial.lead.trunk, dial.phoneIsNanp);
    return true;
  }

  /** The outcome columns of the row's cause, dial status, SIP code and reason (CarrierOutcomes' straightforward reading). */
  private readOutcome(row: Row, answered: boolean): CarrierOutcome | null {
    const hangupCause = row.wholeNumber(HANGUP_CAUSE);
    if (hangupCause < 0) return null;
    const dialStatus = this.texts.trimmed(row, DIAL_STATUS);
    if (!isDialStatus(dialStatus)) return null;
    const verdict = classifyCarrierEntry({
      sipCode: this.texts.trimmed(row, SIP_CODE),
      sipReason: this.texts.trimmed(row, SIP_REASON),
      hangupCause,
      dialStatus,
      // Only whether it is above 0 counts (classifyCarrierEntry).
      answeredSec: answered ? 1 : 0,
    });
    return {
      sipCode: verdict.sipCode ?? 0,
      codeSource: CODE_SOURCES.indexOf(verdict.codeSource),
      outcome: OUTCOMES.indexOf(verdict.outcome),
      q850: verdict.q850 ?? NO_VALUE_U16,
      reason: verdict.reason,
      rejected: verdict.outcome === 'capacity' || verdict.outcome === 'policy',
      statesSipCode: verdict.codeSource === 'sip',
    };
  }
}

const DOT = 46;
