// A harness for the call machine's unit tests: holds one call's state, feeds it events on a fake
// clock (`now`, advanced by the test), and keeps every command it returned, so a test reads like
// the story of a call: arrive, answer, menus, queue, offers, conversation, survey, end.
import { guardedPlayback } from '../../src/domain/calls/prompt-guard.js';
import { newCall, stepCall, type CallSetup } from '../../src/domain/calls/call-machine.js';
import type { CallerInfo } from '../../src/domain/callers/caller-info.js';
import type { CallFacts, IvrStep } from '../../src/domain/calls/call-facts.js';
import type { AcdCallCommand, CallCommand, CallMachineEvent, TransferMode, TransferTarget } from '../../src/domain/calls/call-protocol.js';
import type { CallbackOrigin, CallPhaseKind, CallState } from '../../src/domain/calls/call-state.js';
import type { FlowStart } from '../../src/domain/ivr/ivr-protocol.js';
import { pathOf } from '../../src/domain/calls/call-step.js';
import type { CompiledDialplan } from '../../src/domain/ivr/dialplan-compiler.js';
import type { Flow, FlowSet } from '../../src/domain/ivr/flow-types.js';
import { shippedFlowSet } from './shipped-flows.js';

/** Tuesday 10:00 in China: a working day (the tests' isOpen decides, not the calendar). */
export const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
/** The caller's channel id and the call's id (Asterisk's linkedid is the caller's channel). */
export const CALL = '1764554400.1';
export const LANGUAGE = 'zh-CN';
export const ENTERPRISE = { name: '南京示范科技有限公司', creditCode: '91320100MA1XY21231' } as const;

const SHIPPED = shippedFlowSet();

/** The shipped flows plus two of the tests' own: a transfer out (dial 123453) and a broken entry (123454). */
export function flowsWithTransfer(): FlowSet {
  const consumer: Flow = { id: 'consumer', name: '消费者投诉', start: 'notice', nodes: { notice: { type: 'transfer', destination: '12315', prompt: 'transfer_notice' } } };
  const flows = new Map(SHIPPED.flows);
  flows.set('consumer', consumer);
  return { version: 1, flows, entries: { ...SHIPPED.entries, '123453': 'consumer', '123454': 'nowhere' } };
}

export type Cmd<T extends CallCommand['type']> = Extract<CallCommand, { type: T }>;
type WithOptionalCallId<C> = C extends { readonly callId: string } ? Omit<C, 'callId'> & { readonly callId?: string } : never;
/** An ACD command about this call, its callId filled in when left out. */
export type AcdInput = WithOptionalCallId<AcdCallCommand>;

export interface DriverOptions {
  /** Whether every schedule is open (false: after hours). */
  readonly open?: boolean;
  /** What the registries say about the caller. */
  readonly caller?: Partial<CallerInfo>;
  /** The survey flow; null for none. Default: the shipped routes' afterCall (survey). */
  readonly afterCallFlow?: string | null;
  readonly flows?: FlowSet;
  readonly language?: string;
  /** The flows compiled into the dialplan (their survey runs there); none by default. */
  readonly dialplanMenus?: CompiledDialplan | null;
}

export interface Arrival {
  readonly from: string;
  readonly to: string;
  readonly name?: string | null;
  readonly callId?: string;
  /** For a callback: the citizen we rang back. */
  readonly callback?: CallbackOrigin;
  /** Answered by the dialplan before it arrived (the shipped entry context does). */
  readonly answered?: boolean;
  /** A call the hotline placed: the flow it runs and its variables. */
  readonly flowStart?: FlowStart;
}

export interface Step {
  readonly event: CallMachineEvent;
  readonly at: number;
  readonly commands: readonly CallCommand[];
}

/**
 * Left out of what the driver returns: Log commands, and the prompt guard's timers (one started and
 * cancelled around every menu prompt), which the guard's own tests read through `guardTimers`.
 */
const isLog = (command: CallCommand): boolean => command.type === 'Log' || isGuardTimer(command);
const isGuardTimer = (command: CallCommand): boolean => (command.type === 'StartTimer' || command.type === 'CancelTimer') && guardedPlayback(command.timerId) !== null;

export class CallMachineDriver {
  readonly setup: CallSetup;
  readonly caller: CallerInfo;
  now = T0;
  private current: CallState | null = null;
  readonly steps: Step[] = [];

  constructor(options: DriverOptions = {}) {
    const open = options.open ?? true;
    this.setup = {
      ivr: { flows: options.flows ?? SHIPPED, isOpen: () => open },
      language: options.language ?? LANGUAGE,
      afterCallFlow: options.afterCallFlow === undefined ? 'survey' : options.afterCallFlow,
      dialplanMenus: options.dialplanMenus ?? null,
    };
    this.caller = { elderly: false, enterprise: null, ...options.caller };
  }

  get state(): CallState {
    if (!this.current) throw new Error('no call yet: arrive() first');
    return this.current;
  }

  get callId(): string {
    return this.state.call.callId;
  }

  get channelId(): string {
    return this.state.call.channelId;
  }

  get phase(): CallPhaseKind {
    return this.state.phase.kind;
  }

