/**
 * The baseline: Papa Parse (worker:false, inside our own worker) streams the File in chunks and the
 * chunk callback computes the same per-trunk counts the app shows: attempts, answered, 503, 603.
 * Master.csv: trunk = DSTCHANNEL peer (`PJSIP/carrier-a-0000002b` → carrier-a), FAILED = 503-like.
 * VICIdial carrier log: trunk = the dial prefix in CHANNEL (`Local/<prefix><cc><phone>@…`: the
 * digits before PHONE NUMBER), SIP CODE for 503/603. A .gz file is gunzipped with
 * DecompressionStream and handed to Papa as a Node-style readable (its streaming input).
 * Chunks are 1 MiB (the app's read slice) instead of Papa's 10 MB default for local files, which
 * was slower here and held ~150 MB of rows per chunk.
 */
import Papa from 'papaparse';
import type { PapaResult, TrunkCounts } from './protocol';

interface Scope {
  postMessage(message: PapaResult): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ file: File }>) => void): void;
}
const scope = self as unknown as Scope;

const CHUNK_BYTES = 1 << 20;
const PEER = /^[^/]+\/(.+)-[0-9a-f]+$/;
const LOCAL = /^Local\/(\d+)@/;

scope.addEventListener('message', (event) => parse(event.data.file));

function parse(file: File): void {
  const started = performance.now();
  const trunks = new Map<string, TrunkCounts>();
  let format: PapaResult['format'] = null;
  let rows = 0;
  const counts = (trunk: string) => {
    let c = trunks.get(trunk);
    if (!c) trunks.set(trunk, (c = { attempts: 0, answered: 0, r503: 0, r603: 0 }));
    return c;
  };
  const onRows = (data: string[][]) => {
    for (const row of data) {
      if (format === null) {
        format = row[0] === 'UNIQUE ID' ? 'vicidial-carrier-log' : 'asterisk-master-csv';
        if (format === 'vicidial-carrier-log') continue;
      }
      rows++;
      if (format === 'asterisk-master-csv') {
        const dst = row[6] ?? '';
        const c = counts(PEER.exec(dst)?.[1] ?? dst);
        c.attempts++;
        const disposition = row[14];
        if (disposition === 'ANSWERED') c.answered++;
        else if (disposition === 'FAILED') c.r503++;
      } else {
        const digits = LOCAL.exec(row[6] ?? '')?.[1] ?? '';
        const phone = row[11] ?? '';
        const c = counts(digits.endsWith(phone) ? digits.slice(0, digits.length - phone.length) : digits.slice(0, 1));
        c.attempts++;
        const sip = row[9];
        if (sip === '200') c.answered++;
        else if (sip === '503') c.r503++;
        else if (sip === '603') c.r603++;
      }
    }
  };
  const config: Papa.ParseLocalConfig<string[], Papa.LocalFile> = {
    header: false,
    skipEmptyLines: true,
    chunkSize: CHUNK_BYTES,
    chunk: (results) => onRows(results.data),
    complete: () => scope.postMessage({ ok: true, format, rows, trunks: Object.fromEntries(trunks), parseMs: performance.now() - started }),
    error: (error) => scope.postMessage({ ok: false, error: String(error), format, rows, trunks: {}, parseMs: performance.now() - started }),
  };
  if (file.name.endsWith('.gz')) Papa.parse(gunzippedText(file), config);
  else Papa.parse(file, config);
}

/** A gunzipped File as the Node-style readable Papa streams from, in ~1 MB text chunks. */
function gunzippedText(file: File): NodeJS.ReadableStream {
  const listeners: Record<string, Array<(arg?: unknown) => void>> = { data: [], end: [], error: [] };
  const emit = (event: string, arg?: unknown) => {
    for (const fn of listeners[event] ?? []) fn(arg);
  };
  let paused = false;
  let wake: (() => void) | null = null;
  const stream = {
    readable: true,
    read: () => null,
    on(event: string, fn: (arg?: unknown) => void) {
      (listeners[event] ??= []).push(fn);
      return stream;
    },
    removeListener(event: string, fn: (arg?: unknown) => void) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      return stream;
    },
    pause() {
      paused = true;
      return stream;
    },
    resume() {
      paused = false;
      wake?.();
      return stream;
    },
  };
  queueMicrotask(async () => {
    try {
      const text = file
        .stream()
        .pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
        .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>);
      const reader = text.getReader();
      let pending: string[] = [];
      let size = 0;
      for (;;) {
        while (paused) await new Promise<void>((r) => (wake = r));
        const { done, value } = await reader.read();
        if (!done) {
          pending.push(value);
          size += value.length;
        }
        if ((done || size >= CHUNK_BYTES) && size > 0) {
          emit('data', pending.join(''));
          pending = [];
          size = 0;
        }
        if (done) break;
      }
      emit('end');
    } catch (e) {
      emit('error', e);
    }
  });
  return stream as unknown as NodeJS.ReadableStream;
}
