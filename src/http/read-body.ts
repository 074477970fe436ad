/**
 * Reads a request body up to a size limit, and parses JSON bodies, turning every client mistake into a
 * typed outcome (never an exception with a stack trace).
 */
import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { kind: 'ok'; body: unknown }
  | { kind: 'tooLarge'; limitBytes: number }
  | { kind: 'malformedJson'; detail: string }
  | { kind: 'aborted' };

export function readBody(req: IncomingMessage, limitBytes: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume();
      resolve({ kind: 'tooLarge', limitBytes });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.resume();
        settle({ kind: 'tooLarge', limitBytes });
        return;
      }
      if (!settled) chunks.push(chunk);
    });
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('end', () => {
      if (settled) return;
      const text = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/(graphql-response\+)?json\b/i.test(type) || text.length === 0) {
        settle({ kind: 'ok', body: text.length === 0 ? undefined : text });
        return;
      }
      try {
        settle({ kind: 'ok', body: JSON.parse(text) });
      } catch (error) {
        settle({ kind: 'malformedJson', detail: error instanceof Error ? error.message : 'invalid JSON' });
      }
    });
  });
}
