/// <reference lib="webworker" />
/**
 * The blob-read harness's workers (bench/blob-read/run.ts): a lead worker, as the app's ingest
 * worker, with two nested piece workers, as its pool. Each pass reads the whole file once in
 * pieces, one way (Way), and drops the bytes: nothing is parsed, so what a pass costs is the read.
 * Either each piece worker reads its own pieces (the app today), or the lead reads them and
 * transfers each piece's buffer to a piece worker. At most `inFlight` pieces per piece worker are
 * unacknowledged, as read-in-pieces.ts bounds them.
 */

/** How a pass reads. */
export interface Way {
  /** ab: slice().arrayBuffer(); bytes: slice().bytes(); frs: FileReaderSync; stream / byob: slice().stream() with a default / BYOB reader; whole: one BYOB stream of the whole file (lead only). */
  method: 'ab' | 'bytes' | 'frs' | 'stream' | 'byob' | 'whole';
  pieceBytes: number;
  /** Who reads the bytes: each piece worker its own pieces, or the lead, transferring them. */
  reader: 'piece' | 'lead';
  inFlight: number;
  /** Read into buffers used again (stream, byob, whole; the lead's buffers come back to it). */
  reuse: boolean;
  /** BYOB reads ask for the whole buffer at once (`read(view, { min })`): one read per buffer, not one per chunk of the stream. */
  min?: boolean;
}

interface PieceJob {
  /** The bytes a piece worker reads: from the byte before its cut to a little past the next (piece-range.ts). */
  start: number;
  end: number;
  /** Where the next piece starts (a whole-file stream reads each byte once). */
  cut: number;
  from: number;
}

