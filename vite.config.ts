import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * Nothing leaves the browser: the built page forbids every network connection (connect-src 'none')
 * and loads code only from its own origin. Injected at build time only, because the dev server's
 * hot reload needs a websocket. The e2e suite runs against the build and asserts no request is made.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // 'wasm-unsafe-eval': the tokenizer's plain-record kernel is WebAssembly, compiled from bytes inside the script
  // (src/core/read/plain-scan) by the workers, which run under this policy too (ingest-client.ts starts them from blob: URLs).
  "script-src 'self' 'wasm-unsafe-eval'",
  // blob: the piece workers, started again after a big read from their script in memory (src/worker/piece-pool.ts).
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'trunk-triage-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        /<!-- CSP_PLACEHOLDER[^>]*-->/,
        `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

/**
 * Vite's inline worker (`?worker&inline`: the piece worker, inside the ingest worker's script, so a
 * piece worker started again after a big read asks nothing of the network) starts it from a blob:
 * URL and, where that throws, from a data: URL made of the same code. The minifier folds that
 * data: URL into a second, URL-encoded copy of the piece worker (the ingest worker's script 398 →
 * 759 KB), and the page's CSP refuses data: workers anyway (worker-src 'self' blob:). The fallback
 * rethrows instead: the piece pool reads the file without that worker (piece-pool.ts).
 */
const DATA_URL_FALLBACK = /return new Worker\(\s*(["'`])data:text\/javascript;charset=utf-8,\1\s*\+\s*encodeURIComponent\(jsContent\)\s*,\s*\{[^}]*\}\s*\);?/;

export function withoutDataUrlFallback(code: string): string | null {
  if (!code.includes('data:text/javascript')) return null;
  const out = code.replace(DATA_URL_FALLBACK, 'throw e;');
  return out === code ? null : out;
}

function inlineWorkersOnce(): Plugin {
  return {
    name: 'trunk-triage-inline-workers-once',
    apply: 'build',
    transform(code, id) {
      if (!/[?&]worker&inline\b/.test(id)) return null;
      const out = withoutDataUrlFallback(code);
      if (out === null && code.includes('data:text/javascript')) this.error(`${id}: Vite's inline worker changed; its data: URL fallback would ship the worker's code twice`);
      return out === null ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  worker: { format: 'es', plugins: () => [inlineWorkersOnce()] },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
  test: {
    // Playwright specs live in e2e/ and must never be picked up here.
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // A guard against a hang, not a speed limit: on a loaded 2-core machine a worker-thread CLI run or
    // a metamorphic scenario can take 20 s where it takes 3 s alone.
    testTimeout: 90_000,
  },
});
