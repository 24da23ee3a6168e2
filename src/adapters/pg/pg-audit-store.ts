// The audit log on PostgreSQL: the same rows, filters and cursors as on SQLite (db/audit-store.ts).
import { and, desc, lt } from 'drizzle-orm';
import { auditConditions } from '../sql/audit-conditions.js';
import type { AuditEntry, AuditFilter, AuditLog, AuditPage, AuditTrail } from '../../app/ports/audit-log.js';
import { decodeCursor, encodeCursor } from '../db/audit-store.js';
import type { PgDb } from './open-postgres.js';
import { auditLog } from './schema.js';

export class PgAuditStore implements AuditLog, AuditTrail {
  constructor(private readonly db: PgDb) {}

  async write(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({ ...entry, detail: entry.detail ?? null });
  }

  /** A page of the entries that match, newest first; null when the cursor is not one of ours. */
  async page(filter: AuditFilter): Promise<AuditPage | null> {
    const below = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
    if (below === null) return null;
    if (filter.targets?.length === 0) return { rows: [], nextCursor: null };
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(...auditConditions(auditLog, filter), below === undefined ? undefined : lt(auditLog.id, below)))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit + 1);
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.id) : null };
  }
}
