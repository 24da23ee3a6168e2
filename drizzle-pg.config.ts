import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema's migrations (`npm run db:generate:pg`); SQLite's are in drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/pg/schema.ts',
  out: './drizzle-pg',
});
