// The audit log's filters as SQL conditions, for either database: drizzle builds the same
// comparisons over SQLite's and PostgreSQL's columns, so one list serves db/ and pg/.
import { eq, gte, inArray, lt, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AuditFilter } from '../../app/ports/audit-log.js';

export interface AuditColumns {
  readonly actor: AnyColumn;
  readonly target: AnyColumn;
  readonly action: AnyColumn;
  readonly result: AnyColumn;
  readonly at: AnyColumn;
}

export function auditConditions(table: AuditColumns, filter: AuditFilter): (SQL | undefined)[] {
  return [
    filter.actor === undefined ? undefined : eq(table.actor, filter.actor),
    filter.targets === undefined ? undefined : inArray(table.target, [...filter.targets]),
    filter.action === undefined ? undefined : eq(table.action, filter.action),
    filter.result === undefined ? undefined : eq(table.result, filter.result),
    filter.from === undefined ? undefined : gte(table.at, filter.from),
    filter.to === undefined ? undefined : lt(table.at, filter.to),
  ];
}
