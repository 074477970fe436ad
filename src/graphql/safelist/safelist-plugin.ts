/**
 * Trusted documents: with this plugin, Apollo Server runs only the operations in the manifest
 * (operations/*.graphql, built into src/generated/operation-manifest.json) and refuses everything else
 * with PERSISTED_QUERY_NOT_ALLOWED and a 400. Pair it with `persistedQueries: { cache:
 * manifestKeyValueCache(manifest) }`, which serves a listed operation sent by id alone.
 *
 * What counts as listed is the hash of the text, checked before anything else happens:
 * - `query` sent (with or without `extensions.persistedQuery`): allowed when SHA-256(query) is a
 *   manifest id. The text a client sends is what runs, so a listed hash sent along with other text does
 *   not help: that text is judged by its own hash (and Apollo refuses the mismatch anyway).
 * - only `extensions.persistedQuery.sha256Hash`: allowed when it is a manifest id; the text then comes
 *   from the manifest. An unknown id gets PERSISTED_QUERY_NOT_ALLOWED, not PERSISTED_QUERY_NOT_FOUND:
 *   NOT_FOUND tells an APQ client to send the text so it can be registered, and in a safelist nothing
 *   can be registered, so that retry could only fail.
 *
 * Why judge in `requestDidStart` and refuse in `didResolveOperation`: Apollo offers no hook before
 * parsing that may answer a request (an error thrown from `didResolveSource` becomes a 500), and
 * refusing after parsing and validating would let unlisted text reach the parser and the validator —
 * the work, and the schema hints in validation errors, a safelist exists to withhold. So a refused
 * request's text is swapped, before Apollo reads it, for a one-field placeholder, and the refusal is
 * thrown from the first hook that may answer with an error. That hook also checks the hash of what
 * Apollo actually parsed, so the plugin fails closed even if the swap ever stopped taking effect.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { documentId, type OperationManifest } from './operation-manifest.js';

export interface SafelistRefusal {
  /** `unlisted-text`: a `query` whose hash is not in the manifest; `unknown-id`: a hash alone that is not. */
  reason: 'unlisted-text' | 'unknown-id';
  /** The SHA-256 of the text sent, or the id sent. */
  id: string;
  /** As the client named it; null when it did not. */
  operationName: string | null;
}

export interface SafelistPluginOptions {
  /** Called once per refused request, to log or count refusals. @default undefined */
  onRefused?: (refusal: SafelistRefusal) => void;
}

/** What a refused request runs instead of its own text: parsed in microseconds, never executed. */
const PLACEHOLDER_DOCUMENT = 'query PersistedQueryNotAllowed { __typename }';

export function safelistPlugin(manifest: OperationManifest, options: SafelistPluginOptions = {}): ApolloServerPlugin {
  const ids = new Set(manifest.operations.map((operation) => operation.id));
  return {
    async requestDidStart({ request }) {
      const refusal = judge(request, ids);
      if (refusal !== null) {
        options.onRefused?.(refusal);
        request.query = PLACEHOLDER_DOCUMENT;
        request.operationName = undefined;
        // Without the extension Apollo neither compares the placeholder with a sent hash nor registers it.
        if (request.extensions) request.extensions = { ...request.extensions, persistedQuery: undefined };
      }
      return {
        async didResolveOperation({ queryHash, operationName }) {
          if (refusal !== null) throw notAllowed(refusal);
          // Fail closed: what Apollo parsed must be listed too, should a later Apollo read the text earlier.
          if (!ids.has(queryHash)) throw notAllowed({ reason: 'unlisted-text', id: queryHash, operationName });
        },
      };
    },
  };
}

/** Null when the request may run (or is malformed in a way Apollo reports itself); else why not. */
function judge(request: GraphQLRequest, ids: ReadonlySet<string>): SafelistRefusal | null {
  const operationName = request.operationName ?? null;
  if (typeof request.query === 'string') {
    const id = documentId(request.query);
    return ids.has(id) ? null : { reason: 'unlisted-text', id, operationName };
  }
  const persisted: unknown = request.extensions?.persistedQuery;
  const sent = typeof persisted === 'object' && persisted !== null ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined;
  if (typeof sent !== 'string') return null;
  return ids.has(sent) ? null : { reason: 'unknown-id', id: sent, operationName };
}

function notAllowed({ reason, id, operationName }: SafelistRefusal): GraphQLError {
  const what = reason === 'unknown-id' ? `The id ${id} is not` : `${operationName ? `Operation ${operationName}` : 'This operation'} (SHA-256 ${id}) is not`;
  return new GraphQLError(
    `${what} in this server's safelist of persisted operations. Send a listed operation's exact body or just its id ` +
      '(as extensions.persistedQuery.sha256Hash); to list a new one, add it to operations/*.graphql, run `npm run operations` and deploy the new manifest.',
    { extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400 } } },
  );
}
