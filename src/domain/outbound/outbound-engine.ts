// The outbound engine: call tasks waiting for their turn, dialed within a per-trunk line limit kept
// exactly, in due-time order inside their calling window, retried by hang-up cause, reconciled after a
// restart. Deterministic: the application feeds it events stamped with their time and carries out the
// commands it returns (same shape as the ACD engine; state kept inside for O(log n) heaps).
//
//   const engine = new OutboundEngine({ lineLimits: { trunk: 30 }, windows });
//   for (const command of engine.handle({ type: 'TaskRequested', request, at })) ...
import type { WindowLookup } from './calling-window.js';
import { DueBook } from './due-book.js';
import { reconcile, retryAfter } from './outbound-decisions.js';
import { notReachedCause } from './outbound-causes.js';
import type { AttemptResult, CallTask, CallTaskOutcome, CallTaskRequest, ChannelFinding, NotPlacedReason, NotReachedCause, OutboundCommand, OutboundEvent } from './outbound-protocol.js';

const MAX_TURNS_PER_TICK = 500;
/** A task whose attempt storage could not write waits this long for its next turn. */
const STORAGE_RETRY_MS = 30_000;

export interface OutboundSetup {
  /** Lines each trunk may use at once. A trunk not named has none. */
  readonly lineLimits: Readonly<Record<string, number>>;
  readonly windows: WindowLookup;
}

/** The channel id of an attempt: unique per task and attempt, so a dial can never be repeated under it. */
export function attemptChannelId(taskId: string, attempt: number): string {
  return `outbound-${taskId}-${attempt}`;
}

export class OutboundEngine {
  private readonly tasks = new Map<string, CallTask>();
  private readonly due = new DueBook();
  private readonly busy = new Map<string, number>();
  private readonly cancelAsked = new Set<string>();
  private wake: number | null = null;
  private out: OutboundCommand[] = [];
  /** Lines per trunk; a server of a cluster gets its lines once it runs its PBX. */
  private readonly limits: Map<string, number>;

  constructor(private readonly setup: OutboundSetup) {
    this.limits = new Map(Object.entries(setup.lineLimits));
  }

  /** Gives a trunk its lines (a server taking its PBX); the due tasks are dialed at the next event. */
  setLineLimit(trunk: string, lines: number): void {
    this.limits.set(trunk, lines);
  }

  handle(event: OutboundEvent): OutboundCommand[] {
    this.out = [];
    this.apply(event);
    this.dispatch(event.at);
    return this.out;
  }

  task(taskId: string): CallTask | undefined {
    return this.tasks.get(taskId);
  }

  /** Lines in use on a trunk now (dialing or answered). */
  linesInUse(trunk: string): number {
    return this.busy.get(trunk) ?? 0;
  }

  /** When the earliest waiting task of a trunk is due; null when none waits. */
  nextDue(trunk: string): number | null {
    return this.due.nextDue(trunk);
  }

  waiting(trunk: string): number {
    return this.due.size(trunk);
  }

  private apply(event: OutboundEvent): void {
    switch (event.type) {
      case 'TaskRequested':
        return this.requested(event.request, event.at);
      case 'TaskRestored':
        return this.restored(event.task);
      case 'TaskCancelled':
        return this.cancelled(event.taskId, event.at);
      case 'Tick':
        if (this.wake !== null && this.wake <= event.at) this.wake = null;
        return;
      case 'AttemptNotPlaced':
        return this.notPlaced(event.taskId, event.channelId, event.reason, event.at);
      case 'AttemptAnswered':
        return this.answered(event.taskId, event.channelId, event.at);
      case 'AttemptUnanswered':
        return this.unanswered(event.taskId, event.channelId, notReachedCause(event.cause), event.cause, event.at);
      case 'CallFinished':
        return this.finished(event.taskId, event.channelId, { kind: 'answered', variables: event.variables }, event.at);
      case 'AttemptReconciled':
        return this.reconciled(event.taskId, event.channelId, event.finding, event.at);
    }
  }

  private requested(request: CallTaskRequest, at: number): void {
    if (this.tasks.has(request.taskId)) return;
    const dueAt = this.setup.windows(request.window, Math.max(request.notBefore, at));
    const task: CallTask = { request, attempts: 0, failures: {}, status: { kind: 'pending', dueAt: dueAt ?? at } };
    this.tasks.set(request.taskId, task);
    if (dueAt === null || (request.notAfter !== null && dueAt > request.notAfter)) return this.end(task, 'failed-final', { kind: 'not-reached', attempts: 0, cause: 'expired', at });
    this.save(task);
    this.due.add(request.trunk, request.taskId, dueAt);
  }

