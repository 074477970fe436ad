/**
 * In-process single-flight: concurrent callers asking for the same key share one in-flight promise, so a
 * burst of misses on a cold key runs the loader once. The entry is removed as soon as the promise settles,
 * so a rejection is seen by the callers that were waiting but is never cached for later ones.
 *
 * Keys are led and joined one by one because one loader call (a batch) settles many of them.
 */
export interface FlightLead<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The in-flight load of `key`, if another caller is loading it now. */
  join<T>(key: string): Promise<T> | undefined {
    return this.inFlight.get(key) as Promise<T> | undefined;
  }

  /** Registers the caller as the loader of `key`; it must settle the returned handle. */
  lead<T>(key: string): FlightLead<T> {
    let settle!: FlightLead<T>;
    const promise = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Nobody may be waiting when a load fails: that is not an unhandled rejection.
    promise.catch(() => undefined);
    this.inFlight.set(key, promise);
    const done = () => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    };
    return {
      resolve: (value) => {
        done();
        settle.resolve(value);
      },
      reject: (error) => {
        done();
        settle.reject(error);
      },
    };
  }

  /** Number of keys currently being loaded (for tests and diagnostics). */
  get size(): number {
    return this.inFlight.size;
  }
}
