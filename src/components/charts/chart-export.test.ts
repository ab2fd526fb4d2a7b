/** CSV exports are opened in spreadsheets: nothing from a file or a link may run there as a formula. */
import { describe, expect, it } from 'vitest';
import { safeFileName, toCsv } from './chart-export';

describe('CSV export', () => {
  it('cells starting with = + - @ tab or CR are prefixed with a quote (OWASP); numbers stay numbers', () => {
    const text = toCsv(['code', 'count'], [
      ["=CMD|' /C CALC'!A0", 1],
      ['+1+1', 2],
      ['-2+3', 3],
      ['@SUM(A1:A9)', 4],
      ['\t=1', 5],
      ['\r=1', 6],
      ['503', -7],
      ['a=b', 8],
    ]);
    expect(text.split('\r\n').slice(0, 8)).toEqual([
      'code,count',
      `'=CMD|' /C CALC'!A0,1`,
      "'+1+1,2",
      "'-2+3,3",
      "'@SUM(A1:A9),4",
      "'\t=1,5",
      `"'\r=1",6`,
      '503,-7',
    ]);
    expect(text).toContain('\r\na=b,8\r\n');
  });

  it('download names keep letters, digits, dot, dash and underscore only', () => {
    expect(safeFileName('caller-ids.csv')).toBe('caller-ids.csv');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('a\u001b[2J b/c\\d:e*?.csv')).toBe('a_2J_b_c_d_e_.csv');
    expect(safeFileName('...')).toBe('export');
    expect(safeFileName('x'.repeat(500))).toHaveLength(100);
  });
});
