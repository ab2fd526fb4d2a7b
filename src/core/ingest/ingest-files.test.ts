import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallStore } from '../analysis/call-store';
import { emptyRecord } from '../model/call-record';
import { ingestFiles } from './ingest-files';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/cdr');
const input = async (...parts: string[]) => ({ name: parts.at(-1)!, blob: await openAsBlob(path.join(FIXTURES, ...parts)) });

describe('ingestFiles', () => {
  it('names the gateway groups of an acc export with a dr_gateways file dropped beside it', async () => {
    // basic.csv: 6 calls: 4 on gwgroup 3 (call-6's 401 and its retry are one attempt), 2 on gwgroup 4;
    // call-10 (calltype empty) is internal. dr-gateways.csv names group 3 "Flowroute US-West-OR" and
    // does not know group 4, which keeps the label of the host its calls went to.
    const { summary, store } = await ingestFiles([await input('kamailio-acc', 'basic.csv'), await input('kamailio-dr-gateways', 'dr-gateways.csv')]);
    expect(summary.calls).toBe(6);
    expect(summary.trunks.map((t) => [t.name, t.attempts]).sort()).toEqual([
      ['gwgroup 3 (Flowroute US-West-OR)', 4],
      ['gwgroup 4 (sip.carrier-b.example)', 2],
    ]);
    expect(store.trunks.values).toContain('gwgroup 3 (Flowroute US-West-OR)');
    expect(summary.files[0]!.trunks[0]).toEqual({ name: 'gwgroup 3 (Flowroute US-West-OR)', calls: 4 });
    expect(summary.files[0]!.companionHint).toBeNull();
    expect(summary.files[1]!.trunks).toEqual([]); // a companion file has no calls of its own
  });

  it('reports progress over the total bytes of the drop', async () => {
    const files = [await input('asterisk-cdr-csv', 'basic.csv'), await input('kamailio-acc', 'basic.csv')];
    const total = files[0]!.blob.size + files[1]!.blob.size;
    const seen: number[] = [];
    await ingestFiles(files, { sliceBytes: 256, onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen.at(-1)).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe('CallStore call ids', () => {
  it('keeps the call id of rejected calls (what a ticket cites), not of answered ones', () => {
    const store = new CallStore(2);
    store.add({ ...emptyRecord(), startMs: 0, trunk: 'a', outcome: 'answered', callId: '1700000000.1' });
    store.add({ ...emptyRecord(), startMs: 0, trunk: 'a', outcome: 'capacity', sipCode: 503, callId: '1700000000.2' });
    store.add({ ...emptyRecord(), startMs: 0, trunk: 'a', outcome: 'policy', sipCode: 603, callId: '' });
    expect([store.callIdOf(0), store.callIdOf(1), store.callIdOf(2)]).toEqual([null, '1700000000.2', null]);
  });
});

describe('CallStore.renameTrunks', () => {
  it('merges trunks renamed to one name and keeps the others', () => {
    const store = new CallStore(2); // tiny capacity: growth is exercised too
    for (const trunk of ['prefix 91', 'prefix 944', 'prefix 81', 'prefix 91']) store.add({ ...emptyRecord(), startMs: 0, trunk });
    store.renameTrunks(new Map([['prefix 91', 'prefix 9'], ['prefix 944', 'prefix 9'], ['prefix 81', 'prefix 8']]));
    const names = Array.from({ length: store.length }, (_, i) => store.trunks.get(store.trunk[i]!));
    expect(names).toEqual(['prefix 9', 'prefix 9', 'prefix 8', 'prefix 9']);
    expect(store.trunks.values).toEqual(['prefix 9', 'prefix 8']);
  });
});
