// The call machine's IVR part: runs the pure IVR engine for the menus and for the survey, keeps the
// PBX's handles for what the engine asked (playback ids, timer ids, message names ↔ engine tokens),
// and acts on where the engine sent the call.
import { entryFlowFor } from '../ivr/entry-flow.js';
import { resumeIvr, startIvr, stepIvr } from '../ivr/ivr-engine.js';
import { queuedState, surveyEndedState, surveyEntry, type MenusFromDialplan } from './dialplan-menus.js';
import type { CallerProfile, IvrCommand, IvrEvent, IvrOutcome, Sound, StepResult } from '../ivr/ivr-protocol.js';
import type { IvrStep } from './call-facts.js';
import { callIds } from './call-ids.js';
import { FRESH_WAIT, type IvrRun } from './call-state.js';
import type { CallStep } from './call-step.js';
import { guardPrompt, guardedPlayback, releasePrompt } from './prompt-guard.js';

/** The menus, or the survey after the conversation. */
export type IvrRunName = 'ivr' | 'survey';

const TIMER_SEPARATOR = ':';

function profile(step: CallStep, anonymous: boolean): CallerProfile {
  const { call, caller } = step;
  return { number: call.callerNumber, dialed: call.dialedNumber, elderly: caller.elderly, enterprise: caller.enterprise, anonymous };
}

/**
 * Our answer went through: the caller hears the entry flow of the number they dialed, or, on a call
 * we placed, the flow it was placed for with its variables.
 */
export function startMenus(step: CallStep, menus?: MenusFromDialplan): void {
  step.phase = { kind: 'ivr' };
  const { call } = step;
  if (menus) return menusFromDialplan(step, menus);
  const who = profile(step, call.callerNumber === 'anonymous');
  const start = call.flowStart;
  const flow = start?.flow ?? entryFlowFor(step.setup.ivr, call.dialedNumber);
  apply(step, 'ivr', startIvr(step.setup.ivr, who, flow, call.startedAt, step.setup.language, start?.variables));
}

/** The compiled menus queued the call (their path goes on the ticket), or left a node to the engine. */
function menusFromDialplan(step: CallStep, menus: MenusFromDialplan): void {
  const who = profile(step, step.call.callerNumber === 'anonymous');
  if (menus.kind === 'queued') return apply(step, 'ivr', { state: queuedState(menus, who, step.setup.language), commands: [] });
  apply(step, 'ivr', resumeIvr(step.setup.ivr, who, menus.path, menus.flow, menus.node, step.now, step.setup.language));
}

/**
 * The agent hung up and the caller is still there: the survey flow, or goodbye when there is none.
 * Compiled into the dialplan (and `inDialplan` not refused), Asterisk runs it; else the engine.
 */
export function startSurvey(step: CallStep, at: number, inDialplan = true): void {
  const flow = step.setup.afterCallFlow;
  if (!flow) return step.hangUpAsSystem();
  const entry = inDialplan ? surveyEntry(step.setup, profile(step, false), at) : null;
  if (entry) {
    step.phase = { kind: 'survey', where: 'dialplan' };
    return step.do({ type: 'ContinueIntoSurvey', entry });
  }
  step.phase = { kind: 'survey', where: 'server' };
  apply(step, 'survey', startIvr(step.setup.ivr, profile(step, false), flow, at, step.setup.language));
}

/** Whether Asterisk runs the survey now (the channel is out of the application until the line ends). */
export function surveyInDialplan(step: CallStep): boolean {
  return step.phase.kind === 'survey' && step.phase.where === 'dialplan';
}

/** The compiled survey could not start: the engine runs it after all. */
export function surveyNotHandedOver(step: CallStep): void {
  if (!surveyInDialplan(step) || step.record.lineDown) return;
  step.log('warn', 'could not let the dialplan run the survey; the server runs it');
  startSurvey(step, step.now, false);
}

/** The compiled survey's end: its path and the rating go on the ticket as if the engine had run it. */
export function surveyEnded(step: CallStep, path: readonly IvrStep[] | null, variables: Readonly<Record<string, string>>): void {
  const flow = step.setup.afterCallFlow;
  if (!surveyInDialplan(step) || !flow || step.survey) return;
  if (path === null) step.log('warn', "the compiled survey's path could not be read; the ticket has no survey steps");
  const state = surveyEndedState(flow, path ?? [], variables, profile(step, false), step.setup.language);
  step.survey = { state, playbacks: {}, prompts: {}, messages: {}, messageName: null, recordedMessage: null, playSeq: 0, replayed: [], stopped: true };
  // Sent by the survey's own hang-up: the call closes now, while Asterisk clears the line (as when the engine ends it).
  const last = path?.at(-1);
  if (last?.kind === 'outcome' && last.outcome === 'hangup' && !step.record.lineDown) step.hangUpAsSystem(true);
}

