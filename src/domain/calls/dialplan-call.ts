// A call the dialplan handled without the server: shed while the server fell behind (admission
// control), arrived while no server was registered, told every line was busy (past the line limit,
// HOTLINE_MAX_CALLS), or left inside the menus compiled into the dialplan (the caller hung up
// there, or no server took the hand-back). The dialplan marks it in Asterisk's channel event
// records with what its ticket needs (why, the number dialed, the caller's number, and the menus'
// IVR path in parts after the mark); the server reads the mark and what followed (an agent of the
// fallback queue answering, who left the conversation first, the caller's hangup) and writes the
// call's one ticket. Pure.
import { MENUS_MARKS } from '../ivr/dialplan-marks.js';
import { decodePath, DialplanPathError } from '../ivr/dialplan-path.js';
import type { CallFacts, EndedBy, IvrStep, RecordingRef } from './call-facts.js';
import { callIds } from './call-ids.js';

/**
 * `menus-left`: the caller hung up inside the compiled menus (no queue, no agent). `busy`: past the
 * line limit, told every line was busy and hung up on (no queue, no agent: a call to return).
 */
export type DialplanCallReason = 'shed' | 'server-away' | 'menus-left' | 'busy';

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
  /** When the dialplan marked it: right after it answered the caller, or as the call left the compiled menus. */
  readonly at: number;
  /** Bytes of the compiled menus' IVR path that follow the mark in parts; null when the call never was in them. */
  readonly menusPathBytes: number | null;
}

/** What followed the mark, in the call's words. */
export type DialplanCallStep =
  | { readonly kind: 'agent-joined'; readonly at: number; readonly agentId: string }
  | { readonly kind: 'left-conversation'; readonly at: number; readonly who: 'caller' | 'agent' }
  | { readonly kind: 'caller-hung-up'; readonly at: number; readonly cause: number | null }
  /** The next part of the menus' IVR path, in the dialplan's words (dialplan-path.ts). */
  | { readonly kind: 'menus-path-part'; readonly at: number; readonly text: string };

/** A marked call whose end Asterisk recorded: what its ticket is written from. */
export interface FinishedDialplanCall {
  readonly mark: DialplanCallMark;
  readonly steps: readonly DialplanCallStep[];
  readonly endedAt: number;
}

/** The mark's first word: why, and whether the length of the menus' path comes before the caller's number. */
const MARK_WORDS: Readonly<Record<string, { readonly reason: DialplanCallReason; readonly menus: boolean }>> = {
  shed: { reason: 'shed', menus: false },
  'server-away': { reason: 'server-away', menus: false },
  busy: { reason: 'busy', menus: false },
  [MENUS_MARKS.left]: { reason: 'menus-left', menus: true },
  [MENUS_MARKS.serverAway]: { reason: 'server-away', menus: true },
};

/** The path's outcome when a part of it was lost or cannot be read: the ticket is written anyway. */
export const MENUS_PATH_LOST = 'menus-path-lost';

/** The first `count` fields split by `|`, and the rest of the text; undefined when there are fewer. */
function fields(text: string, count: number): { head: string[]; rest: string } | undefined {
  const head: string[] = [];
  let from = 0;
  for (let i = 0; i < count; i += 1) {
    const bar = text.indexOf('|', from);
    if (bar < 0) return undefined;
    head.push(text.slice(from, bar));
    from = bar + 1;
  }
  return { head, rest: text.slice(from) };
}

/**
 * The mark's text: undefined when it is not one. `<reason>|<number dialed>|<caller's number>`, or
 * from the compiled menus `menus-left|…` / `menus-server-away|<number dialed>|<bytes of the
 * path>|<caller's number>`. The caller's number is the rest of the text, whatever it holds.
 */
export function parseDialplanMark(text: string): Pick<DialplanCallMark, 'reason' | 'entry' | 'callerNumber' | 'menusPathBytes'> | undefined {
  const word = MARK_WORDS[text.slice(0, text.indexOf('|'))];
  const parts = word && fields(text, word.menus ? 3 : 2);
  if (!word || !parts) return undefined;
  const [, entry = '', bytes = ''] = parts.head;
  if (word.menus && !/^\d+$/.test(bytes)) return undefined;
  return { reason: word.reason, entry, callerNumber: parts.rest, menusPathBytes: word.menus ? Number(bytes) : null };
}

