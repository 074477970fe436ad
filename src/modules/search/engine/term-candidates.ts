/**
 * The vocabulary terms one query word matched, as ranges of term ids: a prefix match is a whole trie
 * subtree, so storing ranges keeps `f` (hundreds of completions) to a handful of entries. Reused across
 * queries: the arrays only ever grow.
 */

/** The query word equals the term. */
export const MATCH_EXACT = 0;
/** The query word (possibly with typos) is a prefix of the term; only for the last word. */
export const MATCH_PREFIX = 1;
/** The whole term is within the typo budget of the query word. */
export const MATCH_TYPO_WORD = 2;
export type MatchKind = typeof MATCH_EXACT | typeof MATCH_PREFIX | typeof MATCH_TYPO_WORD;

export class TermCandidates {
  termStart = new Int32Array(64);
  termEnd = new Int32Array(64);
  typos = new Uint8Array(64);
  kind = new Uint8Array(64);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  /** Adds terms [termStart, termEnd) matched with `typos` edits; empty ranges are ignored. */
  add(termStart: number, termEnd: number, typos: number, kind: MatchKind): void {
    if (termEnd <= termStart) return;
    if (this.count === this.termStart.length) this.grow();
    const i = this.count++;
    this.termStart[i] = termStart;
    this.termEnd[i] = termEnd;
    this.typos[i] = typos;
    this.kind[i] = kind;
  }

  private grow(): void {
    const size = this.termStart.length * 2;
    const termStart = new Int32Array(size);
    termStart.set(this.termStart);
    const termEnd = new Int32Array(size);
    termEnd.set(this.termEnd);
    const typos = new Uint8Array(size);
    typos.set(this.typos);
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    Object.assign(this, { termStart, termEnd, typos, kind });
  }
}
