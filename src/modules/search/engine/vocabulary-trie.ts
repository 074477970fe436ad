/**
 * A character trie over the sorted vocabulary, stored in typed arrays.
 *
 * Term ids are positions in the sorted vocabulary, and a trie visited children-in-order lists terms in
 * that same order, so every node's subtree is one contiguous id range [rangeStart, rangeEnd). A prefix
 * lookup is therefore a walk down the query's characters plus one range, with no subtree traversal, and
 * postings of consecutive term ids sit next to each other.
 */
export class VocabularyTrie {
  /** First child of each node, or -1. Children are in ascending code-unit order. */
  readonly firstChild: Int32Array;
  /** Next sibling of each node, or -1. */
  readonly nextSibling: Int32Array;
  /** UTF-16 code unit on the edge into each node (unused for the root, node 0). */
  readonly label: Uint16Array;
  /** Term id spelled by the path to each node, or -1 when no term ends there. */
  readonly terminalTerm: Int32Array;
  /** First term id in each node's subtree. */
  readonly rangeStart: Int32Array;
  /** One past the last term id in each node's subtree. */
  readonly rangeEnd: Int32Array;
  /** Length of the longest term: the deepest node. */
  readonly maxDepth: number;

  /** @param sortedTerms unique, non-empty, ascending in code-unit order (Array.prototype.sort's default). */
  constructor(sortedTerms: readonly string[]) {
    let capacity = 1;
    for (const term of sortedTerms) capacity += term.length;
    const firstChild = new Int32Array(capacity).fill(-1);
    const nextSibling = new Int32Array(capacity).fill(-1);
    const lastChild = new Int32Array(capacity).fill(-1);
    const label = new Uint16Array(capacity);
    const terminalTerm = new Int32Array(capacity).fill(-1);
    const rangeStart = new Int32Array(capacity);
    const rangeEnd = new Int32Array(capacity);

    // Incremental build from sorted input: the path of the previous term is kept on a stack; each new term
    // shares a prefix with it, so nodes below that prefix are complete and can be closed.
    const path: number[] = [0];
    let previous = '';
    let nodeCount = 1;
    let maxDepth = 0;
    sortedTerms.forEach((term, termId) => {
      let common = 0;
      while (common < previous.length && common < term.length && previous.charCodeAt(common) === term.charCodeAt(common)) common++;
      for (let depth = previous.length; depth > common; depth--) rangeEnd[path[depth]!] = termId;
      path.length = common + 1;
      for (let depth = common + 1; depth <= term.length; depth++) {
        const parent = path[depth - 1]!;
        const node = nodeCount++;
        label[node] = term.charCodeAt(depth - 1);
        rangeStart[node] = termId;
        if (lastChild[parent] === -1) firstChild[parent] = node;
        else nextSibling[lastChild[parent]!] = node;
        lastChild[parent] = node;
        path.push(node);
      }
      terminalTerm[path[term.length]!] = termId;
      if (term.length > maxDepth) maxDepth = term.length;
      previous = term;
    });
    for (let depth = previous.length; depth >= 1; depth--) rangeEnd[path[depth]!] = sortedTerms.length;
    rangeStart[0] = 0;
    rangeEnd[0] = sortedTerms.length;

    this.firstChild = firstChild.slice(0, nodeCount);
    this.nextSibling = nextSibling.slice(0, nodeCount);
    this.label = label.slice(0, nodeCount);
    this.terminalTerm = terminalTerm.slice(0, nodeCount);
    this.rangeStart = rangeStart.slice(0, nodeCount);
    this.rangeEnd = rangeEnd.slice(0, nodeCount);
    this.maxDepth = maxDepth;
  }

  get nodeCount(): number {
    return this.label.length;
  }

  /** The child of `node` on edge `code`, or -1. */
  child(node: number, code: number): number {
    for (let c = this.firstChild[node]!; c !== -1; c = this.nextSibling[c]!) {
      const edge = this.label[c]!;
      if (edge === code) return c;
      // Children are sorted, so the scan can stop early.
      if (edge > code) return -1;
    }
    return -1;
  }

  /** The node spelling `text`, or -1 when no term starts with it. */
  find(text: string): number {
    let node = 0;
    for (let i = 0; i < text.length && node !== -1; i++) node = this.child(node, text.charCodeAt(i));
    return node;
  }

  get byteLength(): number {
    return (
      this.firstChild.byteLength + this.nextSibling.byteLength + this.label.byteLength + this.terminalTerm.byteLength + this.rangeStart.byteLength + this.rangeEnd.byteLength
    );
  }
}
