/**
 * What the page says after the session changed: which files were added or removed, what the
 * session holds now, and which files were not read because their bytes were already loaded.
 */
import type { SessionFileInput, SessionSummary } from '../../worker/protocol';
import { escapeControls } from '../../core/model/visible-text';
import { formatCount } from '../../lib/format';

export type SessionChange =
  | { kind: 'add' }
  | { kind: 'replace' }
  /** `removed`: the names of the files taken out (a file of an archive: "archive.zip › file.csv"). */
  | { kind: 'remove'; removed: string[] }
  | { kind: 'mapping' }
  | { kind: 'undo' }
  /** The worker lost the session (an add cut short): the files held before were read again. */
  | { kind: 'restore'; cancelled: boolean };

export interface SessionNotice {
  kind: 'added' | 'removed' | 'cancelled' | 'restored' | 'already-loaded';
  text: string;
  /** The files to go back to (Undo of an add). */
  undo?: SessionFileInput[];
  /** The files just added, to keep them alone (Replace instead of add). */
  keepOnly?: SessionFileInput[];
}

/**
 * The page's name for a file it holds, where no report names it (reading it, added, removed after a
 * read that failed before its card was made): the File's name escaped as ingest escapes it for the
 * report (ingest-files.ts), so a U+202E in it cannot turn it around here either.
 */
export const heldFileName = (f: SessionFileInput): string => ('sample' in f ? 'the sample day' : escapeControls(f.file.name));

/** The name a removal says: its card's (the report's, escaped already), else the held file's. */
export function removedFileName(report: { fileName: string } | undefined, dropped: SessionFileInput): string {
  return report?.fileName ?? heldFileName(dropped);
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function holding(summary: SessionSummary): string {
  const files = summary.files.length;
  return `${formatCount(summary.calls)} call${summary.calls === 1 ? '' : 's'} from ${formatCount(files)} file${files === 1 ? '' : 's'} now`;
}

export function describeChange(change: SessionChange, before: readonly SessionFileInput[], after: readonly SessionFileInput[], summary: SessionSummary): SessionNotice | null {
  const already = summary.alreadyLoaded.map((d) =>
    d.fileName === d.sameAs ? `${d.fileName} is already loaded: counted once.` : `${d.fileName} is already loaded (the same content as ${d.sameAs}): counted once.`,
  );
  const alreadyText = already.join(' ');
  if (change.kind === 'add') {
    const beforeIds = new Set(before.map((f) => f.id));
    const added = after.filter((f) => !beforeIds.has(f.id));
    if (added.length === 0) return already.length > 0 ? { kind: 'already-loaded', text: alreadyText } : null;
    const text = `Added ${list(added.map(heldFileName))}: ${holding(summary)}.${alreadyText ? ` ${alreadyText}` : ''}`;
    return before.length > 0 ? { kind: 'added', text, undo: [...before], keepOnly: added } : { kind: 'added', text };
  }
  if (change.kind === 'remove') return { kind: 'removed', text: `Removed ${list(change.removed)}: ${holding(summary)}.` };
  if (change.kind === 'restore') {
    return { kind: 'restored', text: `${change.cancelled ? 'Reading was cancelled. ' : ''}The files loaded before were read again: ${holding(summary)}.` };
  }
  return already.length > 0 ? { kind: 'already-loaded', text: alreadyText } : null;
}
