/**
 * What happens when a GraphQL request finishes: its figures go to the per-operation stats, and a log
 * line with its request id — at debug level normally, as a warning when it was slow (SLOW_REQUEST_MS) or
 * ran more SQL statements than a request should (SQL_STATEMENTS_WARN: the N+1 detector, since batched
 * loaders keep every operation to a handful of statements however many items it asks for).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';
import type { OperationStats, RequestRecord } from './operation-stats.js';

export interface RequestObservation extends RequestRecord {
  /** `edge` when the edge cache answered, else the loaders' outcome (hit, partial, miss, none). */
  cache: string;
  status: number;
}

export type RequestObserver = (observation: RequestObservation) => void;

export function createRequestObserver(options: { logger: Logger; stats: OperationStats; statementWarnThreshold: number }): RequestObserver {
  const { logger, stats, statementWarnThreshold } = options;
  return (observation) => {
    stats.record(observation);
    const slow = observation.durationMs >= stats.slowRequestMs;
    const chatty = observation.statements > statementWarnThreshold;
    if (!slow && !chatty && !logger.isEnabled('debug')) return;
    const fields = {
      requestId: observation.requestId,
      operation: observation.operation,
      status: observation.status,
      durationMs: Math.round(observation.durationMs * 100) / 100,
      sqlStatements: observation.statements,
      cache: observation.cache,
      errors: observation.hadErrors,
    };
    if (chatty) logger.warn(`request ran ${observation.statements} SQL statements (more than ${statementWarnThreshold}: an N+1 pattern?)`, fields);
    if (slow) logger.warn(`slow request (${Math.round(observation.durationMs)} ms)`, fields);
    if (!slow && !chatty) logger.debug('request', fields);
  };
}

/** Ids a client or proxy may hand us: short and plain, so they are safe in logs and headers. */
const ACCEPTABLE_ID = /^[\w.:@/-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane one, else a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
}
