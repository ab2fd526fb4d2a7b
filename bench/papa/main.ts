/** The baseline page: hand the chosen file to the worker, show its per-trunk counts, mark ready. */
import type { PapaResult } from './protocol';

const input = document.querySelector<HTMLInputElement>('#file')!;
const main = document.querySelector('main')!;
const status = document.querySelector('#status')!;
const table = document.querySelector('#trunks')!;
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (!file) return;
  main.dataset.state = 'reading';
  status.textContent = `Reading ${file.name}…`;
  worker.postMessage({ file });
});

worker.addEventListener('message', (event: MessageEvent<PapaResult>) => {
  const r = event.data;
  table.replaceChildren();
  if (!r.ok) {
    status.textContent = `Failed: ${r.error ?? 'unknown error'}`;
  } else {
    status.textContent = `${r.rows} calls, ${Object.keys(r.trunks).length} trunks (${r.format ?? '?'}), parsed in ${Math.round(r.parseMs)} ms`;
    const rows = Object.entries(r.trunks).sort((a, b) => b[1].attempts - a[1].attempts);
    for (const [trunk, c] of rows) {
      const tr = document.createElement('tr');
      for (const v of [trunk, c.attempts, c.answered, c.r503, c.r603]) tr.appendChild(document.createElement('td')).textContent = String(v);
      table.appendChild(tr);
    }
  }
  main.dataset.state = r.ok ? 'ready' : 'failed';
  main.dataset.result = JSON.stringify({ ok: r.ok, rows: r.rows, trunks: Object.keys(r.trunks).length, parseMs: r.parseMs, error: r.error ?? null });
});
