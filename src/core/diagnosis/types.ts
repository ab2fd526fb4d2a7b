/** What the diagnosis walk returns per trunk (the CLI's --json `trunks[]`, the ticket text). */
import type { Ratio, TimeWindow } from '../analysis/dashboard-types';
import type { LeafId, ProblemId, VerdictId } from './tree';

export type Confidence = 'low' | 'medium' | 'high';

/**
 * One call to paste into a carrier ticket: start time, destination, caller ID, final code, and
 * the call id when the file has one (the CallStore keeps call ids of rejected calls, bounded).
 */
export interface SampleCall {
  /** Start, wall clock as in the file: `YYYY-MM-DD HH:MM:SS`. */
  time: string;
  callId: string | null;
  destination: string;
  callerId: string;
  /** The final code as the file gives it: "503", "≈503", "FAILED", "403 Insufficient funds"… */
  code: string;
}

export type EvidenceValue = number | string | string[] | Ratio;

export interface Finding {
  leaf: LeafId;
  confidence: Confidence;
  /** One readable sentence with the numbers. */
  summary: string;
  /** The numbers behind it (counts, Ratio rates with n and d, the knee, the plateau, keys, onset). */
  numbers: Record<string, EvidenceValue>;
  /** Where it happens; null when it is the whole span. */
  window: TimeWindow | null;
  samples: SampleCall[];
  /** Rejections this finding explains (ranks findings). */
  explains: number;
  /** For inconclusive: the leaves the data is consistent with. */
  candidates?: ProblemId[];
  /** For inconclusive (or a caveat): what the file lacks and how to log it. */
  missing?: string[];
  caveats?: string[];
}

/** What a diagnosis looked at: [fromMs, toMs) of a brushed window, or the whole file's span. */
export interface DiagnosisPeriod extends TimeWindow {
  wholeFile: boolean;
}

export interface TrunkDiagnosis {
  trunk: string;
  /** Every number below counts only calls starting in this period. */
  period: DiagnosisPeriod;
  attempts: number;
  /** Count per code label (codeKey: "503", "≈503", "403/603", "FAILED", …). */
  codes: Record<string, number>;
  rate503: Ratio;
  rate603: Ratio;
  /** These calls can show a 603 (analysis/call-measures.ts shows603); when false, rate603 is shown as n/a, never 0 %. */
  knows603: boolean;
  /** Some call in the period has a stated SIP code (not only dispositions or causes): advice to log codes is moot. */
  sipCoded?: boolean;
  /** Rejections (capacity or policy outcome) per code label, most frequent first: what the ticket speaks of. */
  rejectCodes: Array<{ code: string; count: number }>;
  verdict: VerdictId;
  confidence: Confidence;
  title: string;
  fix: string;
  /** The finding behind the verdict; null for a healthy trunk. */
  evidence: Finding | null;
  /** Further findings (secondary problems, side branches such as 404/484 or 488). */
  findings: Finding[];
}