export function feedIvr(step: CallStep, name: IvrRunName, event: IvrEvent): void {
  const run = step[name];
  if (!run || run.state.status === 'done') return;
  apply(step, name, stepIvr(step.setup.ivr, run.state, event));
}

/** A playback ended: the run that started it (if any) hears of it. */
export function ivrPromptFinished(step: CallStep, name: IvrRunName, playbackId: string, outcome: 'played' | 'failed', at: number): void {
  const run = step[name];
  const token = run?.playbacks[playbackId];
  if (!run || token === undefined) return;
  step[name] = { ...run, playbacks: without(run.playbacks, playbackId) };
  releasePrompt(step, playbackId);
  feedIvr(step, name, { type: 'PromptsFinished', token, at, outcome });
}

/** The run still waiting for this playback, if any. */
function waitingRun(step: CallStep, playbackId: string): IvrRunName | null {
  for (const name of ['ivr', 'survey'] as const) {
    const run = step[name];
    if (run && !run.stopped && run.playbacks[playbackId] !== undefined) return name;
  }
  return null;
}

/** A prompt's guard timer fired and its end has not come: the phone system is asked whether it began. */
function promptCheckDue(step: CallStep, playbackId: string): void {
  if (waitingRun(step, playbackId) !== null && !step.record.lineDown) step.do({ type: 'CheckPrompt', playbackId });
}

/**
 * A prompt never began: it is stopped (it may still sit in Asterisk's queue) and asked for again
 * under a new id, once; a second stall is taken as a failed prompt, so the engine goes on (its
 * no-key timer and retries) instead of waiting for an end that will not come.
 */
export function ivrPromptStalled(step: CallStep, playbackId: string): void {
  const name = waitingRun(step, playbackId);
  const run = name ? step[name] : null;
  const token = run?.playbacks[playbackId];
  if (!name || !run || token === undefined || step.record.lineDown) return;
  step.do({ type: 'StopPrompts', playbackId, wait: false });
  const rest: IvrRun = { ...run, playbacks: without(run.playbacks, playbackId) };
  const prompts = run.prompts[token] ?? [];
  if (run.replayed.includes(token) || prompts.length === 0) {
    step.log('warn', 'a prompt did not begin after being asked for twice; the call goes on without it', { playbackId });
    step[name] = rest;
    return feedIvr(step, name, { type: 'PromptsFinished', token, at: step.now, outcome: 'failed' });
  }
  step.log('warn', 'a prompt did not begin; asked for again', { playbackId });
  step[name] = play(step, name, { ...rest, replayed: [...run.replayed, token] }, token, prompts, run.state.language);
}

export function ivrMessageRecorded(step: CallStep, name: string, durationMs: number, at: number): void {
  const run = step.ivr;
  const token = run?.messages[name];
  if (!run || token === undefined) return;
  step.ivr = { ...run, messages: without(run.messages, name), recordedMessage: { name, durationMs, at } };
  feedIvr(step, 'ivr', { type: 'RecordingFinished', token, at, durationMs });
}

export function ivrTimerFired(step: CallStep, timerId: string): void {
  const guarded = guardedPlayback(timerId);
  if (guarded !== null) return promptCheckDue(step, guarded);
  const [name, token] = timerId.split(TIMER_SEPARATOR, 2) as [string, string | undefined];
  if ((name !== 'ivr' && name !== 'survey') || token === undefined || step[name]?.stopped) return;
  feedIvr(step, name, { type: 'TimerFired', token, at: step.now });
}

/** Prompts playing right now (cut off if the caller hangs up); spoken text is not named on the path. */
export function promptsInFlight(run: IvrRun | null): readonly string[] {
  if (!run || run.stopped) return [];
  const wait = run.state.wait;
  return wait.kind === 'prompts' ? (run.prompts[wait.token] ?? []).filter((sound): sound is string => typeof sound === 'string') : [];
}

/**
 * A voice message Asterisk finished goes on the ticket even when the caller hung up instead of
 * pressing # (the menus never reached their end, which would have put it there).
 */
export function keepRecordedMessage(step: CallStep): void {
  const message = step.ivr?.recordedMessage;
  if (!message || step.recordings.some((recording) => recording.name === message.name)) return;
  step.recordings.push({ name: message.name, kind: 'message', format: 'wav', startedAt: message.at - message.durationMs });
}

/** The call left the IVR for good: nothing it started may fire into it any more. */
export function stopIvrRuns(step: CallStep): void {
  if (step.ivr) step.ivr = { ...step.ivr, stopped: true };
  if (step.survey) step.survey = { ...step.survey, stopped: true };
}

