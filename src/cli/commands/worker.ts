/**
 * `stockql worker`: the background ingest updater as a process of its own (next to API processes that
 * run with `INGEST_INTERVAL_SECONDS=0`). A second worker on the same database (or Redis) says that
 * another one holds the lease and waits, taking over when it stops. SIGINT/SIGTERM stop it after the
 * batch being written.
 */
import { createCache } from '../../cache/index.js';
import type { Env } from '../../env.js';
import { createLogger } from '../../logger.js';
import { createIngestStore } from '../../modules/market/ingest/ingest.store.js';
import { createUpdater } from '../../modules/market/ingest/create-provider.js';
import { openMarket } from './open-writable.js';

/** The worker's interval when the configuration turns the in-API updater off (0). */
const DEFAULT_WORKER_INTERVAL_SECONDS = 60;

export async function workerCommand(env: Env): Promise<void> {
  const logger = createLogger(env.logLevel);
  const { database, store } = openMarket(env.databasePath);
  const cache = createCache({ url: env.cacheUrl, keyPrefix: env.cacheKeyPrefix, namespaces: {}, operationTimeoutMs: 250, logger });
  const intervalSeconds = env.ingest.intervalSeconds || DEFAULT_WORKER_INTERVAL_SECONDS;
  const updater = createUpdater({ ...env.ingest, intervalSeconds, marketSeed: env.marketSeed }, { market: store, ingest: createIngestStore(database.sqlite) }, { logger, sharedLease: cache });
  await cache.ready();
  updater.start();
  logger.info('stockql worker is running', { provider: env.ingest.provider, intervalSeconds, owner: updater.owner, database: env.databasePath });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    updater
      .stop()
      .then(() => cache.close())
      .then(
        () => {
          database.close();
          process.exit(0);
        },
        (error: unknown) => {
          logger.error('error while stopping', { message: String(error) });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
