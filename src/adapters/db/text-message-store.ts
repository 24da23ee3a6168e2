// Text messages in SQLite: one row per idempotency key (a unique index makes a second insert of a
// key a no-op), updated as the message is submitted and reported on.
import { and, asc, eq } from 'drizzle-orm';
import type { NewTextMessage, TextMessageChange, TextMessageRecords, TextMessageRow } from '../../app/ports/text-message-records.js';
import type { Db } from './open-database.js';
import { textMessages } from './schema.js';

export class TextMessageStore implements TextMessageRecords {
  constructor(private readonly db: Db) {}

  async createOnce(message: NewTextMessage): Promise<{ readonly row: TextMessageRow; readonly created: boolean }> {
    const inserted = this.db.insert(textMessages).values({ ...message, status: 'queued', attempts: 0 }).onConflictDoNothing({ target: textMessages.key }).run();
    const row = await this.byKey(message.key);
    if (!row) throw new Error(`text message ${message.key} vanished after its insert`);
    return { row, created: inserted.changes === 1 };
  }

  async byId(id: string): Promise<TextMessageRow | null> {
    return this.db.select().from(textMessages).where(eq(textMessages.id, id)).get() ?? null;
  }

  async byKey(key: string): Promise<TextMessageRow | null> {
    return this.db.select().from(textMessages).where(eq(textMessages.key, key)).get() ?? null;
  }

  async byProviderId(gateway: string, providerId: string): Promise<TextMessageRow | null> {
    return this.db.select().from(textMessages).where(and(eq(textMessages.gateway, gateway), eq(textMessages.providerId, providerId))).get() ?? null;
  }

  async update(id: string, change: TextMessageChange): Promise<void> {
    if (Object.keys(change).length === 0) return;
    this.db.update(textMessages).set(change).where(eq(textMessages.id, id)).run();
  }

  async claimAttempt(id: string, attemptsSeen: number, holdUntil: number): Promise<boolean> {
    const claimed = this.db.update(textMessages).set({ attempts: attemptsSeen + 1, nextAttemptAt: holdUntil }).where(and(eq(textMessages.id, id), eq(textMessages.status, 'queued'), eq(textMessages.attempts, attemptsSeen))).run();
    return claimed.changes === 1;
  }

  async queued(limit: number): Promise<TextMessageRow[]> {
    return this.db.select().from(textMessages).where(eq(textMessages.status, 'queued')).orderBy(asc(textMessages.createdAt), asc(textMessages.id)).limit(limit).all();
  }
}
