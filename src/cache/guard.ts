/**
 * Keeps cache failures away from callers: bounds every operation by a timeout and turns failures into
 * counted, rate-limited warnings. A cache is an optimisation, so a slow or dead Redis must cost at most
 * `operationTimeoutMs` per call and never an error in a GraphQL response.
 */

export interface CacheLogger {
  warn(msg: string, fields?: object): void;
}

export class CacheTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`cache ${operation} timed out after ${ms} ms`);
    this.name = 'CacheTimeoutError';
  }
}

/**
 * Resolves with `promise` or rejects with a CacheTimeoutError after `ms`. The losing promise keeps running
 * (Redis commands cannot be cancelled); its late rejection is swallowed so it cannot become unhandled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CacheTimeoutError(operation, ms)), ms);
    // A pending timeout must not keep a process (or a test worker) alive on its own.
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RateLimitedWarnerOptions {
  logger?: CacheLogger | undefined;
  /**
   * At most one warning per this many milliseconds; the next one reports how many were suppressed.
   * @default 10_000
   */
  intervalMs?: number;
}

/**
 * Logs the first failure at once and then at most one line per interval: while Redis is down every request
 * fails the same way, and one line per call would flood the log and cost more than the cache saves.
 */
export class RateLimitedWarner {
  private readonly logger: CacheLogger | undefined;
  private readonly intervalMs: number;
  private lastWarnAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(options: RateLimitedWarnerOptions = {}) {
    this.logger = options.logger;
    this.intervalMs = options.intervalMs ?? 10_000;
  }

  warn(msg: string, fields: Record<string, unknown> = {}): void {
    const now = Date.now();
    if (now - this.lastWarnAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.lastWarnAt = now;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger?.warn(msg, suppressed > 0 ? { ...fields, suppressed } : fields);
  }
}

/** Human-readable message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
