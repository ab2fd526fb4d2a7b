/**
 * The advice of an inconclusive verdict follows what the file has: "log the SIP code per call" for
 * a file of dispositions, never for one that states SIP codes (there the missing thing is named
 * with the finding); and a trunk with too few attempts, or none, is told just that, whatever the file
 * logs (its calls, not its columns, are what is missing).
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../analysis/analysis-cache';
import { analyzeDashboard } from '../analysis/analyze-dashboard';
import { ingestFiles } from '../ingest/ingest-files';
import { diagnoseTrunks } from './evidence';
import { LEAVES, leafFor } from './tree';
import { walkViewOf } from './walk-view';

async function inconclusive(text: string) {
  const { summary, store } = await ingestFiles([{ name: 'few.csv', blob: new Blob([text]) }]);
  const cache = new AnalysisCache(store);
  const data = analyzeDashboard(store, { window: null, trunks: [], bucketMs: null, topN: 20 }, cache);
  const d = diagnoseTrunks(store, { cache, data, files: summary.files })[0]!;
  expect(d.verdict).toBe('inconclusive');
  return { d, view: walkViewOf(d, d.trunk, {}) };
}

describe('inconclusive advice follows the file', () => {
  it('3 calls with SIP codes: too few attempts, not "something is off"; the fix asks for more calls, no "log the SIP code"', async () => {
    const { d, view } = await inconclusive('Start Time,Carrier,SIP Code\n2026-11-16 10:00:00,sip-a,503\n2026-11-16 10:00:01,sip-a,200\n2026-11-16 10:00:02,sip-a,603\n');
    expect(d.sipCoded).toBe(true);
    expect(d.fix).toBe('Look again with more calls: a longer export or a wider window.');
    expect(view.walk.leaf.meaning).toBe('Too few attempts for a verdict (at least 30): a handful of calls cannot tell a problem from the background of a fraction of a percent.');
    expect(view.walk.leaf.check.map((c) => c.what)).toEqual(['Confirm the response code on the wire (a fast hangup or a fast busy looks the same to an agent)']);
    expect(d.evidence?.missing?.join(' ')).toMatch(/More calls/);
    // 3 attempts are too few to say the trunk fails: the first answer is not "yes".
    const start = view.walk.steps[0]!;
    expect(start.question.branches[start.chosen]!.answer).toBe('too few attempts to tell');
    expect(view.walk.steps).toHaveLength(1);
    expect(view.walk.leaf.id).toBe('inconclusive');
  });

  it('3 calls with dispositions only: the same fix, and "log the SIP code per call" among the checks (the file will need codes too)', async () => {
    const { d, view } = await inconclusive('Start Time,Carrier,Disposition\n2026-11-16 10:00:00,pstn-a,FAILED\n2026-11-16 10:00:01,pstn-a,ANSWERED\n2026-11-16 10:00:02,pstn-a,BUSY\n');
    expect(d.sipCoded).toBe(false);
    // These calls cannot show a 603: the sentence says n/a, as the table does (not "603: 0 of 3").
    expect(d.evidence?.summary).toContain('603: n/a)');
    expect(d.fix).toBe('Look again with more calls: a longer export or a wider window.');
    expect(view.walk.leaf.check.map((c) => c.what)).toContain('Log the SIP code per call');
  });

  it('the leaf as worded for 0, 29 and 30 attempts, with and without SIP codes', () => {
    const inconclusive = LEAVES.inconclusive;
    expect(leafFor(inconclusive, { sipCoded: true, attempts: 0 }).meaning).toBe('No call was sent to this trunk here: a 503 or 603 rate is a property of the calls sent to a carrier.');
    expect(leafFor(inconclusive, { sipCoded: false, attempts: 0 }).check).toEqual([]);
    expect(leafFor(inconclusive, { sipCoded: false, attempts: 29 }).fix).toBe('Look again with more calls: a longer export or a wider window.');
    expect(leafFor(inconclusive, { sipCoded: true, attempts: 30 }).fix).toBe('Get what the file is missing (listed with the finding) and look again.');
    expect(leafFor(inconclusive, { sipCoded: false, attempts: 30 })).toBe(inconclusive);
    // A problem leaf reached by the operator's own answers on a few calls keeps its wording.
    expect(leafFor(LEAVES['cps-limit'], { sipCoded: false, attempts: 3 })).toBe(LEAVES['cps-limit']);
  });
});

describe('a few rejections far above background', () => {
  it('9 × 503 in 49 attempts (18 %) is not healthy: inconclusive, asking for the calls a pattern needs', async () => {
    // 49 calls one a minute; the 9 to +44 (calls 0, 5, … 40) get 503, the rest 200.
    const rows = ['Start Time,Carrier,SIP Code,Destination'];
    for (let i = 0; i < 49; i++) rows.push(`2026-11-16 10:${String(i).padStart(2, '0')}:00,routeT,${i % 5 === 0 && i <= 40 ? 503 : 200},${i % 5 === 0 && i <= 40 ? '4420795550' : '1312555'}${String(i).padStart(3, '0')}`);
    const { d } = await inconclusive(`${rows.join('\n')}\n`);
    expect(d.attempts).toBe(49);
    expect(d.evidence?.numbers.rejects).toEqual({ n: 9, d: 49 });
    expect(d.evidence?.summary).toContain('too few to show a pattern');
    expect(d.evidence?.missing?.[0]).toBe('More calls: a pattern (a CPS knee, a channel plateau, a prefix or caller ID refused every time, an onset) needs at least 10 rejections; this trunk has 9.');
    // 49 attempts with SIP codes: what is missing is listed with the finding, not "log the SIP code".
    expect(d.fix).toBe('Get what the file is missing (listed with the finding) and look again.');
  });

  it('the same 49 calls with dispositions only: "log the SIP code per call" stays', async () => {
    const rows = ['Start Time,Carrier,Disposition,Destination'];
    for (let i = 0; i < 49; i++) rows.push(`2026-11-16 10:${String(i).padStart(2, '0')}:00,routeT,${i % 5 === 0 && i <= 40 ? 'FAILED' : 'ANSWERED'},1312555${String(i).padStart(3, '0')}`);
    const { d, view } = await inconclusive(`${rows.join('\n')}\n`);
    expect(d.sipCoded).toBe(false);
    expect(d.fix).toMatch(/^Log what is missing \(the SIP code/);
    expect(view.walk.leaf.check.map((c) => c.what)).toContain('Log the SIP code per call');
  });
});
