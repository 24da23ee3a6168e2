// A call the dialplan answered without the server: shed while the server fell behind (admission
// control), or arrived while no server was registered. The dialplan marks it in Asterisk's channel
// event records with what its ticket needs (why, the number dialed, the caller's number); the
// server reads the mark and what followed (an agent of the fallback queue answering, who left the
// conversation first, the caller's hangup) and writes the call's one ticket. Pure.
import type { CallFacts, EndedBy, IvrStep, RecordingRef } from './call-facts.js';
import { callIds } from './call-ids.js';

export type DialplanCallReason = 'shed' | 'server-away';

/** The fallback queue the dialplan puts these callers in (dialplan/hotline.conf, queues.conf). */
export const DIALPLAN_FALLBACK_QUEUE = 'hotline-fallback';

export interface DialplanCallMark {
  /** The call's id: Asterisk's linkedid, as for every call the server handles. */
  readonly callId: string;
  /** The channel that ran the dialplan: the caller's side of the call. */
  readonly callerChannel: string;
  readonly reason: DialplanCallReason;
  readonly entry: string;
  readonly callerNumber: string;
  /** When the dialplan marked it: right after it answered the caller. */
  readonly at: number;
}

/** What followed the mark, in the call's words. */
export type DialplanCallStep =
  | { readonly kind: 'agent-joined'; readonly at: number; readonly agentId: string }
  | { readonly kind: 'left-conversation'; readonly at: number; readonly who: 'caller' | 'agent' }
  | { readonly kind: 'caller-hung-up'; readonly at: number; readonly cause: number | null };

/** A marked call whose end Asterisk recorded: what its ticket is written from. */
export interface FinishedDialplanCall {
  readonly mark: DialplanCallMark;
  readonly steps: readonly DialplanCallStep[];
  readonly endedAt: number;
}

const REASONS: readonly DialplanCallReason[] = ['shed', 'server-away'];

/**
 * The mark's text, `<reason>|<number dialed>|<caller's number>`: undefined when it is not one.
 * The caller's number is the rest of the text, whatever it holds.
 */
export function parseDialplanMark(text: string): Pick<DialplanCallMark, 'reason' | 'entry' | 'callerNumber'> | undefined {
  const first = text.indexOf('|');
  const second = first < 0 ? -1 : text.indexOf('|', first + 1);
  if (second < 0) return undefined;
  const reason = text.slice(0, first) as DialplanCallReason;
  if (!REASONS.includes(reason)) return undefined;
  return { reason, entry: text.slice(first + 1, second), callerNumber: text.slice(second + 1) };
}

interface Conversation {
  readonly agentId: string | null;
  readonly agentAnsweredAt: number | null;
  readonly endedAt: number | null;
  readonly endedBy: 'caller' | 'agent' | null;
}

/** The first agent to answer, and who ended that conversation (the first side to leave it). */
function conversationOf(steps: readonly DialplanCallStep[]): Conversation {
  let talk: Conversation = { agentId: null, agentAnsweredAt: null, endedAt: null, endedBy: null };
  for (const step of steps) {
    if (step.kind === 'agent-joined' && talk.agentId === null) talk = { ...talk, agentId: step.agentId, agentAnsweredAt: step.at };
    if (step.kind === 'left-conversation' && talk.agentId !== null && talk.endedAt === null) talk = { ...talk, endedAt: step.at, endedBy: step.who };
  }
  return talk;
}

/** The call's facts once Asterisk recorded its end (`endedAt`); steps in the order they happened. */
export function dialplanCallFacts(mark: DialplanCallMark, steps: readonly DialplanCallStep[], endedAt: number): CallFacts {
  const talk = conversationOf(steps);
  const hungUp = steps.find((step): step is Extract<DialplanCallStep, { kind: 'caller-hung-up' }> => step.kind === 'caller-hung-up');
  const endedBy: EndedBy = talk.endedBy ?? (hungUp ? 'caller' : 'unknown');
  // app_queue records while caller and agent are bridged (queues.conf monitor-format).
  const recordings: RecordingRef[] = talk.agentAnsweredAt === null ? [] : [{ name: callIds.fallbackRecording(mark.callId), kind: 'conversation', format: 'wav', startedAt: talk.agentAnsweredAt }];
  const path: IvrStep[] = [
    { at: mark.at, kind: 'outcome', outcome: `dialplan-${mark.reason}` },
    { at: mark.at, kind: 'outcome', outcome: 'queued', detail: DIALPLAN_FALLBACK_QUEUE },
    ...(talk.agentId !== null && talk.agentAnsweredAt !== null ? [{ at: talk.agentAnsweredAt, kind: 'outcome' as const, outcome: 'answered', detail: talk.agentId }] : []),
  ];
  return {
    callId: mark.callId,
    callerNumber: mark.callerNumber,
    callerName: null,
    dialedNumber: mark.entry,
    startedAt: mark.at,
    answeredAt: mark.at,
    endedAt: Math.max(endedAt, mark.at),
    hangupCause: hungUp?.cause ?? null,
    endedBy,
    ivrPath: path,
    queue: DIALPLAN_FALLBACK_QUEUE,
    queuedAt: mark.at,
    agentId: talk.agentId,
    agentAnsweredAt: talk.agentAnsweredAt,
    conversationEndedAt: talk.endedAt,
    satisfaction: null,
    holdMs: 0,
    recordings,
    elderly: false,
    enterprise: null,
  };
}