  private restored(task: CallTask): void {
    const { status, request } = task;
    if (status.kind === 'done' || status.kind === 'failed-final' || status.kind === 'cancelled') return;
    // Read again from the shared store (a cluster's servers look for tasks another one stored): known here already.
    if (this.tasks.has(request.taskId)) return;
    this.tasks.set(request.taskId, task);
    if (status.kind === 'pending' || status.kind === 'waiting-retry') return this.due.add(request.trunk, request.taskId, status.dueAt);
    // Its channel may still hold a line: it counts until Asterisk says otherwise.
    this.takeLine(request.trunk, 1);
    this.out.push({ type: 'CheckChannel', taskId: request.taskId, channelId: status.channelId });
  }

  private cancelled(taskId: string, at: number): void {
    const task = this.tasks.get(taskId);
    if (!task) return;
    const kind = task.status.kind;
    if (kind === 'dialing' || kind === 'answered') {
      this.cancelAsked.add(taskId);
      return;
    }
    this.due.remove(task.request.trunk, taskId);
    this.end(task, 'cancelled', { kind: 'cancelled', attempts: task.attempts, at });
  }

  /** Dials what is due on every trunk with a free line, then asks to be woken for the next due task. */
  private dispatch(at: number): void {
    let next: number | null = null;
    for (const trunk of this.due.trunks()) {
      const limit = this.limits.get(trunk) ?? 0;
      // Tasks put back for a closed window take no line: a cap keeps one tick short, the rest follow at once.
      let turns = 0;
      while (this.linesInUse(trunk) < limit && turns < MAX_TURNS_PER_TICK) {
        const entry = this.due.takeDue(trunk, at);
        if (!entry) break;
        turns += 1;
        this.turnCame(entry.taskId, at);
      }
      const head = this.due.nextDue(trunk);
      if (head !== null && this.linesInUse(trunk) < limit && (next === null || head < next)) next = head;
    }
    if (next !== null && next !== this.wake) {
      this.wake = next;
      this.out.push({ type: 'WakeAt', at: next });
    }
  }

  private turnCame(taskId: string, at: number): void {
    const task = this.tasks.get(taskId);
    if (!task) return;
    const { request } = task;
    if (request.notAfter !== null && at > request.notAfter) return this.end(task, 'failed-final', { kind: 'not-reached', attempts: task.attempts, cause: 'expired', at });
    const open = this.setup.windows(request.window, at);
    if (open === null) return this.end(task, 'failed-final', { kind: 'not-reached', attempts: task.attempts, cause: 'expired', at });
    // A line freed after the window closed: the task waits for the window's next opening.
    if (open > at) return this.due.add(request.trunk, taskId, open);
    const attempt = task.attempts + 1;
    const channelId = attemptChannelId(taskId, attempt);
    const dialing: CallTask = { ...task, attempts: attempt, status: { kind: 'dialing', channelId, since: at } };
    this.tasks.set(taskId, dialing);
    this.takeLine(request.trunk, 1);
    const { number, trunk, flowId, variables } = request;
    this.out.push({ type: 'PlaceAttempt', order: { taskId, attempt, channelId, number, trunk, flowId, variables }, at });
  }

  private inFlight(taskId: string, channelId: string): CallTask | undefined {
    const task = this.tasks.get(taskId);
    const status = task?.status;
    if (!status || (status.kind !== 'dialing' && status.kind !== 'answered') || status.channelId !== channelId) return undefined;
    return task;
  }

  private notPlaced(taskId: string, channelId: string, reason: NotPlacedReason, at: number): void {
    const task = this.inFlight(taskId, channelId);
    if (!task) return;
    this.takeLine(task.request.trunk, -1);
    // Another server holds the task: it is that server's to call and to report; this one forgets it.
    if (reason === 'claimed-elsewhere') {
      this.tasks.delete(taskId);
      return;
    }
    // No attempt row was written, so no attempt happened: the same attempt's turn comes again later.
    if (reason === 'not-stored') {
      const dueAt = at + STORAGE_RETRY_MS;
      this.tasks.set(taskId, { ...task, attempts: task.attempts - 1, status: { kind: 'pending', dueAt } });
      this.due.add(task.request.trunk, taskId, dueAt);
      return;
    }
    this.out.push({ type: 'CloseAttempt', taskId, channelId, result: { kind: 'not-placed' }, at });
    this.failed(task, 'failed', at);
  }

