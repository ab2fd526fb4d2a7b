/**
 * The contract every format family implements. One module per family under src/core/formats/<id>/;
 * the ordered registry (./registry.ts) is the only place that knows them all.
 * Shape borrowed from speedscope's importers: detect from content, return null when not ours.
 */
import type { CallRecord } from '../model/call-record';
import type { CallValues } from '../analysis/call-columns';
import type { RecordSink, Row } from '../read/row';
import type { DateOrder } from '../model/wall-time';

export type FormatFamily = 'vicidial' | 'asterisk' | 'freepbx' | 'freeswitch' | 'kamailio' | 'generic';

/** How the bytes split into rows. */
export type RowSyntax = 'delimited' | 'sql-insert';

/** What the ingest shows a format module to decide whether the file is its own. */
export interface SniffSample {
  fileName: string;
  /** The first decoded text of the file (up to SNIFF_CHARS), BOM removed. */
  text: string;
  /** Delimiter guessed from the text (`,` `;` tab `|`). */
  delimiter: string;
  /** The first records split with that delimiter, quotes honoured, newlines always end a record. */
  rows: string[][];
}

export interface Detection {
  /** 0..1: how sure. 1 = an exact signature (a known header), ~0.5 = column shapes match. */
  score: number;
  /** Human variant name, e.g. "18 columns (loguniqueid, loguserfield)". */
  variant?: string;
}

/** What a file in this format can tell, so the UI can say plainly what it cannot. */
export interface FormatCapabilities {
  /** The file states real SIP codes (or HANGUPCAUSE tech text) for at least some rows. */
  sipCodes: boolean;
  /** A 503 can be told from a 603 (false for plain Master.csv / FreePBX dispositions). */
  separates503From603: boolean;
  /** Answer/end times or durations allow concurrency. */
  hasEndTimes: boolean;
  /** The file names a trunk / carrier / gateway per call. */
  hasTrunk: boolean;
}

export type RowOutcome =
  | { kind: 'record'; record: CallRecord }
  /** A call written into the CallValues parse() was given (an outbound call, counted as used). */
  | { kind: 'values' }
  /** Not a data row (a header line, an SQL statement line). Not counted as read. */
  | { kind: 'header' }
  /**
   * Used, but not a record of its own right now: a row that completes another call (a Kamailio BYE
   * giving an INVITE's end time), or a row held back and emitted later by finish(), or a companion
   * row (a gateway name). Counted as read and used; finish() records are not counted again.
   */
  | {
      kind: 'merged';
      /**
       * Records held back earlier that are complete now (a Kamailio call whose rows are all in),
       * handed on like finish()'s: their rows were counted when read.
       */
      released?: HeldRecord[];
    }
  /** Read and not used; `reason` is a short stable human text, grouped in the UI. */
  | { kind: 'skip'; reason: string };

/**
 * A record a parser held back and hands on later (RowOutcome 'merged' released, finish()), with the
 * rows of the file it stands for, counted as used when they were read: a Kamailio call folds its
 * INVITE rows and its BYE (acc-calls.ts). A record found to be a call already read (a duplicate)
 * turns all of them into skipped rows, reported at its first line (README: rows read = used +
 * skipped, each skip with its first line numbers).
 */
export interface HeldRecord {
  record: CallRecord;
  /** The line of its first row in the file (1-based). */
  firstLine: number;
  /** Rows of the file it stands for (1 for a row held alone). */
  rows: number;
}

/**
 * A parser's own splitter of decoded text into rows (SQL dumps, acc exports that may be either);
 * every other file goes through the DelimitedTokenizer over its bytes.
 */
export interface RowTokenizer {
  push(chunk: string, sink: RecordSink): void;
  end(sink: RecordSink): void;
}

/**
 * The ingest calls a parser in one order: parse() per row, then finish() and lateSkips() at the end
 * of its rows (ingest/parse-rows.ts), then, for the whole file, the hooks that describe it
 * (capabilities, mapping, challengeCounts, companionHint, trunkAliases, companionTrunkNames), read
 * together into one FileConclusions (ingest/file-conclusions.ts). A piece's parser also hands over
 * fileEvidence(), absorbed by the file's parser before those are read.
 */
