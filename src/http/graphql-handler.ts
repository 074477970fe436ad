/**
 * POST/GET /graphql on plain node:http. In order:
 * 1. read the raw body (size-limited), but do not parse it yet;
 * 2. edge cache: a request that passes Apollo's CSRF rule is keyed by (method, query string, body bytes,
 *    Accept); a stored response that is still fresh (nothing it read has changed: src/http/edge/edge-cache.ts)
 *    is written as it is (pre-compressed, ETag/304, Age) before any JSON parsing or GraphQL work, and an
 *    identical request already running is awaited instead of repeated;
 * 3. otherwise parse, run Apollo with the request's statement recorder in its context, and keep the response when it
 *    has no errors and Apollo's cacheControl hints make it publicly cacheable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { CacheTally, type RequestCaching, type VersionReader } from '../cache/index.js';
import { StatementRecorder } from '../db/statement-recorder.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';
import type { RequestCounters } from '../modules/metrics/metrics.service.js';
import { parseCachePolicy } from './edge/cache-policy.js';
import { passesCsrfPrevention } from './edge/csrf.js';
import type { EdgeCache, PendingResponse } from './edge/edge-cache.js';
import { encodeResponse, type EncodedResponse } from './edge/encode-response.js';
import { responseCacheKey } from './edge/request-key.js';
import { sendEncoded } from './edge/send-encoded.js';
import { mediaTypeEssence } from './media-type.js';
import { onRawBody, parseBody } from './read-body.js';
import { requestIdOf, type RequestObserver } from '../observability/request-observer.js';
import { sendGraphQLError } from './respond.js';
import { bodyText } from './json-body.js';
import { sendApolloResponse } from './send-apollo-response.js';
import { edgeHitTiming, refusalTiming, serverTiming } from './server-timing.js';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<GraphQLContext>;
  createContext: (recorder: StatementRecorder, caching: RequestCaching, requestId: string) => GraphQLContext;
  /** The current version of each piece of data: what the loaders key by and the edge cache judges by. */
  versions: VersionReader;
  /** Whole-response cache; null when caching is off. */
  edge: EdgeCache | null;
  /** Edge hits never reach Apollo's counting plugin, so the handler counts them. */
  counters: RequestCounters;
  /** @default 102400 (100 kB) */
  bodyLimitBytes?: number;
  /** Told about every answered operation (stats and request logs). */
  observe?: RequestObserver;
}

/** What the handler knows about a request once its body is read. */
interface RequestFacts {
  requestId: string;
  method: string;
  search: string;
  bytes: Buffer | undefined;
  started: number;
}

