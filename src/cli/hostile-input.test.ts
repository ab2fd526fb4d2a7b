/**
 * The CLI over hostile files (issue 14): escape sequences in trunk names and reasons never reach the
 * terminal raw, a long name cannot widen every row, and no input produces a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { TRUNK_COLUMN_MAX } from './analyze';
import { clipText, escapeControls } from './terminal-text';
import { runCli } from './run-captured';

const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-cli-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Generic CSV: each trunk gets `calls` rows, the first `rejected` of them 503. */
function csv(trunks: ReadonlyArray<{ name: string; calls: number; rejected?: number }>, reason = ''): string {
  const lines = ['Start Time,Carrier,SIP Code,Reason,Destination'];
  let s = 0;
  for (const t of trunks) {
    for (let i = 0; i < t.calls; i++, s++) {
      const time = `2024-11-20 ${String(10 + Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
      lines.push([time, `"${t.name.replaceAll('"', '""')}"`, i < (t.rejected ?? 0) ? 503 : 200, `"${reason.replaceAll('"', '""')}"`, `4420718${String(s).padStart(5, '0')}`].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex -- the assertion: none of these may reach the terminal
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('the CLI on hostile files', () => {
  it('a trunk that clears the screen, retitles the window and plants a hyperlink prints as visible escapes', async () => {
    const evil = '\u001b[2J\u001b[H\u001b[32mALL TRUNKS HEALTHY\u001b[0m\u001b]0;pwned\u0007\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\\u202e';
    const file = join(dir, 'evil\u001b[31m.csv');
    writeFileSync(file, csv([{ name: evil, calls: 4, rejected: 1 }, { name: 'carrier-b', calls: 200 }], '\u001b[2Jreason'));
    const { code, out, err } = await runCli(file);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('\\x1b[2J\\x1b[H\\x1b[32mALL TRUNKS HEALTHY');
    expect(out).toContain('evil\\x1b[31m.csv');
    // The table row still reads: the escaped name (clipped to the column), then 4 attempts.
    const row = out.split('\n').find((l) => l.startsWith('\\x1b[2J'));
    expect(row).toMatch(/…\s+4\s/);
    // --json keeps the name whole; JSON.stringify escapes it.
    const json = await runCli('--json', file);
    expect(json.out).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(json.out) as { trunks: Array<{ name: string }> }).trunks.map((t) => t.name)).toContain(evil);
  });

  it('a 200,000-character trunk name: every table row stays narrow', async () => {
    const file = join(dir, 'long-name.csv');
    writeFileSync(file, csv([{ name: 'x'.repeat(200_000), calls: 2 }, ...Array.from({ length: 50 }, (_, k) => ({ name: `t${k}`, calls: 1 }))]));
    const { code, out } = await runCli(file);
    expect(code).toBe(0);
    const table = out.split('\n').filter((l) => /^(t\d+|x+…)\s+\d+\s/.test(l));
    expect(table).toHaveLength(51);
    for (const line of table) expect(line.length).toBeLessThan(TRUNK_COLUMN_MAX + 60);
    expect(out.length).toBeLessThan(200_000);
  });

  it('no input gives a stack trace: a directory, a missing file, binary bytes, a file of NULs', async () => {
    const nuls = join(dir, 'nuls.csv');
    writeFileSync(nuls, Buffer.alloc(100_000));
    const binary = join(dir, 'photo.jpg');
    writeFileSync(binary, Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    for (const path of [dir, join(dir, 'missing.csv'), nuls, binary]) {
      const { code, err } = await runCli(path);
      expect(code, path).toBe(1);
      expect(err).toContain(path.split('/').at(-1));
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it('fuzz: names from built-in properties, control characters and space runs never reach the terminal raw', async () => {
    const name = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
      fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 500 }).map((k) => `a${' '.repeat(k)}b`),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 4, selector: (s) => s.trim() }), async (names) => {
        const file = join(dir, `fuzz-${n++}.csv`);
        writeFileSync(file, csv(names.map((nm) => ({ name: nm, calls: 2, rejected: 1 }))));
        const { out, err } = await runCli(file);
        expect(out + err).not.toMatch(RAW_CONTROL);
        expect(err).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 30 },
    );
  });
});

describe('terminal text', () => {
  it('escapes C0, DEL, C1 and bidi controls, leaves other text alone, clips with an ellipsis', () => {
    expect(escapeControls('a\u0000b\nc\td\u007f\u009b\u202eé → ✓')).toBe('a\\x00b\\nc\\td\\x7f\\x9b\\u202eé → ✓');
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('abc', 4)).toBe('abc');
  });
});