export interface RowParser {
  /**
   * A tokenizer of the parser's own (sql-insert syntax). When present the ingest feeds text to it
   * instead of a DelimitedTokenizer; parser and tokenizer may share state through a closure.
   */
  readonly tokenizer?: RowTokenizer;
  /**
   * One row as split by the tokenizer, with its 1-based line number in the file. The row is a view
   * valid during this call only: read the fields the format needs (field()). `values`: where a
   * parser may write an outbound call's columns itself (then it answers 'values'), given by the
   * parse stage when it wants no CallRecord of the call; absent, every call is a record.
   */
  parse(row: Row, line: number, values?: CallValues): RowOutcome;
  /** End of file: records held back (e.g. INVITEs waiting for a BYE). */
  finish?(): HeldRecord[];
  /**
   * After finish(): rows returned as 'merged' (counted as used) that the end of the file showed
   * not to be used after all, grouped by reason: the rows of a Kamailio call folded at the end that
   * turned out internal, or never got a final reply.
   */
  lateSkips?(): ReadonlyArray<{ reason: string; count: number; firstLines: readonly number[] }>;
  /** Digest challenges (401/407) in the file, for formats that see them (Kamailio acc). */
  challengeCounts?(): { authChallenges: number; answeredAfterChallenge: number };
  /**
   * After finish(): what the file card says about the file as a whole, or null: what another file
   * dropped with this one would add (a dr_gateways dump), or what the file could not settle (its
   * dates read month first with nothing to prove it).
   */
  companionHint?(): string | null;
  /** Capabilities observed so far (a Master.csv with HANGUPCAUSE text in userfield gains sipCodes). */
  capabilities(): FormatCapabilities;
  /** Column mapping in use, for formats that guess it (generic CSV), shown to the user. */
  mapping?(): ColumnMapping | null;
  /**
   * Final trunk names decided once the whole file is seen (called after finish()): raw name as
   * given in records → final name. Several raw names may map to one (they merge). Used where a
   * name needs file-wide evidence: VICIdial dial prefixes (`91`, `944` → `9`), Kamailio gateway
   * groups named by a dr_gateways dump.
   */
  trunkAliases?(): ReadonlyMap<string, string>;
  /**
   * Names this file gives to trunks found in OTHER files of the same drop: a Kamailio dr_gateways
   * dump names the gateway groups an acc export only numbers (`gwgroup 1` → `gwgroup 1 (Twilio)`).
   */
  companionTrunkNames?(): ReadonlyMap<string, string>;
  /**
   * Splittable formats whose file-wide decisions need evidence from every row (VICIdial dial
   * prefixes): what this parser has learned, as structured-cloneable data. The parser of each
   * piece hands it over; absorbFileEvidence() merges it into the parser that decides for the file.
   */
  fileEvidence?(): unknown;
  /** Merge what another parser of the same format and file learned (its fileEvidence()). */
  absorbFileEvidence?(evidence: unknown): void;
  /**
   * After finish(): what the file's own dates say of their day/month order (a spreadsheet's
   * `03/04/2015` reads both ways); null when no start depended on it (ISO dates, epochs).
   */
  dateOrder?(): FileDateOrder | null;
  /**
   * The order the drop settled for the file (ingest/drop-date-order.ts) and what its card says of
   * the order instead of the parser's own words (null: nothing). With ParserInit.awaitDateOrder, the
   * rows held for want of an order are read in it by the next finish().
   */
  settleDateOrder?(order: DateOrder, note: string | null): void;
  /**
   * Once the file's first row is parsed (a header teaches some parsers their columns): the field
   * of every row that holds its start time; null when there is none to read alone. The ingest
   * scans that field of the file for its day/month order before the rows are parsed (ingest/date-order-scan.ts).
   */
  startField?(): number | null;
}

/** What a file's own dates say of their day/month order (RowParser.dateOrder). */
export interface FileDateOrder {
  /** The order the file's own dates prove; null: they cannot tell. */
  proven: DateOrder | null;
  /** The start that proved it, as written (`24/03/2015 09:00` reads day first only); null when the uniqueids' times proved it, or nothing did. */
  proof: string | null;
  /** A start as written that reads both ways (`03/04/2015 10:00`), of a row read before (or without) the order was known; null: none. */
  unsure: string | null;
  /** Rows read month first at once while the order was unknown, past the rows a parser holds back; null: none. */
  readAtOnce: { rows: number; firstLine: number; start: string } | null;
}

/** Roles the generic reader (and the mapping panel) knows. */
export const COLUMN_ROLES = [
  'start',
  'answer',
  'end',
  'trunk',
  'sipCode',
  'reason',
  'cause',
  'disposition',
  'destination',
  'callerId',
  'duration',
  'talk',
  'callId',
  'direction',
] as const;

