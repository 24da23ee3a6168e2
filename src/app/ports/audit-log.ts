// Where app writes who read or changed what, and whether it was allowed: entries are only ever added,
// and read back newest first, a page at a time. The db adapter implements it.

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
  /** Resolves once the entry is stored; rejects when it could not be (the caller decides what that costs). */
  write(entry: AuditEntry): Promise<void>;
}

/** An entry as kept. */
export interface AuditRow {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly target: string;
  readonly result: 'ok' | 'denied' | 'failed';
  readonly detail: Record<string, unknown> | null;
}

export interface AuditFilter {
  readonly actor?: string;
  /** Any of these targets; an empty list matches nothing (a call without recordings or ticket). */
  readonly targets?: readonly string[];
  readonly action?: string;
  readonly result?: AuditEntry['result'];
  /** Epoch ms, included. */
  readonly from?: number;
  /** Epoch ms, excluded. */
  readonly to?: number;
  /** Where to continue: the nextCursor of the previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

export interface AuditPage {
  readonly rows: AuditRow[];
  readonly nextCursor: string | null;
}

/** Reading the log (the audit routes); reading it changes nothing. */
export interface AuditTrail {
  /** A page of the entries that match, newest first; null when the cursor is not one of ours. */
  page(filter: AuditFilter): Promise<AuditPage | null>;
}
