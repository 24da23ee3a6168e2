// The follow-up's calls through the outbound service: a call's key is its task id, so asking again
// places nothing; what became of a task is read from the task store; and each finished task of a
// follow-up purpose is handed back to the follow-up service with the order it was about.
import { followUpCallState } from '../../domain/follow-up/follow-up-calls.js';
import type { CallPurpose, CallState } from '../../domain/follow-up/follow-up-plan.js';
import type { CallTask, CallTaskOutcome, RetryPolicy } from '../../domain/outbound/outbound-protocol.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import type { Logger } from '../../logging/logger.js';
import type { OutboundService } from '../outbound/outbound-service.js';
import type { CallTaskRecords } from '../ports/call-task-records.js';
import type { CallRequest, FollowUpCalls } from '../ports/follow-ups.js';
import type { FinishedFollowUpCall } from './follow-up-service.js';

const PURPOSES: readonly CallPurpose[] = ['sign-reminder', 'reply-reminder', 'return-visit'];

export interface FollowUpDialerOptions {
  readonly trunk: string;
  /** The outbound engine's window names: citizens inside the calling window, units' contacts at any hour. */
  readonly windows: { readonly calling: string; readonly any: string };
  readonly retry: Readonly<Record<CallPurpose, RetryPolicy>>;
}

type Outbound = Pick<OutboundService, 'request' | 'cancel' | 'onOutcome'>;

export class FollowUpDialer implements FollowUpCalls {
  constructor(
    private readonly outbound: Outbound,
    private readonly tasks: Pick<CallTaskRecords, 'get'>,
    private readonly options: FollowUpDialerOptions,
    private readonly logger: Logger,
  ) {}

  async place(request: CallRequest): Promise<void> {
    const answer = await this.outbound.request({
      taskId: request.key,
      purpose: request.purpose,
      number: request.number,
      trunk: this.options.trunk,
      flowId: request.flow,
      variables: { ...request.variables, ticketId: String(request.ticketId) },
      notBefore: request.notBefore,
      notAfter: null,
      window: this.options.windows[request.window],
      retry: this.options.retry[request.purpose],
    });
    // A refused request is about its data (a number the trunk cannot dial): asking again would be refused again.
    if (!answer.ok) this.logger.warn({ key: request.key, number: maskPhone(request.number), code: answer.code }, 'follow-up call refused by the outbound service');
  }

  async cancel(key: string): Promise<void> {
    this.outbound.cancel(key);
  }

  async states(keys: readonly string[]): Promise<ReadonlyMap<string, CallState>> {
    const states = new Map<string, CallState>();
    for (const key of keys) {
      const task = await this.tasks.get(key);
      if (task && isPurpose(task.request.purpose)) states.set(key, followUpCallState(task.request.purpose, finished(task)));
    }
    return states;
  }

  /** Hands each finished follow-up task to `listener`, with the order it was about. */
  onFinished(listener: (call: FinishedFollowUpCall) => Promise<void>): () => void {
    return this.outbound.onOutcome((taskId, purpose, outcome) => {
      if (!isPurpose(purpose) || outcome.kind === 'cancelled') return;
      void this.tasks
        .get(taskId)
        .then((task) => {
          const ticketId = Number(task?.request.variables['ticketId']);
          if (!task || !Number.isInteger(ticketId)) return;
          return listener({ key: taskId, ticketId, purpose, number: task.request.number, ...outcomeOf(outcome) });
        })
        .catch((error: unknown) => this.logger.error({ err: error, key: taskId }, 'a finished follow-up call could not be applied; the next sweep plans its order again'));
    });
  }
}

function isPurpose(purpose: string): purpose is CallPurpose {
  return (PURPOSES as readonly string[]).includes(purpose);
}

/** A task's end as the follow-up reads it; null while it goes on. */
function finished(task: CallTask): { reached: boolean; variables: Readonly<Record<string, string>> } | null {
  const { status } = task;
  if (status.kind !== 'done' && status.kind !== 'failed-final' && status.kind !== 'cancelled') return null;
  return outcomeOf(status.outcome);
}

function outcomeOf(outcome: CallTaskOutcome): { reached: boolean; variables: Readonly<Record<string, string>> } {
  return outcome.kind === 'reached' ? { reached: true, variables: outcome.variables } : { reached: false, variables: {} };
}
