import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.js';

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    expect(loadEnv({})).toMatchObject({ port: 4000, host: '127.0.0.1', databasePath: './data/stockql.db', cacheUrl: 'memory', nodeEnv: 'development', logLevel: 'info' });
  });

  it('listens on all interfaces in production unless HOST says otherwise', () => {
    expect(loadEnv({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
    expect(loadEnv({ NODE_ENV: 'production', HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  it('reports every problem at once', () => {
    try {
      loadEnv({ PORT: 'eighty', CACHE_URL: 'memcached://x', NODE_ENV: 'staging', DATABASE_URL: 'postgres://db/stockql' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'CACHE_URL', 'NODE_ENV', 'DATABASE_URL']) expect(problems).toContain(name);
    }
  });

  it('accepts sqlite: and file: prefixes on DATABASE_URL', () => {
    expect(loadEnv({ DATABASE_URL: 'file:/tmp/x.db' }).databasePath).toBe('/tmp/x.db');
    expect(loadEnv({ DATABASE_URL: 'sqlite:///tmp/y.db' }).databasePath).toBe('/tmp/y.db');
  });

  it('runs the synthetic market on a simulated clock when asked, and refuses a time without a zone', () => {
    expect(loadEnv({}).ingest.marketClock).toBeNull();
    expect(loadEnv({ MARKET_CLOCK_START: '2026-11-30T15:00:00Z', MARKET_CLOCK_SPEED: '30' }).ingest.marketClock).toEqual({ startMs: Date.parse('2026-11-30T15:00:00Z'), speed: 30 });
    expect(() => loadEnv({ MARKET_CLOCK_START: '2026-11-30 10:00' })).toThrow(/MARKET_CLOCK_START: must be an ISO 8601 time with a zone/);
    expect(() => loadEnv({ MARKET_CLOCK_SPEED: '0' })).toThrow(/MARKET_CLOCK_SPEED/);
  });
});