  /** Every command so far, Log commands left out. */
  get commands(): CallCommand[] {
    return this.steps.flatMap((step) => step.commands.filter((command) => !isLog(command)));
  }

  /** The Log commands so far (their level and fields, never their text, are for tests). */
  get logs(): Cmd<'Log'>[] {
    return this.steps.flatMap((step) => step.commands.filter((command): command is Cmd<'Log'> => command.type === 'Log'));
  }

  /** The prompt guard's timer commands so far. */
  get guardTimers(): Cmd<'StartTimer' | 'CancelTimer'>[] {
    return this.steps.flatMap((step) => step.commands.filter((command): command is Cmd<'StartTimer' | 'CancelTimer'> => isGuardTimer(command)));
  }

  /** The caller's path as it stands (menus, survey and the call's own steps, in time order). */
  get path(): IvrStep[] {
    return pathOf(this.state);
  }

  /** The call's own outcome steps as `outcome:detail`, in order. */
  get outcomes(): string[] {
    return this.path.flatMap((step) => (step.kind === 'outcome' ? [step.detail === undefined ? step.outcome : `${step.outcome}:${step.detail}`] : []));
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Takes on a call rebuilt elsewhere (a conversation kept through a takeover) as the driver's call. */
  takeOver(state: CallState): this {
    this.current = state;
    return this;
  }

  /** Steps the machine with one event at `now`; the commands it returned, Log commands left out. */
  feed(event: CallMachineEvent): CallCommand[] {
    const { state, commands } = stepCall(this.setup, this.state, event, this.now);
    this.current = state;
    this.steps.push({ event, at: this.now, commands });
    return commands.filter((command) => !isLog(command));
  }

  /** Several events one after another; their commands together. */
  feedAll(...events: CallMachineEvent[]): CallCommand[] {
    return events.flatMap((event) => this.feed(event));
  }

  // --- the caller's channel ---------------------------------------------------------------

  arrive(arrival: Arrival): CallCommand[] {
    const callId = arrival.callId ?? CALL;
    const event = { type: 'CallArrived', channelId: callId, callId, callerNumber: arrival.from, callerName: arrival.name ?? null, dialedNumber: arrival.to, answered: arrival.answered ?? false, at: this.now, ...(arrival.flowStart ? { flowStart: arrival.flowStart } : {}) } as const;
    this.current = newCall(event, this.caller, arrival.callback ?? null);
    return this.feed(event);
  }

  /** A call to 12345 that presses nothing: the main menu plays (3 s), its 1 s wait ends, and it is queued in general. */
  queueInGeneral(arrival: Partial<Arrival> = {}): this {
    this.call({ from: '13800001111', to: '12345', ...arrival });
    this.advance(3000).playbackFinished();
    this.advance(1000).timerFires();
    if (this.phase !== 'queued') throw new Error(`not queued (phase ${this.phase})`);
    return this;
  }

  /** The ACD offers the queued call to an agent, whose phone answers after two seconds. */
  connectAgent(agentId: string): this {
    this.offer(agentId);
    this.advance(2000).agentAnswers();
    if (this.phase !== 'talking') throw new Error(`not talking (phase ${this.phase})`);
    return this;
  }

  /** Our Answer command went through. */
  answerCommandDone(): CallCommand[] {
    return this.feed({ type: 'CallAnswered', at: this.now });
  }

  /** Arrives and answers: the caller hears the entry flow. */
  call(arrival: Arrival): CallCommand[] {
    const arrived = this.arrive(arrival);
    return arrival.answered ? arrived : [...arrived, ...this.answerCommandDone()];
  }

  /** Finishes the last PlayPrompts (or the one named). */
  playbackFinished(outcome: 'played' | 'failed' = 'played', playbackId = this.last('PlayPrompts').playbackId): CallCommand[] {
    return this.feed({ type: 'PromptFinished', channelId: this.channelId, playbackId, outcome, at: this.now });
  }

  key(key: string): CallCommand[] {
    return this.feed({ type: 'KeyPressed', channelId: this.channelId, key, at: this.now });
  }

  /** Fires the last timer started (or the one named). */
  timerFires(timerId = this.last('StartTimer').timerId): CallCommand[] {
    return this.feed({ type: 'TimerFired', timerId });
  }

  /** The voice message the IVR asked for is recorded. */
  messageRecorded(durationMs: number, name = this.last('RecordMessage').name): CallCommand[] {
    return this.feed({ type: 'MessageRecorded', channelId: this.channelId, name, durationMs, outcome: 'recorded', at: this.now });
  }

  /** The caller hangs up: Asterisk says so, then the channel leaves the application. */
  callerHangsUp(cause: number | null = 16): CallCommand[] {
    return [...this.callerHangupRequested(cause), ...this.callerLeft()];
  }

  callerHangupRequested(cause: number | null = 16): CallCommand[] {
    return this.feed({ type: 'HangupRequested', channelId: this.channelId, cause, at: this.now });
  }

  callerLeft(): CallCommand[] {
    return this.feed({ type: 'CallLeft', channelId: this.channelId, at: this.now });
  }

  lineLost(): CallCommand[] {
    return this.feed({ type: 'LineLost' });
  }

  stepFailed(during = 'PlayPrompts'): CallCommand[] {
    return this.feed({ type: 'StepFailed', during });
  }

  // --- the ACD ------------------------------------------------------------------------------

  acd(command: AcdInput): CallCommand[] {
    return this.feed({ type: 'AcdDecided', command: { callId: this.callId, ...command } as AcdCallCommand });
  }

  /** The ACD offers the call (or the id given, e.g. an attended transfer's) to an agent. */
  offer(agentId: string, options: { ringTimeoutSeconds?: number; callId?: string; queueId?: string } = {}): CallCommand[] {
    return this.acd({ type: 'OfferCall', agentId, ringTimeoutSeconds: options.ringTimeoutSeconds ?? 15, queueId: options.queueId ?? this.state.record.queue ?? 'general', ...(options.callId ? { callId: options.callId } : {}) });
  }

  // --- agents' legs and outside parties ----------------------------------------------------

  /** The agent's phone answered (the leg of the last DialAgent, or the one named). */
  agentAnswers(legId = this.last('DialAgent').legId): CallCommand[] {
    const dial = this.all('DialAgent').find((command) => command.legId === legId);
    return this.feed({ type: 'AgentLegAnswered', channelId: legId, callId: this.callId, agentId: dial?.agentId ?? '?', at: this.now });
  }

  /** The agent talking with the caller (or the leg named) hangs up: the leg leaves, then is gone. */
  agentHangsUp(legId = this.talkingLeg()): CallCommand[] {
    return this.feedAll({ type: 'CallLeft', channelId: legId, at: this.now }, { type: 'ChannelGone', channelId: legId, cause: 16, at: this.now });
  }

  /** A leg that never entered the application is gone (rang out, refused). */
  legGone(legId = this.last('DialAgent').legId): CallCommand[] {
    return this.feed({ type: 'ChannelGone', channelId: legId, cause: 19, at: this.now });
  }

  /** The phone system made the agent's leg (the dial request went through), keeping up or lagging. */
  agentDialed(dial: Cmd<'DialAgent'> = this.last('DialAgent'), systemLagging = false): CallCommand[] {
    return this.feed({ type: 'AgentDialed', legId: dial.legId, agentId: dial.agentId, acdId: dial.acdId, systemLagging });
  }

  agentDialFailed(dial: Cmd<'DialAgent'> = this.last('DialAgent')): CallCommand[] {
    return this.feed({ type: 'AgentDialFailed', legId: dial.legId, agentId: dial.agentId, acdId: dial.acdId });
  }

  recordingFailed(reason: string, name = this.last('RecordConversation').name): CallCommand[] {
    return this.feed({ type: 'RecordingFailed', name, reason });
  }

  transfer(target: TransferTarget, mode: TransferMode = 'blind'): CallCommand[] {
    return this.feed({ type: 'TransferRequested', target, mode });
  }

  addParty(number: string): CallCommand[] {
    return this.feed({ type: 'PartyRequested', number });
  }

  partyAnswers(channelId = this.last('DialParty').channelId): CallCommand[] {
    return this.feed({ type: 'PartyAnswered', channelId, callId: this.callId, at: this.now });
  }

  partyLeaves(channelId = this.last('DialParty').channelId): CallCommand[] {
    return this.feedAll({ type: 'CallLeft', channelId, at: this.now }, { type: 'ChannelGone', channelId, cause: 16, at: this.now });
  }

  partyDialFailed(dial: Cmd<'DialParty'> = this.last('DialParty')): CallCommand[] {
    return this.feed({ type: 'PartyDialFailed', partyChannelId: dial.channelId, number: dial.number });
  }

  // --- reading what came out ----------------------------------------------------------------

  all<T extends CallCommand['type']>(type: T): Cmd<T>[] {
    return this.commands.filter((command): command is Cmd<T> => command.type === type);
  }

  last<T extends CallCommand['type']>(type: T): Cmd<T> {
    const found = this.all(type).at(-1);
    if (!found) throw new Error(`no ${type} command yet`);
    return found;
  }

  /** What the ACD was told, in order. */
  get told(): Cmd<'TellAcd'>['event'][] {
    return this.all('TellAcd').map((command) => command.event);
  }

  /** The facts of the CloseCall command (there must be exactly one). */
  get facts(): CallFacts {
    const closes = this.all('CloseCall');
    if (closes.length !== 1) throw new Error(`${closes.length} CloseCall commands`);
    return (closes[0] as Cmd<'CloseCall'>).facts;
  }

  private talkingLeg(): string {
    const phase = this.state.phase;
    if (phase.kind === 'talking' || phase.kind === 'consulting') return phase.agent.legId;
    throw new Error(`no agent talking (phase ${phase.kind})`);
  }
}

/** Only the commands of the given types, in order (for a test about one concern). */
export function only<T extends CallCommand['type']>(commands: readonly CallCommand[], ...types: T[]): Cmd<T>[] {
  return commands.filter((command): command is Cmd<T> => (types as string[]).includes(command.type));
}
