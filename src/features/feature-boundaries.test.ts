/**
 * Features are composed in src/app.tsx (and the modules it composes with): no file under
 * src/features/X imports from src/features/Y. What two features share lives in src/components,
 * src/lib or src/core.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = resolve(__dirname);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** The feature folder a path lies in ('dashboard'), or null outside src/features. */
function featureOf(path: string): string | null {
  const rel = relative(FEATURES, path);
  if (rel.startsWith('..') || rel === '') return null;
  const first = rel.split(sep)[0]!;
  return rel.includes(sep) ? first : null;
}

/** Each import of `source` that reaches into another feature: "dashboard.tsx imports ../share-link/share-panel". */
function crossFeatureImports(file: string, source: string): string[] {
  const own = featureOf(file);
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.')) continue;
    const target = featureOf(resolve(dirname(file), spec));
    if (target !== null && target !== own) out.push(`${relative(FEATURES, file)} imports ${spec}`);
  }
  return out;
}

describe('feature boundaries', () => {
  it('finds an import of another feature, and leaves one within the feature or outside features alone', () => {
    const file = join(FEATURES, 'dashboard', 'dashboard.tsx');
    const source = [
      "import { SharePanel } from '../share-link/share-panel';",
      "import { TrunkTable } from './trunk-table';",
      "import type { DashboardData } from '../../core/analysis/dashboard-types';",
      "import { ChartCard } from '../../components/charts/chart-card';",
      "const lazy = import('../diagnosis-walk/walk-panel');",
    ].join('\n');
    expect(crossFeatureImports(file, source)).toEqual(['dashboard/dashboard.tsx imports ../share-link/share-panel', 'dashboard/dashboard.tsx imports ../diagnosis-walk/walk-panel']);
  });

  it('no feature imports another feature', () => {
    const found = sourceFiles(FEATURES).flatMap((file) => crossFeatureImports(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
