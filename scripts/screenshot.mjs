#!/usr/bin/env node
// Look at the app as a user would: serve the build, open it in headless Chromium, choose files,
// and save a full-page screenshot.  Usage: node scripts/screenshot.mjs out.png [files...|--sample] [--add=file ...] [--dark] [--width=1440]
// --add=file: then add that file to the ones read ("Add files…"), as a session of several files.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromiumPath } from './browser-path.mjs';

const args = process.argv.slice(2);
const out = args.find((a) => a.endsWith('.png')) ?? 'screenshot.png';
const files = args.filter((a) => !a.startsWith('--') && a !== out);
const dark = args.includes('--dark');
const added = args.filter((a) => a.startsWith('--add=')).map((a) => a.slice(6));
const width = Number(args.find((a) => a.startsWith('--width='))?.slice(8) ?? 1440);
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4179);

// In its own process group: npx starts vite as a child, and killing npx alone left vite serving.
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: systemChromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  await page.goto(`http://localhost:${PORT}/`);
  if (args.includes('--sample')) {
    await page.getByRole('button', { name: 'Try a sample day' }).click();
    await page.locator('main[data-state="ready"]').waitFor({ timeout: 60_000 });
  } else if (files.length > 0) {
    await page.getByLabel('CDR files to read').setInputFiles(files);
    await page.locator('main[data-state="ready"]').waitFor({ timeout: 60_000 });
  }
  for (const file of added) {
    await page.getByLabel('CDR files to add to the ones loaded').setInputFiles(file);
    await page.locator('[data-testid="session-notice"]').waitFor({ timeout: 60_000 });
    await page.locator('main[data-state="ready"]').waitFor({ timeout: 60_000 });
  }
  // The dashboard is computed after the files are read; wait for it when there are calls.
  await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 30_000 }).catch(() => {});
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(`saved ${out}`);
} finally {
  if (server.pid !== undefined) process.kill(-server.pid);
}
