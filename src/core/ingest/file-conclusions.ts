/**
 * What a file's parser concludes once every row of the file is in (after finish(), and after the
 * pieces' evidence was absorbed): the RowParser hooks that describe the whole file, read here
 * only, in one order, into one declared shape. Nothing else in the ingest calls them.
 */
import type { ColumnMapping, FileDateOrder, FormatCapabilities, RowParser } from '../formats/format-module';

export interface FileConclusions {
  capabilities: FormatCapabilities;
  mapping: ColumnMapping | null;
  /** Digest challenges (Kamailio acc); null for formats that do not see them. */
  challenges: { authChallenges: number; answeredAfterChallenge: number } | null;
  companionHint: string | null;
  /** What the file's own dates say of their day/month order (RowParser.dateOrder); null: nothing depended on it. */
  dateOrder: FileDateOrder | null;
  /** Raw trunk name → final name (RowParser.trunkAliases); empty when names are final already. */
  trunkAliases: ReadonlyMap<string, string>;
  /** Names for trunks of the other files of the drop (RowParser.companionTrunkNames). */
  companionTrunkNames: ReadonlyMap<string, string>;
}

/** `capabilities`: what the pieces' parsers saw together, when the file was read in pieces. */
export function concludeFile(parser: RowParser, capabilities: FormatCapabilities | null): FileConclusions {
  const conclusions: FileConclusions = {
    capabilities: capabilities ?? parser.capabilities(),
    mapping: parser.mapping?.() ?? null,
    challenges: parser.challengeCounts?.() ?? null,
    companionHint: parser.companionHint?.() ?? null,
    dateOrder: parser.dateOrder?.() ?? null,
    trunkAliases: new Map(),
    companionTrunkNames: new Map(),
  };
  try {
    conclusions.trunkAliases = parser.trunkAliases?.() ?? conclusions.trunkAliases;
    conclusions.companionTrunkNames = new Map(parser.companionTrunkNames?.() ?? []);
  } catch {
    // Naming is a refinement; raw names stay if it fails.
  }
  return conclusions;
}
