// The call machine: one citizen call from its arrival to its ticket, as a pure step function
// `(setup, state, event, now) → { state, commands }`, the same pattern as the IVR and ACD engines.
// It answers, runs the menus, waits in the ACD's queue, rings agents, connects and records the
// conversation, transfers, adds a unit, runs the survey, and hands the call's facts on at the end;
// any failed step sends the caller to a human. Its executor (app/calls) does the I/O.
import { holdChanged } from './call-hold.js';
import type { CallerInfo } from '../callers/caller-info.js';
import type { CallEvent } from './call-events.js';
import type { CallMachineEvent } from './call-protocol.js';
import { NOT_HELD, type CallbackOrigin, type CallState } from './call-state.js';
import { CallStep, type CallSetup, type CallStepResult } from './call-step.js';
import { closingDone, closingTimerFired, forceRelease, takeOver } from './call-supervisor.js';
import { agentAnswered, legGone, ownsParty, partyAnswered, partyDialFailed, partyGone, partyRequested, recordingFailed } from './call-conversation.js';
import { endCall, stepFailed } from './call-ending.js';
import { feedIvr, ivrMessageRecorded, ivrPromptFinished, ivrPromptStalled, ivrTimerFired, startMenus, surveyEnded, surveyInDialplan, surveyNotHandedOver } from './call-ivr.js';
import type { MenusFromDialplan } from './dialplan-menus.js';
import { agentDialed, agentDialFailed } from './call-offers.js';
import { acdDecided, announcementFinished, callbackArrived, keyWhileQueued } from './call-queue.js';
import { transferRequested } from './call-transfer.js';

export type { CallSetup, CallStepResult } from './call-step.js';

type Arrival = Extract<CallEvent, { type: 'CallArrived' }>;

/** A call as it arrives: nothing has happened on it yet. */
export function newCall(arrival: Arrival, caller: CallerInfo, callback: CallbackOrigin | null): CallState {
  return {
    call: {
      callId: arrival.callId,
      channelId: arrival.channelId,
      callerNumber: arrival.callerNumber,
      callerName: arrival.callerName,
      dialedNumber: arrival.dialedNumber,
      startedAt: arrival.at,
      callback,
      ...(arrival.flowStart ? { flowStart: arrival.flowStart } : {}),
    },
    caller,
    phase: { kind: 'arriving', keys: [] },
    record: {
      answeredAt: null,
      queue: null,
      queuesVisited: [],
      queuedAt: null,
      priorityClass: null,
      hangupCause: null,
      endedBy: 'unknown',
      lineDown: false,
      agent: null,
      handedOver: null,
      conversationEndedAt: null,
      hold: NOT_HELD,
      recordings: [],
      steps: [],
      callbackRequested: false,
      callbackSettled: false,
      agentSideReleased: false,
    },
    ivr: null,
    survey: null,
    seq: { leg: 0, party: 0, recording: 0, consult: 0, announcement: 0 },
  };
}

export function stepCall(setup: CallSetup, state: CallState, event: CallMachineEvent, now: number): CallStepResult {
  if (state.phase.kind === 'ended') return { state, commands: [] };
  const step = new CallStep(setup, state, now);
  if ('channelId' in event && event.channelId !== state.call.channelId) otherChannel(step, event);
  else onEvent(step, event);
  // Hung up by the system: nothing more can happen on the call, so it is closed now, not when
  // Asterisk's hang-up events come back (the ticket no longer waits for them).
  if (step.closesNow) endCall(step, step.now);
  return step.result();
}

