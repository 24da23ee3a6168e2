// Call tasks and their attempts on PostgreSQL: the same rules as on SQLite (db/call-task-store.ts).
// The claim's UPDATE takes the task's row lock; a second server's UPDATE waits for it, then finds the
// attempt count moved on and claims nothing (READ COMMITTED re-checks the WHERE on the new row).
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { AttemptRecord, CallTaskRecords } from '../../app/ports/call-task-records.js';
import type { AttemptOrder, AttemptResult, CallTask } from '../../domain/outbound/outbound-protocol.js';
import { closedAttempt, ENDED, IN_FLIGHT, statusColumns, taskOfRow, taskRow, WAITING } from '../db/call-task-rows.js';
import type { PgDb } from './open-postgres.js';
import { callAttempts, callTasks } from './schema.js';

const leaseFree = (owner: string, now: number) => or(isNull(callTasks.leaseOwner), eq(callTasks.leaseOwner, owner), lte(callTasks.leaseUntil, now));

export class PgCallTaskStore implements CallTaskRecords {
  constructor(private readonly db: PgDb) {}

  async create(task: CallTask, now: number): Promise<boolean> {
    const rows = await this.db.insert(callTasks).values(taskRow(task, now)).onConflictDoNothing().returning({ id: callTasks.id });
    return rows.length === 1;
  }

  async save(task: CallTask, owner: string, now: number): Promise<boolean> {
    const ended = (ENDED as readonly string[]).includes(task.status.kind);
    const lease = ended ? { leaseOwner: null, leaseUntil: null } : {};
    const rows = await this.db
      .update(callTasks)
      .set({ ...statusColumns(task, now), ...lease })
      .where(and(eq(callTasks.id, task.request.taskId), leaseFree(owner, now)))
      .returning({ id: callTasks.id });
    return rows.length === 1;
  }

  startAttempt(order: AttemptOrder, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx
        .update(callTasks)
        .set({ status: 'dialing', attempts: order.attempt, channelId: order.channelId, since: now, dueAt: null, leaseOwner: owner, leaseUntil, updatedAt: now })
        .where(and(eq(callTasks.id, order.taskId), eq(callTasks.attempts, order.attempt - 1), inArray(callTasks.status, [...WAITING]), leaseFree(owner, now)))
        .returning({ id: callTasks.id });
      if (claimed.length !== 1) return false;
      await tx.insert(callAttempts).values({ channelId: order.channelId, taskId: order.taskId, attempt: order.attempt, number: order.number, trunk: order.trunk, owner, status: 'dialing', startedAt: now });
      return true;
    });
  }

  async closeAttempt(channelId: string, result: AttemptResult, now: number): Promise<void> {
    await this.db
      .update(callAttempts)
      .set(closedAttempt(result, now))
      .where(and(eq(callAttempts.channelId, channelId), inArray(callAttempts.status, [...IN_FLIGHT])));
  }

  async attemptAnswered(channelId: string, _now: number): Promise<void> {
    await this.db.update(callAttempts).set({ status: 'answered' }).where(and(eq(callAttempts.channelId, channelId), eq(callAttempts.status, 'dialing')));
  }

  async renewLeases(owner: string, now: number, leaseUntil: number): Promise<number> {
    const rows = await this.db
      .update(callTasks)
      .set({ leaseUntil, updatedAt: now })
      .where(and(eq(callTasks.leaseOwner, owner), inArray(callTasks.status, [...IN_FLIGHT])))
      .returning({ id: callTasks.id });
    return rows.length;
  }

  async listOpen(owner: string, now: number): Promise<CallTask[]> {
    const rows = await this.db
      .select()
      .from(callTasks)
      .where(or(inArray(callTasks.status, [...WAITING]), and(inArray(callTasks.status, [...IN_FLIGHT]), leaseFree(owner, now))))
      .orderBy(asc(callTasks.id));
    return rows.map(taskOfRow);
  }

  async get(taskId: string): Promise<CallTask | undefined> {
    const [row] = await this.db.select().from(callTasks).where(eq(callTasks.id, taskId)).limit(1);
    return row ? taskOfRow(row) : undefined;
  }

  async attempts(taskId: string): Promise<AttemptRecord[]> {
    return this.db.select().from(callAttempts).where(eq(callAttempts.taskId, taskId)).orderBy(asc(callAttempts.attempt));
  }
}
