// Starts one throwaway PostgreSQL server for the adapters tier's run (test/helpers/postgres-server.ts)
// and stops it at the end; each test file makes its own database on it (freshPostgresDatabase).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's maintenance database: where new databases are created from. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.url('postgres'));
  return () => server.stop();
}
