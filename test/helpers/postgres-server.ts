// A throwaway PostgreSQL server for the tests (src/local-cluster/local-postgres.ts): a fresh cluster
// in a temporary folder, on loopback at a free port, fsync off unless asked (a test's data need not
// survive a power cut); as root it belongs to Debian's `postgres` user.
import { startLocalPostgres } from '../../src/local-cluster/local-postgres.js';

export interface PostgresServer {
  /** A connection string for a database of this server. */
  url(database: string): string;
  /** Creates an empty database and gives its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** fsync and synchronous commits on, as production runs (benchmarks); off by default for tests. */
  readonly durable?: boolean;
}

export function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  return startLocalPostgres({ durable: options.durable ?? false });
}
