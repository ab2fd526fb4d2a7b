import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../core/formats/registry';
import { platformsOfFormats } from './platforms';

describe('platformsOfFormats (the walk\'s commands, from the format ids a file or a link names)', () => {
  it('a VICIdial box runs Asterisk; FreePBX is Asterisk; a generic CSV names no platform', () => {
    expect(platformsOfFormats(['vicidial-carrier-log'])).toEqual(new Set(['vicidial', 'asterisk']));
    expect(platformsOfFormats(['freepbx-cdr-report', 'asterisk-cdr-csv'])).toEqual(new Set(['asterisk']));
    expect(platformsOfFormats(['kamailio-acc', 'freeswitch-cdr-csv'])).toEqual(new Set(['kamailio', 'freeswitch']));
    expect(platformsOfFormats(['asterisk-cdr-csv', 'generic-csv'])).toBeUndefined();
    expect(platformsOfFormats(['asterisk-cdr-csv', null])).toBeUndefined();
    expect(platformsOfFormats([])).toBeUndefined();
  });

  it("every format's id gives the platform of its family (the registry is the oracle)", () => {
    for (const f of FORMATS) {
      const family = f.family;
      const expected = family === 'generic' ? undefined : new Set(family === 'vicidial' ? ['vicidial', 'asterisk'] : [family === 'freepbx' ? 'asterisk' : family]);
      expect(platformsOfFormats([f.id]), f.id).toEqual(expected);
    }
  });
});