  private answered(taskId: string, channelId: string, at: number): void {
    const task = this.inFlight(taskId, channelId);
    if (!task || task.status.kind === 'answered') return;
    this.tasks.set(taskId, { ...task, status: { kind: 'answered', channelId, since: at } });
    this.save(this.tasks.get(taskId) as CallTask);
  }

  private unanswered(taskId: string, channelId: string, cause: NotReachedCause, hangupCause: number | null, at: number): void {
    const task = this.inFlight(taskId, channelId);
    if (!task) return;
    // An answered call that ends is finished, whatever its cause says.
    if (task.status.kind === 'answered') return this.finished(taskId, channelId, { kind: 'answered', variables: {} }, at);
    this.takeLine(task.request.trunk, -1);
    this.out.push({ type: 'CloseAttempt', taskId, channelId, result: { kind: 'not-reached', cause, hangupCause }, at });
    this.failed(task, cause, at);
  }

  private finished(taskId: string, channelId: string, result: Extract<AttemptResult, { kind: 'answered' | 'answered-result-lost' }>, at: number): void {
    const task = this.inFlight(taskId, channelId);
    if (!task) return;
    this.takeLine(task.request.trunk, -1);
    this.out.push({ type: 'CloseAttempt', taskId, channelId, result, at });
    const variables = result.kind === 'answered' ? result.variables : {};
    this.end(task, 'done', { kind: 'reached', attempts: task.attempts, variables, resultLost: result.kind === 'answered-result-lost', at });
  }

  private reconciled(taskId: string, channelId: string, finding: ChannelFinding, at: number): void {
    const task = this.inFlight(taskId, channelId);
    if (!task) return;
    const decision = reconcile(finding);
    if (decision.kind === 'adopt') {
      this.out.push({ type: 'AdoptChannel', taskId, channelId });
      return;
    }
    if (decision.kind === 'reached-result-lost') return this.finished(taskId, channelId, { kind: 'answered-result-lost' }, at);
    this.takeLine(task.request.trunk, -1);
    this.out.push({ type: 'CloseAttempt', taskId, channelId, result: { kind: 'not-reached', cause: decision.cause, hangupCause: decision.hangupCause }, at });
    this.failed(task, decision.cause, at);
  }

  /** A not-reached attempt: the next one when the policy allows it, else the task fails for good. */
  private failed(task: CallTask, cause: NotReachedCause, at: number): void {
    const count = (task.failures[cause] ?? 0) + 1;
    const counted: CallTask = { ...task, failures: { ...task.failures, [cause]: count } };
    const taskId = task.request.taskId;
    if (this.cancelAsked.delete(taskId)) return this.end(counted, 'cancelled', { kind: 'cancelled', attempts: task.attempts, at });
    const decision = retryAfter(counted, cause, count, at, this.setup.windows);
    if (decision.kind === 'give-up') return this.end(counted, 'failed-final', { kind: 'not-reached', attempts: task.attempts, cause, at });
    const waiting: CallTask = { ...counted, status: { kind: 'waiting-retry', dueAt: decision.dueAt, lastCause: cause } };
    this.tasks.set(taskId, waiting);
    this.save(waiting);
    this.due.add(task.request.trunk, taskId, decision.dueAt);
  }

  private end(task: CallTask, kind: 'done' | 'failed-final' | 'cancelled', outcome: CallTaskOutcome): void {
    const taskId = task.request.taskId;
    const ended: CallTask = { ...task, status: { kind, outcome } as CallTask['status'] };
    this.tasks.delete(taskId);
    this.cancelAsked.delete(taskId);
    this.save(ended);
    this.out.push({ type: 'ReportOutcome', taskId, purpose: task.request.purpose, outcome });
  }

  private save(task: CallTask): void {
    this.out.push({ type: 'SaveTask', task });
  }

  private takeLine(trunk: string, delta: number): void {
    this.busy.set(trunk, Math.max(0, this.linesInUse(trunk) + delta));
  }
}
