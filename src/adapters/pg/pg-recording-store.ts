// Recording rows on PostgreSQL, as on SQLite (db/recording-store.ts): written 'pending' with the
// ticket, completed once the file is measured, purged after retention.
import { and, eq, lte } from 'drizzle-orm';
import type { MeasuredRecording, RecordingRecords, RecordingRow } from '../../app/ports/recording-records.js';
import type { PgDb } from './open-postgres.js';
import { recordings } from './schema.js';

export class PgRecordingStore implements RecordingRecords {
  constructor(private readonly db: PgDb) {}

  async get(id: string): Promise<RecordingRow | undefined> {
    const [row] = await this.db.select().from(recordings).where(eq(recordings.id, id)).limit(1);
    return row;
  }

  ofCall(callId: string): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(eq(recordings.callId, callId)).orderBy(recordings.createdAt);
  }

  pending(limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(eq(recordings.state, 'pending')).orderBy(recordings.createdAt).limit(limit);
  }

  async markReady(id: string, facts: MeasuredRecording, now: number): Promise<void> {
    await this.db.update(recordings).set({ ...facts, state: 'ready', updatedAt: now }).where(eq(recordings.id, id));
  }

  async markMissing(id: string, now: number): Promise<void> {
    await this.db.update(recordings).set({ state: 'missing', updatedAt: now }).where(and(eq(recordings.id, id), eq(recordings.state, 'pending')));
  }

  /** Ready recordings past their retention date. */
  expired(now: number, limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(and(eq(recordings.state, 'ready'), lte(recordings.deleteAfter, now))).limit(limit);
  }

  async markPurged(id: string, now: number): Promise<void> {
    await this.db.update(recordings).set({ state: 'purged', updatedAt: now }).where(eq(recordings.id, id));
  }
}
