#!/usr/bin/env node
// The package bin: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import('../dist/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    console.error('stockql is not built yet: run `npm run build` (or `npm ci`, which builds) first.');
    process.exit(1);
  }
  throw error;
});
