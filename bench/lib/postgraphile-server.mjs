// The peer of the peer benchmark: PostGraphile 4 as a library on node:http, serving the PostgreSQL database
// named by argv[2] (the mirror of the seeded market, bench/mirror-to-postgres.ts) on a free loopback port,
// which it prints on stdout once the schema is built. Started by bench/lib/http.ts; stops on SIGTERM.
//
// Configured the way PostGraphile's docs recommend for production (the "For Production" option set of its
// usage pages), minus what a read-only benchmark must not have: no GraphiQL, no query log (the docs warn it
// costs performance), no watch mode, no extended errors or error stacks, no query batching (stockql refuses
// batches too), no subscriptions. It is plain CommonJS underneath and brings its own graphql 15, so it
// runs in a process of its own, loaded with require.
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

// One graphql for the whole PostGraphile stack. Next to stockql's graphql 16 at the top of node_modules, npm
// nests a graphql 15 (and a graphile-build) under postgraphile and another under graphile-build-pg, and
// leaves graphql-parse-resolve-info on the top-level graphql 16. Types built by one copy fail the instanceof
// checks of another ("Unexpected input type: Int" on any argument), so every `graphql` and `graphile-build`
// of this process resolves to postgraphile's own copies: what a project with PostGraphile alone installs.
const anchor = require.resolve('postgraphile');
const anchorModule = { id: anchor, filename: anchor, paths: Module._nodeModulePaths(dirname(anchor)) };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const shared = request === 'graphql' || request.startsWith('graphql/') || request === 'graphile-build';
  return resolveFilename.call(this, request, shared ? anchorModule : parent, ...rest);
};

const { postgraphile } = require('postgraphile');
const PgSimplifyInflectorPlugin = require('@graphile-contrib/pg-simplify-inflector');
const { Pool } = require('pg');

// PostGraphile's own pool size (pg's default of 10), but idle connections are kept: by default pg closes
// them after 10 s idle, and the benchmark pins the backends serving this pool to the servers' core once,
// so a reconnect while another target is measured would bring back an unpinned backend. Under production
// load the pool never idles that long anyway.
const pool = new Pool({ connectionString: process.argv[2], max: 10, idleTimeoutMillis: 0 });

const middleware = postgraphile(pool, 'public', {
  appendPlugins: [PgSimplifyInflectorPlugin],
  graphiql: false,
  disableQueryLog: true,
  watchPg: false,
  enableQueryBatching: false,
  showErrorStack: false,
  extendedErrors: [],
  subscriptions: false,
  retryOnInitFail: false,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  ignoreIndexes: false,
  legacyRelations: 'omit',
});

const server = createServer(middleware);
// Build the schema (introspection) before reporting the port, so no measured request waits for it.
await middleware.getGraphQLSchema();
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => pool.end().finally(() => process.exit(0)));
});
