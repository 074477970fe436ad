/**
 * Per-operation request figures for Query.metrics: counts, errors and latency percentiles over a sliding
 * window of each operation's latest requests, plus the slowest recent requests.
 *
 * Everything is bounded: at most `maxOperations` names (later ones count under `other`, so a client
 * inventing names cannot grow memory), a fixed ring of durations per operation, a short slow list.
 */
export interface RequestRecord {
  requestId: string;
  /** The GraphQL operation name; null for an anonymous operation. */
  operation: string | null;
  durationMs: number;
  statements: number;
  hadErrors: boolean;
  /** Unix milliseconds when the request finished. */
  at: number;
}

export interface OperationFigures {
  name: string;
  requestCount: number;
  errorCount: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface OperationStatsOptions {
  /** @default 1000 latest requests per operation */
  windowSize?: number;
  /** @default 100 */
  maxOperations?: number;
  /** Requests at least this slow are kept in the slow list. @default 500 */
  slowRequestMs?: number;
  /** @default 20 */
  slowKept?: number;
}

const ANONYMOUS = '(anonymous)';
const OTHER = 'other';

class Window {
  readonly durations: Float64Array;
  next = 0;
  filled = 0;
  requestCount = 0;
  errorCount = 0;

  constructor(size: number) {
    this.durations = new Float64Array(size);
  }

  add(durationMs: number, hadErrors: boolean): void {
    this.durations[this.next] = durationMs;
    this.next = (this.next + 1) % this.durations.length;
    this.filled = Math.min(this.filled + 1, this.durations.length);
    this.requestCount += 1;
    if (hadErrors) this.errorCount += 1;
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export class OperationStats {
  private readonly windows = new Map<string, Window>();
  private readonly slow: RequestRecord[] = [];
  private readonly windowSize: number;
  private readonly maxOperations: number;
  readonly slowRequestMs: number;
  private readonly slowKept: number;

  constructor(options: OperationStatsOptions = {}) {
    this.windowSize = options.windowSize ?? 1000;
    this.maxOperations = options.maxOperations ?? 100;
    this.slowRequestMs = options.slowRequestMs ?? 500;
    this.slowKept = options.slowKept ?? 20;
  }

  record(request: RequestRecord): void {
    const name = request.operation ?? ANONYMOUS;
    let window = this.windows.get(name);
    if (window === undefined) {
      const key = this.windows.size < this.maxOperations ? name : OTHER;
      window = this.windows.get(key) ?? new Window(this.windowSize);
      this.windows.set(key, window);
    }
    window.add(request.durationMs, request.hadErrors);
    if (request.durationMs >= this.slowRequestMs) {
      this.slow.push(request);
      if (this.slow.length > this.slowKept) this.slow.shift();
    }
  }

  /** Operations by request count, most first. */
  operations(): OperationFigures[] {
    return [...this.windows]
      .map(([name, w]) => {
        const sorted = w.durations.slice(0, w.filled).sort();
        return { name, requestCount: w.requestCount, errorCount: w.errorCount, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99) };
      })
      .sort((a, b) => b.requestCount - a.requestCount || a.name.localeCompare(b.name));
  }

  /** The slowest recent requests (over `slowRequestMs`), slowest first. */
  slowRequests(): RequestRecord[] {
    return [...this.slow].sort((a, b) => b.durationMs - a.durationMs);
  }
}
