// Text messages on PostgreSQL: the same rows and answers as on SQLite (db/text-message-store.ts); the
// unique key makes two servers asked for one key at once store one message.
import { and, asc, eq } from 'drizzle-orm';
import type { NewTextMessage, TextMessageChange, TextMessageRecords, TextMessageRow } from '../../app/ports/text-message-records.js';
import type { PgDb } from './open-postgres.js';
import { textMessages } from './schema.js';

export class PgTextMessageStore implements TextMessageRecords {
  constructor(private readonly db: PgDb) {}

  async createOnce(message: NewTextMessage): Promise<{ readonly row: TextMessageRow; readonly created: boolean }> {
    const inserted = await this.db.insert(textMessages).values({ ...message, status: 'queued', attempts: 0 }).onConflictDoNothing({ target: textMessages.key }).returning({ id: textMessages.id });
    const row = await this.byKey(message.key);
    if (!row) throw new Error(`text message ${message.key} vanished after its insert`);
    return { row, created: inserted.length === 1 };
  }

  async byId(id: string): Promise<TextMessageRow | null> {
    const [row] = await this.db.select().from(textMessages).where(eq(textMessages.id, id)).limit(1);
    return row ?? null;
  }

  async byKey(key: string): Promise<TextMessageRow | null> {
    const [row] = await this.db.select().from(textMessages).where(eq(textMessages.key, key)).limit(1);
    return row ?? null;
  }

  async byProviderId(gateway: string, providerId: string): Promise<TextMessageRow | null> {
    const [row] = await this.db.select().from(textMessages).where(and(eq(textMessages.gateway, gateway), eq(textMessages.providerId, providerId))).limit(1);
    return row ?? null;
  }

  async update(id: string, change: TextMessageChange): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await this.db.update(textMessages).set(change).where(eq(textMessages.id, id));
  }

  async claimAttempt(id: string, attemptsSeen: number, holdUntil: number): Promise<boolean> {
    const claimed = await this.db.update(textMessages).set({ attempts: attemptsSeen + 1, nextAttemptAt: holdUntil }).where(and(eq(textMessages.id, id), eq(textMessages.status, 'queued'), eq(textMessages.attempts, attemptsSeen))).returning({ id: textMessages.id });
    return claimed.length === 1;
  }

  async queued(limit: number): Promise<TextMessageRow[]> {
    return this.db.select().from(textMessages).where(eq(textMessages.status, 'queued')).orderBy(asc(textMessages.createdAt), asc(textMessages.id)).limit(limit);
  }
}
