// Call tasks and their attempts on SQLite. The claim is one UPDATE guarded by the task's attempt count
// and the lease, in an immediate transaction with the attempt's INSERT: committed before the dial.
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { AttemptRecord, CallTaskRecords } from '../../app/ports/call-task-records.js';
import type { AttemptOrder, AttemptResult, CallTask } from '../../domain/outbound/outbound-protocol.js';
import { closedAttempt, ENDED, IN_FLIGHT, statusColumns, taskOfRow, taskRow, WAITING } from './call-task-rows.js';
import type { Db } from './open-database.js';
import { callAttempts, callTasks } from './schema.js';

/** No other server's lease is live on the task. */
const leaseFree = (owner: string, now: number) => or(isNull(callTasks.leaseOwner), eq(callTasks.leaseOwner, owner), lte(callTasks.leaseUntil, now));

export class CallTaskStore implements CallTaskRecords {
  constructor(private readonly db: Db) {}

  async create(task: CallTask, now: number): Promise<boolean> {
    const rows = this.db.insert(callTasks).values(taskRow(task, now)).onConflictDoNothing().returning({ id: callTasks.id }).all();
    return rows.length === 1;
  }

  async save(task: CallTask, owner: string, now: number): Promise<boolean> {
    const ended = (ENDED as readonly string[]).includes(task.status.kind);
    const lease = ended ? { leaseOwner: null, leaseUntil: null } : {};
    const rows = this.db
      .update(callTasks)
      .set({ ...statusColumns(task, now), ...lease })
      .where(and(eq(callTasks.id, task.request.taskId), leaseFree(owner, now)))
      .returning({ id: callTasks.id })
      .all();
    return rows.length === 1;
  }

  async startAttempt(order: AttemptOrder, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    return this.db.transaction(
      (tx) => {
        const claimed = tx
          .update(callTasks)
          .set({ status: 'dialing', attempts: order.attempt, channelId: order.channelId, since: now, dueAt: null, leaseOwner: owner, leaseUntil, updatedAt: now })
          .where(and(eq(callTasks.id, order.taskId), eq(callTasks.attempts, order.attempt - 1), inArray(callTasks.status, [...WAITING]), leaseFree(owner, now)))
          .returning({ id: callTasks.id })
          .all();
        if (claimed.length !== 1) return false;
        tx.insert(callAttempts).values({ channelId: order.channelId, taskId: order.taskId, attempt: order.attempt, number: order.number, trunk: order.trunk, owner, status: 'dialing', startedAt: now }).run();
        return true;
      },
      { behavior: 'immediate' },
    );
  }

  async closeAttempt(channelId: string, result: AttemptResult, now: number): Promise<void> {
    this.db
      .update(callAttempts)
      .set(closedAttempt(result, now))
      .where(and(eq(callAttempts.channelId, channelId), inArray(callAttempts.status, [...IN_FLIGHT])))
      .run();
  }

  async attemptAnswered(channelId: string, _now: number): Promise<void> {
    this.db.update(callAttempts).set({ status: 'answered' }).where(and(eq(callAttempts.channelId, channelId), eq(callAttempts.status, 'dialing'))).run();
  }

  async renewLeases(owner: string, now: number, leaseUntil: number): Promise<number> {
    const rows = this.db
      .update(callTasks)
      .set({ leaseUntil, updatedAt: now })
      .where(and(eq(callTasks.leaseOwner, owner), inArray(callTasks.status, [...IN_FLIGHT])))
      .returning({ id: callTasks.id })
      .all();
    return rows.length;
  }

  async listOpen(owner: string, now: number): Promise<CallTask[]> {
    const rows = this.db
      .select()
      .from(callTasks)
      .where(or(inArray(callTasks.status, [...WAITING]), and(inArray(callTasks.status, [...IN_FLIGHT]), leaseFree(owner, now))))
      .orderBy(asc(callTasks.id))
      .all();
    return rows.map(taskOfRow);
  }

  async get(taskId: string): Promise<CallTask | undefined> {
    const row = this.db.select().from(callTasks).where(eq(callTasks.id, taskId)).get();
    return row ? taskOfRow(row) : undefined;
  }

  async attempts(taskId: string): Promise<AttemptRecord[]> {
    return this.db.select().from(callAttempts).where(eq(callAttempts.taskId, taskId)).orderBy(asc(callAttempts.attempt)).all();
  }
}

