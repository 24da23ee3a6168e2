// The audit log: who read or changed what, and whether it was allowed. Rows are only ever added.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from './open-database.js';
import { auditLog } from './schema.js';

export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly result: 'ok' | 'denied' | 'failed';
  readonly detail?: Record<string, unknown>;
}

export type AuditRow = typeof auditLog.$inferSelect;

export class AuditStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db
      .insert(auditLog)
      .values({
        at: sql.placeholder('at'),
        actor: sql.placeholder('actor'),
        role: sql.placeholder('role'),
        action: sql.placeholder('action'),
        target: sql.placeholder('target'),
        result: sql.placeholder('result'),
        detail: sql.placeholder('detail'),
      })
      .prepare();
  }

  write(entry: AuditEntry): void {
    this.insert.run({ ...entry, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail) });
  }

  list(filter: { target?: string; action?: string; limit: number }): AuditRow[] {
    const where = and(filter.target ? eq(auditLog.target, filter.target) : undefined, filter.action ? eq(auditLog.action, filter.action) : undefined);
    return this.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(filter.limit).all();
  }
}
