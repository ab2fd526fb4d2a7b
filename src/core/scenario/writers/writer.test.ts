import { describe, expect, it } from 'vitest';
import { SMALL_SPEC } from './round-trip';
import { simulateDay } from '../simulate';
import { TimeOrderedRows, uuidOf, wallText, writeScenario, type ScenarioWriter } from './writer';

describe('TimeOrderedRows', () => {
  it('hands rows out by due time, ties in push order, only once due', () => {
    const rows = new TimeOrderedRows();
    rows.push(30, 'c');
    rows.push(10, 'a');
    rows.push(30, 'd');
    rows.push(20, 'b');
    expect(rows.takeUntil(9)).toBe('');
    expect(rows.takeUntil(20)).toBe('ab');
    rows.push(25, 'x');
    expect(rows.takeAll()).toBe('xcd');
    expect(rows.takeAll()).toBe('');
  });
});

describe('writeScenario', () => {
  it('writes the header, every row and what finish() held back, in chunks', () => {
    let held: string[] = [];
    const writer: ScenarioWriter = {
      formatId: 'test',
      fileName: 'test.txt',
      header: () => {
        held = [];
        return 'H\n';
      },
      row: (call) => {
        held.push(`${call.sequence}\n`);
        return held.length > 3 ? held.shift()! : '';
      },
      finish: () => held.join(''),
    };
    const chunks: string[] = [];
    const n = writeScenario(SMALL_SPEC, writer, (c) => chunks.push(c));
    expect(n).toBe(simulateDay(SMALL_SPEC, () => {}));
    expect(chunks.join('')).toBe(`H\n${Array.from({ length: n }, (_, i) => `${i}\n`).join('')}`);
  });
});

describe('uuidOf', () => {
  it('is shaped like a version-4 UUID and stable', () => {
    expect(uuidOf(1, 2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidOf(1, 2)).toBe(uuidOf(1, 2));
    expect(uuidOf(1, 2)).not.toBe(uuidOf(2, 2));
  });
});

describe('wallText', () => {
  it('is the ISO date and time to the second, across days and before 1970', () => {
    for (const ms of [0, 999, 1_794_823_200_123, 1_794_873_599_999, 1_794_873_600_000, -1, -86_400_001, Date.UTC(2024, 1, 29, 23, 59, 59, 500)]) {
      expect(wallText(ms)).toBe(new Date(ms).toISOString().slice(0, 19).replace('T', ' '));
    }
  });
});
