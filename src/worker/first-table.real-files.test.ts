/**
 * The worker's first answer (the whole-file trunk table counted before the seal, CdrSession.firstTable)
 * against a session that never counted early, over every fixture and every real export in
 * ../shared/samples (skipped when the folder is absent): the same table, the same worst trunk's first
 * screen (and its timeline, counted with the first table) and the same diagnoses. Files the early count leaves to the index (firstTable answers as
 * table does) agree trivially; the test counts how many were counted early, so it cannot pass by
 * never taking the early path.
 */
import { existsSync, openAsBlob, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CdrSession } from '../core/session/cdr-session';
import { ingestFiles } from '../core/ingest/ingest-files';
import { spanCountsBeforeSeal } from '../core/analysis/span-counts';
import { FIRST_TABLE_QUERY, firstDetailQuery } from './first-questions';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.resolve(ROOT, '../shared/samples');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile() && !f.endsWith('.md'))
    .sort();
}

async function session(file: string): Promise<CdrSession> {
  const s = new CdrSession();
  await s.read([{ name: path.basename(file), blob: await openAsBlob(file) }]);
  return s;
}

const files = [...filesUnder(path.join(ROOT, 'fixtures/cdr')), ...filesUnder(SAMPLES)];

describe('the first trunk table, counted before the seal, over real and fixture files', () => {
  it('answers what a session that never counted early answers: table, worst trunk, diagnoses', async () => {
    let countedEarly = 0;
    let timelines = 0;
    for (const file of files) {
      const early = await session(file);
      const plain = await session(file);
      const name = path.relative(ROOT, file);
      // Whether this file takes the early path (a store with attempts and whole talk seconds), on its own read.
      const read = await ingestFiles([{ name: path.basename(file), blob: await openAsBlob(file) }], { sealLater: true });
      if (!read.store.sealed && spanCountsBeforeSeal(read.store)) countedEarly++;
      const first = early.firstTable(FIRST_TABLE_QUERY);
      expect(first, name).toEqual(plain.table(FIRST_TABLE_QUERY));
      const worst = first.trunks[0]?.trunk;
      if (worst !== undefined) {
        // The first chart, counted with the first table (ingest.worker.ts): the spanSeries of the worst trunk's top.
        const timeline = early.firstTimeline(worst);
        if (timeline) {
          timelines++;
          expect(timeline, name).toEqual(plain.top(firstDetailQuery(worst)).spanSeries);
        }
        expect(early.top(firstDetailQuery(worst)), name).toEqual(plain.top(firstDetailQuery(worst)));
      }
      expect(early.diagnose(null), name).toEqual(plain.diagnose(null));
    }
    expect(files.length).toBeGreaterThan(20);
    expect(countedEarly).toBeGreaterThan(files.length / 2);
    // Every file counted early has its first chart counted early too.
    expect(timelines).toBe(countedEarly);
  });
});
