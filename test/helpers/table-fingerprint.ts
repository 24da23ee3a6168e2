// A fingerprint of everything stored: row count and a hash of every row, per table, the tables read
// from sqlite_master so a table added later is covered without anyone listing it here.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

export type Fingerprint = Readonly<Record<string, string>>;

/** A function giving the fingerprint of every table but `skip` (e.g. the audit log, which records refusals on purpose). */
export function tableFingerprint(sqlite: Database.Database, skip: readonly string[]): () => Fingerprint {
  const statements = new Map<string, Database.Statement>();
  const tables = (): string[] =>
    (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[]).filter((name) => !skip.includes(name));
  return () => {
    const print: Record<string, string> = {};
    for (const table of tables()) {
      let statement = statements.get(table);
      if (!statement) statements.set(table, (statement = sqlite.prepare(`select * from "${table.replaceAll('"', '""')}"`).raw()));
      const rows = statement.all();
      print[table] = `${rows.length} rows ${crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`;
    }
    return print;
  };
}
