/** Every format's fixture folder: its basic file, analysed with the worst trunk selected, survives the link. */
import { openAsBlob, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { ingestFiles } from '../ingest/ingest-files';
import { decodeShare, encodeShare } from './codec';
import { buildSharedView } from './view';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/cdr');
const folders = readdirSync(FIXTURES).sort();

/** basic.* when the folder has one, else its first file. */
function basicFile(folder: string): string {
  const files = readdirSync(path.join(FIXTURES, folder))
    .filter((f) => !f.startsWith('.'))
    .sort();
  return files.find((f) => f.startsWith('basic.')) ?? files.find((f) => f.includes('basic')) ?? files[0]!;
}

describe('round trip of each fixture folder', () => {
  it('has the 13 format folders', () => expect(folders.length).toBeGreaterThanOrEqual(13));

  for (const folder of folders) {
    it(`${folder}/${basicFile(folder)}`, async () => {
      const name = basicFile(folder);
      const { summary, store } = await ingestFiles([{ name, blob: await openAsBlob(path.join(FIXTURES, folder, name)) }]);
      const all = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 10 });
      const worst = all.trunks[0]?.trunk;
      const trunks = worst === undefined ? [] : [worst];
      const data = analyzeDashboard(store, { window: null, trunks, bucketMs: null, topN: 10 });
      const view = buildSharedView(summary, data, { trunks, window: null }, { privacy: 'masked', note: `fixture ${folder}` });
      const fragment = await encodeShare(view);
      console.log(`${folder}/${name}: ${summary.calls} calls, ${data.trunks.length} trunks, link ${fragment.length} chars`);
      expect(fragment).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
      expect(await decodeShare(fragment)).toEqual({ ok: true, value: view });
    });
  }
});
