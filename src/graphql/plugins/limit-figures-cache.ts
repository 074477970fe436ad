/**
 * The depth and cost of operations already analysed, by (document, operation name, variables): the
 * query-limits plugin's analysis is a pure function of those three (the schema and the cost model are
 * fixed for the process), so a repeated operation is priced once.
 *
 * The document is named by Apollo's query hash (the SHA-256 of its text, which Apollo computes for every
 * request anyway, and the id persisted queries use), so a document parsed again after leaving Apollo's
 * document cache still finds its figures. Bounded in entries and in key size, so clients sending endless
 * distinct variables cannot grow it: the oldest entry goes first, and an operation whose key would be
 * too long is simply analysed every time.
 */

/** Depth and cost of an operation; null when its variables do not fit their types (Apollo refuses it). */
export type LimitFigures = { depth: number; cost: number } | null;

export interface LimitFiguresCacheOptions {
  /** @default 2000 */
  maxEntries?: number;
  /** Keys longer than this (in UTF-16 units) are not kept. @default 4096 */
  maxKeyLength?: number;
}

export class LimitFiguresCache {
  private readonly entries = new Map<string, LimitFigures>();
  private readonly maxEntries: number;
  private readonly maxKeyLength: number;

  constructor(options: LimitFiguresCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxKeyLength = options.maxKeyLength ?? 4096;
  }

  /** The key of an operation, or null when it should not be kept (no hash, or a key too long). */
  keyOf(queryHash: string | undefined, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): string | null {
    if (queryHash === undefined) return null;
    // NUL cannot occur in a hash or an operation name, so the parts cannot run into each other.
    const key = `${queryHash}\u0000${operationName ?? ''}\u0000${variables == null ? '' : JSON.stringify(variables)}`;
    return key.length <= this.maxKeyLength ? key : null;
  }

  /** The figures kept for `key`, or undefined when there are none. */
  get(key: string): LimitFigures | undefined {
    return this.entries.get(key);
  }

  set(key: string, figures: LimitFigures): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, figures);
  }

  get size(): number {
    return this.entries.size;
  }
}
