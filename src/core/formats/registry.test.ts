import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSniffSample } from '../read/sniff';
import type { FormatModule } from './format-module';
import { genericCsv } from './generic';
import { GENERIC_MAX_SCORE } from './generic/detect';
import { detectFormat, FORMATS } from './registry';
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

describe('detectFormat', () => {
  const sample = buildSniffSample('calls.csv', 'a,b\n1,2\n');
  /** A module that scores `score` (or nothing: null) and counts how often it was asked. */
  const scoring = (id: string, score: number | null, maxScore?: number) => {
    const asked = { count: 0 };
    const module: FormatModule = { ...genericCsv, id, maxScore, detect: () => (asked.count++, score === null ? null : { score }) };
    return { module, asked };
  };

  it('does not ask a module whose best cannot beat the best so far, and asks one that could tie or win', () => {
    const specific = scoring('specific', 0.8);
    const below = scoring('below', 0.4, 0.4);
    const tying = scoring('tying', 0.8, 0.8);
    const detected = detectFormat(sample, [specific.module, below.module, tying.module]);
    expect(detected?.module.id).toBe('specific'); // equal scores: the first, as no file name hint says otherwise
    expect([specific.asked.count, below.asked.count, tying.asked.count]).toEqual([1, 0, 1]);
  });

  it('asks every module while none scored, or the best is below their best', () => {
    const none = scoring('none', null);
    const low = scoring('low', 0.2);
    const generic = scoring('generic', 0.35, GENERIC_MAX_SCORE);
    expect(detectFormat(sample, [none.module, low.module, generic.module])?.module.id).toBe('generic');
    expect([none.asked.count, low.asked.count, generic.asked.count]).toEqual([1, 1, 1]);
  });

  it('gives the generic reader no more than its maxScore on any fixture (so skipping it never changes a detection)', () => {
    expect(genericCsv.maxScore).toBe(GENERIC_MAX_SCORE);
    const root = path.resolve(import.meta.dirname, '../../../fixtures/cdr');
    for (const dir of readdirSync(root)) {
      for (const name of readdirSync(path.join(root, dir))) {
        const text = readFileSync(path.join(root, dir, name), 'latin1');
        const score = genericCsv.detect(buildSniffSample(name, text))?.score ?? 0;
        expect(score).toBeLessThanOrEqual(GENERIC_MAX_SCORE);
      }
    }
  });
});
