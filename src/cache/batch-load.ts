/**
 * The batch half of read-through caching: given a multi-get's answers, load every missing key exactly
 * once — across the requests of this process (single-flight per key) and, on Redis, across processes
 * (a short `SET NX PX` lock per key; the losers poll for the winner's value instead of querying too).
 *
 * A DataLoader batch of 200 symbols becomes: one MGET, then one loader call (one SQL statement) for the
 * keys nobody else is loading, then one multi-set. Keys another request or process is already loading
 * are awaited, not loaded again, which is what keeps a burst of identical cold requests to one query.
 */
import { sleep } from './guard.js';
import type { FlightLead, SingleFlight } from './single-flight.js';

/** Redis lock operations as the batch loader needs them; each already guarded against cache failures. */
export interface BatchLock {
  /** The lock's token when acquired, `null` when another process holds it, `undefined` when Redis failed. */
  acquire(key: string): Promise<string | null | undefined>;
  release(key: string, token: string): Promise<void>;
  /** How many of these keys' locks are held now; `undefined` when Redis failed. */
  held(keys: readonly string[]): Promise<number | undefined>;
  waitMs: number;
  pollMs: number;
}

export interface BatchContext<V> {
  flights: SingleFlight;
  flightKey(key: string): string;
  /** Guarded multi-get that does not count hits or misses (they were counted by the first read). */
  readMany(keys: readonly string[]): Promise<Array<V | undefined>>;
  storeMany(entries: Array<{ key: string; value: V }>): Promise<void>;
  /** Present on Redis only. */
  lock?: BatchLock;
  /** Counts keys handed to the loader (the namespace's `loads`). */
  countLoads(keys: number): void;
}

/**
 * Fills the `undefined` slots of `values` (aligned with `keys`) and returns them. `loadMissing` gets the
 * indexes of the keys it must load and returns their values in that order.
 */
export async function fillMisses<V>(
  values: Array<V | undefined>,
  keys: readonly string[],
  loadMissing: (indexes: number[]) => Promise<readonly V[]>,
  context: BatchContext<V>,
): Promise<V[]> {
  const waits: Promise<void>[] = [];
  const mine: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (values[i] !== undefined || seen.has(key)) continue;
    seen.add(key);
    const joined = context.flights.join<V>(context.flightKey(key));
    if (joined !== undefined) waits.push(joined.then((value) => void (values[i] = value)));
    else mine.push(i);
  }
  if (mine.length > 0) waits.push(loadOwn(values, keys, mine, loadMissing, context));
  await Promise.all(waits);
  // Keys listed twice in one batch were loaded once; copy the value to the repeats.
  const byKey = new Map<string, V>();
  for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) byKey.set(keys[i]!, values[i]!);
  return keys.map((key, i) => (values[i] !== undefined ? values[i]! : byKey.get(key)!));
}

async function loadOwn<V>(
  values: Array<V | undefined>,
  keys: readonly string[],
  mine: number[],
  loadMissing: (indexes: number[]) => Promise<readonly V[]>,
  context: BatchContext<V>,
): Promise<void> {
  const leads: FlightLead<V>[] = mine.map((i) => context.flights.lead<V>(context.flightKey(keys[i]!)));
  const tokens: Array<[string, string]> = [];
  const load = async (indexes: number[]) => {
    if (indexes.length === 0) return;
    context.countLoads(indexes.length);
    const loaded = await loadMissing(indexes);
    const entries: Array<{ key: string; value: V }> = [];
    indexes.forEach((i, j) => {
      values[i] = loaded[j];
      if (loaded[j] !== undefined) entries.push({ key: keys[i]!, value: loaded[j]! });
    });
    await context.storeMany(entries);
  };
  try {
    const lock = context.lock;
    if (lock === undefined) {
      await load(mine);
    } else {
      const results = await Promise.all(mine.map((i) => lock.acquire(keys[i]!)));
      const lost: number[] = [];
      const won: number[] = [];
      mine.forEach((i, j) => {
        const result = results[j];
        if (result === null) lost.push(i);
        else won.push(i);
        if (typeof result === 'string') tokens.push([keys[i]!, result]);
      });
      // Another process may have stored a key and released its lock between our multi-get and our lock:
      // read the won keys once more before loading them (double-checked locking).
      const stillMissing = won.length > 0 ? await readInto(values, keys, won, context) : won;
      // Load what we own while waiting for what other processes are loading; load leftovers ourselves.
      const [, leftover] = await Promise.all([load(stillMissing), waitForOthers(values, keys, lost, context, lock)]);
      await load(leftover);
    }
    mine.forEach((i, j) => leads[j]!.resolve(values[i]!));
  } catch (error) {
    for (const lead of leads) lead.reject(error);
    throw error;
  } finally {
    // Values are stored before locks are released, so a waiter that sees a free lock finds the value.
    await Promise.all(tokens.map(([key, token]) => context.lock!.release(key, token)));
  }
}

/** Polls for values other processes are loading; returns the indexes still missing when it gives up. */
async function waitForOthers<V>(
  values: Array<V | undefined>,
  keys: readonly string[],
  lost: number[],
  context: BatchContext<V>,
  lock: BatchLock,
): Promise<number[]> {
  let pending = lost;
  const deadline = Date.now() + lock.waitMs;
  while (pending.length > 0 && Date.now() < deadline) {
    await sleep(lock.pollMs);
    pending = await readInto(values, keys, pending, context);
    if (pending.length === 0) break;
    // An owner stores before it releases: all locks free and values still missing means its load failed.
    if ((await lock.held(pending.map((i) => keys[i]!))) === 0) {
      pending = await readInto(values, keys, pending, context);
      break;
    }
  }
  return pending;
}

async function readInto<V>(values: Array<V | undefined>, keys: readonly string[], indexes: number[], context: BatchContext<V>): Promise<number[]> {
  const read = await context.readMany(indexes.map((i) => keys[i]!));
  const still: number[] = [];
  indexes.forEach((i, j) => {
    if (read[j] !== undefined) values[i] = read[j];
    else still.push(i);
  });
  return still;
}
