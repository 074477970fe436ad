/**
 * Who a request comes from, for per-client limits. Behind a reverse proxy every request arrives from the
 * proxy's address, so with `TRUST_PROXY=true` the client is the first address of `X-Forwarded-For`
 * instead. Only set it behind a proxy that overwrites that header: otherwise any client can name itself.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
