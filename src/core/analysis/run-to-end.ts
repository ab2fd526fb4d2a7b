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

/**
 * Steps that two callers advance: one in slices (the worker, between its messages) and one that
 * needs the answer now (a question for it meanwhile), which finishes them instead of starting over.
 */
export class SharedSteps<T> {
  private result: { value: T } | null = null;
  /** A step threw: the generator is closed, so every later caller gets that error, never a missing answer. */
  private failure: { error: unknown } | null = null;
  constructor(private readonly steps: Iterator<null, T>) {}

  /** One step; true once the answer is made. Throws what a step threw, to every caller after it too. */
  step(): boolean {
    if (this.result) return true;
    if (this.failure) throw this.failure.error;
    let step: IteratorResult<null, T>;
    try {
      step = this.steps.next();
    } catch (error) {
      this.failure = { error };
      throw error;
    }
    if (step.done) this.result = { value: step.value };
    return step.done === true;
  }

  /** The answer, the steps left run now. */
  finish(): T {
    for (;;) {
      if (this.result) return this.result.value;
      this.step();
    }
  }
}
