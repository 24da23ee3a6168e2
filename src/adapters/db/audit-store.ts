// The audit log: who read or changed what, and whether it was allowed. Rows are only ever added;
// they are read back newest first, a page at a time, keyed on the id so a page costs the same anywhere.
import { and, desc, lt } from 'drizzle-orm';
import { auditConditions } from '../sql/audit-conditions.js';
import type { AuditEntry, AuditFilter, AuditLog, AuditPage, AuditRow, AuditTrail } from '../../app/ports/audit-log.js';
import type { Db } from './open-database.js';
import { auditLog } from './schema.js';

// The rows and filter are app's (ports/audit-log.ts).
export type { AuditFilter, AuditPage, AuditRow };

export const encodeCursor = (id: number): string => Buffer.from(`audit:${id}`).toString('base64url');

/** The id a cursor continues below, or null for a cursor this server did not hand out. */
export function decodeCursor(cursor: string): number | null {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}

// The methods are async for the ports (a networked database answers later); SQLite answers at once.
export class AuditStore implements AuditLog, AuditTrail {
  constructor(private readonly db: Db) {}

  async write(entry: AuditEntry): Promise<void> {
    this.db.insert(auditLog).values({ ...entry, detail: entry.detail ?? null }).run();
  }

  /** A page of the entries that match, newest first; null when the cursor is not one of ours. */
  async page(filter: AuditFilter): Promise<AuditPage | null> {
    const below = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    if (below === null) return null;
    if (filter.targets?.length === 0) return { rows: [], nextCursor: null };
    const rows = this.db
      .select()
      .from(auditLog)
      .where(and(...auditConditions(auditLog, filter), below === undefined ? undefined : lt(auditLog.id, below)))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit + 1)
      .all();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.id) : null };
  }
}
