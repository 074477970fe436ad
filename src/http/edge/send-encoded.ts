/**
 * Writes a cached response: a 304 when the client already holds this body, otherwise the body in the
 * best coding the client accepts, with the validators and Age that let clients and proxies cache it too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EncodedResponse } from './encode-response.js';
import { ifNoneMatchMatches } from './etag.js';
import { negotiateEncoding } from './negotiate-encoding.js';

export interface SendEncodedOptions {
  /** @default Date.now() */
  now?: number;
  serverTiming: string;
  /** Sent on 200 and 304 alike (a 304 must carry what the 200 would, CORS headers included). */
  extraHeaders?: Record<string, string>;
}

/** The answer varies with Accept (Apollo's content type) and Accept-Encoding (the coding chosen here). */
const VARY = 'Accept, Accept-Encoding';

/** The variant to send and its Content-Encoding; identity when the client takes no compression we hold. */
function pickBody(req: IncomingMessage, entry: EncodedResponse): { body: Buffer; encoding: 'br' | 'gzip' | undefined } {
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  if (encoding === 'br' && entry.br !== null) return { body: entry.br, encoding: 'br' };
  if (encoding === 'gzip' && entry.gzip !== null) return { body: entry.gzip, encoding: 'gzip' };
  return { body: entry.identity, encoding: undefined };
}

/** Header names lower-cased, so a caller's `Vary` replaces ours instead of going out twice. */
function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

export function sendEncoded(req: IncomingMessage, res: ServerResponse, entry: EncodedResponse, options: SendEncodedOptions): void {
  const now = options.now ?? Date.now();
  // A flat [name, value, …] list: the cheapest form node:http accepts, and this runs on every cache hit.
  const headers: string[] = [
    'etag', entry.etag,
    'cache-control', entry.cacheControl,
    'age', String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))),
    'vary', VARY,
    'server-timing', options.serverTiming,
  ];
  const extra = lowerCased(options.extraHeaders);
  // RFC 9110 §13.1.2: If-None-Match yields 304 only for GET and HEAD; other methods get the full answer.
  const conditional = req.method === 'GET' || req.method === 'HEAD';
  if (conditional && ifNoneMatchMatches(req.headers['if-none-match'], entry.etag)) {
    res.writeHead(304, withExtra(headers, extra));
    res.end();
    return;
  }
  const { body, encoding } = pickBody(req, entry);
  headers.push('content-type', entry.contentType);
  if (encoding !== undefined) headers.push('content-encoding', encoding);
  headers.push('content-length', String(body.length));
  res.writeHead(entry.status, withExtra(headers, extra));
  // HEAD gets the headers GET would get, Content-Length included, but no body.
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** `headers` with `extra` added, an extra header replacing ours of the same name. */
function withExtra(headers: string[], extra: Record<string, string>): string[] {
  const names = Object.keys(extra);
  if (names.length === 0) return headers;
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (!(headers[i]! in extra)) out.push(headers[i]!, headers[i + 1]!);
  for (const name of names) out.push(name, extra[name]!);
  return out;
}
