/**
 * Compiled operations, kept per parsed document object and operation name.
 *
 * Apollo keeps the parsed, validated DocumentNode of every query it has seen in its document store (keyed by
 * the query's hash), and a persisted or repeated query gets that same object back. Keying on object
 * identity therefore compiles each operation once, with no hashing or printing per request.
 *
 * The documents are held weakly (a WeakMap), so a document Apollo has evicted takes its compiled code with
 * it. A WeakMap can be neither counted nor trimmed, though, so a least-recently-used list of weak
 * references bounds how many documents keep compiled code at once: a client sending endless distinct
 * queries cannot grow this cache without limit.
 */
import type { DocumentNode } from 'graphql';

interface DocumentEntry<V> {
  /** This document's place in the recency list. */
  readonly ref: WeakRef<DocumentNode>;
  /** By operation name ('' for an anonymous operation). */
  readonly byOperation: Map<string, V>;
}

export class CompileCache<V> {
  private readonly byDocument = new WeakMap<DocumentNode, DocumentEntry<V>>();
  /** Oldest first (a Set iterates in insertion order); a hit moves the document to the end. */
  private readonly recency = new Set<WeakRef<DocumentNode>>();

  /** @param maxDocuments documents that may keep compiled operations at once. */
  constructor(private readonly maxDocuments: number) {
    if (!Number.isInteger(maxDocuments) || maxDocuments < 1) throw new RangeError(`maxDocuments must be a positive integer, got ${maxDocuments}`);
  }

  get(document: DocumentNode, operationName: string | null | undefined): V | undefined {
    const entry = this.byDocument.get(document);
    if (entry === undefined) return undefined;
    this.recency.delete(entry.ref);
    this.recency.add(entry.ref);
    return entry.byOperation.get(operationName ?? '');
  }

  set(document: DocumentNode, operationName: string | null | undefined, value: V): void {
    let entry = this.byDocument.get(document);
    if (entry === undefined) {
      entry = { ref: new WeakRef(document), byOperation: new Map() };
      this.byDocument.set(document, entry);
      this.recency.add(entry.ref);
      this.evictBeyondBound();
    }
    entry.byOperation.set(operationName ?? '', value);
  }

  /** Documents currently counted against the bound (some may already have been collected). */
  get size(): number {
    return this.recency.size;
  }

  private evictBeyondBound(): void {
    for (const ref of this.recency) {
      if (this.recency.size <= this.maxDocuments) return;
      this.recency.delete(ref);
      const document = ref.deref();
      // A collected document's WeakMap entry is already gone with it.
      if (document !== undefined) this.byDocument.delete(document);
    }
  }
}
