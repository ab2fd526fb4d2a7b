import { describe, expect, it } from 'vitest';
import { FORMATS } from './registry';
import { FORMAT_LABELS, formatLabel } from './format-labels';

describe('format labels', () => {
  it('name exactly the registered formats, each with the label its module shows', () => {
    expect(FORMATS.map((f) => f.id).sort()).toEqual(Object.keys(FORMAT_LABELS).sort());
    for (const f of FORMATS) expect(f.label).toBe(formatLabel(f.id));
  });

  it('answer nothing for ids that are not formats, built-in property names included', () => {
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'asterisk']) {
      expect(formatLabel(id)).toBeUndefined();
    }
  });
});
