/**
 * What the Yahoo provider tests share: one attempt at a chart through the provider, and the
 * ProviderError a failed attempt must end in (anything else thrown is a bug in the provider).
 */
import { expect } from 'vitest';
import {
  INTERVAL_FOR_RANGE,
  ProviderError,
  type ChartPayload,
  type IngestRange,
  type Provider,
  type ProviderFailure,
} from '../../../src/modules/market/ingest/provider.js';

export function fetchChart(provider: Provider, symbol: string, range: IngestRange = '1d', signal = new AbortController().signal): Promise<ChartPayload> {
  return provider.fetchChart({ symbol, range, interval: INTERVAL_FOR_RANGE[range] }, signal);
}

/** The failure an attempt ended in, with whether the fetcher would retry it. */
export async function failureOf(attempt: Promise<unknown>): Promise<ProviderFailure & { retryable: boolean }> {
  const error = await attempt.then(
    (payload) => expect.fail(`expected a ProviderError, got a payload: ${JSON.stringify(payload).slice(0, 200)}`),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  return { ...providerError.failure, retryable: providerError.retryable };
}
