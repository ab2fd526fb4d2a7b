/**
 * What goes wrong reading a workbook, in words for a person. `XmlError` and `WorkbookError` say
 * what a part holds ("has an end tag that …", "cell C5 refers to …"); the reader wraps them in a
 * `WorkbookDamage` naming the part and the row, and the file's read reports that, naming the file.
 */

/** XML that is not well-formed (or that this reader refuses): a phrase after "it" ("has an end tag that …"). */
export class XmlError extends Error {
  override name = 'XmlError';
}

/** A part that is well-formed XML but not what a workbook holds (a cell past column XFD, a shared string that is not there). */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

/** A sheet whose read stopped part way: the message names the sheet, its part and the row, the rows before it were read. */
export class WorkbookDamage extends Error {
  override name = 'WorkbookDamage';
}
