/**
 * Writes an Apollo response that the edge cache does not keep: Apollo's headers and status, Server-Timing,
 * and the body compressed (gzip or brotli, as the client prefers) when it is at least 1 kB. Bodies end in
 * a newline, as Apollo's default stringifyResult ends them (json-body.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPGraphQLResponse } from '@apollo/server';
import { compressFor, MIN_COMPRESS_BYTES } from './edge/encode-response.js';
import { negotiateEncoding } from './edge/negotiate-encoding.js';
import { bodyBytes, bodyText } from './json-body.js';

export async function sendApolloResponse(req: IncomingMessage, res: ServerResponse, response: HTTPGraphQLResponse, timing: () => string): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    const text = response.body.string;
    // One UTF-16 unit is at least one UTF-8 byte, so only a short text can be a small body.
    if (text.length < MIN_COMPRESS_BYTES) {
      const small = bodyText(text);
      const length = Buffer.byteLength(small, 'utf8');
      if (length < MIN_COMPRESS_BYTES) {
        // Small answers (most cold reads) go out as the string: no Buffer copy, and Node writes the
        // headers and the body in one piece.
        res.setHeader('server-timing', timing());
        res.setHeader('content-length', length);
        res.end(small, 'utf8');
        return;
      }
    }
    let body: Buffer = bodyBytes(text);
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    res.setHeader('vary', 'Accept, Accept-Encoding');
    if (encoding !== 'identity') {
      body = await compressFor(encoding, body);
      res.setHeader('content-encoding', encoding);
    }
    res.setHeader('server-timing', timing());
    res.setHeader('content-length', body.length);
    res.end(body);
    return;
  }
  // Incremental delivery: headers go out before the rest runs, so this timing covers only the first part.
  res.setHeader('server-timing', timing());
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
