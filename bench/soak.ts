/**
 * `npx tsx bench/soak.ts <app dist> <drops> <CDR file>...`: drops the files in turn, each in a
 * fresh page of one headless Chromium (as the bench does), and checks that every drop is read.
 * A drop still "reading" after 30 s is reported with what tells a wait that will never end from
 * a slow read: every browser thread's CPU over the next 2 s (all idle: nothing is coming), the
 * page's moments and text, and a screenshot (bench-results/soak-stuck.png); the exit code is 1.
 * Why: a read waiting for the last byte of a file's stream never settled in about one drop in 30
 * (fixed in file-pieces.ts); one bench run rarely shows such a thing, a few hundred drops do.
 * Not part of `npm run bench`: it asserts nothing about time.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from '../scripts/browser-path.mjs';
import { PROBE_SCRIPT } from './lib/page-probe';
import { freePort, startServer } from './lib/processes';

/** A drop not read by then is stuck (the 1M-call Master.csv reads in ~1 s here). */
const STUCK_MS = 30_000;

/** CPU ticks (user + system) of every thread of every Chromium process, by process, thread name and id. */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('chrom')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        ticks.set(`${type} ${pid} ${name} (${tid})`, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The thread ended.
      }
    }
  }
  return ticks;
}

const [dist, drops, ...files] = process.argv.slice(2);
if (!dist || !drops || files.length === 0) {
  console.error('usage: npx tsx bench/soak.ts <app dist> <drops> <CDR file>...');
  process.exit(2);
}
const port = await freePort();
const url = `http://127.0.0.1:${port}/`;
const vite = path.join(process.cwd(), 'node_modules', 'vite', 'bin', 'vite.js');
const preview = await startServer(process.execPath, [vite, 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], process.cwd(), url);
const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: CHROMIUM_ARGS });
let stuck = false;
try {
  for (let k = 0; k < Number(drops) && !stuck; k++) {
    const file = files[k % files.length]!;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const events: string[] = [];
    page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
    page.on('crash', () => events.push('page crashed'));
    await page.addInitScript(PROBE_SCRIPT);
    await page.goto(url);
    await page.locator('html[data-workers="warm"]').waitFor({ state: 'attached', timeout: 30_000 });
    const started = Date.now();
    await page.locator('input[type=file]').first().setInputFiles(file);
    const state = () => page.evaluate(`document.querySelector('main')?.dataset.state ?? ''`) as Promise<string>;
    let now = await state();
    while (now !== 'ready' && Date.now() - started < STUCK_MS) {
      await page.waitForTimeout(50);
      now = await state();
    }
    const alert = (await page.locator('[role=alert]').first().textContent({ timeout: 100 }).catch(() => null)) ?? '';
    console.log(`drop ${k + 1} ${path.basename(file)}: ${now === 'ready' ? 'read' : now} in ${Date.now() - started} ms${alert ? ` (${alert.slice(0, 200)})` : ''}`);
    if (now === 'reading' || events.length > 0) {
      stuck = true;
      const before = threadTicks();
      await new Promise((r) => setTimeout(r, 2000));
      for (const [thread, t] of threadTicks()) {
        const busy = (t - (before.get(thread) ?? t)) * 10;
        if (busy > 0) console.log(`  busy in the next 2 s: ${thread} ${busy} ms`);
      }
      console.log(`  moments: ${JSON.stringify(await page.evaluate('window.__bench'))}`);
      console.log(`  page: ${(await page.locator('main').innerText()).replace(/\s+/g, ' ').slice(0, 400)}`);
      for (const e of events) console.log(`  ${e}`);
      mkdirSync('bench-results', { recursive: true });
      await page.screenshot({ path: 'bench-results/soak-stuck.png' });
    }
    await context.close();
  }
} finally {
  await browser.close();
  preview.kill();
}
process.exit(stuck ? 1 : 0);
