/**
 * `stockql seed`: rebuilds the embedded market (every stock and bar is replaced).
 */
import type { Env } from '../../env.js';
import { seedEmbeddedMarket } from '../../modules/market/seed-market.js';
import { createProgress } from '../progress.js';
import { openMarket } from './open-writable.js';

export interface SeedCommandOptions {
  seed?: number;
  asOf?: string;
}

export async function seedCommand(env: Env, options: SeedCommandOptions): Promise<number> {
  const { database, store } = openMarket(env.databasePath);
  try {
    const progress = createProgress('seed');
    const summary = await seedEmbeddedMarket(store, {
      seed: options.seed ?? env.marketSeed,
      asOf: options.asOf,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.done(
      `${summary.stocks} stocks, ${summary.bars.toLocaleString('en-US')} bars through ${summary.lastSession} ` +
        `in ${(summary.elapsedMs / 1000).toFixed(2)} s (${summary.barsPerSecond.toLocaleString('en-US')} bars/s) into ${env.databasePath}`,
    );
    return 0;
  } finally {
    database.close();
  }
}
