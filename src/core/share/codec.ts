/**
 * A shared view ⇄ the URL fragment `#v1.<base64url(deflate(packTree(wire)))>` (pack.ts, wire.ts).
 * zlib 'deflate' rather than 'deflate-raw': its Adler-32 check (6 bytes) makes a damaged or
 * hand-edited link fail to inflate instead of opening with silently different numbers.
 *
 * Decoding treats the fragment as hostile input: it never throws, never evals, and bounds every
 * step — the fragment's length, the inflated size (a decompression bomb stops at MAX_INFLATED_BYTES),
 * the time spent, and the shape and sizes of the content (wire.ts schema) — and returns an error
 * value saying what is wrong. Its names and notes come back with their controls escaped
 * (visible-view.ts). Older versions are migrated step by step (MIGRATIONS); newer ones are refused
 * with a message naming the version.
 */
import * as v from 'valibot';
import { formatCount } from '../model/format-count';
import { packTree, unpackTree } from './pack';
import { err, ok, type Result } from './result';
import { SHARE_VERSION, type SharedView } from './view';
import { withVisibleText } from './visible-view';
import { checkView, packV1, unpackV1, wireV1Schema } from './wire';

export type ShareErrorCode = 'not-a-link' | 'too-long' | 'newer-version' | 'old-version' | 'damaged' | 'too-large' | 'timeout' | 'invalid';

export interface ShareError {
  code: ShareErrorCode;
  /** A sentence for the person who opened the link. */
  message: string;
  /** Where it went wrong, for a bug report (schema path, version, …). */
  detail?: string;
}

/** Longest fragment accepted (characters): real links are a few thousand. */
export const MAX_LINK_CHARS = 32_768;
/** Inflated payload cap: more than this is a bomb or a damaged link. */
export const MAX_INFLATED_BYTES = 256 * 1024;
/** Time allowed for the whole decode. */
export const DECODE_TIMEOUT_MS = 2_000;
/** The size budget a link should fit (characters of the fragment, '#' included). */
export const LINK_BUDGET_CHARS = 2_000;

/**
 * Migrations of the parsed JSON payload, from version n to n + 1. v1 is the first format, so the
 * table is empty; when v2 changes the layout, add `1: (p) => …v1 payload → v2 payload…` here.
 * A version below the oldest migratable one is reported as no longer supported.
 */
const MIGRATIONS: Readonly<Record<number, (payload: unknown) => Result<unknown, ShareError>>> = {};
const OLDEST_SUPPORTED = 1;

export async function encodeShare(view: SharedView): Promise<string> {
  const wire = packV1(view);
  const checked = v.safeParse(wireV1Schema, wire);
  if (!checked.success) throw new RangeError(`encodeShare: the view breaks the link limits (${issueText(checked.issues)})`);
  const problem = checkView(view);
  if (problem) throw new RangeError(`encodeShare: the view breaks the link limits (${problem})`);
  const bytes = await deflate(packTree(wire));
  return `#v${SHARE_VERSION}.${toBase64Url(bytes)}`;
}

/** Whether a URL fragment is meant as a diagnosis link (a version, a dot, the payload); decodeShare says whether it is a good one. */
export function looksLikeShareLink(hash: string): boolean {
  return /^#v\d+\./.test(hash);
}

/** The fragment (with or without '#', or a whole URL) → the view, or why it cannot be opened. */
export async function decodeShare(fragment: string): Promise<Result<SharedView, ShareError>> {
  try {
    return await withTimeout(decodeUnsafe(fragment), DECODE_TIMEOUT_MS);
  } catch (e) {
    return err({ code: 'damaged', message: 'This link is damaged and cannot be opened.', detail: e instanceof Error ? e.message : String(e) });
  }
}

