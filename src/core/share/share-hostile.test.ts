/**
 * Bad links are bad input: garbage, truncated, bit-flipped, wrong-version and hostile payloads all
 * come back as an error value with a message — never a throw, a hang or a crash.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_INFLATED_BYTES, toBase64Url } from './codec';
import { packTree, type Tree } from './pack';
import { smallView } from './test-views';
import type { SharedView } from './view';
import { checkSharedVerdict } from './verdict-check';
import { packV1 } from './wire';

async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
/** A link with any content, as an attacker would make it. */
async function craft(tree: Tree, version = 1): Promise<string> {
  return `#v${version}.${toBase64Url(await zlib(packTree(tree)))}`;
}
async function craftBytes(bytes: Uint8Array, version = 1): Promise<string> {
  return `#v${version}.${toBase64Url(await zlib(bytes))}`;
}
/** A view's link without encodeShare's checks: numbers that cannot be true go in as they are. */
const encodeShareUnchecked = (view: SharedView) => craft(packV1(view) as unknown as Tree);
/** The wire of the small view, to be edited. */
const wire = (): Tree => structuredClone(packV1(smallView())) as unknown as Tree;

async function expectError(fragment: string, code?: string) {
  const started = performance.now();
  const r = await decodeShare(fragment);
  expect(performance.now() - started).toBeLessThan(2_500);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.message.length).toBeGreaterThan(10);
  if (code) expect(r.error.code, `${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}`).toBe(code);
  return r.error;
}

let good: string;
beforeAll(async () => {
  good = await encodeShare(smallView());
});

