/**
 * `npm run eval:search`: search quality over the labelled queries, on the embedded market, through the
 * same engine the API uses. Prints Precision@1 and MRR@10 per kind and overall, then every miss.
 */
import { readFileSync } from 'node:fs';
import { parseListingsCsv } from '../../src/modules/market/import/parse-listings-csv.js';
import { buildSearchIndex, search } from '../../src/modules/search/engine/index.js';
import { embeddedMarketPath } from '../../src/paths.js';
import { evaluate, formatEvaluation, readQueries } from './evaluate.js';

const { rows } = parseListingsCsv(readFileSync(embeddedMarketPath));
const documents = rows.map((r) => ({ symbol: r.symbol, name: r.name, industry: r.industry, sector: r.sector, marketCap: r.marketCap ?? 0 }));
const index = buildSearchIndex(documents);
const result = await evaluate(readQueries(), async (query) => search(index, query, { limit: 10 }).hits.map((h) => documents[h.documentId]!.symbol));
process.stdout.write(`${formatEvaluation(result)}\n`);