export function createGraphQLHandler(options: GraphQLHandlerOptions) {
  const { edge, counters, bodyLimitBytes = 100 * 1024 } = options;

  /**
   * Answers one request. Returns nothing when the edge cache answered synchronously (no promise at all on
   * a hit), else a promise of the rest of the work; the server attaches its error handling to it.
   */
  return function handleGraphQL(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> | undefined {
    const started = performance.now();
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const method = req.method ?? 'GET';
    if (method !== 'POST') return afterBody(req, res, search, method, undefined, started, requestId);
    const contentType = req.headers['content-type'];
    if (contentType === undefined || mediaTypeEssence(contentType) !== 'application/json') {
      req.resume();
      sendGraphQLError(res, 415, ErrorCode.BAD_REQUEST, `Content-Type ${contentType === undefined ? '(none)' : JSON.stringify(contentType)} is not supported: send the request body as application/json.`, refusalTiming(started));
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      onRawBody(req, bodyLimitBytes, (raw) => {
        if (raw.kind === 'aborted') return resolve();
        if (raw.kind === 'tooLarge') {
          sendGraphQLError(res, 413, ErrorCode.BAD_REQUEST, `The request body is larger than ${raw.limitBytes} bytes: send a smaller query.`, refusalTiming(started));
          return resolve();
        }
        try {
          const rest = afterBody(req, res, search, method, raw.bytes, started, requestId);
          if (rest === undefined) resolve();
          else rest.then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
  };

  function afterBody(
    req: IncomingMessage,
    res: ServerResponse,
    search: string,
    method: string,
    bytes: Buffer | undefined,
    started: number,
    requestId: string,
  ): Promise<void> | undefined {
    const facts: RequestFacts = { requestId, method, search, bytes, started };
    // Requests Apollo would refuse as possible CSRF never get an answer from the cache either.
    if (edge === null || !passesCsrfPrevention(method, req.headers)) return run(req, res, facts, undefined);
    const key = responseCacheKey({ method, search, body: bytes, accept: req.headers.accept });
    const answer = (entry: EncodedResponse): undefined => {
      counters.requests += 1;
      sendEncoded(req, res, entry, { serverTiming: edgeHitTiming(performance.now() - started) });
      options.observe?.({
        requestId,
        operation: entry.operationName ?? null,
        durationMs: performance.now() - started,
        statements: 0,
        hadErrors: false,
        at: Date.now(),
        cache: 'edge',
        status: res.statusCode,
      });
      return undefined;
    };
    const cached = edge.get(key);
    if (cached !== undefined) return answer(cached);
    const inFlight = edge.inFlight(key);
    if (inFlight === undefined) return run(req, res, facts, edge.begin(key));
    // An identical request is running: take its answer when it is cacheable and still fresh (a commit may
    // have landed while it ran), else run our own.
    return inFlight.then((entry) => (entry === null || !edge.isFresh(entry) ? run(req, res, facts, edge.begin(key)) : answer(entry)));
  }

  async function run(req: IncomingMessage, res: ServerResponse, request: RequestFacts, pending: PendingResponse | undefined): Promise<void> {
    let entry: EncodedResponse | null = null;
    try {
      entry = await execute(req, res, request, pending !== undefined);
    } finally {
      pending?.finish(entry);
    }
  }

  /** Runs the operation through Apollo and answers; returns the encoded response when it may be cached. */
  async function execute(req: IncomingMessage, res: ServerResponse, request: RequestFacts, cacheable: boolean): Promise<EncodedResponse | null> {
    let body: unknown;
    if (request.bytes !== undefined) {
      const parsed = parseBody(request.bytes, req.headers['content-type']);
      if (parsed.kind === 'malformedJson') {
        sendGraphQLError(res, 400, ErrorCode.BAD_REQUEST, `The request body is not valid JSON (${parsed.detail}).`, refusalTiming(request.started));
        return null;
      }
      body = parsed.body;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    // The context's recording views count the request's statements (src/db/statement-recorder.ts).
    const recorder = new StatementRecorder();
    // Read before any data is: the response is judged by this id and by the versions its loaders saw.
    const databaseId = options.versions.databaseId;
    const caching: RequestCaching = { versions: options.versions, deps: new Map(), tally: new CacheTally() };
    const context = options.createContext(recorder, caching, request.requestId);
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers, search: request.search, body },
      context: async () => context,
    });
    const timing = () => serverTiming(performance.now() - request.started, recorder, caching.tally.outcome());

    // Only a response the edge cache may keep needs its Cache-Control parsed.
    const policy = cacheable ? parseCachePolicy(response.headers.get('cache-control')) : null;
    const storable =
      policy?.scope === 'public' &&
      (response.status ?? 200) === 200 &&
      response.body.kind === 'complete' &&
      !context.response.hasErrors &&
      // Apollo writes `errors` first; this guards the rule even if the plugin never saw the response.
      !response.body.string.startsWith('{"errors"');
    const observe = () =>
      options.observe?.({
        requestId: request.requestId,
        operation: context.response.operationName,
        durationMs: performance.now() - request.started,
        statements: recorder.statements,
        hadErrors: context.response.hasErrors,
        at: Date.now(),
        cache: caching.tally.outcome(),
        status: res.statusCode,
      });
    if (!storable || response.body.kind !== 'complete') {
      await sendApolloResponse(req, res, response, timing);
      observe();
      return null;
    }
    const entry = await encodeResponse({
      status: 200,
      contentType: response.headers.get('content-type') ?? 'application/json; charset=utf-8',
      cacheControl: response.headers.get('cache-control')!,
      body: bodyText(response.body.string),
      maxAgeSeconds: policy.maxAgeSeconds,
    });
    entry.operationName = context.response.operationName;
    entry.deps = caching.deps;
    entry.databaseId = databaseId;
    sendEncoded(req, res, entry, { serverTiming: timing() });
    observe();
    return entry;
  }
}