async function decodeUnsafe(fragment: unknown): Promise<Result<SharedView, ShareError>> {
  if (typeof fragment !== 'string') return err({ code: 'not-a-link', message: 'This is not a Trunk Triage link.' });
  if (fragment.length > MAX_LINK_CHARS) {
    return err({ code: 'too-long', message: `This link is too long (${formatCount(fragment.length)} characters; at most ${formatCount(MAX_LINK_CHARS)}).` });
  }
  const hash = fragment.indexOf('#');
  const body = (hash >= 0 ? fragment.slice(hash + 1) : fragment).trim();
  const m = /^v(0|[1-9]\d{0,5})\.([A-Za-z0-9_-]*)$/.exec(body);
  if (!m) return err({ code: 'not-a-link', message: 'This is not a Trunk Triage link (or it was cut or edited).' });
  const version = Number(m[1]);
  if (version > SHARE_VERSION) {
    return err({
      code: 'newer-version',
      message: `This link was made by a newer Trunk Triage (link format v${version}; this one reads up to v${SHARE_VERSION}). Update Trunk Triage (reload the page) to open it.`,
      detail: `v${version}`,
    });
  }
  if (version < OLDEST_SUPPORTED) {
    return err({ code: 'old-version', message: `This link uses format v${version}, which no Trunk Triage version reads. Ask the sender for a new link.`, detail: `v${version}` });
  }
  const bytes = fromBase64Url(m[2]!);
  if (!bytes || bytes.length === 0) return err({ code: 'damaged', message: 'This link is damaged (it was cut or edited) and cannot be opened.', detail: 'base64url' });
  const inflated = await inflateCapped(bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) return inflated;
  const tree = unpackTree(inflated.value);
  if (!tree.ok) return err({ code: 'damaged', message: 'This link is damaged (its content does not read) and cannot be opened.', detail: tree.error });
  let payload: unknown = tree.value;
  for (let from = version; from < SHARE_VERSION; from++) {
    const step = MIGRATIONS[from];
    if (!step) return err({ code: 'old-version', message: `This link uses format v${from}, which this Trunk Triage no longer reads. Ask the sender for a new link.`, detail: `v${from}` });
    const migrated = step(payload);
    if (!migrated.ok) return migrated;
    payload = migrated.value;
  }
  const parsed = v.safeParse(wireV1Schema, payload, { abortEarly: true });
  if (!parsed.success) {
    return err({ code: 'invalid', message: 'This link was edited or damaged: its content is not a valid diagnosis.', detail: issueText(parsed.issues) });
  }
  // Its text made visible before anything shows it (an error message names a trunk too).
  const view = withVisibleText(unpackV1(parsed.output));
  const problem = checkView(view);
  if (problem) return err({ code: 'invalid', message: `This link was edited or damaged: its numbers cannot be true (${problem}).`, detail: problem });
  return ok(view);
}

function issueText(issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = (first.path ?? []).map((p) => String(p.key)).join('.');
  return `${path || '(root)'}: ${first.message}`;
}

async function withTimeout<T>(p: Promise<Result<T, ShareError>>, ms: number): Promise<Result<T, ShareError>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Result<T, ShareError>>((resolve) => {
    timer = setTimeout(() => resolve(err({ code: 'timeout', message: 'This link took too long to open; it is probably damaged.' })), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflate, reading at most `cap` bytes of output: a bomb or a damaged stream ends as an error value. */
export async function inflateCapped(bytes: Uint8Array, cap: number): Promise<Result<Uint8Array, ShareError>> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => undefined);
        return err({ code: 'too-large', message: `This link unpacks to more than ${cap / 1024} KiB: it is damaged or was made to harm, and was not opened.` });
      }
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    return err({ code: 'damaged', message: 'This link is damaged (it was cut or edited) and cannot be opened.', detail: e instanceof Error ? e.message : 'inflate' });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return ok(out);
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when the text is not base64url (wrong characters or an impossible length). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    // Canonical only: a changed last character that atob would ignore is still a changed link.
    return toBase64Url(out) === text ? out : null;
  } catch {
    return null;
  }
}
