/**
 * A pool that parses pieces right here, one at a time: what Node (the CLI) and the tests use. The
 * same parsePiece runs in the browser's piece workers, so the tests cover what the app does.
 */
import type { FormatModule } from '../../formats/format-module';
import { readAndParsePiece } from './parse-piece';
import type { PieceJob, PiecePool, PieceResult } from './piece-types';

export function inProcessPool(formats?: readonly FormatModule[]): PiecePool {
  return {
    size: 1,
    parse: (job: PieceJob): Promise<PieceResult> => readAndParsePiece(job, formats),
  };
}
