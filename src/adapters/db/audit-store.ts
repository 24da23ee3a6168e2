// The audit log: who read or changed what, and whether it was allowed. Rows are only ever added.
import { and, desc, eq } from 'drizzle-orm';
import type { AuditEntry, AuditLog } from '../../app/ports/audit-log.js';
import type { Db } from './open-database.js';
import { auditLog } from './schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

export class AuditStore implements AuditLog {
  constructor(private readonly db: Db) {}

  write(entry: AuditEntry): void {
    this.db.insert(auditLog).values({ ...entry, detail: entry.detail ?? null }).run();
  }

  list(filter: { target?: string; action?: string; limit: number }): AuditRow[] {
    const where = and(filter.target ? eq(auditLog.target, filter.target) : undefined, filter.action ? eq(auditLog.action, filter.action) : undefined);
    return this.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(filter.limit).all();
  }
}
