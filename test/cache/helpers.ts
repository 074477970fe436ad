/** Shared test helpers: a Redis key prefix unique to this run, and cleanup of exactly those keys. */
import { createClient } from '@keyv/redis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `stockql-test-${process.pid}-${Date.now()}-${label}:`;
}

/** Deletes every key starting with `prefix` (and nothing else) from the machine's Redis. */
export async function deleteKeysWithPrefix(prefix: string, url = REDIS_URL): Promise<number> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    let deleted = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await client.del(keys);
    }
    return deleted;
  } finally {
    await client.close();
  }
}

export async function countKeysWithPrefix(prefix: string, url = REDIS_URL): Promise<number> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    let count = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) count += keys.length;
    return count;
  } finally {
    await client.close();
  }
}

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Collects warnings so tests can assert on rate limiting without printing them. */
export function captureLogger() {
  const warnings: Array<{ msg: string; fields?: object }> = [];
  return { warnings, logger: { warn: (msg: string, fields?: object) => void warnings.push({ msg, fields }) } };
}
