/**
 * `npm run bench:kit`: packs what the many-core device machine needs to measure the piece-thread
 * scaling, since it has no Node and no repository: an xz-compressed copy of this machine's `node`,
 * and esbuild bundles of the scaling entry (the core, the generator, the thread pool) and of the
 * piece thread. Written to .device-kit/ (git-ignored); run it there with the device tool:
 *
 *   run  carry: [".device-kit"]  command: bash .device-kit/run.sh 1000000 0,1,2,4,8,12,16 2
 *
 * The table lands in $OUT/scaling.md (and .json).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleKitScripts, KIT_SCRIPTS } from './kit-scripts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KIT = path.join(ROOT, '.device-kit');

rmSync(KIT, { recursive: true, force: true });
mkdirSync(KIT, { recursive: true });

await bundleKitScripts(KIT);

execFileSync('sh', ['-c', `xz -T0 -6 -c "${process.execPath}" > "${path.join(KIT, 'node.xz')}"`]);

const run = `#!/bin/sh
# Usage: bash .device-kit/run.sh [calls] [thread counts] [runs]
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
NODE=\${TMPDIR:-/tmp}/trunk-triage-node
[ -x "$NODE" ] || { xz -dc "$KIT/node.xz" > "$NODE.part" && chmod +x "$NODE.part" && mv "$NODE.part" "$NODE"; }
exec "$NODE" --expose-gc "$KIT/scaling.mjs" --calls "\${1:-1000000}" --threads "\${2:-0,1,2,4,8,12,16}" --runs "\${3:-2}" --out "\${OUT:-$KIT/out}"
`;
writeFileSync(path.join(KIT, 'run.sh'), run);
chmodSync(path.join(KIT, 'run.sh'), 0o755);

for (const f of ['node.xz', ...KIT_SCRIPTS, 'run.sh']) {
  process.stdout.write(`${f.padEnd(18)}${(statSync(path.join(KIT, f)).size / 2 ** 20).toFixed(1).padStart(7)} MiB\n`);
}
