// Outbound calls: carries out the outbound engine's commands. A task's attempt is claimed and written
// (committed) before its dial; the call, once answered, runs in the live calls like any call; what
// became of it goes back to the engine, to storage and to the task's owner.
import { OutboundEngine, type OutboundSetup } from '../../domain/outbound/outbound-engine.js';
import type { AttemptOrder, CallTaskOutcome, CallTaskRequest, OutboundCommand, OutboundEvent } from '../../domain/outbound/outbound-protocol.js';
import { checkTaskRequest, type TaskRequestProblem } from '../../domain/outbound/task-request-check.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { AsteriskRecordsPort } from '../ports/asterisk-records.js';
import type { CallTaskRecords } from '../ports/call-task-records.js';
import type { OutboundCallHooks, RingingOutbound } from '../ports/outbound-calls.js';
import type { TelephonyPort } from '../ports/telephony.js';
import type { Timers } from '../ports/timers.js';

export interface OutboundSettings {
  /** This server's name in the leases (a cluster node's, or the single box's). */
  readonly owner: string;
  readonly leaseMs: number;
  /** Each trunk's dial string, `{number}` standing for the number. */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly callerId: string;
  readonly ringTimeoutSeconds: number;
}

export interface OutboundServiceDeps {
  readonly engine: OutboundSetup;
  readonly store: CallTaskRecords;
  readonly telephony: Pick<TelephonyPort, 'dialOutbound' | 'channelLives' | 'hangup'>;
  readonly timers: Timers;
  readonly now: () => number;
  readonly logger: Logger;
  readonly settings: OutboundSettings;
  /** Asterisk's own records (CEL), asked how a gone attempt's channel hung up; none: nothing to ask. */
  readonly records?: AsteriskRecordsPort;
}

export type TaskRequestAnswer = { readonly ok: true; readonly created: boolean } | ({ readonly ok: false } & TaskRequestProblem);

/** What the owner of a task hears at its end (the reminder and return-visit policies listen). */
export type OutcomeListener = (taskId: string, purpose: string, outcome: CallTaskOutcome) => void;

export class OutboundService implements OutboundCallHooks {
  private readonly engine: OutboundEngine;
  private readonly ringingCalls = new Map<string, RingingOutbound>();
  private readonly answeredCalls = new Map<string, string>();
  private readonly listeners = new Set<OutcomeListener>();
  private stopped = false;
  /** Storage writes in the order the engine asked for them. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: OutboundServiceDeps) {
    this.engine = new OutboundEngine(deps.engine);
  }

  onOutcome(listener: OutcomeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks for a call. Checked (a bad request gets its code, nothing stored), stored (a repeated task id
   * changes nothing: `created: false`), then scheduled: not before `notBefore`, inside its window,
   * retried by its policy. How it ends comes to the `onOutcome` listeners.
   */
  async request(request: CallTaskRequest): Promise<TaskRequestAnswer> {
    const problem = checkTaskRequest(request, Object.keys(this.deps.engine.lineLimits));
    if (problem) return { ok: false, ...problem };
    const at = this.deps.now();
    const created = await this.deps.store.create({ request, attempts: 0, failures: {}, status: { kind: 'pending', dueAt: request.notBefore } }, at);
    if (created) this.feed({ type: 'TaskRequested', request, at });
    return { ok: true, created };
  }

  cancel(taskId: string): void {
    this.feed({ type: 'TaskCancelled', taskId, at: this.deps.now() });
  }

  /**
   * Start-up: the open tasks from storage. Attempts left dialing are asked about (CheckChannel) before
   * anything is dialed for them; the lease keeps other servers off them meanwhile.
   */
  async start(): Promise<number> {
    const at = this.deps.now();
    const tasks = await this.deps.store.listOpen(this.deps.settings.owner, at);
    for (const task of tasks) this.feed({ type: 'TaskRestored', task, at });
    this.deps.timers.start('outbound:leases', this.deps.settings.leaseMs / 3, () => this.renewLeases());
    return tasks.length;
  }

  /**
   * A server of a cluster that takes its PBX: its trunk gets its lines, the open tasks are read (as at
   * a start), and the shared store is read again every `refreshMs` for tasks another server stored
   * (the follow-up runs on one server of the cluster, the calls on every PBX). Two servers knowing one
   * task is no harm: the claim gives each attempt to one of them.
   */
  async runLines(trunk: string, lines: number, refreshMs: number): Promise<void> {
    this.engine.setLineLimit(trunk, lines);
    await this.start();
    this.refreshEvery(refreshMs);
  }

