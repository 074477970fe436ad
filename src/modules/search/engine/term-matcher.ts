/**
 * Finds the vocabulary terms a query word matches: exactly, as a prefix (last word only), or within its
 * typo budget by Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbours is one
 * edit, `mircosoft` → `microsoft`).
 *
 * As in Meilisearch, a typo on the FIRST letter counts as two: a 5–8 letter word must keep its first
 * letter, and a 9+ letter word may change it only if nothing else is wrong. People rarely mistype the
 * first letter, and a first-letter edit turns one word into many unrelated ones (`nvidia` → `avidia`).
 * It also confines most of the walk to one first-letter subtree.
 *
 * Why a trie walked with a bounded edit-distance automaton rather than a SymSpell deletion dictionary:
 * with two typos SymSpell stores every 1- and 2-deletion of every term — 36 for an 8-letter word, so
 * ~750k keys for a ~20k-word vocabulary, tens of MB as JS strings in Maps — and it cannot answer "within
 * 2 typos of a PREFIX of a term", which the last word needs. The trie costs one node per distinct prefix
 * (22 bytes in typed arrays: ~2.7 MB for the 123k nodes of a 25k-word vocabulary), answers exact, prefix
 * and typo-prefix lookups with the same walk, and the walk only enters subtrees whose Damerau row can
 * still end within budget, so it touches hundreds of nodes (a few thousand for a 9+ letter word), not the
 * whole vocabulary: tens of microseconds, against a few for SymSpell's hash lookups. Rows are computed
 * only inside the diagonal band |i − j| ≤ budget (cells outside it always exceed the budget), so each
 * node costs O(budget) even for a 64-letter junk word.
 */
import { MATCH_EXACT, MATCH_PREFIX, MATCH_TYPO_WORD, type TermCandidates } from './term-candidates.js';
import { MAX_WORD_LENGTH } from './normalize.js';
import type { VocabularyTrie } from './vocabulary-trie.js';

export class TermMatcher {
  /** One Damerau row per trie depth; row d lives at [d * width, (d + 1) * width). */
  private readonly rows: Int32Array;
  /** Edge labels along the current path, for the transposition check. */
  private readonly pathLabels: Uint16Array;
  private readonly query = new Uint16Array(MAX_WORD_LENGTH);
  private queryLength = 0;
  private width = 0;
  private budget = 0;
  /** Typos added to every match of the current walk (a changed first letter). */
  private extraTypos = 0;
  private allowPrefix = false;
  private out: TermCandidates | null = null;

  constructor(private readonly trie: VocabularyTrie) {
    this.rows = new Int32Array((trie.maxDepth + 1) * (MAX_WORD_LENGTH + 1));
    this.pathLabels = new Uint16Array(trie.maxDepth + 1);
  }

  /**
   * Adds to `out` every term matching `word` within `budget` typos; when `allowPrefix`, also every term
   * that starts with something within `budget` typos of `word` (typos counted on the best prefix).
   */
  collect(word: string, budget: number, allowPrefix: boolean, out: TermCandidates): void {
    if (word.length === 0 || word.length > MAX_WORD_LENGTH) return;
    if (budget === 0) {
      this.collectExact(word, allowPrefix, out);
      return;
    }
    const m = word.length;
    for (let j = 0; j < m; j++) this.query[j] = word.charCodeAt(j);
    this.queryLength = m;
    this.width = m + 1;
    this.allowPrefix = allowPrefix;
    this.out = out;
    const sameFirst = this.trie.child(0, this.query[0]!);
    // Terms with the query's first letter: the whole budget.
    if (sameFirst !== -1) {
      this.startWalk(budget, 0);
      this.walkNode(sameFirst, 1, budget + 1);
    }
    // Another first letter counts as two typos, so only 2-typo words get here, and then that letter must be
    // the only edit: a walk with one edit allowed, whose matches are reported with one typo more.
    if (budget >= 2) {
      this.startWalk(1, 1);
      for (let node = this.trie.firstChild[0]!; node !== -1; node = this.trie.nextSibling[node]!) {
        if (node !== sameFirst) this.walkNode(node, 1, this.budget + 1);
      }
    }
    this.out = null;
  }

