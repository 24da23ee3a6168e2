// Where app writes who read or changed what, and whether it was allowed: entries are only ever added. The db adapter implements it.

export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly result: 'ok' | 'denied' | 'failed';
  readonly detail?: Record<string, unknown>;
}

export interface AuditLog {
  write(entry: AuditEntry): void;
}
