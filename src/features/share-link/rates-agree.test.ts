/**
 * One rate, one way of writing it: a trunk whose 503s are 342 of its 400 attempts (85.5 %) reads
 * "86 %" in the trunk table, in the walk, in the carrier ticket, in Copy as text, in a shared
 * link's walk and in the CLI's text, never "85.5 %" in some of them (the walk, the ticket and the
 * CLI wrote one decimal, the table and the finding sentences none). The same diagnosis of the same
 * calls, everywhere a person reads it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type JsonReport } from '../../cli/analyze';
import { analyzeDashboard } from '../../core/analysis/analyze-dashboard';
import { at, query, storeOf, type CallSpec } from '../../core/analysis/test-helpers';
import { diagnoseTrunks } from '../../core/diagnosis/evidence';
import { walkViewOf } from '../../core/diagnosis/walk-view';
import { formatPercent } from '../../lib/format';
import { sharedWalkView } from './shared-walk';
import { summaryText } from './summary-text';
import { verdictTexts } from './walks-to-share';

/**
 * Trunk H: one call every 10 s from 10:00:00, 400 calls. The first 58 answered (to 10:09:30), every
 * one from 10:09:40 on 503 (342): 503 on 342 of 400 = 85.5 %, written 86 % as the table writes it.
 */
const CALLS = 400;
const ANSWERED = 58;
const carrierH: CallSpec[] = Array.from({ length: CALLS }, (_, i) => ({
  trunk: 'H',
  start: at('10:00') + i * 10_000,
  sip: i < ANSWERED ? 200 : 503,
  seconds: i < ANSWERED ? 30 : 0,
  destination: '13125550100',
}));
const CAPS = { sipCodes: true, separates503From603: true, hasEndTimes: true, hasTrunk: true };

describe('a rate of 85.5 % reads 86 % everywhere', () => {
  const store = storeOf(carrierH);
  const data = analyzeDashboard(store, query());
  const row = data.trunks.find((t) => t.trunk === 'H')!;
  const [d] = diagnoseTrunks(store, { files: [{ capabilities: CAPS, trunks: [{ name: 'H' }] }] });

  it("the table row counts 342 of 400 503s, and the table's writer writes 86 %", () => {
    expect(row.rate503).toMatchObject({ n: 342, d: 400 });
    expect(d!.rate503).toMatchObject({ n: 342, d: 400 });
    expect(d!.verdict).toBe('out-of-funds');
    // The trunk table's rate cells and its details are written by formatPercent.
    expect(formatPercent(row.rate503.n, row.rate503.d)).toBe('86 %');
  });

  it('the walk and its ticket', () => {
    const view = walkViewOf(d!, 'H', {});
    const walk = view.walk.steps.flatMap((s) => s.evidence).join('\n');
    expect(walk).toContain('503: 342 of 400 (86 %); 603: 0 of 400 (0 %).');
    expect(walk).toContain('342 calls ended 503 (86 % of attempts).');
    expect(view.ticket).toContain('In it, 400 attempts on this trunk; rejected with 503: 86 % (342 of 400).');
    for (const text of [walk, view.ticket]) expect(text).not.toMatch(/85\.5|\.0 %/);
  });

  it('Copy as text: the table row, the evidence and the ticket', () => {
    const text = summaryText({
      files: ['h.csv'],
      span: data.span,
      window: data.window,
      trunks: [row],
      verdicts: verdictTexts([d!], ['H'], () => ''),
      displayName: () => '',
      privacy: 'full',
    });
    expect(text).toContain('H: 400 attempts\n  503: 86 % (342 of 400)');
    expect(text).toContain('  Evidence: From 2026-11-16 10:09:40 503 on 342 of 342 (100 %) of attempts (before: 0 of 58 (0 %))');
    expect(text).toContain('    In it, 400 attempts on this trunk; rejected with 503: 86 % (342 of 400).');
    expect(text).not.toMatch(/85\.5|\.0 %/);
  });

  it("a shared link's walk, replayed on the link's table row", () => {
    const view = sharedWalkView({ trunk: 'H', verdict: d!.verdict, overrides: {} }, data, true, {});
    const walk = view.walk.steps.flatMap((s) => s.evidence).join('\n');
    expect(walk).toContain('503: 342 of 400 (86 %); 603: 0 of 400 (0 %).');
    expect(walk).not.toMatch(/85\.5|\.0 %/);
  });

  describe('the CLI, reading the same calls from a CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trunk-triage-rates-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const path = join(dir, 'h.csv');
    writeFileSync(path, `start_time,trunk,destination,sip_code\n${carrierH.map((c) => `${wall(c.start)},H,${c.destination},${c.sip}`).join('\n')}\n`);
    const run = async (...argv: string[]) => {
      let out = '';
      expect(await main(argv, { out: (t) => (out += t), err: () => {} })).toBe(0);
      return out;
    };

    it('the table row, the numbers under the sentence and the ticket write 86 % and 100 % as the page does; --json keeps numbers', async () => {
      const r = JSON.parse(await run('--json', path)) as JsonReport;
      expect(r.trunks.map((t) => [t.name, t.rate503.n, t.rate503.d, t.verdict])).toEqual([['H', 342, 400, 'out-of-funds']]);
      expect(r.trunks[0]!.ticket).toContain('rejected with 503: 86 % (342 of 400).');
      const text = await run(path);
      expect(text).toMatch(/^H\s+400\s+\S+ %\s+86 %\s+0 %\s+out-of-funds \(high\)$/m);
      // The sentence says "342 of 342 (100 %)"; its numbers line says the same, not "(100.0 %)".
      expect(text).toContain('   From 2026-11-16 10:09:40 503 on 342 of 342 (100 %) of attempts (before: 0 of 58 (0 %))');
      expect(text).toContain('   numbers: onset=2026-11-16 10:09:40; before=0/58 (0 %); after=342/342 (100 %)\n');
      expect(text).not.toMatch(/85\.5|\.0 %/);
    });
  });
});