  /** Sets the walk's budget and the typos added to everything it reports, and fills row 0. */
  private startWalk(budget: number, extraTypos: number): void {
    this.budget = budget;
    this.extraTypos = extraTypos;
    // Row 0 (empty trie prefix): distance j to the query's first j characters, capped like every cell.
    for (let j = 0; j <= this.queryLength; j++) this.rows[j] = Math.min(j, budget + 1);
  }

  private collectExact(word: string, allowPrefix: boolean, out: TermCandidates): void {
    const node = this.trie.find(word);
    if (node === -1) return;
    const term = this.trie.terminalTerm[node]!;
    if (term !== -1) out.add(term, term + 1, 0, MATCH_EXACT);
    if (allowPrefix) out.add(this.trie.rangeStart[node]! + (term !== -1 ? 1 : 0), this.trie.rangeEnd[node]!, 0, MATCH_PREFIX);
  }

  /**
   * Computes the Damerau row of `node` (at `depth`), reports what it matches, and descends while some
   * longer term can still end within budget. `parentPrefixTypos` is the fewest typos with which the query
   * matched any prefix on the path above (budget + 1 when none did).
   */
  private walkNode(node: number, depth: number, parentPrefixTypos: number): void {
    const { trie, rows, query, width, budget, out } = this;
    const m = this.queryLength;
    const over = budget + 1;
    const current = depth * width;
    const previous = current - width;
    const beforePrevious = previous - width;
    const low = Math.max(1, depth - budget);
    const high = Math.min(m, depth + budget);
    const code = trie.label[node]!;
    this.pathLabels[depth] = code;

    // Left edge of the band: column 0 is the true distance (depth deletions), else a sentinel.
    let rowMin = over;
    if (low === 1) {
      rows[current] = Math.min(depth, over);
      rowMin = rows[current]!;
    } else rows[current + low - 1] = over;
    for (let j = low; j <= high; j++) {
      const queryCode = query[j - 1]!;
      let cell = rows[previous + j - 1]! + (queryCode === code ? 0 : 1);
      const deletion = rows[previous + j]! + 1;
      if (deletion < cell) cell = deletion;
      const insertion = rows[current + j - 1]! + 1;
      if (insertion < cell) cell = insertion;
      if (depth > 1 && j > 1 && queryCode === this.pathLabels[depth - 1] && query[j - 2] === code) {
        const transposition = rows[beforePrevious + j - 2]! + 1;
        if (transposition < cell) cell = transposition;
      }
      if (cell > over) cell = over;
      rows[current + j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    // Right edge of the band: the next depth reads one column further than this row computed.
    if (high < m) rows[current + high + 1] = over;
    const whole = m <= high ? rows[current + m]! : over;
    const extra = this.extraTypos;

    if (this.allowPrefix && whole === 0) {
      // The path spells the query: the term itself is exact, everything below completes it.
      const term = trie.terminalTerm[node]!;
      if (term !== -1) out!.add(term, term + 1, extra, extra === 0 ? MATCH_EXACT : MATCH_TYPO_WORD);
      out!.add(trie.rangeStart[node]! + (term !== -1 ? 1 : 0), trie.rangeEnd[node]!, extra, MATCH_PREFIX);
      return;
    }
    if (rowMin > budget) {
      // No longer term can come back within budget; but if an ancestor matched the query, the whole
      // subtree still completes that prefix.
      if (this.allowPrefix && parentPrefixTypos <= budget) out!.add(trie.rangeStart[node]!, trie.rangeEnd[node]!, parentPrefixTypos + extra, MATCH_PREFIX);
      return;
    }
    const prefixTypos = this.allowPrefix && whole < parentPrefixTypos ? whole : parentPrefixTypos;
    const term = trie.terminalTerm[node]!;
    if (term !== -1) {
      if (whole <= budget && (!this.allowPrefix || whole <= prefixTypos)) {
        out!.add(term, term + 1, whole + extra, whole + extra === 0 ? MATCH_EXACT : MATCH_TYPO_WORD);
      } else if (this.allowPrefix && prefixTypos <= budget) out!.add(term, term + 1, prefixTypos + extra, MATCH_PREFIX);
    }
    for (let child = trie.firstChild[node]!; child !== -1; child = trie.nextSibling[child]!) this.walkNode(child, depth + 1, prefixTypos);
  }
}
