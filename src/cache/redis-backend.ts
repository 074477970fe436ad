/**
 * The Redis side of the cache: one @redis/client connection shared by every namespace's Keyv store and by
 * the cross-process load lock.
 *
 * Why we create the client ourselves and hand it to KeyvRedis (the @keyv/redis docs support "add in your own
 * Redis client"; `createClient` is re-exported by @keyv/redis from @redis/client, so no extra dependency):
 * - one TCP connection for all namespaces instead of one per `new KeyvRedis(url)`;
 * - the same connection can run `SET NX PX` and the owner-checked release script for the lock, which Keyv's
 *   get/set API cannot express;
 * - we control the failure behaviour: `disableOfflineQueue` makes commands fail at once while disconnected
 *   (instead of queueing and replaying stale writes later), and a capped reconnect strategy keeps retrying
 *   forever so caching resumes by itself when Redis comes back.
 * We connect eagerly so KeyvRedis never runs its own connect path, which on failure destroys the client
 * (ending reconnection) — with the client already open it just uses it.
 */
import { randomUUID } from 'node:crypto';
import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import { errorMessage, type RateLimitedWarner } from './guard.js';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisBackendOptions {
  url: string;
  warner: RateLimitedWarner;
  /**
   * TCP connect timeout for each (re)connection attempt, in milliseconds.
   * @default 1_000
   */
  connectTimeoutMs?: number;
  /**
   * Longest pause between reconnection attempts, in milliseconds.
   * @default 1_000
   */
  maxReconnectDelayMs?: number;
}

// Deletes the lock only if it still holds our token, so a loader slower than the lock's PX cannot release a
// lock another process has since acquired.
const RELEASE_LOCK_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

// Takes the lease when free, or extends it when `owner` already holds it; 1 when held by `owner` afterwards.
const LEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then redis.call("pexpire", KEYS[1], ARGV[2]) return 1 end
if redis.call("set", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then return 1 end
return 0`;

// A token bucket per key, kept as a hash of tokens and update time; Redis's own clock, so every process
// agrees. Returns { allowed (1/0), milliseconds until the next token }.
const TAKE_TOKEN_SCRIPT = `local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call("time")
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local state = redis.call("hmget", KEYS[1], "t", "u")
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - updated) * rate / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then tokens = tokens - 1 allowed = 1 else retry = math.ceil((1 - tokens) * 1000 / rate) end
redis.call("hset", KEYS[1], "t", tostring(tokens), "u", tostring(now))
redis.call("pexpire", KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return { allowed, retry }`;

export class RedisBackend {
  readonly client: RedisClient;
  private closed = false;

  constructor(options: RedisBackendOptions) {
    const maxDelay = options.maxReconnectDelayMs ?? 1_000;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 1_000,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, maxDelay),
      },
    });
    // Without an 'error' listener node-redis would crash the process on the first refused connection.
    this.client.on('error', (error: unknown) => {
      options.warner.warn('cache: redis connection error', { error: errorMessage(error) });
    });
    // connect() resolves only once Redis is reachable; until then commands fail fast and count as errors.
    this.client.connect().catch(() => undefined);
  }

  /** A Keyv instance whose keys are `${prefix}::${key}` in Redis (useKeyPrefix off avoids `ns::ns:` keys). */
  createKeyv(prefix: string): Keyv {
    const store = new KeyvRedis(this.client, { namespace: prefix, throwOnErrors: true, throwOnConnectError: true });
    const keyv = new Keyv({ store, namespace: prefix, useKeyPrefix: false, throwOnErrors: true });
    // Errors are thrown to (and counted by) the caller; this only stops Keyv re-emitting them unhandled.
    keyv.on('error', () => undefined);
    return keyv;
  }

  /** Tries to take the lock; returns its token if acquired, `undefined` if another process holds it. */
  async acquireLock(lockKey: string, ttlMs: number): Promise<string | undefined> {
    const token = randomUUID();
    const reply = await this.client.set(lockKey, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
    return reply === 'OK' ? token : undefined;
  }

  /** Takes or renews a named lease for `owner` (e.g. the single ingest updater); false when another owner holds it. */
  async acquireLease(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.client.eval(LEASE_SCRIPT, { keys: [key], arguments: [owner, String(ttlMs)] })) === 1;
  }

  /** Takes a token from the bucket at `key`: whether one was there, and else how long until one is. */
  async takeToken(key: string, ratePerSecond: number, burst: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const [allowed, retryAfterMs] = (await this.client.eval(TAKE_TOKEN_SCRIPT, { keys: [key], arguments: [String(ratePerSecond), String(burst)] })) as [number, number];
    return { allowed: allowed === 1, retryAfterMs };
  }

  /** How many of these locks are held now (one EXISTS for all of them). */
  async countHeldLocks(lockKeys: readonly string[]): Promise<number> {
    return lockKeys.length === 0 ? 0 : this.client.exists([...lockKeys]);
  }

  async releaseLock(lockKey: string, token: string): Promise<void> {
    await this.client.eval(RELEASE_LOCK_SCRIPT, { keys: [lockKey], arguments: [token] });
  }

  /** Connected and answering now (the client reconnects by itself when not). */
  get connected(): boolean {
    return !this.closed && this.client.isReady;
  }

  /** Resolves true once connected, false if not within `timeoutMs` (the client keeps trying either way). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.client.isReady) return true;
    if (this.closed) return false;
    return new Promise<boolean>((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      this.client.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.client.isOpen) return;
    // A graceful close waits for replies, which never come from a dead server: only use it when ready.
    if (this.client.isReady) {
      try {
        await this.client.close();
        return;
      } catch {
        // fall through to destroy
      }
    }
    if (this.client.isOpen) this.client.destroy();
  }
}
