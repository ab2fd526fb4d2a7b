/**
 * Async steps run one at a time, in the order they were asked for. The next one starts as soon as
 * the one before it settles, before whatever awaits that one runs: a piece worker's next read is
 * under way while the piece just read is parsed (parse-piece.ts).
 */
export class OneAtATime {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  run<T>(step: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.busy = true;
        const next = () => {
          this.busy = false;
          this.waiting.shift()?.();
        };
        step().then(
          (value) => {
            next();
            resolve(value);
          },
          (error: unknown) => {
            next();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      };
      if (this.busy) this.waiting.push(start);
      else start();
    });
  }
}