function apply(step: CallStep, name: IvrRunName, result: StepResult): void {
  const before = step[name];
  const wasRunning = before === null || before.state.status === 'running';
  let run: IvrRun = before ? { ...before, state: result.state } : { state: result.state, playbacks: {}, prompts: {}, messages: {}, messageName: null, recordedMessage: null, playSeq: 0, replayed: [], stopped: false };
  for (const command of result.commands) run = execute(step, name, run, command);
  step[name] = run;
  const outcome = result.state.outcome;
  if (!wasRunning || result.state.status !== 'done' || !outcome) return;
  if (name === 'survey') return step.hangUpAsSystem();
  menusFinished(step, outcome);
}

function execute(step: CallStep, name: IvrRunName, run: IvrRun, command: IvrCommand): IvrRun {
  switch (command.type) {
    case 'PlayPrompts':
      return play(step, name, run, command.token, command.prompts, command.language);
    case 'StopPrompts': {
      const stopping = Object.keys(run.playbacks).filter((playbackId) => run.playbacks[playbackId] === command.token);
      for (const playbackId of stopping) {
        step.do({ type: 'StopPrompts', playbackId, wait: false });
        releasePrompt(step, playbackId);
      }
      return stopping.length === 0 ? run : { ...run, playbacks: without(run.playbacks, ...stopping) };
    }
    case 'StartTimer':
      step.do({ type: 'StartTimer', timerId: `${name}${TIMER_SEPARATOR}${command.token}`, ms: command.ms });
      return run;
    case 'CancelTimer':
      step.do({ type: 'CancelTimer', timerId: `${name}${TIMER_SEPARATOR}${command.token}` });
      return run;
    case 'RecordMessage': {
      const messageName = callIds.message(step.call.callId);
      step.do({ type: 'RecordMessage', name: messageName, maxSeconds: command.maxSeconds, beep: command.beep });
      return { ...run, messageName, messages: { ...run.messages, [messageName]: command.token } };
    }
    case 'EnqueueCall':
    case 'TransferCall':
    case 'HangUp':
    case 'SendToHuman':
      // Outcomes: acted on once the engine reports where the call went.
      return run;
  }
}

/** Asks for the token's prompts under a new playback id, guarded until they begin. */
function play(step: CallStep, name: IvrRunName, run: IvrRun, token: string, prompts: readonly Sound[], language: string): IvrRun {
  const playSeq = run.playSeq + 1;
  const playbackId = (name === 'survey' ? callIds.surveyPlayback : callIds.ivrPlayback)(step.call.callId, playSeq);
  step.do({ type: 'PlayPrompts', playbackId, prompts, language, wait: false });
  guardPrompt(step, playbackId);
  return { ...run, playSeq, playbacks: { ...run.playbacks, [playbackId]: token }, prompts: { ...run.prompts, [token]: prompts } };
}

/** The menus are done: the call goes where the caller chose. */
function menusFinished(step: CallStep, outcome: IvrOutcome): void {
  const state = step.ivr?.state;
  step.log('info', 'IVR finished', { outcome: outcome.kind, node: `${state?.flowId}:${state?.nodeId}` });
  switch (outcome.kind) {
    case 'queued':
      return enterQueue(step, outcome.queue, outcome.priority ?? (step.caller.elderly ? 'elderly' : null), outcome.skills);
    case 'transferred':
      step.phase = { kind: 'transferred' };
      return step.do({ type: 'TransferOut', destination: outcome.destination });
    case 'message': {
      const messageName = step.ivr?.messageName;
      if (messageName) step.recordings.push({ name: messageName, kind: 'message', format: 'wav', startedAt: step.now - outcome.durationMs });
      return step.hangUpAsSystem();
    }
    case 'hangup':
      return step.hangUpAsSystem();
    case 'fallback':
      return step.toFallback();
  }
}

function enterQueue(step: CallStep, queue: string, priorityClass: string | null, skills: readonly string[]): void {
  step.phase = { kind: 'queued', wait: FRESH_WAIT, offer: null };
  step.record.queue = queue;
  step.record.queuesVisited = [...step.record.queuesVisited, queue];
  step.record.queuedAt = step.now;
  step.record.priorityClass = priorityClass;
  // Hold music comes from the ACD (the queue's own class), as soon as the call is in line.
  step.mark('HOTLINE_QUEUE', queue);
  step.tellAcd({ type: 'CallQueued', callId: step.call.callId, queueId: queue, priorityClass, skills, at: step.now });
}

function without<T>(record: Readonly<Record<string, T>>, ...keys: string[]): Record<string, T> {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}
