#!/usr/bin/env node
// Makes sure the e2e tests have a Chromium: the system one when present, else Playwright's own
// (downloaded where the network allows), else a clear message saying how to get one.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromiumPath } from './browser-path.mjs';

const system = systemChromiumPath();
if (system) {
  console.log(`e2e: using Chromium at ${system}`);
  process.exit(0);
}
let bundled;
try {
  bundled = chromium.executablePath();
} catch {
  bundled = undefined;
}
if (bundled && existsSync(bundled)) {
  console.log(`e2e: using Playwright's Chromium at ${bundled}`);
  process.exit(0);
}
console.log('e2e: no Chromium found; trying `npx playwright install chromium` …');
try {
  execSync('npx playwright install chromium', { stdio: 'inherit', timeout: 10 * 60_000 });
  process.exit(0);
} catch {
  console.error(
    [
      '',
      'e2e needs Chromium and none could be found or downloaded.',
      '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium',
      '  or point to one: CHROMIUM_PATH=/path/to/chrome npm test',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
