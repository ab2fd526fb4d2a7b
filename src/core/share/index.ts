/**
 * "Share a diagnosis link", the core: build the view, encode it into the URL fragment, decode a
 * fragment back (errors as values), measure it and shrink it. See codec.ts for the format.
 */
export { decodeShare, encodeShare, looksLikeShareLink, LINK_BUDGET_CHARS, MAX_INFLATED_BYTES, MAX_LINK_CHARS, type ShareError, type ShareErrorCode } from './codec';
export type { Result } from './result';
export { shareLengthReport, smallerVariant, type ShareLength, type SmallerVariant } from './size';
export {
  buildSharedView,
  LIMITS,
  maskNumber,
  maskNumbersIn,
  SHARE_VERSION,
  VERDICT_IDS,
  type BuildOptions,
  type SharedDiagnosis,
  type SharedFile,
  type SharedView,
  type SharedWalk,
  type SharePrivacy,
  type ShareSelection,
  type VerdictId,
} from './view';
