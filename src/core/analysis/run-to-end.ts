/**
 * Work made in steps (a generator that yields null between them) so the worker can answer other
 * questions in between; the CLI, the tests and one-shot callers run the steps at once.
 */
export function runToEnd<T>(steps: Iterator<null, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
