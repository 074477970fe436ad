/**
 * POST/GET /graphql on plain node:http: reads the body, hands the request to Apollo's
 * executeHTTPGraphQLRequest inside the request's statement recorder, and writes Apollo's answer with
 * Server-Timing added.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { StatementRecorder, withStatementRecorder } from '../db/statement-recorder.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';
import { readBody } from './read-body.js';
import { sendGraphQLError } from './respond.js';
import { serverTiming } from './server-timing.js';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<GraphQLContext>;
  createContext: (recorder: StatementRecorder) => GraphQLContext;
  /** @default 102400 (100 kB) */
  bodyLimitBytes?: number;
}

export function createGraphQLHandler({ apollo, createContext, bodyLimitBytes = 100 * 1024 }: GraphQLHandlerOptions) {
  return async function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const started = performance.now();
    const outcome = req.method === 'POST' ? await readBody(req, bodyLimitBytes) : { kind: 'ok' as const, body: undefined };
    switch (outcome.kind) {
      case 'tooLarge':
        return sendGraphQLError(res, 413, ErrorCode.BAD_REQUEST, `The request body is larger than ${outcome.limitBytes} bytes: send a smaller query.`);
      case 'malformedJson':
        return sendGraphQLError(res, 400, ErrorCode.BAD_REQUEST, `The request body is not valid JSON (${outcome.detail}).`);
      case 'aborted':
        return;
      case 'ok':
        break;
    }

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const recorder = new StatementRecorder();
    const response = await withStatementRecorder(recorder, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body: outcome.body },
        context: async () => createContext(recorder),
      }),
    );

    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('server-timing', serverTiming(performance.now() - started, recorder, 'miss'));
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    // Incremental delivery: headers go out before the rest runs, so this timing covers only the first part.
    res.setHeader('server-timing', serverTiming(performance.now() - started, recorder, 'miss'));
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
