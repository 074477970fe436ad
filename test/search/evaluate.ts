/**
 * Search quality: Precision@1 and MRR@10 over the labelled queries in test/search/queries.tsv, per kind
 * and overall. Used by `npm run eval:search` and by the quality test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const QUERY_KINDS = ['ticker', 'name', 'prefix', 'typo', 'multiword'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface LabelledQuery {
  line: number;
  query: string;
  expected: string;
  kind: QueryKind;
  note: string;
}

export interface KindScore {
  queries: number;
  precisionAt1: number;
  mrrAt10: number;
}

export interface Evaluation {
  perKind: Record<QueryKind, KindScore>;
  overall: KindScore;
  misses: { query: LabelledQuery; top: string[] }[];
}

export const QUERIES_PATH = join(import.meta.dirname, 'queries.tsv');

export function readQueries(path = QUERIES_PATH): LabelledQuery[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split('\t');
  if (header?.[0] !== 'query' || header[1] !== 'expected' || header[2] !== 'kind') throw new Error(`${path}: header must be query<TAB>expected<TAB>kind<TAB>note`);
  const queries: LabelledQuery[] = [];
  lines.slice(1).forEach((text, i) => {
    if (text.trim() === '') return;
    const [query = '', expected = '', kind = '', note = ''] = text.split('\t');
    if (!QUERY_KINDS.includes(kind as QueryKind)) throw new Error(`${path}:${i + 2}: unknown kind ${JSON.stringify(kind)}`);
    queries.push({ line: i + 2, query, expected, kind: kind as QueryKind, note });
  });
  return queries;
}

function score(ranks: (number | null)[]): KindScore {
  const queries = ranks.length;
  const hits1 = ranks.filter((r) => r === 1).length;
  const reciprocal = ranks.reduce<number>((sum, r) => sum + (r !== null && r <= 10 ? 1 / r : 0), 0);
  return { queries, precisionAt1: queries ? hits1 / queries : 0, mrrAt10: queries ? reciprocal / queries : 0 };
}

/** Runs every query through `topSymbols` (best first, up to 10) and scores the rankings. */
export async function evaluate(queries: LabelledQuery[], topSymbols: (query: string) => Promise<string[]>): Promise<Evaluation> {
  const ranks: { query: LabelledQuery; rank: number | null; top: string[] }[] = [];
  for (const query of queries) {
    const top = (await topSymbols(query.query)).slice(0, 10);
    const at = top.indexOf(query.expected);
    ranks.push({ query, rank: at === -1 ? null : at + 1, top });
  }
  const perKind = Object.fromEntries(
    QUERY_KINDS.map((kind) => [kind, score(ranks.filter((r) => r.query.kind === kind).map((r) => r.rank))]),
  ) as Record<QueryKind, KindScore>;
  return {
    perKind,
    overall: score(ranks.map((r) => r.rank)),
    misses: ranks.filter((r) => r.rank !== 1).map(({ query, top }) => ({ query, top: top.slice(0, 3) })),
  };
}

export function formatEvaluation(result: Evaluation): string {
  const row = (label: string, s: KindScore) => `${label.padEnd(10)} ${String(s.queries).padStart(5)}  ${s.precisionAt1.toFixed(3)}  ${s.mrrAt10.toFixed(3)}`;
  return [
    'kind       queries   P@1    MRR@10',
    ...QUERY_KINDS.map((kind) => row(kind, result.perKind[kind])),
    row('overall', result.overall),
    ...(result.misses.length ? ['', 'Not first:', ...result.misses.map((m) => `  line ${m.query.line} [${m.query.kind}] ${JSON.stringify(m.query.query)} expected ${m.query.expected}, got ${m.top.join(', ') || '(nothing)'}`)] : []),
  ].join('\n');
}
