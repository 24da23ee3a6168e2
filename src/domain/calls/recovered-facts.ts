// The facts of a call found unfinished after the server stopped without warning (crash, kill,
// power): rebuilt from what was saved as the call moved on, so its ticket still tells the queue,
// the agent and the way through the IVR; and, where Asterisk's own records (its channel events)
// say what happened while nobody watched, with the real end of the conversation, who ended it and
// the hangup cause. Pure.
import type { CallFacts, EndedBy, IvrStep } from './call-facts.js';

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
  /** What the call machine last saved of the call's facts, as read back (checked here before use). */
  readonly progress?: unknown;
}

/** What a ticket takes from the call machine's last save, beyond its path. */
type SavedProgress = Pick<CallFacts, 'queue' | 'queuedAt' | 'agentId' | 'agentAnsweredAt' | 'recordings' | 'elderly' | 'enterprise' | 'satisfaction'> &
  /** Absent in a row saved before holds were counted. */
  Partial<Pick<CallFacts, 'holdMs'>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStringOrNull = (value: unknown): boolean => value === null || typeof value === 'string';
const isNumberOrNull = (value: unknown): boolean => value === null || typeof value === 'number';

function isRecording(value: unknown): boolean {
  return isObject(value) && typeof value['name'] === 'string' && (value['kind'] === 'conversation' || value['kind'] === 'message') && value['format'] === 'wav' && typeof value['startedAt'] === 'number';
}

function isEnterprise(value: unknown): boolean {
  return value === null || (isObject(value) && typeof value['name'] === 'string' && typeof value['creditCode'] === 'string');
}

/** The saved progress when it has the shape the machine writes; anything else (an older row, a damaged one) is not used. */
export function savedProgress(value: unknown): SavedProgress | null {
  if (!isObject(value)) return null;
  const { queue, queuedAt, agentId, agentAnsweredAt, recordings, elderly, enterprise, satisfaction, holdMs } = value;
  const valid =
    (holdMs === undefined || typeof holdMs === 'number') &&
    isStringOrNull(queue) && isNumberOrNull(queuedAt) && isStringOrNull(agentId) && isNumberOrNull(agentAnsweredAt) && Array.isArray(recordings) &&
    recordings.every(isRecording) && typeof elderly === 'boolean' && isEnterprise(enterprise) && isStringOrNull(satisfaction);
  return valid ? (value as unknown as SavedProgress) : null;
}

/** How the restart left the call: still on the line and sent to the human fallback, or already gone. */
export type RecoveryOutcome = 'sent-to-fallback' | 'gone';

/**
 * One thing Asterisk recorded about a call, in the call's words: a side joined or left the
 * conversation (`leg` tells two agents' legs apart), or the caller's line went down.
 */
export type RecordedStep =
  | { readonly at: number; readonly kind: 'joined' | 'left'; readonly who: 'caller' | 'agent' | 'party'; readonly leg: string }
  | { readonly at: number; readonly kind: 'hung-up'; readonly cause: number | null };

/** What the records tell, summed up; every field null when they do not say. */
export interface RecordedOutcome {
  readonly callerHungUpAt: number | null;
  readonly hangupCause: number | null;
  /** The caller and an agent first together in the conversation. */
  readonly conversationStartedAt: number | null;
  readonly conversationEndedAt: number | null;
  /** Whose leaving ended the conversation (an outside party leaving last counts as the agent's side). */
  readonly conversationEndedBy: 'caller' | 'agent' | null;
}

const NOTHING_RECORDED: RecordedOutcome = { callerHungUpAt: null, hangupCause: null, conversationStartedAt: null, conversationEndedAt: null, conversationEndedBy: null };

/** Who is in the conversation as the records are replayed: the caller, and the other side's legs ("agent:<leg>", "party:<leg>"). */
interface Conversation {
  caller: boolean;
  readonly others: Set<string>;
  /** Sides seen joining or leaving so far. */
  readonly seen: Set<string>;
}

const together = (c: Conversation): boolean => c.caller && c.others.size > 0;
const withAgent = (c: Conversation): boolean => c.caller && [...c.others].some((key) => key.startsWith('agent:'));

const keyOf = (step: Extract<RecordedStep, { kind: 'joined' | 'left' }>): string => (step.who === 'caller' ? 'caller' : `${step.who}:${step.leg}`);

/**
 * A side seen leaving that was never seen joining was in: its joining is older than the records
 * read. So was the other side: a conversation bridge is made with the caller and an agent in it.
 */
