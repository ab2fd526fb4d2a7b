/**
 * The core session: the calls of its files, sealed, and the dashboard's and the diagnosis's answers
 * over them. Inline VICIdial carrier logs: every count below can be checked against the rows.
 */
import { describe, expect, it, vi } from 'vitest';
import { at, query } from '../analysis/test-helpers';
import { AttemptClassifier } from '../analysis/span-counts';
import { CdrSession } from './cdr-session';

const HEADER = '"UNIQUE ID","CALL DATE","SERVER IP","LEAD ID","HANGUP CAUSE","DIAL STATUS","CHANNEL","DIAL TIME","ANSWERED TIME","SIP CODE","SIP HANGUP REASON","PHONE NUMBER"';
const row = (id: string, time: string, peer: string, code: number, reason: string, phone: string) =>
  `"${id}","2026-11-16 ${time}","10.0.0.15","1","${code === 200 ? 16 : 34}","${code === 200 ? 'ANSWER' : 'CONGESTION'}","SIP/${peer}-0000${id.slice(-2)}","1","${code === 200 ? 1 : 0}","${code}","${reason}","${phone}"`;
const file = (name: string, ...rows: string[]) => ({ name, blob: new Blob([[HEADER, ...rows].join('\n') + '\n']) });

// A: carrier-a 09:00:01 503, 09:00:02 answered; carrier-b 09:00:03 603. B, newest first: carrier-a
// 09:00:04 503, then A's 503 again (an overlapping export: a duplicate).
const A_ROWS = [row('1.01', '09:00:01', 'carrier-a', 503, 'Service Unavailable', '3125550101'), row('1.02', '09:00:02', 'carrier-a', 200, 'OK', '3125550102'), row('1.03', '09:00:03', 'carrier-b', 603, 'Decline', '3125550103')];
const B_ROWS = [row('1.04', '09:00:04', 'carrier-a', 503, 'Service Unavailable', '3125550104'), A_ROWS[0]!];
const A = () => file('carrier_log_a.csv', ...A_ROWS);
const B = () => file('carrier_log_b.csv', ...B_ROWS);

const table = (s: CdrSession, fileIndex?: number) =>
  s.query(query(), fileIndex).trunks.map((t) => `${t.trunk}: ${t.attempts} attempts, 503 ${t.rate503.n}/${t.rate503.d}, 603 ${t.rate603.n}/${t.rate603.d}`);

