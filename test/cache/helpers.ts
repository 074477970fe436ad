/**
 * Shared test helpers: a Redis key prefix unique to this run, cleanup of exactly those keys, and
 * redis-server processes of a test's own on spare ports (never the machine's Redis on 6379).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createClient } from '@keyv/redis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `stockql-test-${process.pid}-${Date.now()}-${label}:`;
}

/** Calls `onBatch` with every batch of keys starting with `prefix`, on a connection of its own; sums its answers. */
async function scanKeys(prefix: string, url: string, onBatch: (client: { del(keys: string[]): Promise<number> }, keys: string[]) => Promise<number>): Promise<number> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    let total = 0;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) total += await onBatch(client, keys);
    }
    return total;
  } finally {
    await client.close();
  }
}

/** Deletes every key starting with `prefix` (and nothing else) from the machine's Redis. */
export function deleteKeysWithPrefix(prefix: string, url = REDIS_URL): Promise<number> {
  return scanKeys(prefix, url, (client, keys) => client.del(keys));
}

export function countKeysWithPrefix(prefix: string, url = REDIS_URL): Promise<number> {
  return scanKeys(prefix, url, async (_, keys) => keys.length);
}

export const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Collects warnings so tests can assert on rate limiting without printing them. */
export function captureLogger() {
  const warnings: Array<{ msg: string; fields?: object }> = [];
  return { warnings, logger: { warn: (msg: string, fields?: object) => void warnings.push({ msg, fields }) } };
}

export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(port: number): Promise<ChildProcess> {
  if (await portAccepts(port)) throw new Error(`port ${port} is already in use; the test needs it free`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(await portAccepts(port)); i++) await wait(50);
  return child;
}

export async function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
