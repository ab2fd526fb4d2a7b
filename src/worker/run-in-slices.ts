/**
 * Background work that never holds the worker long: a generator's steps (null between them) run
 * until a slice has taken `sliceMs`, then `pause` gives the message loop its turn (the dashboard's
 * queries are answered there) before the next slice. Pure scheduling: no worker globals, so the
 * order it promises is tested in Node.
 */
export async function runInSlices<T>(steps: Iterator<null, T>, pause: () => Promise<boolean>, sliceMs: number, now: () => number = () => performance.now()): Promise<T | null> {
  let sliceStart = now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (now() - sliceStart < sliceMs) continue;
    // The work is no longer wanted (its calls were replaced): what it made so far is dropped with it.
    if (!(await pause())) return null;
    sliceStart = now();
  }
}