function onEvent(step: CallStep, event: CallMachineEvent): void {
  switch (event.type) {
    case 'CallArrived':
      return arrived(step, event.answered, event.menus);
    case 'CallAnswered':
      return answered(step, event.at);
    case 'PromptFinished':
      return promptFinished(step, event.playbackId, event.outcome, event.at);
    case 'KeyPressed':
      return keyPressed(step, event.key, event.at);
    case 'MessageRecorded':
      return ivrMessageRecorded(step, event.name, event.durationMs, event.at);
    case 'HangupRequested':
      return lineDown(step, event.cause);
    case 'CallLeft':
      // Leaving the application for the compiled survey is not the end: the line's end comes as ChannelGone.
      if (surveyInDialplan(step)) return;
      return endCall(step, event.at);
    case 'SurveyEnded':
      if (!surveyInDialplan(step)) return;
      surveyEnded(step, event.path, event.variables);
      if (event.hungUp) lineGoneInSurvey(step, event.hungUp.cause, event.at);
      return;
    case 'SurveyNotHandedOver':
      return surveyNotHandedOver(step);
    case 'LineLost':
      // After the conversation, who ended the call is already known (the agent): only the line's end was missed.
      return step.phase.kind === 'survey' ? lineGoneInSurvey(step, null, step.now) : endCall(step, step.now, 'unknown');
    case 'TimerFired':
      if (closingTimerFired(step, event.timerId)) return;
      return ivrTimerFired(step, event.timerId);
    case 'AcdDecided':
      return acdDecided(step, event.command);
    case 'AgentDialed':
      return agentDialed(step, event.legId, event.agentId, event.acdId, event.systemLagging);
    case 'AgentDialFailed':
      return agentDialFailed(step, event.legId, event.agentId, event.acdId);
    case 'PromptStalled':
      return ivrPromptStalled(step, event.playbackId);
    case 'RecordingFailed':
      return recordingFailed(step, event.name, event.reason);
    case 'PartyDialFailed':
      return partyDialFailed(step, event.partyChannelId, event.number);
    case 'TransferRequested':
      return transferRequested(step, event.target, event.mode);
    case 'PartyRequested':
      return partyRequested(step, event.number);
    case 'ForceReleaseRequested':
      return forceRelease(step, event.supervisorId);
    case 'TakeOverRequested':
      return takeOver(step, event.supervisorId, event.legId);
    case 'StepFailed':
      return stepFailed(step);
    // The caller's own phone holding needs nothing either (the agent hears the silence and knows why).
    case 'HoldChanged':
    case 'AgentLegAnswered':
    case 'CallbackAnswered':
    case 'OutboundAnswered':
    case 'PartyAnswered':
      return;
    case 'ChannelGone':
    case 'DialplanLineGone':
      return surveyInDialplan(step) ? lineGoneInSurvey(step, event.cause, event.at) : undefined;
  }
}

function arrived(step: CallStep, alreadyAnswered: boolean, menus?: MenusFromDialplan): void {
  step.do({ type: 'RecordCallStart' });
  if (step.call.callback) return callbackArrived(step, step.call.startedAt);
  const { call, caller } = step;
  step.log('info', 'call arrived', { callerNumber: call.callerNumber, dialed: call.dialedNumber, elderly: caller.elderly, enterprise: caller.enterprise?.name, alreadyAnswered });
  // The hotline's entry context answers before Stasis (no request per call); a dialplan that does
  // not is answered here.
  if (alreadyAnswered) return answered(step, call.startedAt, menus);
  step.do({ type: 'Answer' });
}

function answered(step: CallStep, at: number, menus?: MenusFromDialplan): void {
  const early = step.phase.kind === 'arriving' ? step.phase.keys : [];
  step.record.answeredAt = at;
  step.do({ type: 'RecordAnswered', at });
  startMenus(step, menus);
  for (const key of early) feedIvr(step, 'ivr', { type: 'KeyPressed', key: key.key, at: key.at });
}

function keyPressed(step: CallStep, key: string, at: number): void {
  const phase = step.phase;
  if (phase.kind === 'arriving') step.phase = { kind: 'arriving', keys: [...phase.keys, { key, at }] };
  else if (phase.kind === 'queued') keyWhileQueued(step, key, at);
  else feedIvr(step, step.survey ? 'survey' : 'ivr', { type: 'KeyPressed', key, at });
}

function promptFinished(step: CallStep, playbackId: string, outcome: 'played' | 'failed', at: number): void {
  // Asterisk also ends a playback when the caller hangs up; that prompt was cut off, not heard.
  if (step.record.lineDown) return;
  if (announcementFinished(step, playbackId)) return;
  if (closingDone(step, playbackId)) return;
  ivrPromptFinished(step, 'ivr', playbackId, outcome, at);
  ivrPromptFinished(step, 'survey', playbackId, outcome, at);
}

/** The line ended while Asterisk ran the survey (its own hang-up, or the caller's): the call closes. */
function lineGoneInSurvey(step: CallStep, cause: number | null, at: number): void {
  if (!step.record.lineDown) step.record.hangupCause = cause;
  endCall(step, at);
}

function lineDown(step: CallStep, cause: number | null): void {
  step.record.lineDown = true;
  step.record.hangupCause = cause;
  if (step.record.endedBy === 'unknown') step.record.endedBy = 'caller';
}

/** Events of an agent's leg or a unit's line that belongs to this call. */
function otherChannel(step: CallStep, event: CallEvent): void {
  if (event.type === 'PartyAnswered') return partyAnswered(step, event.channelId, event.at);
  if (ownsParty(step, event.channelId) && (event.type === 'CallLeft' || event.type === 'ChannelGone')) return partyGone(step, event.channelId, event.at);
  if (event.type === 'AgentLegAnswered') return agentAnswered(step, event.channelId, event.at);
  if (event.type === 'HoldChanged') return holdChanged(step, event.channelId, event.held, event.at);
  if (event.type === 'CallLeft' || event.type === 'ChannelGone' || event.type === 'HangupRequested') return legGone(step, event.channelId, event.at);
}
