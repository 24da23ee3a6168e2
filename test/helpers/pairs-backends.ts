// The storage contract's two databases with plain SQL beside the stores, for the tests that change
// rows the way no store does (an administrator's update or delete, thousands of copies at once) and
// check that the database itself keeps its indexes up to date.
import pg from 'pg';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { pairToken } from '../../src/adapters/db/text-pairs.js';
import { openStorage, sqliteStorage } from '../../src/boot/storage.js';
import { createLogger } from '../../src/logging/logger.js';
import { freshPostgresDatabase } from './postgres-database.js';
import type { ContractStores } from './storage-backends.js';

export interface PairsBackend {
  readonly stores: ContractStores;
  /** Runs one statement of plain SQL (the same text on both databases). */
  sql(statement: string): Promise<void>;
  /**
   * `count` copies of the ticket of `callId` (and of its call), titled `title` with no description or
   * location, each a second newer than the one before.
   */
  bulkCopy(callId: string, count: number, title: string): Promise<void>;
  /** The call ids of the tickets the pair index alone says hold `pair` (no check of the text), in id order. */
  indexed(pair: string): Promise<string[]>;
  close(): Promise<void>;
}

interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  open(label: string): Promise<{ stores: ContractStores; run(statement: string): Promise<void>; columns(table: string): Promise<string[]>; indexed(pair: string): Promise<string[]>; end(): Promise<void> }>;
  /** A table `series(n)` of 1..count. */
  series(count: number): string;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

// Every column copied as it is, except those replaced (unique keys, the text, the time); a ticket's
// id is left to the database.
function copyStatement(table: string, columns: readonly string[], replaced: Readonly<Record<string, string>>, where: string, series: string): string {
  const kept = columns.filter((column) => table !== 'tickets' || column !== 'id');
  return `insert into ${table} (${kept.join(', ')}) select ${kept.map((column) => replaced[column] ?? column).join(', ')} from ${table}, ${series} where ${where}`;
}

function backend(dialect: Dialect): { readonly name: string; open(label: string): Promise<PairsBackend> } {
  return {
    name: dialect.name,
    open: async (label) => {
      const { stores, run, columns, indexed, end } = await dialect.open(label);
      // Copies so far: the next ones' keys continue after them.
      let copied = 0;
      return {
        stores,
        sql: run,
        indexed,
        bulkCopy: async (callId, count, title) => {
          const series = dialect.series(count);
          const key = `(n + ${copied})`;
          await run(copyStatement('calls', await columns('calls'), { id: `id || '-' || ${key}` }, `id = ${quote(callId)}`, series));
          const replaced = { number: `number || '-' || ${key}`, call_id: `call_id || '-' || ${key}`, title: quote(title), description: `''`, location: `''`, created_at: `created_at + ${key} * 1000` };
          await run(copyStatement('tickets', await columns('tickets'), replaced, `call_id = ${quote(callId)}`, series));
          copied += count;
        },
        close: async () => {
          await stores.close();
          await end();
        },
      };
    },
  };
}

const sqlite: Dialect = {
  name: 'sqlite',
  open: async () => {
    const database = openDatabase(':memory:');
    return {
      stores: sqliteStorage(database, ':memory:'),
      run: async (statement) => void database.sqlite.exec(statement),
      columns: async (table) => (database.sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name),
      indexed: async (pair) =>
        (database.sqlite.prepare(`select call_id as id from tickets where id in (select rowid from tickets_pairs where tickets_pairs match ?) order by id`).all(`"${pairToken(pair)}"`) as { id: string }[]).map((row) => row.id),
      end: async () => undefined,
    };
  },
  series: (count) => `(with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count}) select n from s) as series`,
};

const postgres: Dialect = {
  name: 'postgres',
  open: async (label) => {
    const url = await freshPostgresDatabase(label);
    const stores = await openStorage({ dbFile: '', databaseUrl: url, cluster: null }, createLogger('silent'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      stores,
      run: async (statement) => void (await client.query(statement)),
      columns: async (table) => (await client.query<{ name: string }>('select column_name as name from information_schema.columns where table_name = $1 order by ordinal_position', [table])).rows.map((row) => row.name),
      indexed: async (pair) => {
        // Only the index: the planner is told not to read the table in order, so the GIN index answers.
        await client.query('set enable_seqscan = off');
        const { rows } = await client.query<{ id: string }>('select call_id as id from tickets where ticket_text_pairs(number, title, description, location) @> array[lower($1::text)] order by id', [pair]);
        await client.query('reset enable_seqscan');
        return rows.map((row) => row.id);
      },
      end: () => client.end(),
    };
  },
  series: (count) => `generate_series(1, ${count}) as series(n)`,
};

export const pairsBackends = (): ReturnType<typeof backend>[] => [backend(sqlite), backend(postgres)];
