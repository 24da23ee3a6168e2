// Opens PostgreSQL for a system of record: a bounded pool with a timeout on connecting and on every
// statement, the committed drizzle migrations applied (drizzle-pg/), and failures under stable codes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describeTarget, PgError, pgErrorOf } from './pg-error.js';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: string;
  /** Connections at most; writes of several servers share the database, so keep it small. */
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
  /** The server cancels any statement running longer (statement_timeout). */
  readonly statementTimeoutMs?: number;
}

export interface OpenPostgres {
  readonly db: PgDb;
  readonly pool: pg.Pool;
  /** Where it points, without the password (for logs). */
  readonly target: string;
  /** A cheap liveness probe for /health. */
  answers(): Promise<boolean>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle-pg');

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PgError('PG_BAD_URL', 'the PostgreSQL address is not a URL (postgres://user:password@host:port/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new PgError('PG_BAD_URL', `the PostgreSQL address must start with postgres://, not ${parsed.protocol}//`);
  return url;
}

export async function openPostgres(options: PostgresOptions): Promise<OpenPostgres> {
  const url = checkedUrl(options.url);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    // A server that stops answering altogether (frozen, a dead link) cancels nothing itself: the
    // client gives up a little after the server-side limit.
    query_timeout: (options.statementTimeoutMs ?? 10_000) + 2_000,
    // An idle connection the server or a firewall dropped is noticed on use, not by a crash:
    // the pool's 'error' event is handled below.
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // A connection that breaks while idle in the pool is replaced on next use; without a listener
  // node-postgres would take the process down with it.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw pgErrorOf(error, url, 'connecting to PostgreSQL');
  }
  try {
    await migrate(db, { migrationsFolder });
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PgError('PG_MIGRATION_FAILED', `bringing ${describeTarget(url)} up to date: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    db,
    pool,
    target: describeTarget(url),
    answers: async () => {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}
