/**
 * Keeps the best `limit` documents in a bounded binary min-heap (worst kept document on top), so picking
 * 10 of 5,000 matches costs O(matches · log limit) and no sort of all matches.
 *
 * Order: score descending, then market cap descending, then symbol A→Z.
 */

export interface HitOrder {
  score: Float64Array;
  marketCap: Float64Array;
  symbolRank: Int32Array;
}

/** Whether document a ranks before document b. */
export function ranksBefore(order: HitOrder, a: number, b: number): boolean {
  const scoreA = order.score[a]!;
  const scoreB = order.score[b]!;
  if (scoreA !== scoreB) return scoreA > scoreB;
  const capA = order.marketCap[a]!;
  const capB = order.marketCap[b]!;
  if (capA !== capB) return capA > capB;
  return order.symbolRank[a]! < order.symbolRank[b]!;
}

export class TopHits {
  size = 0;

  constructor(
    private readonly heap: Int32Array,
    private readonly limit: number,
    private readonly order: HitOrder,
  ) {}

  offer(documentId: number): void {
    if (this.limit <= 0) return;
    const { heap, order } = this;
    if (this.size < this.limit) {
      // Sift up: parents must rank AFTER children (the worst kept document stays at the root).
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBefore(order, heap[parent]!, documentId)) break;
        heap[i] = heap[parent]!;
        i = parent;
      }
      heap[i] = documentId;
    } else if (ranksBefore(order, documentId, heap[0]!)) {
      this.siftDown(documentId);
    }
  }

  /** The kept documents, best first. */
  sorted(): number[] {
    const result = Array.from(this.heap.subarray(0, this.size));
    return result.sort((a, b) => (ranksBefore(this.order, a, b) ? -1 : ranksBefore(this.order, b, a) ? 1 : 0));
  }

  private siftDown(documentId: number): void {
    const { heap, order, size } = this;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      // Follow the worse child: it must move up to stay the root of its subtree.
      const worse = right < size && ranksBefore(order, heap[left]!, heap[right]!) ? right : left;
      // Stop once the document ranks after (is worse than) even the worse child.
      if (!ranksBefore(order, documentId, heap[worse]!)) break;
      heap[i] = heap[worse]!;
      i = worse;
    }
    heap[i] = documentId;
  }
}