describe('decodeShare on bad links', () => {
  it('the small view itself opens', async () => {
    expect(await decodeShare(good)).toEqual({ ok: true, value: smallView() });
    expect(await decodeShare(good.slice(1))).toEqual({ ok: true, value: smallView() }); // without '#'
    expect(await decodeShare(`https://trunk-triage.example/share${good}`)).toEqual({ ok: true, value: smallView() });
  });

  it('garbage', async () => {
    for (const g of ['', '#', 'hello', '#v1', '#v1.', '#v1.!!!', '#v1.a', '#vX.abcd', '#v1.abc$', '#' + 'A'.repeat(40_000)]) await expectError(g);
    await expectError('#v1.' + toBase64Url(new TextEncoder().encode('not compressed at all')), 'damaged');
    await expectError(await craftBytes(new TextEncoder().encode('{"json": true}')), 'damaged');
    await expectError(await craft([1, 2, 3]), 'invalid');
    await expectError(await craft(null), 'invalid');
    await expectError(await craft('a string'), 'invalid');
    expect((await decodeShare(42 as unknown as string)).ok).toBe(false);
  });

  it('truncated at many points', async () => {
    for (const cut of [5, 6, 10, good.length >> 2, good.length >> 1, good.length - 10, good.length - 5, good.length - 2, good.length - 1]) {
      await expectError(good.slice(0, cut));
    }
  });

  it('bit-flipped or edited anywhere', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let unchanged = 0;
    for (let i = 4; i < good.length; i++) {
      const c = good[i]!;
      const flipped = alphabet[(alphabet.indexOf(c) + 1 + (i % 7)) % 64]!;
      const edited = good.slice(0, i) + flipped + good.slice(i + 1);
      const r = await decodeShare(edited);
      // Inflate ignores the padding bits after deflate's last block: a flip there (one character,
      // near the end) changes no byte of the content. Any other edit is an error, never another view.
      if (r.ok) {
        expect(r.value, `position ${i} of ${good.length}`).toEqual(smallView());
        unchanged++;
      } else await expectError(edited);
    }
    expect(unchanged).toBeLessThanOrEqual(1);
  });

  it('wrong version: newer says update, older says why', async () => {
    const body = good.slice('#v1.'.length);
    const newer = await expectError(`#v2.${body}`, 'newer-version');
    expect(newer?.message).toMatch(/newer Trunk Triage \(link format v2/);
    expect(newer?.message).toMatch(/Update/);
    await expectError(`#v999999.${body}`, 'newer-version');
    const older = await expectError(`#v0.${body}`, 'old-version');
    expect(older?.message).toMatch(/v0/);
  });

  it('hostile numbers: huge, negative, n > d, broken varints (no NaN can even be written)', async () => {
    const edits: Array<(w: Tree[]) => void> = [
      (w) => ((w[6] as Tree[][])[0]![1] = 2 ** 40), // attempts above any real count
      (w) => ((w[6] as Tree[][])[0]![1] = -5), // negative attempts
      (w) => ((w[6] as Tree[][])[0]![3] = [50, 0]), // asr n > d (n = answered + 50)
      (w) => ((w[6] as Tree[][])[0]![3] = [-99, 0]), // asr n negative through the difference
      (w) => (w[12] = -1), // calls
      (w) => (w[12] = 'nine'), // a string for a number
      (w) => ((w[7] as Tree[])[0] = 0), // bucketMs 0
      (w) => ((w[8] as Tree[])[3] = [4, [10, 2], [1, 1]]), // knee ratio n > d
      (w) => (w[0] = 7), // privacy neither 0 nor 1
      (w) => w.push(1), // an extra field
      (w) => w.pop(), // a missing field
      (w) => ((w[7] as Tree[])[2] = [1, 2, 3]), // series columns of different lengths
      (w) => (w[13] = [1, [['sip-a', 'rm -rf', []]]]), // unknown verdict id
      (w) => (w[13] = [3, []]), // unknown diagnosis slot version (1 and 2 exist)
    ];
    for (const edit of edits) {
      const w = wire() as Tree[];
      edit(w);
      await expectError(await craft(w), 'invalid');
    }
    const NaNish = Uint8Array.from([3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]); // a 9-byte varint
    await expectError(await craftBytes(NaNish), 'damaged');
    expect(() => packTree(Number.NaN)).toThrow();
  });

  it('hostile structure: deep nesting, lying lengths, trailing bytes, bad UTF-8', async () => {
    let deep: Tree = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    await expectError(await craft(deep), 'damaged');
    await expectError(await craftBytes(Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 16])), 'damaged'); // array of 4 billion items
    await expectError(await craftBytes(Uint8Array.from([2, 0xff, 0xff, 0x03, 0x41])), 'damaged'); // string longer than the payload
    await expectError(await craftBytes(Uint8Array.from([...packTree(wire()), 0])), 'damaged');
    await expectError(await craftBytes(Uint8Array.from([2, 2, 0xc3, 0x28])), 'damaged');
  });

  it('a 10 MB decompression bomb stops at the cap', async () => {
    const bomb = await craftBytes(new Uint8Array(10 * 1024 * 1024));
    console.log(`bomb link: ${bomb.length} characters for 10 MiB of zeros`);
    const err = await expectError(bomb, 'too-large');
    expect(err?.message).toMatch(new RegExp(`${MAX_INFLATED_BYTES / 1024} KiB`));
  });

  it('50,000 trunks (over the inflate cap) and 201 trunks (over the schema limit)', async () => {
    const w = wire() as Tree[];
    const row = (w[6] as Tree[])[0]!;
    w[6] = Array.from({ length: 50_000 }, () => row);
    await expectError(await craft(w), 'too-large');
    w[6] = Array.from({ length: 201 }, () => row);
    const err = await expectError(await craft(w), 'invalid');
    expect(err?.detail).toMatch(/^6:/);
  });

  it('over-long strings are refused: a 101-character trunk name, a 1,001-character note', async () => {
    const a = wire() as Tree[];
    ((a[6] as Tree[][])[0]![0] = 'x'.repeat(101));
    await expectError(await craft(a), 'invalid');
    const b = wire() as Tree[];
    b[1] = 'n'.repeat(1001);
    await expectError(await craft(b), 'invalid');
  });

  it('script in a trunk name or note is inert text that survives the round trip', async () => {
    const view = smallView();
    const name = '<script>alert(document.cookie)</script>';
    view.data.trunks[0]!.trunk = name;
    view.selection.trunks = [name];
    view.note = '<img src=x onerror="alert(1)"> "; DROP TABLE calls; -- ${process.exit()} {{constructor.constructor("x")()}}';
    view.diagnosis = { version: 1, walks: [{ trunk: name, verdict: 'cps-limit', overrides: { __proto__: 'x', constructor: '<b>y</b>' } as Record<string, string> }] };
    const r = await decodeShare(await encodeShare(view));
    expect(r).toEqual({ ok: true, value: view });
    if (!r.ok) return;
    expect(r.value.data.trunks[0]!.trunk).toBe(name);
    expect(({} as Record<string, unknown>)['constructor']).toBe(Object); // nothing polluted
  });

  it('a trunk name that starts with a byte order mark (U+FEFF) keeps it through the round trip', async () => {
    const view = smallView();
    const name = '\uFEFFCarrier A';
    view.data.trunks[0]!.trunk = name;
    view.selection.trunks = [name];
    const r = await decodeShare(await encodeShare(view));
    expect(r.ok && r.value.data.trunks[0]!.trunk).toBe(name);
    expect(r).toEqual({ ok: true, value: view });
  });

  it('a trunk name with U+202E and ESC (and a file name with NUL, a note with U+202E) opens escaped, alike wherever the name appears', async () => {
    const view = smallView();
    const name = 'sip\u202eA\u001b[2J'; // 9 characters: s, i, p, U+202E, A, ESC, [, 2, J
    view.data.trunks[0]!.trunk = name;
    view.selection.trunks = [name];
    view.data.onsets = [{ trunk: name, kind: '503', atMs: view.data.span.fromMs, before: { n: 0, d: 4 }, after: { n: 2, d: 5 } }];
    view.diagnosis = { version: 1, walks: [{ trunk: name, verdict: 'cps-limit', overrides: {}, evidence: 'first line\nthen \u202e' }] };
    view.createdFrom.files[0]!.name = 'cdr\u0000.csv';
    view.note = 'line one\nline\u202etwo';
    const r = await decodeShare(await encodeShare(view));
    if (!r.ok) throw new Error(r.error.message);
    // 3 + 6 ("\\u202e") + 1 + 4 ("\\x1b") + 3 = 17 characters, none of them a control.
    const shown = 'sip\\u202eA\\x1b[2J';
    expect(shown).toHaveLength(17);
    expect(r.value.data.trunks[0]!.trunk).toBe(shown);
    expect([r.value.selection.trunks, r.value.data.onsets.map((o) => o.trunk), r.value.diagnosis?.walks.map((w) => w.trunk)]).toEqual([[shown], [shown], [shown]]);
    // The walk still finds its trunk's numbers (9 attempts, 2 got 503).
    expect(checkSharedVerdict(r.value.diagnosis!.walks[0]!.trunk, 'cps-limit', r.value.data.trunks)).toBeNull();
    expect(r.value.createdFrom.files[0]!.name).toBe('cdr\\x00.csv');
    // A note and an evidence sentence keep their line breaks; nothing else acts.
    expect(r.value.note).toBe('line one\nline\\u202etwo');
    expect(r.value.diagnosis!.walks[0]!.evidence).toBe('first line\nthen \\u202e');
    // A link whose numbers cannot be true names the trunk escaped too.
    view.data.trunks[0]!.answered = 10;
    const refused = await expectError(await encodeShareUnchecked(view), 'invalid');
    expect(refused?.message).toContain(`trunk “${shown}”: answered on 10 of 9 attempts`);
  });

  it('never throws, whatever the input', async () => {
    const inputs = ['#v1.' + 'A'.repeat(5000), '#v1.' + '_'.repeat(33), '#v01.' + good.slice(4), '#v1..' + good.slice(4), good + good, '\u0000#v1.AA', '#v1.AAAA'];
    for (const s of inputs) await expect(decodeShare(s)).resolves.toMatchObject({ ok: false });
  });
});
