/**
 * The day/month order of the files of one drop. A parser decides it per file (a day above 12, the
 * uniqueids' times); a file whose dates all read both ways (`03/04/2015`: 3 April or 4 March)
 * cannot, alone. Read with files of the same PBX, it follows the order they prove; files that prove
 * opposite orders are different exports and each keeps its own; where nothing proves it, month
 * first is assumed, as for a file alone. Every file card says which, in date-order-hint.ts's words.
 * The files are read one after another (ingest-files.ts): the rows a file cannot order wait in its
 * parser (ParserInit.awaitDateOrder) until every file is read, so the order of the files in the
 * drop does not matter.
 */
import type { FileDateOrder } from '../formats/format-module';
import { dateOrderHint, followedOrderHint, misreadRowsHint, ownOrderHint } from '../formats/shared/date-order-hint';
import type { DateOrder } from '../model/wall-time';

/** The order month-first dates are read in when nothing proves one (parseWallTime's default). */
const ASSUMED_ORDER: DateOrder = 'mdy';

/** How a file's day/month order was settled (FileIngestResult.dateOrder). */
export interface DateOrderReading {
  order: DateOrder;
  /** 'file': its own dates prove it; 'drop': taken from `from`, a file read with it; 'assumed': nothing proves it. */
  basis: 'file' | 'drop' | 'assumed';
  /** The file the order was taken from (basis 'drop'); null otherwise. */
  from: string | null;
  /** The start that proves the order, as written (in `from` when taken from there); null: uniqueids' times, or nothing. */
  proof: string | null;
}

export interface DatedFile {
  fileName: string;
  dates: FileDateOrder;
}

/** What the drop tells a file: the order to read it in, and what its card says of it. */
export interface DropDateOrder {
  reading: DateOrderReading;
  note: string | null;
}

/** The reading of a file on its own: its own proof, or month first assumed. */
export function readingAlone(dates: FileDateOrder): DateOrderReading {
  return dates.proven !== null ? { order: dates.proven, basis: 'file', from: null, proof: dates.proof } : { order: ASSUMED_ORDER, basis: 'assumed', from: null, proof: null };
}

/**
 * Per file of `files` (the drop's, in the order read), what the drop tells it; null: nothing, its
 * own reading and words stand (a file that proves its order and no file contradicts). `earlier`:
 * files read before in the same session, whose proofs count as if dropped with these.
 */
export function settleDropDateOrders(files: readonly DatedFile[], earlier: readonly DatedFile[] = []): Array<DropDateOrder | null> {
  const all = [...earlier, ...files];
  return files.map((file) => {
    const others = all.filter((f) => f !== file);
    const proving = others.filter((f) => f.dates.proven !== null);
    const { proven, unsure } = file.dates;
    if (proven !== null) {
      const against = proving.filter((f) => f.dates.proven !== proven);
      if (against.length === 0) return null;
      const misread = proven === 'dmy' && file.dates.readAtOnce ? `${misreadOf(file.dates.readAtOnce, 'a later date')} ` : '';
      return { reading: readingAlone(file.dates), note: misread + ownOrderHint(proven, file.dates.proof, against.map((f) => ({ fileName: f.fileName, proof: f.dates.proof }))) };
    }
    if (unsure === null) return null;
    const orders = new Set(proving.map((f) => f.dates.proven));
    if (orders.size === 1) {
      const lead = proving[0]!;
      const order = lead.dates.proven!;
      const reading: DateOrderReading = { order, basis: 'drop', from: lead.fileName, proof: lead.dates.proof };
      const misread = order === 'dmy' && file.dates.readAtOnce ? ` ${misreadOf(file.dates.readAtOnce, `${lead.fileName}, read with this file,`)}` : '';
      return { reading, note: followedOrderHint(unsure, order, lead.fileName, lead.dates.proof) + misread };
    }
    const said = others.length === 0 ? 'alone' : orders.size === 0 ? 'none' : proving.map((f) => ({ fileName: f.fileName, order: f.dates.proven! }));
    return { reading: readingAlone(file.dates), note: dateOrderHint(unsure, said) };
  });
}

function misreadOf(rows: NonNullable<FileDateOrder['readAtOnce']>, shownBy: string): string {
  return misreadRowsHint(rows.rows, rows.firstLine, rows.start, shownBy);
}
