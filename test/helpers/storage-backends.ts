// The storage contract's two databases: each test of test/adapters/storage runs once on SQLite (in
// memory, or a file several servers share; the real migrations) and once on PostgreSQL (a fresh database on the tier's server, the
// real migrations), through the same ports the server uses (src/boot/storage.ts), and must see the
// same answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { openStorage, sqliteStorage, type Storage } from '../../src/boot/storage.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { freshPostgresDatabase } from './postgres-database.js';

export type ContractStores = Storage;

export interface StorageBackend {
  readonly name: 'sqlite' | 'postgres';
  open(label: string): Promise<ContractStores>;
  /** One database shared by several servers, each opened as running the calls of its PBX (null: a single box's). */
  openSharing<K extends string>(label: string, pbxOf: Readonly<Record<K, string | null>>): Promise<Record<K, ContractStores>>;
}

const silent = createLogger('silent');

/** A cluster's settings for a server running `pbx`'s calls; storage reads only the PBX. */
function clusterOf(pbx: string | null): Config['cluster'] {
  return pbx === null ? null : { redisUrl: 'redis://127.0.0.1:6379', node: `node-${pbx}`, pbx, pbxs: [pbx], mayLead: false, trunkEndpoint: 'PJSIP/{agent}@trunk-{pbx}', url: null };
}

/** One after the other: each open brings the schema up to date, and two at once would race. */
async function openEach<K extends string>(where: Pick<Config, 'dbFile' | 'databaseUrl'>, pbxOf: Readonly<Record<K, string | null>>): Promise<Record<K, ContractStores>> {
  const opened: Partial<Record<K, ContractStores>> = {};
  for (const key of Object.keys(pbxOf) as K[]) opened[key] = await openStorage({ ...where, cluster: clusterOf(pbxOf[key]) }, silent);
  return opened as Record<K, ContractStores>;
}

// Several connections see one SQLite database only in a file.
const sqliteFile = (label: string): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`)), 'hotline.db');

export const STORAGE_BACKENDS: readonly StorageBackend[] = [
  {
    name: 'sqlite',
    open: async () => sqliteStorage(openDatabase(':memory:'), ':memory:'),
    openSharing: async (label, pbxOf) => openEach({ dbFile: sqliteFile(label), databaseUrl: null }, pbxOf),
  },
  {
    name: 'postgres',
    open: async (label) => openStorage({ dbFile: '', databaseUrl: await freshPostgresDatabase(label), cluster: null }, silent),
    openSharing: async (label, pbxOf) => openEach({ dbFile: '', databaseUrl: await freshPostgresDatabase(label) }, pbxOf),
  },
];
