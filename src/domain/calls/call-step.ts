// One transition of the call machine as it is being worked out: a private copy of the state that the
// machine's parts change, and the commands they add. Nothing outside this transition sees the copy
// until it is returned, so the machine stays pure while its parts read like the story of a call.
import type { CompiledDialplan } from '../ivr/dialplan-compiler.js';
import type { IvrContext } from '../ivr/ivr-engine.js';
import type { AcdEvent } from '../acd/acd-protocol.js';
import type { CallFacts, EndedBy, IvrStep, RecordingRef } from './call-facts.js';
import type { CallCommand, PopFacts } from './call-protocol.js';
import type { CallCounters, CallHold, CallPhase, CallRecord, CallState, IvrRun } from './call-state.js';

/** What a call runs with, fixed when it arrives (a reload of the flows during the call changes nothing). */
export interface CallSetup {
  readonly ivr: IvrContext;
  /** The prompts' language the call starts in. */
  readonly language: string;
  /** The flow played after the agent hangs up (satisfaction survey); null for none. */
  readonly afterCallFlow: string | null;
  /** The flows compiled into the dialplan, when menus run there (HOTLINE_IVR_IN_DIALPLAN); else null. */
  readonly dialplanMenus?: CompiledDialplan | null;
}

export interface CallStepResult {
  readonly state: CallState;
  readonly commands: readonly CallCommand[];
}

/** Q.850 cause 16. */
const NORMAL_CLEARING = 16;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type OutcomeStep = Extract<IvrStep, { kind: 'outcome' }>;

export class CallStep {
  phase: CallPhase;
  ivr: IvrRun | null;
  survey: IvrRun | null;
  readonly record: Mutable<CallRecord>;
  readonly seq: Mutable<CallCounters>;
  readonly steps: IvrStep[];
  readonly recordings: RecordingRef[];
  readonly commands: CallCommand[] = [];
  private closeNow = false;

  constructor(
    readonly setup: CallSetup,
    private readonly state: CallState,
    /** The time this transition happens (the executor's clock; events carry the PBX's own). */
    readonly now: number,
  ) {
    this.phase = state.phase;
    this.ivr = state.ivr;
    this.survey = state.survey;
    this.steps = [...state.record.steps];
    this.recordings = [...state.record.recordings];
    this.record = { ...state.record };
    this.seq = { ...state.seq };
  }

  get call(): CallState['call'] {
    return this.state.call;
  }

  get caller(): CallState['caller'] {
    return this.state.caller;
  }

  /** The call's id in the ACD: its own, or for a callback the first call whose place it kept. */
  get acdId(): string {
    return this.call.callback?.acdCallId ?? this.call.callId;
  }

  result(): CallStepResult {
    const record: CallRecord = { ...this.record, steps: this.steps, recordings: this.recordings };
    return { state: { ...this.state, phase: this.phase, ivr: this.ivr, survey: this.survey, record, seq: this.seq }, commands: this.commands };
  }

  do(command: CallCommand): void {
    this.commands.push(command);
  }

  tellAcd(event: AcdEvent): void {
    this.do({ type: 'TellAcd', event });
  }

  outcome(outcome: string, detail?: string, at: number = this.now): void {
    const step: OutcomeStep = detail === undefined ? { at, kind: 'outcome', outcome } : { at, kind: 'outcome', outcome, detail };
    this.steps.push(step);
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.do(fields ? { type: 'Log', level, message, fields } : { type: 'Log', level, message });
  }

  /** A fact on the caller's channel, never waited for (see MarkCall). */
  mark(name: string, value: string): void {
    this.do({ type: 'MarkCall', name, value });
  }

