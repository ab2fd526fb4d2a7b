/**
 * Row parser for "any CSV/TSV with a header" (formats.md §6). The first row is the header; the
 * column roles come from the user's correction (ParserInit.mappingOverrides, keyed by
 * headerSignature) or from guessColumnRoles. Every data row becomes a record or a skip with a reason.
 *
 * ParserInit carries no data rows, so value shapes can only be weighed on rows as they arrive: until
 * VALUE_ROWS data rows have been seen the guess is refreshed before each row (an `init.sample`, if the
 * ingest ever passes the sniff sample, settles it up front). Dates like 03/05/2024 are D/M or M/D
 * depending on the file: rows whose times read differently in the two orders are held back (returned
 * as 'merged' and emitted by finish()) until some row proves the order (a first number above 12
 * proves D/M); with no proof at all, M/D (parseWallTime's default) is used at the end.
 */
import type { CallRecord } from '../../model/call-record';
import { emptyRecord } from '../../model/call-record';
import type { DateOrder } from '../../model/wall-time';
import { dateOrderProof, guessDateOrder } from '../../model/wall-time';
import type { ColumnMapping, ColumnRole, FileDateOrder, FormatCapabilities, HeldRecord, ParserInit, RowOutcome, RowParser, SniffSample } from '../format-module';
import { headerSignature, readColumnMapping } from '../format-module';
import { guessColumnRoles, normalizeHeader } from './column-roles';
import { rowVerdict } from './outcome';
import { clean, parseSeconds, parseTime } from './values';
import { directionWord } from '../shared/direction-words';
import { dateOrderHint, misreadRowsHint } from '../shared/date-order-hint';
import { providerColumnsOf, providerSide, sideNameColumns, type ProviderColumns } from './provider-sides';
import { BLANK_TRUNK, NO_TRUNK_COLUMN } from '../format-module';
import type { Row } from '../../read/row';

/** Trunk of every record when no column names one (capabilities.hasTrunk = false). */
export { BLANK_TRUNK, NO_TRUNK_COLUMN };
/** Trunk of a record whose trunk cell is empty or NULL. */
/** Data rows over which the guessed mapping may still change with value shapes. */
const VALUE_ROWS = 20;
/** Rows held back while the date order is unknown; beyond this, rows are read month first until a row proves the order. */
const MAX_HELD = 20_000;

/** Asterisk CDR column names: with `disposition`, two of these mean Asterisk dispositions (FAILED = 503-like). */
const ASTERISK_COLUMNS = new Set(['dcontext', 'dstchannel', 'lastapp', 'lastdata', 'amaflags', 'billsec', 'clid', 'accountcode']);

/** The sniff sample, if a future ingest passes it with the init (see the report). */
type InitWithSample = ParserInit & { sample?: SniffSample };

type Built = { ok: true; record: CallRecord } | { ok: false; reason: string };

