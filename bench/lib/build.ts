/**
 * Builds for the benchmark, kept out of the way of everything else: the app's production build goes
 * to bench-results/app-dist (dist/ is left to e2e), the Papa page to bench-results/papa-dist.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes';

export interface AppBuild {
  dist: string;
  /** Where src/core is imported from for the Node measurement (same code as the page). */
  srcRoot: string;
  /** What was measured, for the report. */
  description: string;
  warning: string | null;
}

async function git(root: string, ...args: string[]): Promise<string> {
  const r = await run('git', args, { cwd: root });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.output}`);
  return r.output.trim();
}

export async function describeWorkingTree(root: string): Promise<string> {
  try {
    const head = await git(root, 'rev-parse', '--short', 'HEAD');
    const dirty = await git(root, 'status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts', 'package.json');
    return `working tree at ${head}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'working tree';
  }
}

function viteBuild(root: string, cwd: string, args: readonly string[]) {
  return run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args], { cwd });
}

/** `git archive <ref>` into bench-results/app-src (node_modules linked) and build it there. */
async function buildRef(root: string, ref: string, dist: string): Promise<AppBuild> {
  const src = path.join(root, 'bench-results', 'app-src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  const sha = await git(root, 'rev-parse', '--short', ref);
  const r = await run('sh', ['-c', `git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(src)}`], { cwd: root });
  if (r.code !== 0) throw new Error(`git archive ${ref}: ${r.output}`);
  symlinkSync(path.join(root, 'node_modules'), path.join(src, 'node_modules'));
  const b = await viteBuild(root, src, ['--outDir', dist, '--emptyOutDir', '--logLevel', 'warn']);
  if (b.code !== 0) throw new Error(`build of ${ref} failed:\n${b.output.slice(-3000)}`);
  return { dist, srcRoot: src, description: `commit ${sha} (${ref})`, warning: null };
}

export async function buildApp(root: string, options: { appDist: string | null; appRef: string | null; noBuild: boolean }, log: (s: string) => void): Promise<AppBuild> {
  const dist = path.join(root, 'bench-results', 'app-dist');
  if (options.appDist) return { dist: path.resolve(options.appDist), srcRoot: root, description: `prebuilt ${options.appDist}`, warning: null };
  if (options.appRef) {
    log(`building the app from ${options.appRef} …`);
    return buildRef(root, options.appRef, dist);
  }
  if (options.noBuild && existsSync(path.join(dist, 'index.html'))) return { dist, srcRoot: root, description: `${await describeWorkingTree(root)} (previous build)`, warning: null };
  log('building the app (vite build → bench-results/app-dist) …');
  const b = await viteBuild(root, root, ['--outDir', dist, '--emptyOutDir', '--logLevel', 'warn']);
  if (b.code === 0) return { dist, srcRoot: root, description: await describeWorkingTree(root), warning: null };
  const firstError = b.output.split('\n').find((l) => /error|not found|failed/i.test(l))?.trim() ?? 'see the build output';
  log(`the working tree does not build (${firstError}); measuring HEAD instead`);
  const fallback = await buildRef(root, 'HEAD', dist);
  return { ...fallback, warning: `The working tree did not build (${firstError.slice(0, 160)}), so the last commit was measured.` };
}

export async function buildPapa(root: string): Promise<string> {
  const b = await viteBuild(root, root, ['--config', path.join(root, 'bench', 'papa', 'vite.config.ts'), '--logLevel', 'warn']);
  if (b.code !== 0) throw new Error(`Papa baseline build failed:\n${b.output.slice(-3000)}`);
  return path.join(root, 'bench-results', 'papa-dist');
}
