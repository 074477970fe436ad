/**
 * Short, human-readable details for failed attempts. They end up in logs and in the ingest summary,
 * where "HTTP 429: Too Many Requests" or "network error: fetch failed: read ECONNRESET" tells an
 * operator what happened without a stack trace or a page of HTML.
 */

const MAX_DETAIL_LENGTH = 200;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL_LENGTH ? `${flat.slice(0, MAX_DETAIL_LENGTH - 1)}…` : flat;
}

export interface YahooError {
  /** Where Yahoo put it: `chart.error` (about the symbol) or `finance.error` (about the request). */
  source: 'chart' | 'finance';
  code: string | null;
  description: string | null;
}

/** `{code, description}` as Yahoo writes it under `chart.error` or `finance.error`, if the body has one. */
export function yahooError(body: unknown): YahooError | null {
  if (typeof body !== 'object' || body === null) return null;
  for (const source of ['chart', 'finance'] as const) {
    const error = (body as Record<string, { error?: unknown } | undefined>)[source]?.error;
    if (typeof error === 'object' && error !== null) {
      const { code, description } = error as Record<string, unknown>;
      return {
        source,
        code: typeof code === 'string' ? code : null,
        description: typeof description === 'string' ? description : null,
      };
    }
  }
  return null;
}

export function formatYahooError(error: Pick<YahooError, 'code' | 'description'>): string {
  return shorten([error.code, error.description].filter(Boolean).join(': ') || 'error without a description');
}

/** What a body that is not Yahoo's JSON says: plain text ("Too Many Requests") or an HTML page's text. */
export function plainTextDetail(text: string): string {
  return shorten(text.replace(/<[^>]*>/g, ' '));
}

/**
 * undici reports network failures as `TypeError: fetch failed` (or `terminated` mid-body) with the
 * real reason in `cause`, often nested: follow the chain so the detail names the socket error.
 */
export function networkDetail(error: unknown): string {
  const parts: string[] = [];
  let code: string | null = null;
  for (let e: unknown = error, depth = 0; e != null && depth < 5; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !parts.includes(message)) parts.push(message);
    const c = (e as { code?: unknown }).code;
    if (code === null && typeof c === 'string') code = c;
    e = e instanceof Error ? e.cause : null;
  }
  const text = parts.join(': ') || 'unknown error';
  return shorten(code && !text.includes(code) ? `${text} (${code})` : text);
}

/** A few characters of a body that should have been JSON, quoted, for a `malformed` detail. */
export function bodySnippet(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
