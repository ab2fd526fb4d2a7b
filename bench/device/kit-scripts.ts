/**
 * The device kit's scripts (kit.ts writes them with a compressed `node` beside them): esbuild
 * bundles of the scaling entry (the core, the generator, the thread pool) and of the piece thread,
 * each one self-contained ES module, for a machine with no repository and no node_modules.
 */
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Files bundleKitScripts writes into its folder. */
export const KIT_SCRIPTS = ['scaling.mjs', 'piece-thread.mjs'] as const;

export async function bundleKitScripts(dir: string): Promise<void> {
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [path.join(ROOT, 'bench/device/scaling.ts')], outfile: path.join(dir, 'scaling.mjs') });
  await build({ ...common, entryPoints: [path.join(ROOT, 'src/cli/piece-thread.ts')], outfile: path.join(dir, 'piece-thread.mjs') });
}
