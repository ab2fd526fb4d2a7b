/**
 * `kamailio-acc-syslog`: acc records logged to syslog (formats.md §5.3; kamailio
 * src/modules/acc/acc.h, acc.c acc_log_request). A line looks like
 *   Nov  5 10:39:20 sbc kamailio[123]: ACC: transaction answered: timestamp=1604565560;method=BYE;
 *   from_tag=…;to_tag=…;call_id=…;code=200;reason=OK;src_user=…
 * Prefixes: `ACC: transaction answered:`, `ACC: call missed:`, `ACC: request accounted:`,
 * `ACC: request acknowledged:`. Separator `;`, `=` between name and value; values are not escaped,
 * so a `;` inside a reason phrase is kept by gluing a segment without `name=` to the value before it.
 * The same INVITE/BYE pairing as the acc table applies (acc-calls.ts). Other log lines are skips.
 */
import type { Detection, FormatCapabilities, FormatModule, HeldRecord, ParserInit, RowOutcome, RowParser, RowTokenizer, SniffSample } from '../format-module';
import { resolveAccColumns, type AccColumns } from './acc-columns';
import { AccCalls } from './acc-calls';
import { FORMAT_LABELS } from '../format-labels';
import { rowOf, type RecordSink, type Row } from '../../read/row';

const ACC_LINE = /\bACC: ([a-z][a-z ]*[a-z]): (.*)$/;
const KEY = /^[A-Za-z_][\w.-]*$/;

/** Splits text into whole lines (one field each); LF, CRLF and CR, seam-safe. */
export class LineTokenizer implements RowTokenizer {
  private carry = '';
  private line = 1;

  push(chunk: string, sink: RecordSink): void {
    const text = this.carry + chunk;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i + 1 >= text.length) break; // maybe CRLF across the seam
      this.emit(text.slice(start, i), sink);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.carry = text.slice(start);
  }

  end(sink: RecordSink): void {
    // A lone CR left at the end is a line end; anything else is a last line without one.
    const rest = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
    if (rest.length > 0) this.emit(rest, sink);
    this.carry = '';
  }

  private emit(text: string, sink: RecordSink): void {
    const line = this.line++;
    if (text.trim() !== '') sink(rowOf([text]), line);
  }
}

/** `name=value;…` → ordered pairs. A segment without `name=` continues the previous value. */
export function parseAccPairs(body: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of body.split(';')) {
    const eq = segment.indexOf('=');
    const key = eq > 0 ? segment.slice(0, eq).trim() : '';
    if (eq > 0 && KEY.test(key)) pairs.push([key, segment.slice(eq + 1)]);
    else if (pairs.length > 0) pairs[pairs.length - 1]![1] += `;${segment}`;
  }
  return pairs;
}

export function createAccSyslogParser(init: ParserInit): RowParser {
  void init;
  const calls = new AccCalls();
  const columnCache = new Map<string, AccColumns | null>();
  return {
    tokenizer: new LineTokenizer(),
    parse(row: Row, line: number): RowOutcome {
      const m = ACC_LINE.exec(row.field(0));
      if (!m) return { kind: 'skip', reason: 'not an ACC line (other log message)' };
      const pairs = parseAccPairs(m[2]!.trimEnd());
      const names = pairs.map((p) => p[0]);
      const signature = names.join(';');
      let cols = columnCache.get(signature);
      if (cols === undefined) {
        cols = resolveAccColumns(names);
        if (columnCache.size < 100) columnCache.set(signature, cols);
      }
      if (!cols) return { kind: 'skip', reason: 'ACC line without method, call_id, code and timestamp' };
      return calls.row(cols, (i) => (i < 0 ? '' : (pairs[i]?.[1] ?? '').trim()), line);
    },
    finish(): HeldRecord[] {
      return calls.finish();
    },
    lateSkips: () => calls.lateSkips(),
    challengeCounts: () => calls.challengeCounts(),
    capabilities(): FormatCapabilities {
      return { sipCodes: true, separates503From603: true, hasEndTimes: calls.hasEndTimes, hasTrunk: calls.hasTrunk };
    },
  };
}

/** Score 0.93 when the sniffed text has ACC lines with method= and code=; null otherwise. */
export function detectAccSyslog(sample: SniffSample): Detection | null {
  let acc = 0;
  for (const line of sample.text.split(/\r\n|\r|\n/, 2000)) {
    const m = ACC_LINE.exec(line);
    if (m && /(^|;)method=/.test(m[2]!) && /(^|;)code=\d/.test(m[2]!)) acc++;
  }
  return acc > 0 ? { score: 0.93, variant: `syslog, ${acc} ACC line${acc === 1 ? '' : 's'} in the first part` } : null;
}

export const kamailioAccSyslog: FormatModule = {
  id: 'kamailio-acc-syslog',
  label: FORMAT_LABELS['kamailio-acc-syslog'],
  family: 'kamailio',
  syntax: 'sql-insert',
  detect: (sample) => {
    try {
      return detectAccSyslog(sample);
    } catch {
      return null;
    }
  },
  fileNameHint: (fileName) => /syslog|messages|kamailio.*\.log/i.test(fileName),
  createParser: createAccSyslogParser,
};
