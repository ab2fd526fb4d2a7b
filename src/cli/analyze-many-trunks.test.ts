/**
 * The CLI's report diagnoses every trunk through CdrSession.diagnose(null), whose memo keeps 200
 * diagnoses: a drop with 250 trunks still reports all 250, the worst (carrier-0) included.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './analyze';

const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
/** Carrier k: k + 1 calls, the first a 503 (so carrier-0 is the worst: 1 of 1 refused). */
function rows(): string[] {
  const out: string[] = [];
  let id = 0;
  for (let k = 0; k < 250; k++) {
    for (let j = 0; j <= k % 5; j++) {
      id++;
      const code = j === 0 ? 503 : 200;
      const time = `09:${String(Math.floor(id / 60) % 60).padStart(2, '0')}:${String(id % 60).padStart(2, '0')}`;
      out.push(`"1.${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/carrier-${k}-0000${id}","1","${code === 200 ? 1 : 0}","${code}","${code === 200 ? 'OK' : 'Service Unavailable'}","31255${String(id).padStart(5, '0')}"`);
    }
  }
  return out;
}

describe('analyze --json over 250 trunks', () => {
  it('reports every trunk, the worst included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'many-trunks-'));
    const file = path.join(dir, 'carrier_log.csv');
    writeFileSync(file, [HEADER, ...rows()].join('\n') + '\n');
    let out = '';
    expect(await main(['--json', file], { out: (t) => (out += t), err: () => {} })).toBe(0);
    const report = JSON.parse(out) as { trunks: Array<{ name: string }> };
    const names = report.trunks.map((t) => t.name);
    expect(names).toContain('carrier-0');
    expect(names).toHaveLength(250);
  });
});