function assumeIn(c: Conversation, step: Extract<RecordedStep, { kind: 'joined' | 'left' }>): void {
  const key = keyOf(step);
  if (step.kind !== 'left' || c.seen.has(key)) return;
  if (step.who !== 'caller') c.others.add(key);
  if (!c.seen.has('caller')) c.caller = true;
  if (step.who === 'caller' && c.seen.size === 0) c.others.add('agent:?');
}

function move(c: Conversation, step: Extract<RecordedStep, { kind: 'joined' | 'left' }>): void {
  const key = keyOf(step);
  c.seen.add(key);
  if (step.who === 'caller') c.caller = step.kind === 'joined';
  else if (step.kind === 'joined') c.others.add(key);
  else c.others.delete(key);
}

/**
 * Replays the records up to `until` (what the restarted server itself did after that is not the
 * call's story): the conversation starts when the caller and an agent are first together, and ends
 * when the caller leaves it or the last of the agent's side does, as a live call would have it.
 */
export function summarizeRecords(steps: readonly RecordedStep[], until: number): RecordedOutcome {
  const conversation: Conversation = { caller: false, others: new Set(), seen: new Set() };
  let outcome: RecordedOutcome = NOTHING_RECORDED;
  for (const step of [...steps].filter((s) => s.at < until).sort((a, b) => a.at - b.at)) {
    if (step.kind === 'hung-up') {
      if (outcome.callerHungUpAt === null) outcome = { ...outcome, callerHungUpAt: step.at, hangupCause: step.cause };
      continue;
    }
    assumeIn(conversation, step);
    const wasTogether = together(conversation);
    move(conversation, step);
    if (step.kind === 'joined' && outcome.conversationStartedAt === null && withAgent(conversation)) outcome = { ...outcome, conversationStartedAt: step.at };
    if (step.kind === 'left' && wasTogether && !together(conversation) && outcome.conversationEndedAt === null) {
      outcome = { ...outcome, conversationEndedAt: step.at, conversationEndedBy: step.who === 'caller' ? 'caller' : 'agent' };
    }
  }
  return outcome;
}

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

/** Who ended the call: the side that ended its conversation, else the caller if the line went down meanwhile. */
function endedByOf(outcome: RecoveryOutcome, recorded: RecordedOutcome): EndedBy {
  if (recorded.conversationEndedBy) return recorded.conversationEndedBy;
  if (outcome === 'sent-to-fallback') return 'system';
  return recorded.callerHungUpAt === null ? 'unknown' : 'caller';
}

/**
 * `recorded`: what Asterisk's records say happened to the call (nothing when they are missing);
 * `at`: now, when the restarted server settles it.
 */
export function recoveredFacts(call: SavedCall, outcome: RecoveryOutcome, at: number, records: readonly RecordedStep[] = []): CallFacts {
  const saved = savedProgress(call.progress);
  const lastQueued = lastQueue(call.ivrPath);
  const queued = saved ? (saved.queue === null ? null : { queue: saved.queue, at: saved.queuedAt ?? call.startedAt }) : lastQueued;
  const lastAnswered = outcomes(call.ivrPath, 'answered').at(-1);
  const answered = saved ? (saved.agentId === null ? undefined : { detail: saved.agentId, at: saved.agentAnsweredAt ?? undefined }) : lastAnswered;
  const recorded = summarizeRecords(records, at);
  // Gone while the server was away: when the line went down if Asterisk recorded it, else all we
  // know is that it was after the last save.
  const endedAt = outcome === 'gone' ? (recorded.callerHungUpAt ?? Math.max(call.updatedAt, call.startedAt)) : at;
  // The server may have died between an agent's answer and saving it: the records still tell the talk.
  const agentAnsweredAt = answered?.at ?? recorded.conversationStartedAt;
  const step: IvrStep = { at, kind: 'outcome', outcome: outcome === 'gone' ? 'lost-during-restart' : 'restart-human-fallback' };
  return {
    callId: call.id,
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    dialedNumber: call.dialedNumber,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt,
    hangupCause: outcome === 'gone' ? recorded.hangupCause : null,
    endedBy: endedByOf(outcome, recorded),
    ivrPath: [...call.ivrPath, step],
    queue: queued?.queue ?? null,
    queuedAt: queued?.at ?? null,
    agentId: answered?.detail ?? null,
    agentAnsweredAt,
    conversationEndedAt: agentAnsweredAt === null ? null : Math.min(recorded.conversationEndedAt ?? endedAt, endedAt),
    satisfaction: saved?.satisfaction ?? null,
    holdMs: saved?.holdMs ?? 0,
    recordings: saved ? [...saved.recordings] : [],
    elderly: saved?.elderly ?? false,
    enterprise: saved?.enterprise ?? null,
  };
}