/** The compiled menus' IVR path from the parts that followed the mark; `lost` when one is missing or it cannot be read. */
export function menusPathOf(mark: DialplanCallMark, steps: readonly DialplanCallStep[]): { readonly steps: readonly IvrStep[]; readonly lost: boolean } {
  if (mark.menusPathBytes === null) return { steps: [], lost: false };
  const text = steps.flatMap((step) => (step.kind === 'menus-path-part' ? [step.text] : [])).join('');
  if (text.length !== mark.menusPathBytes) return { steps: [], lost: true };
  try {
    return { steps: decodePath(text), lost: false };
  } catch (error) {
    if (error instanceof DialplanPathError) return { steps: [], lost: true };
    throw error;
  }
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

/** Calls the dialplan put in its fallback queue (the others ended in the menus or were told the lines were busy). */
const queuedBy = (reason: DialplanCallReason): boolean => reason === 'shed' || reason === 'server-away';

/**
 * The call's IVR path: the compiled menus' (a caller who hung up in them: as the engine's ticket
 * would show it, the handler added the prompts cut off), then why the dialplan answered it, and for
 * a call in the fallback queue the queue and the agent who answered.
 */
function pathOf(mark: DialplanCallMark, steps: readonly DialplanCallStep[], talk: Conversation): IvrStep[] {
  const menus = menusPathOf(mark, steps);
  return [
    ...(menus.lost ? [{ at: mark.at, kind: 'outcome' as const, outcome: MENUS_PATH_LOST }] : menus.steps),
    ...(mark.reason === 'menus-left' ? [] : [{ at: mark.at, kind: 'outcome' as const, outcome: `dialplan-${mark.reason}` }]),
    ...(queuedBy(mark.reason) ? [{ at: mark.at, kind: 'outcome' as const, outcome: 'queued', detail: DIALPLAN_FALLBACK_QUEUE }] : []),
    ...(talk.agentId !== null && talk.agentAnsweredAt !== null ? [{ at: talk.agentAnsweredAt, kind: 'outcome' as const, outcome: 'answered', detail: talk.agentId }] : []),
  ];
}

/** The call's facts once Asterisk recorded its end (`endedAt`); steps in the order they happened. */
export function dialplanCallFacts(mark: DialplanCallMark, steps: readonly DialplanCallStep[], endedAt: number): CallFacts {
  const talk = conversationOf(steps);
  const hungUp = steps.find((step): step is Extract<DialplanCallStep, { kind: 'caller-hung-up' }> => step.kind === 'caller-hung-up');
  // A busy call is ended by the dialplan after its prompt (Asterisk's records do not tell whether the caller left first).
  const endedBy: EndedBy = talk.endedBy ?? (mark.reason === 'busy' ? 'system' : hungUp ? 'caller' : 'unknown');
  // app_queue records while caller and agent are bridged (queues.conf monitor-format).
  const recordings: RecordingRef[] = talk.agentAnsweredAt === null ? [] : [{ name: callIds.fallbackRecording(mark.callId), kind: 'conversation', format: 'wav', startedAt: talk.agentAnsweredAt }];
  const path = pathOf(mark, steps, talk);
  // A call from the compiled menus began when it arrived: its path's first step (the server's, at arrival).
  const startedAt = Math.min(path[0]?.at ?? mark.at, mark.at);
  const queued = queuedBy(mark.reason);
  return {
    callId: mark.callId,
    callerNumber: mark.callerNumber,
    callerName: null,
    dialedNumber: mark.entry,
    startedAt,
    answeredAt: startedAt,
    endedAt: Math.max(endedAt, mark.at),
    hangupCause: hungUp?.cause ?? null,
    endedBy,
    ivrPath: path,
    queue: queued ? DIALPLAN_FALLBACK_QUEUE : null,
    queuedAt: queued ? mark.at : null,
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
