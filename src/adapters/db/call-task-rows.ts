// Call tasks as rows and back, shared by the SQLite and PostgreSQL stores (their rows agree).
import type { AttemptResult, CallTask, CallTaskOutcome, NotReachedCause, RetryPolicy, TaskStatus } from '../../domain/outbound/outbound-protocol.js';
import type { callTasks } from './schema.js';

type TaskRow = typeof callTasks.$inferSelect;
type TaskInsert = typeof callTasks.$inferInsert;

export const WAITING = ['pending', 'waiting-retry'] as const;
export const IN_FLIGHT = ['dialing', 'answered'] as const;
export const ENDED = ['done', 'failed-final', 'cancelled'] as const;

/** The columns that say where a task stands (everything but what was asked and the lease). */
export function statusColumns(task: CallTask, now: number): Omit<TaskInsert, 'id' | 'purpose' | 'number' | 'trunk' | 'flowId' | 'variables' | 'notBefore' | 'notAfter' | 'callingWindow' | 'retryPolicy' | 'createdAt'> {
  const s = task.status;
  return {
    status: s.kind,
    attempts: task.attempts,
    failures: { ...task.failures } as Record<string, number>,
    dueAt: s.kind === 'pending' || s.kind === 'waiting-retry' ? s.dueAt : null,
    channelId: s.kind === 'dialing' || s.kind === 'answered' ? s.channelId : null,
    since: s.kind === 'dialing' || s.kind === 'answered' ? s.since : null,
    lastCause: s.kind === 'waiting-retry' ? s.lastCause : null,
    outcome: s.kind === 'done' || s.kind === 'failed-final' || s.kind === 'cancelled' ? s.outcome : null,
    updatedAt: now,
  };
}

export function taskRow(task: CallTask, now: number): TaskInsert {
  const r = task.request;
  return {
    id: r.taskId,
    purpose: r.purpose,
    number: r.number,
    trunk: r.trunk,
    flowId: r.flowId,
    variables: { ...r.variables },
    notBefore: r.notBefore,
    notAfter: r.notAfter,
    callingWindow: r.window,
    retryPolicy: r.retry,
    createdAt: now,
    ...statusColumns(task, now),
  };
}

function statusOfRow(row: TaskRow): TaskStatus {
  switch (row.status) {
    case 'waiting-retry':
      return { kind: 'waiting-retry', dueAt: row.dueAt ?? 0, lastCause: (row.lastCause ?? 'failed') as NotReachedCause };
    case 'dialing':
    case 'answered':
      return { kind: row.status, channelId: row.channelId ?? '', since: row.since ?? 0 };
    case 'done':
    case 'failed-final':
    case 'cancelled':
      return { kind: row.status, outcome: row.outcome as CallTaskOutcome };
    default:
      return { kind: 'pending', dueAt: row.dueAt ?? row.notBefore };
  }
}

export function taskOfRow(row: TaskRow): CallTask {
  return {
    request: {
      taskId: row.id,
      purpose: row.purpose,
      number: row.number,
      trunk: row.trunk,
      flowId: row.flowId,
      variables: row.variables,
      notBefore: row.notBefore,
      notAfter: row.notAfter,
      window: row.callingWindow,
      retry: row.retryPolicy as RetryPolicy,
    },
    attempts: row.attempts,
    failures: row.failures as CallTask['failures'],
    status: statusOfRow(row),
  };
}

// An attempt row is 'dialing', then 'answered' while the call runs; closed, it says how it ended (never
// one of those two words again, so a repeated close finds nothing open).
const CLOSED_STATUS: Readonly<Record<AttemptResult['kind'], string>> = { answered: 'reached', 'answered-result-lost': 'reached-result-lost', 'not-reached': 'not-reached', 'not-placed': 'not-placed' };

/** The attempt row's columns once closed. */
export function closedAttempt(result: AttemptResult, now: number): { status: string; cause: string | null; hangupCause: number | null; variables: Record<string, string> | null; endedAt: number } {
  return {
    status: CLOSED_STATUS[result.kind],
    cause: result.kind === 'not-reached' ? result.cause : null,
    hangupCause: result.kind === 'not-reached' ? result.hangupCause : null,
    variables: result.kind === 'answered' ? { ...result.variables } : null,
    endedAt: now,
  };
}