  /**
   * The open tasks of the shared store this server does not know yet, taken in; how many. They are the
   * waiting ones, and those whose attempt's lease ran out (a dead server's): their channel is asked
   * about before anything else happens to them, and one this PBX does not know ends `unknown`, never
   * dialed again under that attempt.
   */
  async refresh(): Promise<number> {
    const at = this.deps.now();
    const tasks = await this.deps.store.listOpen(this.deps.settings.owner, at);
    const unknown = tasks.filter((task) => this.engine.task(task.request.taskId) === undefined);
    for (const task of unknown) this.feed({ type: 'TaskRestored', task, at });
    return unknown.length;
  }

  stop(): void {
    this.stopped = true;
    this.deps.timers.cancelAll();
  }

  /** Resolves once every write asked for so far is done (tests, shutdown). */
  async drain(): Promise<void> {
    await this.writes;
  }

  linesInUse(trunk: string): number {
    return this.engine.linesInUse(trunk);
  }

  /** Tasks of a trunk waiting for a line or their time, and when the earliest is due (null: none waits). */
  waiting(trunk: string): { readonly count: number; readonly nextDue: number | null } {
    return { count: this.engine.waiting(trunk), nextDue: this.engine.nextDue(trunk) };
  }

  ringing(channelId: string): RingingOutbound | undefined {
    return this.ringingCalls.get(channelId);
  }

  answered(channelId: string): void {
    const at = this.deps.now();
    const task = this.ringingCalls.get(channelId);
    if (!task) return;
    this.ringingCalls.delete(channelId);
    this.answeredCalls.set(channelId, task.taskId);
    this.write(() => this.deps.store.attemptAnswered(channelId, at));
    this.feed({ type: 'AttemptAnswered', taskId: task.taskId, channelId, at });
  }

  unanswered(channelId: string, cause: number | null): void {
    const at = this.deps.now();
    const task = this.ringingCalls.get(channelId);
    if (!task) return;
    this.ringingCalls.delete(channelId);
    this.feed({ type: 'AttemptUnanswered', taskId: task.taskId, channelId, cause, at });
  }

  finished(channelId: string, variables: Readonly<Record<string, string>>): void {
    const at = this.deps.now();
    const taskId = this.answeredCalls.get(channelId);
    if (taskId === undefined) return;
    this.answeredCalls.delete(channelId);
    this.feed({ type: 'CallFinished', taskId, channelId, variables, at });
  }

  private feed(event: OutboundEvent): void {
    for (const command of this.engine.handle(event)) this.execute(command);
  }

  private execute(command: OutboundCommand): void {
    const { store, settings } = this.deps;
    switch (command.type) {
      case 'PlaceAttempt':
        return this.place(command.order, command.at);
      case 'SaveTask':
        return this.write(() => store.save(command.task, settings.owner, this.deps.now()));
      case 'CloseAttempt':
        return this.write(() => store.closeAttempt(command.channelId, command.result, command.at));
      case 'ReportOutcome':
        return this.report(command.taskId, command.purpose, command.outcome);
      case 'WakeAt':
        return this.deps.timers.start('outbound:tick', Math.max(0, command.at - this.deps.now()), () => this.feed({ type: 'Tick', at: Math.max(command.at, this.deps.now()) }));
      case 'CheckChannel':
        return void this.check(command.taskId, command.channelId);
      case 'AdoptChannel':
        return this.adopt(command.taskId, command.channelId);
    }
  }

  /** Claim and attempt row first, committed; only then the dial. */
  private place(order: AttemptOrder, at: number): void {
    const { store, settings, telephony, logger } = this.deps;
    this.write(async () => {
      const claimed = await store.startAttempt(order, settings.owner, at, at + settings.leaseMs).catch((error: unknown) => {
        logger.error({ err: error, taskId: order.taskId }, 'outbound attempt could not be written; not dialed');
        return null;
      });
      if (claimed === null) return this.feed({ type: 'AttemptNotPlaced', taskId: order.taskId, channelId: order.channelId, reason: 'not-stored', at: this.deps.now() });
      if (!claimed) return this.feed({ type: 'AttemptNotPlaced', taskId: order.taskId, channelId: order.channelId, reason: 'claimed-elsewhere', at: this.deps.now() });
      const endpoint = settings.endpoints[order.trunk];
      if (endpoint === undefined) return this.notPlaced(order, new Error(`no dial string for trunk ${order.trunk}`));
      this.ringingCalls.set(order.channelId, { taskId: order.taskId, flowId: order.flowId, variables: order.variables, number: order.number });
      logger.info({ taskId: order.taskId, channelId: order.channelId, attempt: order.attempt, number: maskPhone(order.number) }, 'outbound attempt dialed');
      telephony
        .dialOutbound({ channelId: order.channelId, taskId: order.taskId, number: order.number, endpoint, callerId: settings.callerId, ringTimeoutSeconds: settings.ringTimeoutSeconds })
        .catch((error: unknown) => this.dialRefused(order, error));
    });
  }