describe('CdrSession', () => {
  it('reads files into a sealed store and answers over them', async () => {
    const s = new CdrSession();
    const summary = await s.read([A(), B()]);
    expect(summary.calls).toBe(4);
    expect(s.store.sealed).toBe(true);
    expect(summary.files.map((f) => `${f.rows.read} = ${f.rows.used} + ${f.rows.skipped}`)).toEqual(['3 = 3 + 0', '2 = 1 + 1']);
    // Worst first: carrier-b refused its one call.
    expect(table(s)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 3 attempts, 503 2/3, 603 0/3']);
    // One file's calls alone: B has only its own 09:00:04 503 (the shared one is A's); the session's
    // trunks are all named, with none of their calls here.
    expect(table(s, 1)).toEqual(['carrier-a: 1 attempts, 503 1/1, 603 0/1', 'carrier-b: 0 attempts, 503 0/0, 603 0/0']);
    expect(table(s, 0)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 2 attempts, 503 1/2, 603 0/2']);
    expect(() => s.query(query(), 2)).toThrow(/no file 2/);
    expect(s.diagnose(null).map((d) => [d.trunk, d.attempts])).toEqual([
      ['carrier-b', 1],
      ['carrier-a', 3],
    ]);
  });

  it('answers the first trunk table before the seal, and every answer after it as a session that never did', async () => {
    const early = new CdrSession();
    await early.read([A(), B()]);
    const first = early.firstTable(query({ trunkLimit: 200 }));
    expect(first.trunks.map((t) => `${t.trunk}: ${t.attempts} attempts, 503 ${t.rate503.n}/${t.rate503.d}, 603 ${t.rate603.n}/${t.rate603.d}`)).toEqual([
      'carrier-b: 1 attempts, 503 0/1, 603 1/1',
      'carrier-a: 3 attempts, 503 2/3, 603 0/3',
    ]);
    const plain = new CdrSession();
    await plain.read([A(), B()]);
    expect(first).toEqual(plain.table(query({ trunkLimit: 200 })));
    const detail = query({ trunks: ['carrier-a'], spanSeries: true, trunkSeries: true, kpi: true });
    expect(early.query(detail)).toEqual(plain.query(detail));
    expect(early.query(query())).toEqual(plain.query(query()));
    expect(table(early, 1)).toEqual(table(plain, 1));
    expect(early.diagnose(null)).toEqual(plain.diagnose(null));
    // Files added: counted before the seal again.
    await early.add([file('more.csv', row('2.01', '09:00:00', 'carrier-b', 503, 'Service Unavailable', '3125550201'))]);
    await plain.add([file('more.csv', row('2.01', '09:00:00', 'carrier-b', 503, 'Service Unavailable', '3125550201'))]);
    expect(early.firstTable(query())).toEqual(plain.table(query()));
    expect(early.query(detail)).toEqual(plain.query(detail));
  });

  it('counts the table before the seal once a read: asked before the result where it is a sum (here it is not) and again after it, the rows are counted once; once sealed, it waits for the index', async () => {
    const s = new CdrSession();
    await s.read([A(), B()]);
    const counted = vi.spyOn(AttemptClassifier.prototype, 'giveUp');
    // The calls span 4 seconds: buckets under a minute, so the rows are counted, not the read's counts summed.
    expect(s.tableBeforeSeal(query({ trunkLimit: 200 }), true)).toBeNull();
    expect(counted).not.toHaveBeenCalled();
    const early = s.tableBeforeSeal(query({ trunkLimit: 200 }));
    expect(early?.trunks.map((t) => `${t.trunk}: ${t.attempts}`)).toEqual(['carrier-b: 1', 'carrier-a: 3']);
    expect(s.firstTable(query({ trunkLimit: 200 }))).toEqual(early);
    expect(s.firstTimeline('carrier-a')?.buckets.reduce((n, b) => n + b.attempts, 0)).toBe(3);
    expect(counted).toHaveBeenCalledTimes(1);
    counted.mockRestore();
    s.prepare();
    expect(s.store.sealed).toBe(true);
    expect(s.tableBeforeSeal(query({ trunkLimit: 200 }))).toBeNull();
    expect(s.firstTable(query({ trunkLimit: 200 }))).toEqual(early);
  });

  it('a session of one file keeps no file column: file 0 is every call, and its answers are the whole session’s', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    expect(s.rowsOfFile(0)).toEqual(Uint32Array.of(0, 1, 2));
    expect(s.rowsOfFile(1)).toEqual(new Uint32Array(0));
    expect(s.query(query(), 0)).toEqual(s.query(query()));
    expect(s.storeOfFile(0)).toBe(s.store);
    expect(table(s, 0)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 2 attempts, 503 1/2, 603 0/2']);
    // Adding B gives the column back: A's calls (held without one) are file 0's.
    await s.add([B()]);
    expect(table(s, 1)).toEqual(['carrier-a: 1 attempts, 503 1/1, 603 0/1', 'carrier-b: 0 attempts, 503 0/0, 603 0/0']);
    expect(s.rowsOfFile(0)).toHaveLength(3);
  });

  it('adding a file after the seal gives the answers of reading both at once', async () => {
    const added = new CdrSession();
    await added.read([A()]);
    expect(table(added)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 2 attempts, 503 1/2, 603 0/2']);
    expect(added.diagnose(null)).toHaveLength(2);
    await added.add([B()]);
    const both = new CdrSession();
    await both.read([A(), B()]);
    expect(added.summary).toEqual(both.summary);
    expect(added.store.snapshot()).toEqual(both.store.snapshot());
    const window = { fromMs: at('09:00:02'), toMs: at('09:00:05') };
    for (const q of [query(), query({ trunks: ['carrier-a'] }), query({ window })]) expect(added.query(q)).toEqual(both.query(q));
    expect(added.query(query(), 1)).toEqual(both.query(query(), 1));
    // The diagnoses made before the add are not reused: carrier-a now has 3 attempts.
    expect(added.diagnose(null)).toEqual(both.diagnose(null));
    expect(added.diagnose(window, ['carrier-a'])).toEqual(both.diagnose(window, ['carrier-a']));
    expect(added.diagnose(null, ['carrier-a'])[0]!.attempts).toBe(3);
  });

  it('a read seals on the first question: a file added before any question gives the answers of reading both at once', async () => {
    const added = new CdrSession();
    await added.read([A()]);
    await added.add([B()]);
    const both = new CdrSession();
    await both.read([A(), B()]);
    expect(added.summary).toEqual(both.summary);
    expect(added.store.sealed).toBe(true);
    expect(added.store.snapshot()).toEqual(both.store.snapshot());
    expect(table(added)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 3 attempts, 503 2/3, 603 0/3']);
    // B's own call (09:00:04, 503) is file 1's; the duplicate of A's 503 is A's.
    expect(table(added, 1)).toEqual(['carrier-a: 1 attempts, 503 1/1, 603 0/1', 'carrier-b: 0 attempts, 503 0/0, 603 0/0']);
    expect(Array.from(added.rowsOfFile(1))).toEqual(Array.from(both.rowsOfFile(1)));
  });

  it('prepare() and prepareSelections() before the first question change no answer (they make their whole-span parts early)', async () => {
    const prepared = new CdrSession();
    prepared.prepare(); // nothing read yet: nothing to make
    prepared.prepareSelections();
    await prepared.read([A(), B()]);
    prepared.prepare();
    prepared.prepareSelections();
    const fresh = new CdrSession();
    await fresh.read([A(), B()]);
    const window = { fromMs: at('09:00:02'), toMs: at('09:00:05') };
    for (const q of [query({ trunkLimit: 1 }), query({ trunkLimit: 200 }), query({ window })]) expect(prepared.table(q)).toEqual(fresh.table(q));
    expect(table(prepared)).toEqual(['carrier-b: 1 attempts, 503 0/1, 603 1/1', 'carrier-a: 3 attempts, 503 2/3, 603 0/3']);
    expect(prepared.diagnose(null)).toEqual(fresh.diagnose(null));
  });

  it('keeps the last panels answer for the same question, and none past a change of the calls', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    const q = query({ trunks: ['carrier-a'], kpi: true });
    const first = s.panels(q);
    expect(s.panels(q)).toBe(first);
    expect(s.panels(query({ trunks: ['carrier-b'], kpi: true }))).not.toBe(first);
    // A's carrier-a: 2 attempts (one 503); with B added, 3 (B's own 503; its copy of A's is a duplicate).
    expect(first.kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(2);
    await s.add([B()]);
    expect(s.panels(q).kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(3);
  });

  it('the same question with its fields in another order (the worker\'s first question and the page\'s) is the panels kept', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    const first = s.panels({ window: null, trunks: ['carrier-a'], bucketMs: null, topN: 12, trunkLimit: 200, kpi: true });
    expect(s.panels({ kpi: true, trunkLimit: 200, topN: 12, bucketMs: null, trunks: ['carrier-a'], window: null })).toBe(first);
    const window = { fromMs: at('09:00:01'), toMs: at('09:00:03') };
    const windowed = s.panels(query({ trunks: ['carrier-a'], window }));
    expect(s.panels(query({ trunks: ['carrier-a'], window: { toMs: window.toMs, fromMs: window.fromMs } }))).toBe(windowed);
    // Another trunk, or another window, is another question.
    expect(s.panels(query({ trunks: ['carrier-b'], window }))).not.toBe(windowed);
    expect(s.panels(query({ trunks: ['carrier-a'], window: { ...window, toMs: at('09:00:04') } }))).not.toBe(windowed);
  });

  it('panels prepared in steps are the answer; a question for them halfway finishes those steps', async () => {
    const fresh = new CdrSession();
    await fresh.read([A(), B()]);
    const q = query({ trunks: ['carrier-a'], kpi: true });
    const expected = fresh.panels(q);
    // carrier-a: 3 attempts (09:00:01 503, 09:00:02 answered, 09:00:04 503).
    expect(expected.kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(3);

    const whole = new CdrSession();
    await whole.read([A(), B()]);
    const steps = whole.preparePanels(q);
    let made = 0;
    while (!steps.next().done) made++;
    expect(made).toBeGreaterThan(1);
    const kept = whole.panels(q);
    expect(kept).toEqual(expected);
    expect(whole.panels(q)).toBe(kept);

    const halfway = new CdrSession();
    await halfway.read([A(), B()]);
    const started = halfway.preparePanels(q);
    expect(started.next().done).toBe(false);
    const asked = halfway.panels(q);
    expect(asked).toEqual(expected);
    // The steps were finished by the question: nothing is made again, and the answer is kept.
    expect(started.next().done).toBe(true);
    expect(halfway.panels(q)).toBe(asked);
  });

  it('makes ahead the answers to selecting the next rows of a window\'s table: those a session that never did gives, kept until the calls change', async () => {
    // A and B start 09:00:00 … 09:00:03 (DIAL TIME 1 s before CALL DATE): all in the window.
    const window = { fromMs: at('09:00:00'), toMs: at('09:00:05') };
    const asked = query({ trunks: ['carrier-b'], window, spanSeries: true, trunkSeries: true, kpi: true, trunkLimit: 200 });
    // The window's table, worst first: carrier-b, carrier-a. The row after the one asked for: carrier-a.
    const next = { ...asked, trunks: ['carrier-a'] };
    const stepsOf = (steps: Generator<null, void>) => {
      let made = 0;
      while (!steps.next().done) made++;
      return made;
    };
    const ahead = new CdrSession();
    await ahead.read([A(), B()]);
    // A step before the row, then its first screen and each of its panels.
    expect(stepsOf(ahead.prepareNextSelections(asked, 4))).toBeGreaterThan(2);
    // Made once: asked again, there is nothing left to make but the step before the row.
    expect(stepsOf(ahead.prepareNextSelections(asked, 4))).toBe(1);
    const plain = new CdrSession();
    await plain.read([A(), B()]);
    const top = ahead.top(next);
    const panels = ahead.panels(next);
    expect(top).toEqual(plain.top(next));
    expect(panels).toEqual(plain.panels(next));
    // carrier-a in the window: 09:00:00 503, 09:00:01 answered, 09:00:03 503 (B's copy of A's 503 is a duplicate).
    expect(top.calls).toBe(3);
    expect(panels.kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(3);
    // After carrier-a's question the next row is carrier-b, not asked of this session yet: made now.
    expect(stepsOf(ahead.prepareNextSelections(next, 4))).toBeGreaterThan(2);
    expect(ahead.top(asked)).toEqual(plain.top(asked));
    // The calls changed: answered afresh (A alone: carrier-a's two calls).
    await ahead.read([A()]);
    expect(ahead.top(next).calls).toBe(2);
    expect(ahead.panels(next).kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(2);
  });

  it('panels prepared in steps across a change of the calls are not kept', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    const q = query({ trunks: ['carrier-a'], kpi: true });
    const steps = s.preparePanels(q);
    expect(steps.next().done).toBe(false);
    await s.add([B()]);
    while (!steps.next().done);
    // A alone: carrier-a 2 attempts; with B it has 3.
    expect(s.panels(q).kpi?.trunks.find((t) => t.key === 'carrier-a')?.attempts).toBe(3);
  });

  it('a diagnosis in steps that ends after the calls changed is the old calls\' and is not kept', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    const steps = s.diagnoseSteps(null, ['carrier-a']);
    expect(steps.next().done).toBe(false);
    await s.read([A(), B()]);
    let step = steps.next();
    while (!step.done) step = steps.next();
    // A alone: carrier-a 2 attempts (09:00:01 503, 09:00:02 answered); with B it has 3.
    expect(step.value.map((d) => [d.trunk, d.attempts])).toEqual([['carrier-a', 2]]);
    expect(s.hasDiagnosis('carrier-a', null)).toBe(false);
    expect(s.diagnose(null, ['carrier-a'])[0]!.attempts).toBe(3);
  });

  it('copies(): the calls k times over, copy k later by k × the shift, answered as a read of them', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    // A's three calls three times, each copy 2 s later: the copies overlap. Each starts its DIAL TIME
    // (1 s) before its CALL DATE (09:00:01 … 09:00:03): at 09:00:00, 01 and 02.
    const copy = s.copies(3, 2000);
    expect(copy.store.length).toBe(9);
    expect(s.store.length).toBe(3);
    expect(table(copy)).toEqual(['carrier-b: 3 attempts, 503 0/3, 603 3/3', 'carrier-a: 6 attempts, 503 3/6, 603 0/6']);
    // Sealed in start order: 00 01 02, 02 03 04, 04 05 06.
    expect(Array.from(copy.store.startMs.subarray(0, 9), (ms) => (ms - at('09:00:00')) / 1000)).toEqual([0, 1, 2, 2, 3, 4, 4, 5, 6]);
    // The span is [first start, last start + 1 ms).
    expect(copy.query(query()).span).toEqual({ fromMs: at('09:00:00'), toMs: at('09:00:06') + 1 });
  });

  it('diagnoses a trunk once per period, and none for a trunk without attempts', async () => {
    const s = new CdrSession();
    await s.read([A()]);
    expect(s.hasDiagnosis('carrier-b', null)).toBe(false);
    const [first] = s.diagnose(null, ['carrier-b']);
    expect(s.hasDiagnosis('carrier-b', null)).toBe(true);
    expect(s.diagnose(null, ['carrier-b'])[0]).toBe(first);
    expect(s.diagnose(null, ['no-such-trunk'])).toEqual([]);
    s.clear();
    expect(s.summary).toBeNull();
    expect(s.store.length).toBe(0);
  });

  it('prepares what brushed windows count from without changing an answer, also after files are added', async () => {
    // 9,000 calls of carrier-a, one a second from 09:00:00, every third (k = 0, 3, 6 …) a 503:
    // enough calls for the cumulative counts (blocks of 4,096) to be used.
    const clock = (k: number) => new Date(Date.UTC(2026, 10, 16, 9, 0, k)).toISOString().slice(11, 19);
    const many = Array.from({ length: 9000 }, (_, k) => row(`2.${String(k).padStart(5, '0')}`, clock(k), 'carrier-a', k % 3 === 0 ? 503 : 200, k % 3 === 0 ? 'Service Unavailable' : 'OK', `31255${String(k).padStart(5, '0')}`));
    const windowed = (s: CdrSession) => {
      const t = s.table(query({ window: { fromMs: at('09:10'), toMs: at('09:20') } })).trunks.find((x) => x.trunk === 'carrier-a');
      return `${t?.attempts} attempts, 503 ${t?.rate503.n}/${t?.rate503.d}`;
    };
    const prepared = new CdrSession();
    await prepared.read([file('many.csv', ...many)]);
    prepared.prepareWindows();
    // 09:10:00-09:19:59 are k = 600 … 1199: 600 calls, 200 of them k % 3 = 0.
    expect(windowed(prepared)).toBe('600 attempts, 503 200/600');
    const plain = new CdrSession();
    await plain.read([file('many.csv', ...many)]);
    expect(windowed(plain)).toBe(windowed(prepared));
    // 30 more 503s inside the window (09:12:00 … 09:12:29, ids of their own): counted, not the counts prepared before.
    const more = Array.from({ length: 30 }, (_, k) => row(`3.${String(k).padStart(5, '0')}`, `09:12:${String(k).padStart(2, '0')}`, 'carrier-a', 503, 'Service Unavailable', `31266${String(k).padStart(5, '0')}`));
    await prepared.add([file('more.csv', ...more)]);
    prepared.prepareWindows();
    expect(windowed(prepared)).toBe('630 attempts, 503 230/630');
  });
});
