/**
 * The benchmark's inputs: the repo's own generator (SAMPLE_DAY, scaled) written as the formats an
 * operator drops. Quick = 100k calls; full = 1M Master.csv, 1M VICIdial carrier log, 1M FreeSWITCH
 * cdr_csv, the 1M Master.csv gzipped, a 4M-call ~1 GB Master.csv, plus the 100k file for first chart,
 * and one of a real PBX's rows (a real sample repeated: the generator writes a dialer's outbound
 * rows, where a real Master.csv is half Local legs, internal and inbound calls).
 */
export type InputFormat = 'asterisk-master-csv' | 'vicidial-carrier-log' | 'freeswitch-cdr-csv';

export interface InputSpec {
  id: string;
  label: string;
  format: InputFormat;
  /** Calls wanted; the scale is derived from the sample day's count (≈ 63k at scale 1). */
  targetCalls: number;
  /** The gzipped copy of the plain input with the same format and call count. */
  gzip: boolean;
  /** Measure brush and trunk-selection latency on this input. */
  interactions: boolean;
  /**
   * Not the generator's: the rows of this real export (a headerless Master.csv under
   * ../shared/samples) repeated until there are targetCalls rows, each copy's call ids made its
   * own. Skipped where the samples are absent.
   */
  realSample?: string;
}

const K = 1000;
const M = 1_000_000;

export const QUICK_INPUTS: readonly InputSpec[] = [
  { id: 'master-100k', label: 'Asterisk Master.csv, 100k calls', format: 'asterisk-master-csv', targetCalls: 100 * K, gzip: false, interactions: true },
  { id: 'vicidial-100k', label: 'VICIdial carrier log, 100k calls', format: 'vicidial-carrier-log', targetCalls: 100 * K, gzip: false, interactions: true },
  { id: 'freeswitch-100k', label: 'FreeSWITCH cdr_csv, 100k calls', format: 'freeswitch-cdr-csv', targetCalls: 100 * K, gzip: false, interactions: false },
  { id: 'master-100k-gz', label: 'Asterisk Master.csv.gz, 100k calls', format: 'asterisk-master-csv', targetCalls: 100 * K, gzip: true, interactions: false },
];

export const FULL_INPUTS: readonly InputSpec[] = [
  { id: 'master-100k', label: 'Asterisk Master.csv, 100k calls', format: 'asterisk-master-csv', targetCalls: 100 * K, gzip: false, interactions: true },
  { id: 'master-1M', label: 'Asterisk Master.csv, 1M calls', format: 'asterisk-master-csv', targetCalls: 1 * M, gzip: false, interactions: true },
  { id: 'vicidial-1M', label: 'VICIdial carrier log, 1M calls', format: 'vicidial-carrier-log', targetCalls: 1 * M, gzip: false, interactions: true },
  { id: 'freeswitch-1M', label: 'FreeSWITCH cdr_csv, 1M calls', format: 'freeswitch-cdr-csv', targetCalls: 1 * M, gzip: false, interactions: false },
  { id: 'master-1M-gz', label: 'Asterisk Master.csv.gz, 1M calls', format: 'asterisk-master-csv', targetCalls: 1 * M, gzip: true, interactions: false },
  { id: 'master-4M', label: 'Asterisk Master.csv, 4M calls (~1 GB)', format: 'asterisk-master-csv', targetCalls: 4 * M, gzip: false, interactions: true },
  {
    id: 'master-real-300k',
    label: 'Asterisk Master.csv, 300k real rows (simularent, repeated)',
    format: 'asterisk-master-csv',
    targetCalls: 300 * K,
    gzip: false,
    interactions: false,
    realSample: 'asterisk_cdr_csv/simularent_Master.csv',
  },
];

/** A generated file on disk, ready to be handed to the core or the page. */
export interface PreparedInput {
  spec: InputSpec;
  path: string;
  /** The name the page sees (format detection uses it only to break ties). */
  fileName: string;
  /** Bytes of the file as handed over (compressed for .gz). */
  bytes: number;
  /** Bytes of CSV text inside (= bytes for plain files): MB/s is counted over these. */
  textBytes: number;
  calls: number;
  /** Data rows in the file (what Papa Parse counts): the calls, for the generator's files. */
  rows: number;
  seed: number;
  scale: number;
}