export function createGenericParser(init: ParserInit): RowParser {
  // The sample's first row is the header (detection reads it so); a very wide one is cut at the
  // sniff's end, so it is dropped by position, not by comparing it with the real header.
  const sampleRows = (init as InitWithSample).sample?.rows.slice(1) ?? null;
  let header: string[] | null = null;
  let signature = '';
  let mapping: ColumnMapping | null = null;
  let overridden = false;
  let asterisk = false;
  /** Per-side trunk columns (3CX DN type/name, Yeastar Source/Destination Trunk): provider-sides.ts. */
  let providers: ProviderColumns | null = null;
  let freeTextColumns: number[] = [];
  const seenRows: string[][] = [];
  /** The first data rows as read (the sample may end before any): example values for the panel. */
  const firstRows: string[][] = [];
  // The file's order found before its rows (ParserInit.provenDateOrder): as if its first row had proved it.
  let dateOrder: DateOrder | null = init.provenDateOrder?.order ?? null;
  let held: Array<{ mdy: CallRecord; dmy: CallRecord; line: number; start: string }> = [];
  /**
   * Rows past MAX_HELD read month first while the order was still unknown: emitted, since they
   * cannot all wait, but the order stays open, so a later row can still prove it (and say these
   * rows were misread) instead of every later day-first date failing as a bad start time.
   */
  let unheld: { rows: number; firstLine: number; start: string } | null = null;
  /** What the file card says about the date order (dateOrderHint), set at finish(); null: nothing. */
  let orderHint: string | null = null;
  /** The time value that proved dateOrder, as written (the card names it); null: none. */
  let proof: string | null = init.provenDateOrder?.proof ?? null;
  /** The order the drop settled (settleDateOrder), for the rows held; null: not told. */
  let settled: DateOrder | null = null;
  /** The file's dates as finish() found them (dateOrder()); null before finish(). */
  let found: FileDateOrder | null = null;
  /** dateOrder from time values, and the value that proves it (values that prove nothing leave both as they are). */
  const orderFrom = (values: readonly string[]): void => {
    const guessed = guessDateOrder(values);
    if (guessed === null) return;
    dateOrder = guessed;
    proof = dateOrderProof(values, guessed);
  };
  let sawSip = false;
  let sawCause = false;

  const setMapping = (m: ColumnMapping) => {
    mapping = m;
    const mapped = new Set(Object.entries(m.roles).filter(([role]) => role !== 'reason').map(([, i]) => i));
    freeTextColumns = m.header.map((_, i) => i).filter((i) => !mapped.has(i));
    if (m.roles.reason !== undefined) freeTextColumns.push(m.roles.reason);
  };

  const startHeader = (fields: readonly string[]) => {
    header = normalizeHeader(fields);
    signature = headerSignature(header);
    // Overrides cross a worker boundary from browser storage: checked again here, never trusted.
    const overrides = init.mappingOverrides;
    const stored: unknown = overrides && Object.hasOwn(overrides, signature) ? overrides[signature] : null;
    const storedRoles = typeof stored === 'object' && stored !== null ? (stored as { roles?: unknown }).roles : null;
    const override = stored === null ? null : readColumnMapping({ header, roles: storedRoles });
    overridden = override !== null;
    const keys = new Set(header.map((h) => h.toLowerCase()));
    asterisk = keys.has('disposition') && [...ASTERISK_COLUMNS].filter((k) => keys.has(k)).length >= 2;
    providers = providerColumnsOf(header);
    if (override) {
      setMapping({ header, roles: override.roles });
    } else {
      const rows = sampleRows ? sampleRows.filter((r) => headerSignature(normalizeHeader(r)) !== signature) : [];
      setMapping(guessColumnRoles(header, rows));
      if (sampleRows) orderFrom(timeValues(rows));
    }
  };

  const timeValues = (rows: readonly (readonly string[])[]): string[] => {
    const out: string[] = [];
    const roles = mapping?.roles ?? {};
    for (const role of ['start', 'answer', 'end'] as const) {
      const i = roles[role];
      if (i === undefined) continue;
      for (const r of rows) out.push(r[i] ?? '');
    }
    return out;
  };

  const build = (fields: readonly string[], order: DateOrder): Built => {
    const m = mapping!;
    const cell = (role: ColumnRole): string => {
      const i = m.roles[role];
      return i === undefined ? '' : clean(fields[i]);
    };
    const startMs = parseTime(cell('start'), order);
    if (Number.isNaN(startMs)) return { ok: false, reason: 'bad start time' };
    const answer = parseTime(cell('answer'), order);
    const end = parseTime(cell('end'), order);
    const verdict = rowVerdict({
      sipCode: cell('sipCode'),
      cause: cell('cause'),
      disposition: cell('disposition'),
      reason: cell('reason'),
      freeText: freeTextColumns.map((i) => fields[i] ?? ''),
      asteriskDispositions: asterisk,
    });
    const record: CallRecord = { ...emptyRecord(), ...verdict, startMs };
    record.answerMs = Number.isNaN(answer) ? null : answer;
    record.endMs = Number.isNaN(end) ? null : end;
    record.durationSec = parseSeconds(cell('duration'));
    record.talkSec = parseSeconds(cell('talk'));
    if (record.durationSec === null && record.endMs !== null) record.durationSec = Math.max(0, (record.endMs - startMs) / 1000);
    if (record.talkSec === null && record.endMs !== null && record.answerMs !== null) {
      record.talkSec = Math.max(0, (record.endMs - record.answerMs) / 1000);
    }
    // An end time lets the UI compute concurrency; derive it from the duration when not written.
    if (record.endMs === null && record.durationSec !== null) record.endMs = startMs + record.durationSec * 1000;
    // Answered: a 2xx code or an "answered" word; or an answer time / talk seconds when the row states
    // no failure (no code, no word, or only NORMAL_CLEARING, which classifyCause reads as "cancelled").
    // A stated failure wins over answer evidence: in Asterisk exports billsec counts the caller's leg
    // answered by the PBX (Queue, IVR) while `disposition` is the Dial() result — the real srinimonster
    // export has 16 FAILED rows with billsec > 0 (Queue attempts to agents).
    const answeredEvidence = record.answerMs !== null || (record.talkSec !== null && record.talkSec > 0);
    const statesNoFailure = record.outcome === 'unknown' || (record.codeSource === 'q850' && record.q850 === 16);
    if (answeredEvidence && statesNoFailure) {
      record.outcome = 'answered';
      record.sipCode = null;
    }
    if (m.roles.trunk === undefined) record.trunk = NO_TRUNK_COLUMN;
    else record.trunk = cell('trunk') || BLANK_TRUNK;
    record.destination = cell('destination');
    record.callerId = cell('callerId');
    record.callId = cell('callId');
    if (m.roles.direction !== undefined) record.direction = directionWord(cell('direction'));
    // A trunk per side (3CX DN columns, Yeastar's Source/Destination Trunk): the side the call went
    // out or came in through is the trunk and, without a direction column, says the direction.
    if (providers !== null && sidesNameTrunk(m.roles.trunk, providers)) {
      const side = providerSide(fields, providers, record.direction);
      if (side.direction !== 'internal') record.trunk = side.trunk || BLANK_TRUNK;
      if (m.roles.direction === undefined) record.direction = side.direction;
    }
    return { ok: true, record };
  };

  return {
    parse(row: Row, line: number): RowOutcome {
      const fields = row.fields();
      if (header === null) {
        startHeader(fields);
        return { kind: 'header' };
      }
      if (
        fields.length === header.length &&
        fields[0]?.trim().toLowerCase() === header[0]?.toLowerCase() &&
        headerSignature(normalizeHeader(fields)) === signature
      ) {
        return { kind: 'header' }; // the header repeated (files concatenated)
      }
      if (fields.every((f) => f.trim() === '')) return { kind: 'skip', reason: 'empty row' };
      if (fields.length < header.length) {
        return { kind: 'skip', reason: `too few columns (${fields.length} of ${header.length}): truncated row?` };
      }
      if (firstRows.length < SAMPLE_ROWS) firstRows.push([...fields]);
      if (!overridden && !sampleRows && seenRows.length < VALUE_ROWS) {
        seenRows.push([...fields]);
        setMapping(guessColumnRoles(header, seenRows));
      }
      if (mapping!.roles.start === undefined) return { kind: 'skip', reason: 'no start time column (map one in the column panel)' };
      if (dateOrder === null) {
        orderFrom(timeValues([fields]));
        const start = fields[mapping!.roles.start] ?? '';
        if (dateOrder === null && held.length < MAX_HELD) {
          const mdy = build(fields, 'mdy');
          const dmy = build(fields, 'dmy');
          if (mdy.ok && dmy.ok && mdy.record.startMs !== dmy.record.startMs) {
            held.push({ mdy: mdy.record, dmy: dmy.record, line, start });
            note(mdy.record);
            return { kind: 'merged' };
          }
        } else if (dateOrder === null && readsBothWays(start)) {
          // Past the hold only the start is read both ways (one record is built, not three).
          unheld ??= { rows: 0, firstLine: line, start };
          unheld.rows++;
        }
      }
      const built = build(fields, dateOrder ?? 'mdy');
      if (!built.ok) return { kind: 'skip', reason: built.reason };
      note(built.record);
      return { kind: 'record', record: built.record };
    },

    finish(): HeldRecord[] {
      const guessed = held[0]?.start ?? unheld?.start;
      found ??= { proven: dateOrder, proof, unsure: guessed?.trim() ?? null, readAtOnce: unheld ? { ...unheld, start: unheld.start.trim() } : null };
      // Read with other files: rows the file cannot order wait for the order one of them proves.
      if (dateOrder === null && settled === null && init.awaitDateOrder && held.length > 0) return [];
      if (settled === null) {
        if (dateOrder === null && guessed !== undefined) orderHint = dateOrderHint(guessed);
        else if (dateOrder === 'dmy' && unheld) orderHint = misreadRowsHint(unheld.rows, unheld.firstLine, unheld.start);
      }
      const order = dateOrder ?? settled ?? 'mdy';
      const out = held.map((h) => ({ record: h[order], firstLine: h.line, rows: 1 }));
      held = [];
      return out;
    },

    dateOrder: () => (found && (found.proven !== null || found.unsure !== null) ? found : null),

    settleDateOrder(order: DateOrder, note: string | null): void {
      settled = order;
      orderHint = note;
    },

    startField: () => mapping?.roles.start ?? null,

    capabilities(): FormatCapabilities {
      const roles = mapping?.roles ?? {};
      const sipCodes = sawSip || roles.sipCode !== undefined;
      return {
        sipCodes,
        separates503From603: sipCodes || sawCause || roles.cause !== undefined,
        hasEndTimes: (['answer', 'end', 'duration', 'talk'] as const).some((r) => roles[r] !== undefined),
        hasTrunk: roles.trunk !== undefined || providers !== null,
      };
    },

    companionHint(): string | null {
      return orderHint;
    },

    mapping(): ColumnMapping | null {
      if (!mapping) return null;
      return { ...mapping, samples: sampleValues(mapping.header.length, firstRows) };
    },
  };

  function note(record: CallRecord): void {
    if (record.codeSource === 'sip') sawSip = true;
    if (record.codeSource === 'q850') sawCause = true;
  }
}

