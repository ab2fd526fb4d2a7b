import type { IngestSummary } from '../../core/ingest/ingest-files';

/**
 * The platforms whose commands the walk shows: those the files come from (a VICIdial box runs
 * Asterisk; FreePBX is Asterisk). A generic CSV names no platform: every platform's, then.
 */
export function platformsOf(summary: IngestSummary): ReadonlySet<string> | undefined {
  return platformsOfFormats(summary.files.map((f) => f.format?.id ?? null));
}

/**
 * platformsOf from format ids alone (format-labels.ts: each id starts with its platform), as a
 * share link carries them. undefined (every platform) when any file's format names none.
 */
export function platformsOfFormats(formatIds: ReadonlyArray<string | null>): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const id of formatIds) {
    const platform = PLATFORM_OF_PREFIX.find(([prefix]) => id?.startsWith(prefix))?.[1];
    if (!platform) return undefined;
    for (const p of platform) out.add(p);
  }
  return out.size > 0 ? out : undefined;
}

const PLATFORM_OF_PREFIX: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['vicidial-', ['vicidial', 'asterisk']],
  ['asterisk-', ['asterisk']],
  ['freepbx-', ['asterisk']],
  ['freeswitch-', ['freeswitch']],
  ['kamailio-', ['kamailio']],
];
