/**
 * A VICIdial row's trunk name (dialledCall) is one of up to 4,096 remembered for good (TrunkNames
 * in trunk.ts). A field is a slice of its chunk's decoded text (delimited-tokenizer.ts), and V8 keeps a slice (13+ characters) as a view of
 * its parent: a name remembered as a slice or built on one keeps the whole chunk alive. A file with
 * a new 13+-character Local context in each 4 MB piece must not keep every piece's text.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { dialledCall } from './trunk';

const trunkOf = (channel: string) => dialledCall(channel, '').trunk;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

describe('trunk names remembered across rows', () => {
  it('keep no chunk text alive: 100 chunks of 4 MB, one new long Local context in each', () => {
    const before = heapMb();
    for (let k = 0; k < 100; k++) {
      const chunk = `Local/913125551212@campaign-ctx-${String(k).padStart(4, '0')}-0000abcd;2,${'x'.repeat(4_000_000)}${k}`;
      const channel = chunk.slice(0, chunk.indexOf(','));
      expect(trunkOf(channel)).toBe(`Local/campaign-ctx-${String(k).padStart(4, '0')}`);
    }
    // Kept, 100 × 4 MB = 400 MB; not kept, the names alone (a few KB).
    expect(heapMb() - before).toBeLessThan(50);
  });

  it('keep no hostile name: 100 rows, each a new Local context of 1 MB (a record may be 1 MiB)', () => {
    const before = heapMb();
    for (let k = 0; k < 100; k++) {
      const context = `${'c'.repeat(1_000_000)}${k}`;
      expect(trunkOf(`Local/913125551212@${context}`)?.length).toBe(6 + context.length);
    }
    // Kept, 100 MB; ChannelTrunks (asterisk/trunk.ts) remembers no peer name over 256 characters.
    expect(heapMb() - before).toBeLessThan(30);
  });

  it('keep no hostile lead: 100 rows, each dialled after a new lead of 1 MB', () => {
    const before = heapMb();
    for (let k = 0; k < 100; k++) {
      const lead = `9${'7'.repeat(1_000_000)}${k}`;
      expect(dialledCall(`Local/${lead}3125551212@default`, '3125551212').trunk?.length).toBe(7 + lead.length);
    }
    expect(heapMb() - before).toBeLessThan(30);
  });
});
