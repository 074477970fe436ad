/**
 * `stockql serve`: starts the API and stops it gracefully on SIGINT/SIGTERM.
 */
import { createApp } from '../../app.js';
import type { Env } from '../../env.js';
import { createLogger } from '../../logger.js';
import { createProgress } from '../progress.js';

export async function serve(env: Env): Promise<void> {
  const logger = createLogger(env.logLevel);
  const progress = createProgress('seeding embedded market');
  let seeding = false;
  const app = await createApp(env, {
    logger,
    onSeedProgress: (done, total) => {
      seeding = true;
      progress.update(done, total);
    },
  });
  if (seeding) progress.done('done');
  const { url } = await app.listen();
  logger.info('stockql is serving', { url, database: env.databasePath, mode: env.nodeEnv });
  if (process.stdout.isTTY) process.stdout.write(`stockql ready at ${url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    // A hard deadline: a stuck connection must not keep a deploy waiting forever.
    setTimeout(() => {
      logger.error('graceful stop timed out; exiting');
      process.exit(1);
    }, 10_000).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('error while stopping', { message: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
