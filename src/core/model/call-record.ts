/**
 * The one normalized call record. Every format parser produces this and nothing after the parser
 * sees a vendor field. Times are "wall clock as written in the file": CDR files carry no time zone
 * (Asterisk writes local time or GMT depending on cdr.conf `usegmtime`), so we store the written
 * wall time as if it were UTC and always display it in UTC with the caveat "time as in the file".
 */

/** Where the final SIP code came from. */
export type CodeSource =
  /** The file states the SIP response code (VICIdial SIP CODE, Kamailio sip_code, HANGUPCAUSE tech text). */
  | 'sip'
  /** Mapped from a Q.850 / FreeSWITCH cause (RFC 3398 §8.2.6.1 and formats.md §7). */
  | 'q850'
  /** Inferred from an Asterisk disposition (FAILED, BUSY, NO ANSWER …): no code on the wire is known. */
  | 'disposition';

/**
 * What kind of outcome, independent of how precisely we know the code. One meaning, one colour
 * in the UI: capacity = 503 and kin, policy = 603 and kin.
 */
export type OutcomeClass =
  | 'answered'
  /** 503 Service Unavailable and its kin (500/502/504, Q.850 34/38/41/42, FAILED/CONGESTION). */
  | 'capacity'
  /** 603 Decline, 403 Forbidden, 401/407 auth, 607/608 — refused on purpose. */
  | 'policy'
  /** Number or route problems: 404, 484, 410, 604, 485. */
  | 'number'
  /** The called party side: 486/600 busy, 480/408 no answer, 487 cancelled. */
  | 'user'
  /** Anything else that failed (488 codec, 481, …). */
  | 'other'
  /** The file says nothing we can classify. */
  | 'unknown';

/**
 * Which way the call went, relative to the trunks. Only outbound calls are a trunk's attempts;
 * unknown ones (the file cannot tell) are counted as attempts too and the file card says so.
 * Inbound calls are stored and shown apart (a count per trunk), never in rates or the diagnosis;
 * internal calls (extension to extension, the proxy challenging its own phones) are counted in
 * the file report as a skip reason and not stored.
 */
export type CallDirection = 'outbound' | 'inbound' | 'internal' | 'unknown';

export interface CallRecord {
  /** Start of the attempt, wall-clock ms as written in the file (see module comment). */
  startMs: number;
  answerMs: number | null;
  endMs: number | null;
  /** Trunk / carrier / gateway as best recovered; '' when the file does not tell. */
  trunk: string;
  /**
   * Final SIP response code when known or mappable to exactly one code; null when the source
   * cannot name a single code (Q.850 21 is "403 or 603"; disposition FAILED is only "503-like").
   */
  sipCode: number | null;
  codeSource: CodeSource | null;
  outcome: OutcomeClass;
  /** SIP reason phrase or the cause/disposition text the file gave, e.g. "Service Unavailable". */
  reason: string;
  /** Q.850 cause number when the file has one. */
  q850: number | null;
  /** Dialled number, digits as written (a dialer's own prefix removed where the format tells). */
  destination: string;
  callerId: string;
  /** Total seconds from start to end (ring + talk) when known. */
  durationSec: number | null;
  /** Talk (billable) seconds when known. */
  talkSec: number | null;
  /** Call id / uniqueid for de-duplication across files and for ticket samples; '' when none. */
  callId: string;
  /**
   * The names the file gives the call's two channels, as written: Asterisk's channel (party A: the
   * caller's phone or Local leg, or the trunk a call came in on) and dstchannel (party B: the trunk
   * channel an outbound call reached; '' when none). Each Dial() makes a channel of its own, named
   * `PJSIP/<endpoint>-<8 hex>` from a global counter (formats.md §1.5), so they tell a call's legs
   * apart where its call id is the same, and stand for the call id where the file has none
   * (Master.csv's 16 columns). Only the de-duplication key reads them (call-deduper.ts); never shown.
   * Absent (both): the format names no channels.
   */
  legA?: string;
  legB?: string;
  /** Out to a trunk, in from one, internal, or unknown; each format module says how it knows. */
  direction: CallDirection;
  /**
   * The file stamps this attempt at its final reply, not its INVITE (a Kamailio acc row without an
   * earlier row of the call to start from): an answered or ringing call's start is late by its
   * ring time. Absent or false: the start is the INVITE's (or as close as the file tells).
   */
  startIsFinalReply?: boolean;
  /**
   * The time that names this attempt across overlapping exports when its start comes from OTHER
   * rows of the call (a Kamailio acc attempt starting at its challenge or at the previous branch's
   * reply, rows another export may lack): its own final reply. Absent: the start.
   */
  identityMs?: number;
  /**
   * Where the file shows an hour twice (clocks went back): FOLD_START, FOLD_END of clock-fold.ts,
   * the call's start, end in the second pass. No parser sets it: the ingest marks the store once the
   * whole file is in (find-clock-folds.ts). Absent: 0.
   */
  clockFold?: number;
}

/** A record with defaults, for parsers that fill only what their format has. */
export function emptyRecord(): CallRecord {
  return {
    startMs: Number.NaN,
    answerMs: null,
    endMs: null,
    trunk: '',
    sipCode: null,
    codeSource: null,
    outcome: 'unknown',
    reason: '',
    q850: null,
    destination: '',
    callerId: '',
    durationSec: null,
    talkSec: null,
    callId: '',
    direction: 'unknown',
  };
}
