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
  "script-src 'self'",
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

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
  test: {
    // Playwright specs live in e2e/ and must never be picked up here.
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A guard against a hang, not a speed limit: on a loaded 2-core machine a worker-thread CLI run or
    // a metamorphic scenario can take 20 s where it takes 3 s alone.
    testTimeout: 90_000,
  },
});
