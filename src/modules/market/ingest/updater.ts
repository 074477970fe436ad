/**
 * The background updater: every interval, refreshes quotes and recent bars of every listed stock, inside
 * `stockql serve` or as a separate `stockql worker`. One ingest run per stored interval (UPDATER_RANGES),
 * so the latest session shows up on every chart: 1-minute bars as they end, 5-minute and hourly bars, and
 * the day's bar growing until it closes.
 *
 * Two updaters never write at once: each run first takes (or renews) a lease — in SQLite, which every
 * process writing this file shares, and in Redis when the cache is there, for deployments where several
 * hosts share one Redis. An updater that finds the lease held says so once and keeps waiting: it takes
 * over when the holder stops (it releases the lease) or dies (the lease expires).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../../../logger.js';
import type { MarketStore } from '../market.store.js';
import type { IngestStore } from './ingest.store.js';
import { runIngest, type IngestSummary } from './ingest.service.js';
import type { CallPolicy } from './policy/index.js';
import type { IngestRange, Provider } from './provider.js';

export const UPDATER_LEASE = 'ingest-updater';

/** The ranges each run refreshes: each brings one stored interval (1m, 5m, 1h, 1d) of the recent sessions. */
export const UPDATER_RANGES: readonly IngestRange[] = ['1d', '5d', '1mo', '6mo'];

/** The Redis side of the lease (the cache layer's); null answers mean "no Redis to ask". */
export interface SharedLease {
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean | null>;
  releaseLease(name: string, owner: string): Promise<void>;
}

export interface UpdaterOptions {
  market: MarketStore;
  ingest: IngestStore;
  provider: Provider;
  policy: CallPolicy;
  intervalMs: number;
  logger: Logger;
  sharedLease?: SharedLease;
  /** Called after each committed batch (the API process refreshes its search index). */
  afterCommit?: () => void | Promise<void>;
  /** Called after each ingest run (one per range), for tests and metrics. */
  onRun?: (range: IngestRange, summary: IngestSummary) => void;
}

export class Updater {
  /** Who this updater is, in the lease and in logs. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private waitingFor: string | null = null;
  private stopped = false;

  constructor(private readonly options: UpdaterOptions) {}

  /** Runs now, then every interval. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops after the batch being written; releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort(new Error('updater stopping'));
    await this.running;
    this.options.ingest.releaseLease(UPDATER_LEASE, this.owner);
    await this.options.sharedLease?.releaseLease(UPDATER_LEASE, this.owner);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule(this.options.intervalMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { logger } = this.options;
    try {
      if (!(await this.takeLease())) return;
      this.abort = new AbortController();
      const updated: Record<string, number> = {};
      let problems = 0;
      let firstProblem: unknown;
      let elapsedMs = 0;
      for (const range of UPDATER_RANGES) {
        const summary = await runIngest(
          { market: this.options.market, ingest: this.options.ingest },
          {
            provider: this.options.provider,
            policy: this.options.policy,
            symbols: 'all',
            range,
            // Half an interval: a stock refreshed by a manual ingest moments ago is not fetched again.
            freshForMs: this.options.intervalMs / 2,
            signal: this.abort.signal,
            afterCommit: this.options.afterCommit,
          },
        );
        this.options.onRun?.(range, summary);
        updated[range] = summary.updated;
        problems += summary.rejected.length + summary.failed.length;
        firstProblem ??= summary.rejected[0] ?? summary.failed[0];
        elapsedMs += summary.elapsedMs;
      }
      logger[problems > 0 ? 'warn' : 'info']('ingest updater ran', {
        provider: this.options.provider.name,
        updated,
        problems,
        firstProblem,
        elapsedMs: Math.round(elapsedMs),
      });
    } catch (error) {
      if (!this.stopped) logger.error('ingest updater run failed', { message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.abort = null;
    }
  }

  /** Takes or renews the lease for longer than an interval; false (logged once) while another holds it. */
  private async takeLease(): Promise<boolean> {
    const ttlMs = Math.max(2 * this.options.intervalMs, 60_000);
    const shared = await this.options.sharedLease?.acquireLease(UPDATER_LEASE, this.owner, ttlMs);
    const local = shared !== false && this.options.ingest.acquireLease(UPDATER_LEASE, this.owner, ttlMs);
    if (local) {
      if (this.waitingFor !== null) this.options.logger.info('ingest updater took over the lease', { owner: this.owner, from: this.waitingFor });
      this.waitingFor = null;
      return true;
    }
    const holder = this.options.ingest.leaseHolder(UPDATER_LEASE)?.owner ?? 'another host (Redis lease)';
    if (this.waitingFor !== holder) {
      this.options.logger.warn('another ingest updater is running; waiting for it to stop', { holder, owner: this.owner });
      this.waitingFor = holder;
    }
    return false;
  }
}
