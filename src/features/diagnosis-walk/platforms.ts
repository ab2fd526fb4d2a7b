import type { IngestSummary } from '../../core/ingest/ingest-files';

/**
 * The platforms whose commands the walk shows: those the files come from (a VICIdial box runs
 * Asterisk; FreePBX is Asterisk). A generic CSV names no platform: every platform's, then.
 */
export function platformsOf(summary: IngestSummary): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const f of summary.files) {
    const family = f.format?.family;
    if (!family || family === 'generic') return undefined;
    if (family === 'vicidial') out.add('vicidial').add('asterisk');
    else out.add(family === 'freepbx' ? 'asterisk' : family);
  }
  return out.size > 0 ? out : undefined;
}
