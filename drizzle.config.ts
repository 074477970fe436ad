import { defineConfig } from 'drizzle-kit';

// Migrations are generated into drizzle/ (committed) and applied by the server at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? './data/stockql.db' },
});
