/** Messages between the Papa baseline page and its worker. */
export interface TrunkCounts {
  attempts: number;
  answered: number;
  /** Master.csv: FAILED (503-like); VICIdial: SIP CODE 503. */
  r503: number;
  /** VICIdial: SIP CODE 603 (Master.csv cannot tell a 603). */
  r603: number;
}

export interface PapaResult {
  ok: boolean;
  error?: string;
  format: 'asterisk-master-csv' | 'vicidial-carrier-log' | null;
  rows: number;
  trunks: Record<string, TrunkCounts>;
  /** Worker-side parse time (first byte to complete). */
  parseMs: number;
}
