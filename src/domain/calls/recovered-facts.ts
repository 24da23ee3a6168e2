// The facts of a call found unfinished after the server stopped without warning (crash, kill,
// power): rebuilt from what was saved as the call moved on, so its ticket still tells the queue,
// the agent and the way through the IVR. Pure.
import type { CallFacts, IvrStep } from './call-facts.js';

export interface SavedCall {
  readonly id: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  /** The last time anything about the call was saved. */
  readonly updatedAt: number;
  readonly ivrPath: readonly IvrStep[];
}

/** How the restart left the call: still on the line and sent to the human fallback, or already gone. */
export type RecoveryOutcome = 'sent-to-fallback' | 'gone';

type OutcomeStep = Extract<IvrStep, { kind: 'outcome' }>;
const outcomes = (path: readonly IvrStep[], name: string): OutcomeStep[] =>
  path.filter((step): step is OutcomeStep => step.kind === 'outcome' && step.outcome === name);

function lastQueue(path: readonly IvrStep[]): { queue: string; at: number } | null {
  const steps = path.filter((step): step is OutcomeStep => step.kind === 'outcome' && (step.outcome === 'queued' || step.outcome === 'overflowed'));
  const last = steps.at(-1);
  if (!last?.detail) return null;
  const first = steps[0] as OutcomeStep;
  // An overflow reads "from→to"; the wait counts from the first queue.
  return { queue: last.outcome === 'overflowed' ? (last.detail.split('→')[1] ?? last.detail) : last.detail, at: first.at };
}

export function recoveredFacts(call: SavedCall, outcome: RecoveryOutcome, at: number): CallFacts {
  const queued = lastQueue(call.ivrPath);
  const answered = outcomes(call.ivrPath, 'answered').at(-1);
  // Gone while the server was away: it ended at some point after the last save; that is all we know.
  const endedAt = outcome === 'gone' ? Math.max(call.updatedAt, call.startedAt) : at;
  const step: IvrStep = { at, kind: 'outcome', outcome: outcome === 'gone' ? 'lost-during-restart' : 'restart-human-fallback' };
  return {
    callId: call.id,
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    dialedNumber: call.dialedNumber,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt,
    hangupCause: null,
    endedBy: outcome === 'gone' ? 'unknown' : 'system',
    ivrPath: [...call.ivrPath, step],
    queue: queued?.queue ?? null,
    queuedAt: queued?.at ?? null,
    agentId: answered?.detail ?? null,
    agentAnsweredAt: answered?.at ?? null,
    conversationEndedAt: answered ? endedAt : null,
    satisfaction: null,
    recordings: [],
    elderly: false,
    enterprise: null,
  };
}
