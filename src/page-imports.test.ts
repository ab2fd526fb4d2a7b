/**
 * The page bundle carries no parser: everything that reads a file runs in the worker. Walked from
 * the page's entry (src/main.tsx) over the modules it imports for their values (`import type` is
 * erased and loads nothing), the graph reaches no format reader, no byte reader and no ingest code.
 * The lint rule in eslint.config.js stops a direct import; this test also catches one that arrives
 * through a chain (a page module importing a core helper that imports a parser).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');

interface Import {
  spec: string;
  /** import(): loaded when first needed, in a chunk of its own. */
  dynamic: boolean;
}

/** The imports and re-exports a module needs at run time, dynamic import() included. */
function runtimeImports(path: string): Import[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) out.push({ spec: node.moduleSpecifier.text, dynamic: false });
    else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push({ spec: node.moduleSpecifier.text, dynamic: false });
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out.push({ spec: arg.text, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

function resolveModule(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null; // CSS, assets: not code
}

/**
 * Every module reachable from `entry`: source paths relative to the project root, packages by
 * name. `staticOnly`: what the entry chunk loads before anything runs (no import()).
 */
function moduleGraph(entry: string, staticOnly = false): Set<string> {
  const seen = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const rel = relative(ROOT, path);
    if (seen.has(rel)) continue;
    seen.add(rel);
    for (const { spec, dynamic } of runtimeImports(path)) {
      if (staticOnly && dynamic) continue;
      if (!spec.startsWith('.')) seen.add(spec);
      const target = spec.startsWith('.') ? resolveModule(path, spec) : null;
      if (target) queue.push(target);
    }
  }
  return seen;
}

/** Modules only the worker may load. The two formats/ files the page uses hold ids, labels and mapping types, no parser. */
function workerOnly(module: string): boolean {
  if (module.startsWith('src/core/formats/')) return !['src/core/formats/format-labels.ts', 'src/core/formats/format-module.ts'].includes(module);
  return ['src/core/read/', 'src/core/ingest/', 'src/core/scenario/writers/', 'src/core/scenario/simulate'].some((dir) => module.startsWith(dir)) || (module.startsWith('src/worker/') && module !== 'src/worker/ingest-client.ts');
}

describe('page bundle', () => {
  it('walks imports through chains: from the worker entry it reaches the parsers (so an empty answer below means something)', () => {
    const worker = moduleGraph('src/worker/ingest.worker.ts');
    expect(worker.has('src/core/formats/registry.ts')).toBe(true);
    expect(worker.has('src/core/formats/shared/channel.ts')).toBe(true);
    expect(worker.has('src/core/read/delimited-tokenizer.ts')).toBe(true);
    expect([...worker].filter(workerOnly).length).toBeGreaterThan(20);
  });

  it('reaches the page itself: the app, the share codec, the format labels, the worker client', () => {
    const page = moduleGraph('src/main.tsx');
    for (const m of ['src/app.tsx', 'src/core/share/codec.ts', 'src/core/formats/format-labels.ts', 'src/worker/ingest-client.ts']) expect(page.has(m), m).toBe(true);
  });

  it('imports nothing from the format readers, the byte readers, ingest or the worker side', () => {
    expect([...moduleGraph('src/main.tsx')].filter(workerOnly)).toEqual([]);
  });

  it('the first screen does not load the dashboards or the charts library: they come in a chunk of their own', () => {
    const page = moduleGraph('src/main.tsx');
    const firstScreen = moduleGraph('src/main.tsx', true);
    for (const m of ['src/live-dashboard.tsx', 'src/shared-dashboard.tsx', 'recharts']) {
      expect(page.has(m), m).toBe(true);
      expect(firstScreen.has(m), m).toBe(false);
    }
  });
});
