import { describe, expect, it } from 'vitest';
import { LEAVES, PROBLEM_IDS, QUESTIONS, treeText, VERDICT_IDS, type LeafId } from './tree';

describe('the flowchart as data', () => {
  it('every branch leads to a question or a known leaf, and every problem leaf is reachable', () => {
    const questionIds = new Set(QUESTIONS.map((q) => q.id));
    const reached = new Set<string>();
    for (const q of QUESTIONS) {
      for (const b of q.branches) {
        if (b.to.startsWith('leaf:')) {
          const id = b.to.slice(5);
          expect(Object.keys(LEAVES)).toContain(id);
          reached.add(id);
        } else expect(questionIds.has(b.to), b.to).toBe(true);
      }
    }
    for (const id of VERDICT_IDS) expect(reached.has(id), id).toBe(true);
  });

  it('leaves carry their own id, a fix and (for problems) a checklist starting on the wire', () => {
    for (const [id, l] of Object.entries(LEAVES)) {
      expect(l.id).toBe(id as LeafId);
      expect(l.fix.length).toBeGreaterThan(5);
    }
    for (const id of PROBLEM_IDS) {
      expect(LEAVES[id].check[0]?.commands?.asterisk).toMatch(/pjsip set logger on/);
      expect(LEAVES[id].tellCarrier).not.toBe('');
    }
    expect(treeText()).toContain('[cps-limit]');
  });
});