/**
 * Do the per-side columns name the trunk? Yes when no trunk column is mapped, or when the one mapped
 * is a side's own (Yeastar's Destination Trunk is guessed as the trunk; it alone would leave every
 * inbound call without one). A trunk column of its own, mapped by the user, wins over the sides.
 */
function sidesNameTrunk(trunkColumn: number | undefined, providers: ProviderColumns): boolean {
  return trunkColumn === undefined || sideNameColumns(providers).includes(trunkColumn);
}

/** A start that is a time day first and month first, two different ones. */
function readsBothWays(start: string): boolean {
  const mdy = parseTime(start, 'mdy');
  const dmy = parseTime(start, 'dmy');
  return !Number.isNaN(mdy) && !Number.isNaN(dmy) && mdy !== dmy;
}

/** Data rows kept for the panel's example values. */
const SAMPLE_ROWS = 5;
/** Longest example value kept for the mapping panel (a runaway cell must not travel whole). */
const SAMPLE_CHARS = 60;

/** The first two non-empty values of each column, trimmed and shortened. */
function sampleValues(width: number, rows: readonly (readonly string[])[]): string[][] {
  const out: string[][] = Array.from({ length: width }, () => []);
  for (const row of rows) {
    const n = Math.min(width, row.length);
    for (let i = 0; i < n; i++) {
      const values = out[i]!;
      if (values.length >= 2) continue;
      const v = clean(row[i]);
      if (v !== '') values.push(v.length > SAMPLE_CHARS ? `${v.slice(0, SAMPLE_CHARS - 1)}…` : v);
    }
  }
  return out;
}
