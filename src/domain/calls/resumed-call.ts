// A conversation found still going on after the server that ran it stopped without warning (a kill,
// a crash, a worker lost in a cluster): the caller and the agent's leg are both still in the call's
// conversation bridge, so the call is taken on again in the call machine's `talking` phase instead of
// being moved to the human fallback. The state is rebuilt from what the calls row saved as the call
// went on (its path and progress) and from what the phone system shows (which leg is the agent's).
// Pure: the restart recovery decides when, the executor carries out the commands.
import type { EndedBy, IvrStep, RecordingRef } from './call-facts.js';
import type { AgentCallEvent, CallCommand } from './call-protocol.js';
import type { CallHold, CallState } from './call-state.js';
import { callIds } from './call-ids.js';
import { popFactsOf } from './call-step.js';
import { savedProgress, summarizeRecords, type RecordedStep, type SavedCall } from './recovered-facts.js';

/** A saved call as recovery reads it: the row's facts and the caller's channel. */
export interface SavedLiveCall extends SavedCall {
  readonly channelId: string;
}

/** What the phone system shows of the conversation: the agent's leg in the call's bridge. */
export interface ConversationFound {
  readonly legId: string;
  readonly agentId: string;
  /** When the bridge was made: the agent's answer, for a call killed before its answer was saved (NaN: not known). */
  readonly bridgedAt: number;
  /** The recorders (snoop channels) of the conversation: the recording's name and when it began. */
  readonly recorders: readonly { readonly name: string; readonly startedAt: number }[];
}

export interface ResumedCall {
  readonly state: CallState;
  /** What the executor does once the session exists: tell the ACD and the agent's desktop. */
  readonly commands: readonly CallCommand[];
}

/** The outcome step a kept conversation adds to the call's path (the ticket tells the takeover). */
export const CONVERSATION_KEPT = 'restart-conversation-kept';

type OutcomeStep = Extract<IvrStep, { kind: 'outcome' }>;

const countOutcomes = (path: readonly IvrStep[], outcome: string): number => path.filter((step) => step.kind === 'outcome' && step.outcome === outcome).length;

/**
 * The agent's hold as the last save left it: held when the last hold step is `held` (the music is
 * still on the caller's channel), with the time held before that save minus the hold still running.
 */
function holdOf(path: readonly IvrStep[], holdMs: number, savedAt: number): CallHold {
  const last = path.filter((step): step is OutcomeStep => step.kind === 'outcome' && (step.outcome === 'held' || step.outcome === 'resumed')).at(-1);
  if (last?.outcome !== 'held') return { totalMs: holdMs, since: null };
  return { totalMs: Math.max(0, holdMs - Math.max(0, savedAt - last.at)), since: last.at };
}

/**
 * The answer as saved, or, when the server stopped between the answer and its save (the progress is
 * written within 0.1 s), as the phone system shows it: the bridge's making, the recorders' files.
 */
function answerOf(progress: NonNullable<ReturnType<typeof savedProgress>>, found: ConversationFound, path: readonly IvrStep[]): { answeredAt: number; recordings: RecordingRef[]; path: IvrStep[] } | null {
  const recordings = [...progress.recordings];
  for (const recorder of found.recorders) {
    if (!recordings.some((recording) => recording.name === recorder.name)) recordings.push({ name: recorder.name, kind: 'conversation', format: 'wav', startedAt: recorder.startedAt });
  }
  if (progress.agentId === found.agentId && progress.agentAnsweredAt !== null) return { answeredAt: progress.agentAnsweredAt, recordings, path: [...path] };
  if (progress.agentId !== null || !Number.isFinite(found.bridgedAt)) return null;
  return { answeredAt: found.bridgedAt, recordings, path: [...path, { at: found.bridgedAt, kind: 'outcome', outcome: 'answered', detail: found.agentId }] };
}

/**
 * The call in conversation again, or null when what was saved cannot carry it on: no valid progress,
 * no queue (the ACD must know the call), another agent saved than the one on the leg, a callback
 * (the ACD knows it by its first call), or a leg not named by the hotline's scheme.
 */