type ToPiece = { file: Blob; way: Way; job: PieceJob } | { way: Way; bytes: Uint8Array } | { collect: true };
interface FromPiece {
  length: number;
  /** The buffer, given back to the lead when it reuses them. */
  bytes: Uint8Array | null;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

if (scope.name.startsWith('piece')) pieceWorker();
else leadWorker();

function pieceWorker(): void {
  const spare: Uint8Array[] = [];
  scope.addEventListener('message', (event: MessageEvent<ToPiece>) => {
    const message = event.data;
    if ('collect' in message) {
      collect();
      scope.postMessage({ length: 0, bytes: null } satisfies FromPiece);
      return;
    }
    if ('bytes' in message) {
      // Read by the lead: handed back to it when it reuses its buffers.
      const back = message.way.reuse ? message.bytes : null;
      scope.postMessage({ length: message.bytes.length, bytes: back } satisfies FromPiece, back ? [back.buffer as ArrayBuffer] : []);
      return;
    }
    const { file, way, job } = message;
    const buffer = way.reuse ? spare.pop() : undefined;
    read(file, job.start, job.end, way, buffer).then(
      (bytes) => {
        if (way.reuse) spare.push(bytes);
        scope.postMessage({ length: bytes.length, bytes: null } satisfies FromPiece);
      },
      (e: unknown) => console.error(`piece worker: ${String(e)}`),
    );
  });
}

function leadWorker(): void {
  const workers = [0, 1].map((k) => new Worker(scope.location.href, { name: `piece ${k}` }));
  scope.addEventListener('message', (event: MessageEvent<{ file: Blob; way: Way }>) => {
    const { file, way } = event.data;
    const t0 = performance.now();
    pass(file, way, workers).then(
      (bytes) => scope.postMessage({ ms: performance.now() - t0, bytes }),
      (e: unknown) => console.error(`lead: ${String(e)}`),
    );
  });
}

/** The pieces of the file as the app cuts them (a byte before, a little past the end), read one way; answers the bytes read. */
async function pass(file: Blob, way: Way, workers: Worker[]): Promise<number> {
  const jobs = pieces(file.size, way.pieceBytes);
  const spare: Uint8Array[] = [];
  let total = 0;
  const pending = workers.map(() => [] as Array<() => void>);
  const slots = workers.map(() => way.inFlight);
  workers.forEach((w, k) => {
    w.onmessage = (event: MessageEvent<FromPiece>) => {
      total += event.data.length;
      if (event.data.bytes) spare.push(event.data.bytes);
      slots[k]!++;
      pending[k]!.shift()?.();
    };
  });
  const slotOf = async (k: number): Promise<void> => {
    if (slots[k]! === 0) await new Promise<void>((resolve) => pending[k]!.push(resolve));
    slots[k]!--;
  };
  const whole = way.method === 'whole' ? wholeReader(file, way) : null;
  for (const [i, job] of jobs.entries()) {
    const k = i % workers.length;
    await slotOf(k);
    if (way.reader === 'piece') {
      workers[k]!.postMessage({ file, way, job } satisfies ToPiece);
      continue;
    }
    const buffer = way.reuse ? spare.pop() : undefined;
    const bytes = whole ? await whole.next(job.cut - job.from, buffer) : await read(file, job.start, job.end, way, buffer);
    workers[k]!.postMessage({ way, bytes } satisfies ToPiece, [bytes.buffer as ArrayBuffer]);
  }
  const drained = async (k: number) => {
    while (slots[k]! < way.inFlight) await new Promise<void>((resolve) => pending[k]!.push(resolve));
  };
  for (let k = 0; k < workers.length; k++) await drained(k);
  // Every dropped buffer freed within the pass that made it: each worker's collector runs now (Chromium started with --expose-gc).
  collect();
  for (const [k, w] of workers.entries()) {
    slots[k]!--;
    w.postMessage({ collect: true } satisfies ToPiece);
    await drained(k);
  }
  return total;
}

/** Pieces of `pieceBytes`, each read from the byte before it to a little past its end, as piece-range.ts reads them. */
function pieces(size: number, pieceBytes: number): PieceJob[] {
  const out: PieceJob[] = [];
  for (let start = 0; start < size; ) {
    const end = Math.min(size, start + pieceBytes);
    out.push({ from: start, cut: end, start: Math.max(0, start - 1), end: Math.min(size, end + Math.min(64 * 1024, Math.max(512, 2 * (end - start))) + 1) });
    start = end;
  }
  return out;
}

async function read(file: Blob, start: number, end: number, way: Way, buffer: Uint8Array | undefined): Promise<Uint8Array> {
  const blob = file.slice(start, end);
  const size = end - start;
  switch (way.method) {
    case 'ab':
      return new Uint8Array(await blob.arrayBuffer());
    case 'bytes':
      return await (blob as Blob & { bytes(): Promise<Uint8Array> }).bytes();
    case 'frs':
      return new Uint8Array(new FileReaderSync().readAsArrayBuffer(blob));
    case 'stream':
      return await copyChunks(blob.stream().getReader(), fitting(buffer, size));
    case 'byob':
    case 'whole':
      return await readInto(blob.stream().getReader({ mode: 'byob' }), fitting(buffer, size), way.min);
  }
}

/** A buffer of `size` bytes: the spare one's when it is big enough. */
function fitting(buffer: Uint8Array | undefined, size: number): Uint8Array {
  return buffer && buffer.buffer.byteLength >= size ? new Uint8Array(buffer.buffer, 0, size) : new Uint8Array(size);
}

async function copyChunks(reader: ReadableStreamDefaultReader<Uint8Array>, into: Uint8Array): Promise<Uint8Array> {
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return into.subarray(0, at);
    into.set(value, at);
    at += value.length;
  }
}

async function readInto(reader: ReadableStreamBYOBReader, into: Uint8Array, min = false): Promise<Uint8Array> {
  // Each read takes the buffer (detaching the view given) and answers it back in `value`.
  const size = into.length;
  let buffer = into.buffer as ArrayBuffer;
  let at = 0;
  while (at < size) {
    const view = new Uint8Array(buffer, at, size - at);
    const { done, value } = await (min ? readAtLeast(reader, view) : reader.read(view));
    if (!value) break;
    buffer = value.buffer as ArrayBuffer;
    at += value.length;
    if (done) break;
  }
  return new Uint8Array(buffer, 0, at);
}

/** A BYOB read that waits for the whole view (the `min` option; TypeScript's DOM types lack it). */
function readAtLeast(reader: ReadableStreamBYOBReader, view: Uint8Array<ArrayBuffer>): Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>> {
  const read = reader.read.bind(reader) as (view: Uint8Array<ArrayBuffer>, options: { min: number }) => Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>>;
  return read(view, { min: view.byteLength });
}

/** One BYOB stream over the whole file, read a piece at a time (each piece's overlap with the next not read twice). */
function wholeReader(file: Blob, way: Way): { next(size: number, buffer: Uint8Array | undefined): Promise<Uint8Array> } {
  const reader = file.stream().getReader({ mode: 'byob' });
  return {
    next: (size, buffer) => readInto(reader, fitting(buffer, size), way.min),
  };
}

function collect(): void {
  (globalThis as unknown as { gc?: () => void }).gc?.();
}
