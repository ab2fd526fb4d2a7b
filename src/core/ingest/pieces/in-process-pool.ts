/**
 * A pool that parses pieces right here, one at a time: what Node (the CLI) and the tests use. The
 * same parsePiece runs in the browser's piece workers, so the tests cover what the app does.
 */
import { withOwnTexts } from '../../analysis/own-text';
import type { FormatModule } from '../../formats/format-module';
import { readAndParsePiece } from './parse-piece';
import type { PieceJob, PiecePool, PieceResult } from './piece-types';

export function inProcessPool(formats?: readonly FormatModule[]): PiecePool {
  return {
    size: 1,
    // A worker's result reaches the merge as a copy; in-process its texts would be slices of the piece's text.
    parse: async (job: PieceJob): Promise<PieceResult> => withOwnTexts(await readAndParsePiece(job, formats)),
  };
}
