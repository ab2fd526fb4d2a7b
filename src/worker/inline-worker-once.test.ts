/**
 * The piece worker's code is shipped once, inside the ingest worker's script: the data: URL
 * fallback of Vite's inline worker (which the minifier turns into a second, URL-encoded copy of
 * the code, and which the page's CSP refuses) rethrows instead (vite.config.ts). The wrapper below
 * is Vite 8's, as the build's transform sees it; a wrapper the rule does not know fails the build.
 */
import { describe, expect, it } from 'vitest';
import { withoutDataUrlFallback } from '../../vite.config';

const WRAPPER = `const jsContent = "self.postMessage('ready')";
const blob = typeof self !== "undefined" && self.Blob && new Blob(["URL.revokeObjectURL(import.meta.url);", jsContent], { type: "text/javascript;charset=utf-8" });
export default function WorkerWrapper(options) {
\tlet objURL;
\ttry {
\t\tobjURL = blob && (self.URL || self.webkitURL).createObjectURL(blob);
\t\tif (!objURL) throw "";
\t\tconst worker = new Worker(objURL, {
\t\t\ttype: "module",
\t\t\tname: options?.name
\t\t});
\t\tworker.addEventListener("error", () => {
\t\t\t(self.URL || self.webkitURL).revokeObjectURL(objURL);
\t\t});
\t\treturn worker;
\t} catch (e) {
\t\treturn new Worker("data:text/javascript;charset=utf-8," + encodeURIComponent(jsContent), {
\t\t\ttype: "module",
\t\t\tname: options?.name
\t\t});
\t}
}`;

describe('the inline piece worker', () => {
  it('is started from its blob: URL only: where that throws, the error goes to the pool', () => {
    const out = withoutDataUrlFallback(WRAPPER)!;
    expect(out).not.toContain('data:');
    expect(out).not.toContain('encodeURIComponent');
    expect(out).toContain('} catch (e) {\n\t\tthrow e;\n\t}');
    // The code itself is still there once, with the blob: start.
    expect(out.split("self.postMessage('ready')")).toHaveLength(2);
    expect(out).toContain('new Worker(objURL, {');
  });

  it('leaves code without the fallback alone, and says when a wrapper has one it does not know', () => {
    expect(withoutDataUrlFallback('export default 1;')).toBeNull();
    expect(withoutDataUrlFallback(WRAPPER.replace('encodeURIComponent(jsContent)', 'btoa(jsContent)'))).toBeNull();
  });
});
