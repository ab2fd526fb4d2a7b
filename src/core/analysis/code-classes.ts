/**
 * What a final result counts as, decided once per distinct code combination (source, SIP code,
 * cause, outcome, disposition text) instead of once per call: a store of a million calls has a few
 * dozen such combinations, and every query then reads one small id per call.
 *
 * Definitions (per attempt; the dashboard's rates divide by attempts of the same trunk and window):
 *   503    = final SIP code 503, whatever its provenance: stated by the file (codeSource 'sip'),
 *            mapped from a Q.850 / FreeSWITCH cause (34/38/41/42/44/47/58, GATEWAY_DOWN…), or an
 *            Asterisk disposition FAILED/CONGESTION (outcome capacity, codeSource 'disposition'),
 *            which is "503-like": counted, with provenance.disposition telling the reader so.
 *   603    = final SIP code 603, stated or mapped (FreeSWITCH DECLINE/REJECT_ALL). Q.850 21 is not.
 *   403/603 ambiguous = codeSource 'q850', no SIP code, cause 21 (CALL_REJECTED).
 *   NER delivered, SEER effective, SEER redirected (3xx): see call-measures.ts, one definition
 *            for every format.
 */
import { nerDelivered, seerEffective, seerRedirected, type FinalResult } from './call-measures';
import { codeKey, dispositionLabel } from './code-key';
import { CODE_SOURCES, OUTCOMES } from './call-store';
import { NumberIds } from './number-ids';

/** Outcome indexes (OUTCOMES order) used by the passes. */
export const O_ANSWERED = OUTCOMES.indexOf('answered');
export const O_CAPACITY = OUTCOMES.indexOf('capacity');
export const O_POLICY = OUTCOMES.indexOf('policy');

/** Source indexes (CODE_SOURCES order). */
export const S_NONE = CODE_SOURCES.indexOf(null);
export const S_SIP = CODE_SOURCES.indexOf('sip');
export const S_Q850 = CODE_SOURCES.indexOf('q850');
export const S_DISPOSITION = CODE_SOURCES.indexOf('disposition');

/** Bits of a call's kind byte: outcome index in the low 3 bits, then flags. */
export const KIND_OUTCOME = 0b111;
export const KIND_503_BIT = 3;
export const KIND_503 = 1 << KIND_503_BIT;
export const KIND_603_BIT = 4;
export const KIND_603 = 1 << KIND_603_BIT;
/** The call has an end time (concurrency can use it). */
export const KIND_HAS_END_BIT = 5;
export const KIND_HAS_END = 1 << KIND_HAS_END_BIT;
/** Answered with a known talk time (counts in ACD). */
export const KIND_TALK_BIT = 6;
export const KIND_TALK = 1 << KIND_TALK_BIT;
/** Distinct kind bytes (7 bits). */
export const KINDS = 128;

/** Extra flags kept per combination only. */
export const FLAG_AMBIGUOUS_21 = 1;
export const FLAG_NER = 2;
export const FLAG_SEER = 4;
/** A final 3xx: out of SEER's denominator. */
export const FLAG_REDIRECT = 8;

const NO_Q850 = 0xffff;

/** Distinct code combinations, growing while the index is built. */
export class CodeClasses {
  /** Outcome index | KIND_503 | KIND_603 per combination. */
  readonly kind: number[] = [];
  /** FLAG_* per combination. */
  readonly flags: number[] = [];
  readonly source: number[] = [];
  /** Index into `codes` (label + outcome): several combinations can share a label. */
  readonly codeId: number[] = [];
  readonly codes: Array<{ code: string; outcome: number }> = [];
  /**
   * Combination key → id, in typed arrays: the keys pass 2^30 (a cause-less SIP code's is ~2^31),
   * and a Map keyed by them allocated and hashed a heap number per call of the index.
   */
  private readonly byKey = new NumberIds(64);
  private readonly codeIds = new Map<string, number>();

  /**
   * The combination id of one call. Only the fields its label and class depend on enter the key:
   * the cause only when the code comes from a cause, the reason only for a disposition.
   */
  idOf(source: number, sipCode: number, q850: number, outcome: number, reasonId: number, reasonText: (id: number) => string): number {
    const cause = source === S_Q850 || (source === S_NONE && sipCode === 0) ? q850 : NO_Q850;
    const reason = source === S_DISPOSITION ? reasonId : 0;
    // < 2^16 · 2^16 · 2^10 · 2^3 · 2^2 = 2^47: exact in a double.
    const key = (((reason * 65536 + cause) * 1024 + (sipCode & 1023)) * 8 + outcome) * 4 + source;
    const id = this.byKey.idOf(key);
    if (id < this.kind.length) return id;
    this.add(source, sipCode, cause, outcome, source === S_DISPOSITION ? reasonText(reasonId) : '');
    return id;
  }

  get size(): number {
    return this.kind.length;
  }

  private add(source: number, sipCode: number, q850: number, outcome: number, reason: string): void {
    const disposition = dispositionLabel(reason);
    let kind = outcome;
    if (sipCode === 503 || (source === S_DISPOSITION && outcome === O_CAPACITY)) kind |= KIND_503;
    if (sipCode === 603) kind |= KIND_603;
    let flags = 0;
    if (source === S_Q850 && sipCode === 0 && q850 === 21) flags |= FLAG_AMBIGUOUS_21;
    const outcomeName = OUTCOMES[outcome] ?? 'unknown';
    const result: FinalResult = {
      outcome: outcomeName,
      sipCode: sipCode === 0 ? null : sipCode,
      q850: source === S_Q850 && q850 !== NO_Q850 ? q850 : null,
      disposition: source === S_DISPOSITION ? disposition : '',
    };
    if (nerDelivered(result)) flags |= FLAG_NER;
    if (seerEffective(result)) flags |= FLAG_SEER;
    if (seerRedirected(result)) flags |= FLAG_REDIRECT;
    const label = codeKey(sipCode === 0 ? null : sipCode, CODE_SOURCES[source] ?? null, q850 === NO_Q850 ? null : q850, outcomeName, reason);
    const labelKey = `${label}\u0000${outcome}`;
    let codeId = this.codeIds.get(labelKey);
    if (codeId === undefined) {
      codeId = this.codes.length;
      this.codeIds.set(labelKey, codeId);
      this.codes.push({ code: label, outcome });
    }
    this.kind.push(kind);
    this.flags.push(flags);
    this.source.push(source);
    this.codeId.push(codeId);
  }
}