  /**
   * The system ends the call (goodbye played, menus done, nothing left to wait for). An incoming
   * call is closed in this same transition (see `closesNow`): what the ticket holds is final now, so
   * it is committed while Asterisk hangs the line up rather than after its events come back.
   */
  hangUpAsSystem(byDialplan = false): void {
    this.phase = { kind: 'ending' };
    if (this.record.endedBy === 'unknown') this.record.endedBy = 'system';
    // ARI's hang-up without a reason is Q.850 normal clearing, the cause Asterisk would report.
    if (!this.record.lineDown) this.record.hangupCause = NORMAL_CLEARING;
    // `byDialplan`: the compiled survey's Hangup() is clearing the line already.
    if (!byDialplan) this.do({ type: 'HangUpCaller' });
    // A call we placed (a reminder, a return visit) holds one of the outbound lines, which its close
    // gives back: it closes when Asterisk has let the channel go, so a line is never counted free
    // while it is still up.
    this.closeNow = this.call.flowStart === undefined;
  }

  /** Whether this transition hung up a citizen's call as the system: the machine then closes it. */
  get closesNow(): boolean {
    return this.closeNow;
  }

  toFallback(): void {
    this.phase = { kind: 'fallback' };
    this.outcome('human-fallback');
    this.do({ type: 'SendToHumanFallback' });
  }

  inConversation(): boolean {
    return inConversation(this.phase, this.record);
  }

  setEndedBy(endedBy: EndedBy): void {
    this.record.endedBy = endedBy;
  }

  popFacts(): PopFacts {
    return popFactsOf(this.result().state, this.setup.language);
  }
}

/** Whether an agent is talking with the caller right now (transfers and three-way calls need one). */
export function inConversation(phase: CallPhase, record: Pick<CallRecord, 'lineDown'>): boolean {
  return (phase.kind === 'talking' || phase.kind === 'consulting') && !record.lineDown;
}

/** The caller's whole way so far: the menus, the survey and the call's own steps, in time order. */
export function pathOf(state: CallState): IvrStep[] {
  return [...(state.ivr?.state.path ?? []), ...(state.survey?.state.path ?? []), ...state.record.steps].sort((a, b) => a.at - b.at);
}

export function popFactsOf(state: CallState, defaultLanguage: string): PopFacts {
  const { call, record } = state;
  return {
    callId: call.callId,
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    caller: state.caller,
    queue: record.queue,
    queuedAt: record.queuedAt,
    ivrPath: pathOf(state),
    // The IVR may have switched the caller's language (an English menu, a dialect desk).
    language: state.ivr?.state.language ?? defaultLanguage,
  };
}

/** Time on hold up to `until`, counting a hold still on. */
export function heldMs(hold: CallHold, until: number): number {
  return hold.totalMs + (hold.since === null ? 0 : Math.max(0, until - hold.since));
}

/** What the ticket is built from, as the call stands at `endedAt`. */
export function factsOf(state: CallState, endedAt: number): CallFacts {
  const { call, record } = state;
  const { agent, handedOver } = record;
  return {
    callId: call.callId,
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    dialedNumber: call.dialedNumber,
    startedAt: call.startedAt,
    answeredAt: record.answeredAt,
    endedAt,
    hangupCause: record.hangupCause,
    endedBy: record.endedBy,
    ivrPath: pathOf(state),
    queue: record.queue,
    queuedAt: record.queuedAt,
    agentId: agent?.agentId ?? handedOver?.agentId ?? null,
    agentAnsweredAt: agent?.answeredAt ?? handedOver?.answeredAt ?? null,
    conversationEndedAt: record.conversationEndedAt ?? (agent ? null : (handedOver?.endedAt ?? null)),
    satisfaction: state.survey?.state.variables['satisfaction'] ?? null,
    holdMs: heldMs(record.hold, record.conversationEndedAt ?? endedAt),
    recordings: [...record.recordings],
    // Registered, or took the elderly lane (the one key) even if the call overflowed from it later.
    elderly: state.caller.elderly || record.queuesVisited.includes('elderly'),
    enterprise: state.caller.enterprise,
    ...(state.call.flowStart ? { flowResult: { flow: state.call.flowStart.flow, variables: state.ivr?.state.variables ?? state.call.flowStart.variables } } : {}),
  };
}