  /**
   * The dial request failed. It may still have reached Asterisk (a time-out on the way back), so the
   * channel is asked about before the attempt counts as not placed: never a second dial in the dark.
   */
  private async dialRefused(order: AttemptOrder, error: unknown): Promise<void> {
    const found = await this.deps.telephony.channelLives(order.channelId).catch(() => null);
    if (found?.lives) return;
    this.notPlaced(order, error);
  }

  private notPlaced(order: AttemptOrder, error: unknown): void {
    this.ringingCalls.delete(order.channelId);
    this.deps.logger.warn({ err: error, taskId: order.taskId, channelId: order.channelId }, 'outbound attempt could not be dialed');
    this.feed({ type: 'AttemptNotPlaced', taskId: order.taskId, channelId: order.channelId, reason: 'dial-failed', at: this.deps.now() });
  }

  /** Reconciliation of an attempt a dead server (or this one before a crash) left dialing. */
  private async check(taskId: string, channelId: string): Promise<void> {
    const at = this.deps.now();
    try {
      // The attempt's own row may already say how it ended (the crash came between its close and the task's save).
      const row = (await this.deps.store.attempts(taskId)).find((attempt) => attempt.channelId === channelId);
      if (row?.status === 'reached') return this.feed({ type: 'CallFinished', taskId, channelId, variables: row.variables ?? {}, at });
      if (row?.status === 'not-reached') return this.feed({ type: 'AttemptReconciled', taskId, channelId, finding: { kind: 'gone', answered: false, cause: row.hangupCause }, at });
      const found = await this.deps.telephony.channelLives(channelId);
      const finding = found.lives ? ({ kind: 'alive', answered: found.answered } as const) : ({ kind: 'gone', answered: null, cause: await this.recordedCause(channelId, row?.startedAt ?? at) } as const);
      this.deps.logger.info({ taskId, channelId, finding: finding.kind }, 'outbound attempt left by an earlier run reconciled');
      this.feed({ type: 'AttemptReconciled', taskId, channelId, finding, at });
    } catch (error) {
      // The PBX could not say: ask again later; the attempt keeps its line and nothing is dialed for it.
      this.deps.logger.warn({ err: error, taskId, channelId }, 'could not ask the PBX about an outbound attempt; asking again');
      this.deps.timers.start(`outbound:check:${channelId}`, 5000, () => void this.check(taskId, channelId));
    }
  }

  /** The hang-up cause Asterisk recorded for a channel (null when the records say nothing). */
  private async recordedCause(channelId: string, since: number): Promise<number | null> {
    const steps = (await this.deps.records?.stepsOf([{ callId: channelId, channelId }], since))?.get(channelId) ?? [];
    const hungUp = steps.find((step) => step.kind === 'hung-up');
    return hungUp?.kind === 'hung-up' ? hungUp.cause : null;
  }

  private adopt(taskId: string, channelId: string): void {
    const task = this.engine.task(taskId);
    if (!task) return;
    const { flowId, variables, number } = task.request;
    this.ringingCalls.set(channelId, { taskId, flowId, variables, number });
  }

  private report(taskId: string, purpose: string, outcome: CallTaskOutcome): void {
    this.deps.logger.info({ taskId, purpose, outcome: outcome.kind, attempts: outcome.attempts, ...(outcome.kind === 'not-reached' ? { cause: outcome.cause } : {}) }, 'outbound task ended');
    // Told once the task's end is stored (its SaveTask was asked for first): a listener that reads the
    // store (the follow-up asks what became of its calls) sees the task ended, not still dialing.
    this.write(async () => {
      for (const listener of this.listeners) {
        try {
          listener(taskId, purpose, outcome);
        } catch (error) {
          this.deps.logger.error({ err: error, taskId }, 'an outbound outcome listener failed');
        }
      }
    });
  }

  private renewLeases(): void {
    const { settings, now } = this.deps;
    this.write(() => this.deps.store.renewLeases(settings.owner, now(), now() + settings.leaseMs));
    this.deps.timers.start('outbound:leases', settings.leaseMs / 3, () => this.renewLeases());
  }

  private refreshEvery(ms: number): void {
    if (this.stopped) return;
    this.deps.timers.start('outbound:refresh', ms, () => {
      this.refresh()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbound tasks could not be read; trying again'))
        .finally(() => this.refreshEvery(ms));
    });
  }

  private write(job: () => Promise<unknown>): void {
    this.writes = this.writes.then(job).catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbound storage write failed'));
  }
}
