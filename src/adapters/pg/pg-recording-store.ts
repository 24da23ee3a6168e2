// Recording rows on PostgreSQL, as on SQLite (db/recording-store.ts): written 'pending' with the
// ticket, completed once the file is measured, purged after retention.
import { and, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { MeasuredRecording, RecordingRecords, RecordingRow } from '../../app/ports/recording-records.js';
import type { PgDb } from './open-postgres.js';
import { calls, recordings } from './schema.js';

export class PgRecordingStore implements RecordingRecords {
  /** `pbx`: in a cluster, the PBX whose recordings this server measures and purges (its files are on that box); null: all. */
  constructor(
    private readonly db: PgDb,
    private readonly pbx: string | null = null,
  ) {}

  async get(id: string): Promise<RecordingRow | undefined> {
    const [row] = await this.db.select().from(recordings).where(eq(recordings.id, id)).limit(1);
    return row;
  }

  ofCall(callId: string): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(eq(recordings.callId, callId)).orderBy(recordings.createdAt);
  }

  pending(limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(this.scoped(eq(recordings.state, 'pending'))).orderBy(recordings.createdAt).limit(limit);
  }

  async markReady(id: string, facts: MeasuredRecording, now: number): Promise<void> {
    await this.db.update(recordings).set({ ...facts, state: 'ready', updatedAt: now }).where(eq(recordings.id, id));
  }

  async markMissing(id: string, now: number): Promise<void> {
    await this.db.update(recordings).set({ state: 'missing', updatedAt: now }).where(and(eq(recordings.id, id), eq(recordings.state, 'pending')));
  }

  /** Ready recordings past their retention date. */
  expired(now: number, limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(this.scoped(and(eq(recordings.state, 'ready'), lte(recordings.deleteAfter, now)))).limit(limit);
  }

  async markPurged(id: string, now: number): Promise<void> {
    await this.db.update(recordings).set({ state: 'purged', updatedAt: now }).where(eq(recordings.id, id));
  }

  /** Only this server's PBX's recordings, when it has one: another box's files are not here to measure or delete. */
  private scoped(condition: SQL | undefined): SQL | undefined {
    return this.pbx === null ? condition : and(condition, inArray(recordings.callId, this.db.select({ id: calls.id }).from(calls).where(eq(calls.pbx, this.pbx))));
  }
}