export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Column index per role (absent = not in the file), plus the header it was made for. */
export interface ColumnMapping {
  header: string[];
  roles: Partial<Record<ColumnRole, number>>;
  /**
   * Up to two example values per column, from the first data rows (display only: the mapping panel
   * shows them beside each name; never stored with a correction).
   */
  samples?: string[][];
}

const ROLE_SET: ReadonlySet<string> = new Set(COLUMN_ROLES);

/**
 * A mapping from an untrusted place (browser storage, a worker message) checked field by field:
 * the header must be strings, and only known roles pointing at a column of that header are kept.
 * Null when the value is not a mapping at all (`roles: null`, a string, a header of numbers).
 */
export function readColumnMapping(value: unknown): ColumnMapping | null {
  if (typeof value !== 'object' || value === null) return null;
  const { header, roles } = value as { header?: unknown; roles?: unknown };
  if (!Array.isArray(header) || !header.every((h): h is string => typeof h === 'string')) return null;
  if (typeof roles !== 'object' || roles === null || Array.isArray(roles)) return null;
  const kept: Partial<Record<ColumnRole, number>> = {};
  for (const [role, index] of Object.entries(roles)) {
    if (ROLE_SET.has(role) && typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < header.length) {
      kept[role as ColumnRole] = index;
    }
  }
  return { header: [...header], roles: kept };
}

export interface ParserInit {
  fileName: string;
  delimiter: string;
  /** What detection saw: the first rows (for parsers that settle column roles or date order on them). */
  sample?: SniffSample;
  /** User corrections for guessed mappings, keyed by headerSignature(). */
  mappingOverrides?: Readonly<Record<string, ColumnMapping>>;
  /**
   * The file is read with others (a drop): rows whose day/month order the file cannot tell stay
   * held at finish() until settleDateOrder() says the order another file of the drop proved, and a
   * second finish() hands them on. Absent: they are read month first at finish(), as alone.
   */
  awaitDateOrder?: boolean;
  /**
   * The day/month order the file's start times prove, found before its rows are parsed
   * (ingest/date-order-scan.ts): the parser starts as if its first row were `proof`. Every parser of
   * the file gets it, a piece's too, so rows that read both ways are read in it wherever they are.
   */
  provenDateOrder?: ProvenDateOrder;
}

/** The first start of a file that reads one way only, as written, and that way (ParserInit.provenDateOrder). */
export interface ProvenDateOrder {
  order: DateOrder;
  proof: string;
}

export interface FormatModule {
  /** Stable id: used in fixtures/cdr/<id>/, in the CLI's JSON and in share links. Never rename. */
  id: string;
  label: string;
  family: FormatFamily;
  syntax: RowSyntax;
  /** Quoted fields may span lines (generic CSV); CDR writers never do. */
  quotedNewlines?: boolean;
  /**
   * Every line is a record on its own: no record spans lines, no row completes another (unlike
   * Kamailio's INVITE/BYE pairs), and what a parser learns from earlier rows either comes from the
   * header (re-fed to each piece) or merges (fileEvidence). Such a file may be cut at line ends
   * and the pieces parsed in parallel, with the same result as one pass (tested on every sample).
   * Not the FreePBX spreadsheet formats: there a D/M date order proven late in the file decides
   * how rows held back earlier are read, and a piece cannot see the rows after it.
   */
  splittable?: boolean;
  detect(sample: SniffSample): Detection | null;
  /**
   * The highest score detect() gives, when it is below 1: once another format scored above it,
   * detection does not ask this module (it cannot win).
   */
  maxScore?: number;
  /** Tie-break only: does the file name look like this format's usual name? */
  fileNameHint?(fileName: string): boolean;
  createParser(init: ParserInit): RowParser;
}

/**
 * The trunk of every call of a format (or a file) that names no trunk at all: one placeholder
 * shared by all families, so the UI and the diagnosis see one name, never ''.
 */
export const NO_TRUNK_COLUMN = '(no trunk column)';
/** A call whose row has a trunk column, empty on it (a call in that names no gateway, a generic CSV's blank cell). */
export const BLANK_TRUNK = '(blank trunk)';

/** Key under which a mapping is remembered: the header, normalized. */
export function headerSignature(header: readonly string[]): string {
  return header.map((h) => h.trim().toLowerCase()).join('\u241f');
}
