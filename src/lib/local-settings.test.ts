import { afterEach, describe, expect, it } from 'vitest';
import { headerSignature } from '../core/formats/format-module';
import { loadMappings, loadTrunkNames, saveTrunkNames } from './local-settings';

const KEY = 'trunk-triage.column-mappings.v1';

/** Browser storage as a Map, for Node. */
function storeWith(value: string): void {
  const items = new Map([[KEY, value]]);
  Object.assign(globalThis, { localStorage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v) } });
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

describe('stored column mappings', () => {
  const header = ['Time Start (UTC)', 'Trunk Name', 'Disconnect Code'];
  const signature = headerSignature(header);

  it('keeps a good record and drops each bad one on its own', () => {
    storeWith(
      JSON.stringify({
        [signature]: { header, roles: { start: 0, trunk: 1, sipCode: 2, bogus: 1, callId: 7, cause: 1.5 } },
        'a\u241fb': { header: ['a', 'b'], roles: null },
        'c\u241fd': { header: ['c', 'd'], roles: 'start' },
        'e\u241ff': { header: [1, 2], roles: {} },
        'not the signature': { header: ['g', 'h'], roles: { start: 0 } },
        ['__proto__']: { header: ['x'], roles: {} },
      }),
    );
    const loaded = loadMappings();
    expect(Object.keys(loaded)).toEqual([signature]);
    // Unknown roles and indexes outside the header (or not whole numbers) are dropped too.
    expect(loaded[signature]).toEqual({ header, roles: { start: 0, trunk: 1, sipCode: 2 } });
  });

  it('reads storage that is not an object, or not JSON, as nothing stored', () => {
    for (const raw of ['null', '[1,2]', '"x"', '{', '42']) {
      storeWith(raw);
      expect(Object.keys(loadMappings())).toEqual([]);
    }
  });
});

describe('stored trunk names', () => {
  const NAMES_KEY = 'trunk-triage.trunk-names.v1';
  const items = new Map<string, string>();
  const useStorage = () => Object.assign(globalThis, { localStorage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v) } });

  it('built-in property names are trunks like any other, saved and read back', () => {
    useStorage();
    saveTrunkNames(new Map([['__proto__', 'Carrier P'], ['constructor', 'Carrier C'], ['toString', 'Carrier T']]));
    const names = loadTrunkNames();
    expect([...names]).toEqual([['__proto__', 'Carrier P'], ['constructor', 'Carrier C'], ['toString', 'Carrier T']]);
    expect(names.get('hasOwnProperty')).toBeUndefined();
  });

  it('a poisoned record: bad entries dropped one by one, the rest kept; garbage yields no names', () => {
    useStorage();
    items.set(NAMES_KEY, JSON.stringify({ a: 'Carrier A', b: null, c: { x: 1 }, d: '', e: 'x'.repeat(201), f: 'bell\u0007', g: '  Carrier G  ', h: 'h' }));
    expect([...loadTrunkNames()]).toEqual([['a', 'Carrier A'], ['g', 'Carrier G']]);
    for (const raw of ['null', '[1,2]', '"text"', '{', '42']) {
      items.set(NAMES_KEY, raw);
      expect(loadTrunkNames().size).toBe(0);
    }
  });
});
