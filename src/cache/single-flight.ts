/**
 * In-process single-flight: concurrent callers asking for the same key share one in-flight promise, so a
 * burst of misses on a cold key runs the loader once. The entry is removed as soon as the promise settles,
 * so a rejection is seen by the callers that were waiting but is never cached for later ones.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing !== undefined) return existing as Promise<T>;
    const promise = (async () => work())().finally(() => {
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Number of keys currently being loaded (for tests and diagnostics). */
  get size(): number {
    return this.inFlight.size;
  }
}
