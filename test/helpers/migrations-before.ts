// A copy of a migrations folder cut before one migration, so a test can store rows as they were before
// it and then run it (the migration tests of the pair index and of the tickets' sums).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

interface Journal {
  entries: { tag: string }[];
}

/** A copy of a migrations folder that stops before the migration tagged `before`. */
export function migrationsBefore(folder: string, before: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
  const until = journal.entries.findIndex((entry) => entry.tag === before);
  expect(until).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, until);
  fs.mkdirSync(path.join(copy, 'meta'));
  fs.writeFileSync(path.join(copy, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) fs.copyFileSync(path.join(folder, `${entry.tag}.sql`), path.join(copy, `${entry.tag}.sql`));
  return copy;
}

