/**
 * A generated universe of stocks with realistic multi-word names, for benchmarks at a scale the
 * embedded market does not reach. Deterministic: the same size always gives the same stocks.
 */
import { GICS_SECTORS } from '../../src/modules/sectors/gics.js';
import type { SearchDocument } from '../../src/modules/search/engine/index.js';

const PREFIXES = ['North', 'South', 'East', 'West', 'Pacific', 'Atlantic', 'Global', 'United', 'American', 'National', 'First', 'Summit', 'Pioneer', 'Liberty', 'Frontier', 'Keystone', 'Harbor', 'Granite', 'Silver', 'Golden', 'Blue', 'Red', 'Green', 'Eagle', 'Falcon', 'Cedar', 'Oak', 'Pine', 'River', 'Lake', 'Mountain', 'Prairie', 'Coastal', 'Metro', 'Capital', 'Premier', 'Sterling', 'Apex', 'Vertex', 'Quantum', 'Nova', 'Stellar', 'Horizon', 'Evergreen', 'Heritage', 'Union', 'Central', 'Western', 'Eastern', 'Northern', 'Southern', 'Midland', 'Allied', 'Consolidated', 'Integrated', 'Advanced', 'Applied', 'Dynamic', 'Precision', 'Strategic'];
const CORES = ['Data', 'Bio', 'Pharma', 'Energy', 'Power', 'Gas', 'Oil', 'Steel', 'Copper', 'Mining', 'Chemical', 'Materials', 'Semiconductor', 'Software', 'Systems', 'Networks', 'Cloud', 'Robotics', 'Aerospace', 'Defense', 'Motors', 'Auto', 'Rail', 'Freight', 'Logistics', 'Airlines', 'Foods', 'Beverage', 'Brands', 'Retail', 'Apparel', 'Home', 'Health', 'Medical', 'Therapeutics', 'Genomics', 'Diagnostics', 'Insurance', 'Bancorp', 'Financial', 'Capital', 'Realty', 'Properties', 'Water', 'Utilities', 'Media', 'Entertainment', 'Games', 'Telecom', 'Wireless', 'Solar', 'Wind', 'Nuclear', 'Packaging', 'Paper', 'Timber', 'Hotels', 'Resorts', 'Cruise', 'Education'];
const SUFFIXES = ['Inc.', 'Corporation', 'Holdings', 'Group', 'Company', 'Technologies', 'Industries', 'Partners', 'Trust', 'International', 'Enterprises', 'Solutions', 'Co.', 'plc', 'Ltd.'];

/** Mulberry32: a tiny deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateUniverse(size: number, seed = 7): SearchDocument[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const symbols = new Set<string>();
  const documents: SearchDocument[] = [];
  while (documents.length < size) {
    const words = [pick(PREFIXES), pick(CORES)];
    if (rand() < 0.4) words.push(pick(CORES));
    const name = `${words.join(' ')} ${pick(SUFFIXES)}`;
    let symbol = words.map((w) => w.slice(0, rand() < 0.5 ? 1 : 2)).join('').toUpperCase().slice(0, 5);
    while (symbols.has(symbol) || symbol.length < 2) symbol = `${symbol.slice(0, 4)}${String.fromCharCode(65 + Math.floor(rand() * 26))}`.slice(-5);
    symbols.add(symbol);
    const sector = rand() < 0.1 ? null : pick(GICS_SECTORS);
    documents.push({ symbol, name, sector, industry: sector ? `${pick(CORES)} ${pick(['Services', 'Products', 'Equipment'])}` : null, marketCap: Math.round(Math.exp(20 + rand() * 8)) });
  }
  return documents;
}

export type QueryKind = 'ticker' | 'prefix' | 'name' | 'typo' | 'multiword';

/** A mix of the ways people search, drawn from the universe. */
export function generateQueries(documents: readonly SearchDocument[], count: number, seed = 11): { query: string; kind: QueryKind }[] {
  const rand = random(seed);
  const kinds: QueryKind[] = ['ticker', 'prefix', 'name', 'typo', 'multiword'];
  const queries: { query: string; kind: QueryKind }[] = [];
  for (let i = 0; i < count; i++) {
    const doc = documents[Math.floor(rand() * documents.length)]!;
    const words = doc.name.split(' ').slice(0, -1);
    const kind = kinds[i % kinds.length]!;
    let query: string;
    switch (kind) {
      case 'ticker': query = doc.symbol.toLowerCase(); break;
      case 'prefix': query = `${words[0]} ${words[1]!.slice(0, Math.max(2, words[1]!.length - 3))}`.toLowerCase(); break;
      case 'name': query = words.join(' ').toLowerCase(); break;
      case 'typo': {
        const word = words.find((w) => w.length >= 5) ?? words[0]!;
        const at = 1 + Math.floor(rand() * (word.length - 2));
        query = (word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)).toLowerCase();
        break;
      }
      case 'multiword': query = [...words].reverse().join(' ').toLowerCase(); break;
    }
    queries.push({ query, kind });
  }
  return queries;
}
