/**
 * In-page instrumentation, as plain JavaScript source (it runs in the browser, where tsx's helpers
 * do not exist, so it is kept out of the TypeScript that Playwright would serialize).
 *
 * Installed with addInitScript before the page's own code. Times are performance.now() in the page:
 *   change      the file input's change event (capture phase): the file is handed to the page
 *   ready       main[data-state="ready"] (the app's "a file is read"; the Papa page mimics it)
 *   table       the trunk table's rows inside [data-testid="dashboard"]: every trunk in the table (drawn from
 *               the first answer, the whole-file table); the timeline ("chart") and the panels may follow
 *   dash        [data-testid="dashboard"] not aria-busy, with its trunk rows: the panels are in too
 *   chart       the first chart's <svg> inside main (Recharts' or a plain one, svg-plot.tsx)
 * each also "…Paint": the next frame after it (requestAnimationFrame → setTimeout 0).
 * Before the file, from the navigation's start: workersReady (html[data-workers] set: the workers'
 * scripts are loaded) and workersWarm (html[data-workers="warm"]: their warm-up is done).
 * Long tasks of the main thread come from PerformanceObserver('longtask').
 * __benchBrush / __benchSelect drive the dashboard and time until its data is on screen.
 */
export const PROBE_SCRIPT = String.raw`(() => {
  if (window.top !== window || window.__bench) return;
  const B = { change: null, ready: null, readyPaint: null, table: null, tablePaint: null, dash: null, dashPaint: null, chart: null, chartPaint: null, workersReady: null, workersWarm: null, longTasks: [], sawDashboard: false };
  window.__bench = B;
  const afterPaint = (cb) => requestAnimationFrame(() => setTimeout(cb, 0));
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const check = () => {
    const now = performance.now();
    const workers = document.documentElement.dataset.workers;
    if (workers && B.workersReady === null) B.workersReady = now;
    if (workers === 'warm' && B.workersWarm === null) B.workersWarm = now;
    if (B.change === null) return;
    if (B.ready === null && document.querySelector('main[data-state="ready"]')) {
      B.ready = now;
      afterPaint(() => { B.readyPaint = performance.now(); });
    }
    if (B.ready === null) return;
    const dash = document.querySelector('[data-testid="dashboard"]');
    if (dash) B.sawDashboard = true;
    if (B.table === null && dash && dash.querySelector('[data-testid="trunk-row"]')) {
      B.table = now;
      afterPaint(() => { B.tablePaint = performance.now(); });
    }
    if (B.dash === null && dash && dash.getAttribute('aria-busy') !== 'true' && dash.querySelector('[data-testid="trunk-row"]')) {
      B.dash = now;
      afterPaint(() => { B.dashPaint = performance.now(); });
    }
    if (B.chart === null && document.querySelector('main svg.recharts-surface, main svg.plain-chart')) {
      B.chart = now;
      afterPaint(() => { B.chartPaint = performance.now(); });
    }
  };
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'file') {
      B.change = performance.now();
      B.ready = B.readyPaint = B.table = B.tablePaint = B.dash = B.dashPaint = B.chart = B.chartPaint = null;
    }
  }, true);
  const observe = () => new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'aria-busy', 'data-workers'] });
  if (document.documentElement) observe(); else document.addEventListener('readystatechange', observe, { once: true });

  /**
   * Named conditions, awaited in the page (__benchWait) so waiting costs the main thread nothing
   * measurable. Each returns false (not yet) or a string.
   */
  const CONDITIONS = {
    // The file is read (or reading failed).
    read: () => {
      if (B.readyPaint !== null) return 'ready';
      const m = document.querySelector('main');
      if (B.change !== null && m && (m.dataset.state === 'failed' || (m.dataset.state === 'empty' && document.querySelector('[role="alert"]')))) {
        return 'failed: ' + ((document.querySelector('[role="alert"]') || m).textContent || '').trim().slice(0, 200);
      }
      return false;
    },
    // After "read": the dashboard painted, its error, or no dashboard in this build at all.
    dashboard: () => {
      if (B.dashPaint !== null) return 'dashboard';
      const alert = document.querySelector('main [role="alert"]');
      if (alert) return 'error: ' + (alert.textContent || '').trim().slice(0, 200);
      const pending = document.querySelector('[data-testid="dashboard"]') || /Computing the dashboard/.test((document.querySelector('main') || {}).textContent || '');
      if (!pending && B.readyPaint !== null && performance.now() - B.readyPaint > 1000) return 'none';
      return false;
    },
    chart: () => (B.chartPaint !== null ? 'chart' : false),
  };
  window.__benchWait = (name, timeoutMs) => new Promise((resolve) => {
    const t0 = performance.now();
    const tick = () => {
      const v = CONDITIONS[name]();
      if (v) resolve(v);
      else if (performance.now() - t0 > timeoutMs) resolve('timeout');
      else setTimeout(tick, 50);
    };
    tick();
  });

  const dashEl = () => document.querySelector('[data-testid="dashboard"]');
  const statusText = () => (document.querySelector('[data-testid="window-status"]') || {}).textContent || '';
  /** Do 'act' and resolve when 'ok()' holds after the dashboard was busy (a query went to the worker). */
  const timed = (act, ok) => new Promise((resolve) => {
    let sawBusy = false;
    let done = false;
    let t0 = 0;
    const finish = (extra) => {
      if (done) return;
      done = true;
      mo.disconnect();
      const t1 = performance.now();
      afterPaint(() => resolve(Object.assign({ ms: t1 - t0, paintMs: performance.now() - t0, sawBusy, status: statusText() }, extra || {})));
    };
    const poll = () => {
      const d = dashEl();
      if (d && d.getAttribute('aria-busy') === 'true') sawBusy = true;
      if (sawBusy && ok()) finish();
    };
    const mo = new MutationObserver(poll);
    mo.observe(document.querySelector('main') || document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy', 'aria-selected'] });
    t0 = performance.now();
    const error = act();
    if (error) { done = true; mo.disconnect(); resolve({ error }); return; }
    // An answer already cached never sets aria-busy: accept it after two frames.
    requestAnimationFrame(() => requestAnimationFrame(() => { if (!sawBusy && ok()) finish({ cached: true }); }));
    setTimeout(() => { if (!done) { done = true; mo.disconnect(); resolve({ error: 'timeout', status: statusText() }); } }, 120000);
  });
  const notBusy = () => { const d = dashEl(); return !!d && d.getAttribute('aria-busy') !== 'true'; };
  const windowInput = (edge) => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(edge));
    return label ? label.querySelector('input') : null;
  };
  window.__benchWindowInputs = () => {
    const from = windowInput('From');
    const to = windowInput('To');
    return from && to && dashEl() ? { from: from.value, to: to.value } : null;
  };
  /** Set the From or To field (as typing does) and wait for the status line to show 'expect'. */
  window.__benchBrush = (edge, value, expect) => timed(() => {
    const input = windowInput(edge);
    if (!input) return 'no ' + edge + ' input';
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return null;
  }, () => notBusy() && statusText().includes(expect));
  /**
   * Click the first trunk row that is not selected and not in 'exclude' (trunks already shown, whose
   * answers would come from the cache), and wait until it is selected and the panels have their data.
   */
  window.__benchSelect = (exclude) => {
    const row = [...document.querySelectorAll('[data-testid="trunk-row"]')].find((r) => r.getAttribute('aria-selected') !== 'true' && !exclude.includes(r.getAttribute('data-trunk')));
    if (!row) return Promise.resolve({ error: 'no unselected row left' });
    const trunk = row.getAttribute('data-trunk');
    const selected = () => {
      const r = [...document.querySelectorAll('[data-testid="trunk-row"]')].find((x) => x.getAttribute('data-trunk') === trunk);
      return !!r && r.getAttribute('aria-selected') === 'true';
    };
    return timed(() => {
      const cell = row.cells[Math.min(2, row.cells.length - 1)];
      (cell || row).click();
      return null;
    }, () => selected() && notBusy()).then((r) => Object.assign(r, { trunk }));
  };
  window.__benchSelectedTrunks = () => [...document.querySelectorAll('[data-testid="trunk-row"][aria-selected="true"]')].map((r) => r.getAttribute('data-trunk'));
})();`;