export function resumedCall(saved: SavedLiveCall, found: ConversationFound, language: string, at: number): ResumedCall | null {
  const progress = savedProgress(saved.progress);
  const leg = callIds.legOf(found.legId);
  if (!progress || progress.queue === null || saved.dialedNumber === 'callback' || leg?.kind !== 'agent') return null;
  const answer = answerOf(progress, found, saved.ivrPath);
  if (!answer) return null;
  const agent = { legId: found.legId, agentId: found.agentId, acdId: saved.id, answeredAt: answer.answeredAt };
  const path = answer.path;
  const state: CallState = {
    call: { callId: saved.id, channelId: saved.channelId, callerNumber: saved.callerNumber, callerName: saved.callerName, dialedNumber: saved.dialedNumber, startedAt: saved.startedAt, callback: null },
    caller: { elderly: progress.elderly, enterprise: progress.enterprise },
    phase: { kind: 'talking', agent, parties: { dialing: {}, joined: {} } },
    record: {
      answeredAt: saved.answeredAt,
      queue: progress.queue,
      queuesVisited: [progress.queue],
      queuedAt: progress.queuedAt,
      priorityClass: null,
      hangupCause: null,
      endedBy: 'unknown',
      lineDown: false,
      agent,
      handedOver: null,
      conversationEndedAt: null,
      hold: holdOf(path, progress.holdMs ?? 0, saved.updatedAt),
      recordings: answer.recordings,
      steps: [...path, { at, kind: 'outcome', outcome: CONVERSATION_KEPT, detail: found.agentId }],
      callbackRequested: false,
      callbackSettled: false,
      agentSideReleased: false,
    },
    ivr: null,
    survey: null,
    // Ids the call hands out next must not be ones Asterisk may still hold from before.
    seq: {
      leg: leg.seq,
      party: countOutcomes(path, 'three-way-dialing'),
      recording: answer.recordings.filter((recording) => recording.kind === 'conversation').length,
      consult: countOutcomes(path, 'transfer-attended'),
      announcement: 0,
    },
  };
  const offered: AgentCallEvent = { kind: 'offered', agentId: found.agentId, at, call: popFactsOf(state, language) };
  const commands: CallCommand[] = [
    { type: 'TellAcd', event: { type: 'ConversationResumed', callId: saved.id, agentId: found.agentId, queueId: progress.queue, answeredAt: answer.answeredAt, at } },
    // The agent's desktop shows the call again (a restarted server has no pop of it).
    { type: 'NotifyAgent', event: offered },
    { type: 'NotifyAgent', event: { kind: 'answered', agentId: found.agentId, callId: saved.id, at } },
    { type: 'Log', level: 'info', message: 'conversation kept through the takeover', fields: { agentId: found.agentId, legId: found.legId } },
  ];
  return { state, commands };
}

/** The outcome step a survey kept through a restart adds to the call's path. */
export const SURVEY_KEPT = 'restart-survey-kept';

const ENDINGS: readonly EndedBy[] = ['caller', 'system', 'agent', 'supervisor', 'unknown'];

/**
 * The conversation's end (the survey follows it) as the last save holds it; or, when the server
 * stopped before saving it (progress is written within 0.1 s), as Asterisk's records tell it; or null.
 */
function conversationEndOf(progress: unknown, records: readonly RecordedStep[], at: number): { endedAt: number; endedBy: EndedBy } | null {
  if (typeof progress !== 'object' || progress === null) return null;
  const { conversationEndedAt, endedBy } = progress as Record<string, unknown>;
  const by = ENDINGS.find((known) => known === endedBy);
  if (typeof conversationEndedAt === 'number' && by !== undefined) return { endedAt: conversationEndedAt, endedBy: by };
  const recorded = summarizeRecords(records, at);
  return recorded.conversationEndedAt === null ? null : { endedAt: recorded.conversationEndedAt, endedBy: recorded.conversationEndedBy ?? 'agent' };
}

/**
 * A caller found in the survey Asterisk runs (the compiled survey) after the server that let them
 * in stopped without warning: the call is taken on in its "survey in the dialplan" phase, where the
 * survey's end (its path and rating) and the line's end come as they would have to the old server,
 * so the rating still lands on the one ticket. Null when neither the save nor the records show a
 * conversation that ended (no valid progress, no agent, no end): the call is then closed as before.
 */
export function resumedInSurvey(saved: SavedLiveCall, at: number, records: readonly RecordedStep[] = []): ResumedCall | null {
  const progress = savedProgress(saved.progress);
  const end = conversationEndOf(saved.progress, records, at);
  if (!progress || !end || progress.agentId === null || progress.agentAnsweredAt === null || saved.dialedNumber === 'callback') return null;
  const state: CallState = {
    call: { callId: saved.id, channelId: saved.channelId, callerNumber: saved.callerNumber, callerName: saved.callerName, dialedNumber: saved.dialedNumber, startedAt: saved.startedAt, callback: null },
    caller: { elderly: progress.elderly, enterprise: progress.enterprise },
    phase: { kind: 'survey', where: 'dialplan' },
    record: {
      answeredAt: saved.answeredAt,
      queue: progress.queue,
      queuesVisited: progress.queue === null ? [] : [progress.queue],
      queuedAt: progress.queuedAt,
      priorityClass: null,
      hangupCause: null,
      endedBy: end.endedBy,
      lineDown: false,
      // The leg went with the conversation, before the survey; its id is not saved and nothing will name it again.
      agent: { legId: '', agentId: progress.agentId, acdId: saved.id, answeredAt: progress.agentAnsweredAt },
      handedOver: null,
      conversationEndedAt: end.endedAt,
      hold: { totalMs: progress.holdMs ?? 0, since: null },
      recordings: [...progress.recordings],
      steps: [...saved.ivrPath, { at, kind: 'outcome', outcome: SURVEY_KEPT }],
      callbackRequested: false,
      callbackSettled: false,
      // The old server took the conversation down and told the ACD before it let the caller in.
      agentSideReleased: true,
    },
    ivr: null,
    survey: null,
    seq: { leg: 0, party: 0, recording: 0, consult: 0, announcement: 0 },
  };
  return { state, commands: [{ type: 'Log', level: 'info', message: 'survey in the dialplan kept through the restart', fields: { agentId: progress.agentId } }] };
}
