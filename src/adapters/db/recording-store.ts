// Recording rows: written 'pending' with the ticket at hang-up, completed once the file is measured.
import { and, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { MeasuredRecording, RecordingRecords, RecordingRow } from '../../app/ports/recording-records.js';
import type { Db } from './open-database.js';
import { calls, recordings } from './schema.js';

// The routes read rows from here; the row is app's (ports/recording-records.ts).
export type { RecordingRow };

// The methods are async for the port (a networked database answers later); SQLite answers at once.
export class RecordingStore implements RecordingRecords {
  private readonly byId;
  private readonly byCall;

  /** `pbx`: in a cluster, the PBX whose recordings this server measures and purges (its files are on that box); null: all. */
  constructor(
    private readonly db: Db,
    private readonly pbx: string | null = null,
  ) {
    this.byId = db.select().from(recordings).where(eq(recordings.id, sql.placeholder('id'))).prepare();
    this.byCall = db.select().from(recordings).where(eq(recordings.callId, sql.placeholder('callId'))).orderBy(recordings.createdAt).prepare();
  }

  async get(id: string): Promise<RecordingRow | undefined> {
    return this.byId.get({ id });
  }

  async ofCall(callId: string): Promise<RecordingRow[]> {
    return this.byCall.all({ callId });
  }

  async pending(limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(this.scoped(eq(recordings.state, 'pending'))).orderBy(recordings.createdAt).limit(limit).all();
  }

  async markReady(id: string, facts: MeasuredRecording, now: number): Promise<void> {
    this.db.update(recordings).set({ ...facts, state: 'ready', updatedAt: now }).where(eq(recordings.id, id)).run();
  }

  async markMissing(id: string, now: number): Promise<void> {
    this.db.update(recordings).set({ state: 'missing', updatedAt: now }).where(and(eq(recordings.id, id), eq(recordings.state, 'pending'))).run();
  }

  /** Ready recordings past their retention date. */
  async expired(now: number, limit: number): Promise<RecordingRow[]> {
    return this.db.select().from(recordings).where(this.scoped(and(eq(recordings.state, 'ready'), lte(recordings.deleteAfter, now)))).limit(limit).all();
  }

  async markPurged(id: string, now: number): Promise<void> {
    this.db.update(recordings).set({ state: 'purged', updatedAt: now }).where(eq(recordings.id, id)).run();
  }

  /** Only this server's PBX's recordings, when it has one: another box's files are not here to measure or delete. */
  private scoped(condition: SQL | undefined): SQL | undefined {
    return this.pbx === null ? condition : and(condition, inArray(recordings.callId, this.db.select({ id: calls.id }).from(calls).where(eq(calls.pbx, this.pbx))));
  }
}
