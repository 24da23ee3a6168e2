// One citizen call inside the server: the executor of its call machine. It feeds the machine every
// event of the call (in arrival order), carries out the commands it returns through the ports, one
// after another, and reports what those commands did back as events. It is the call's own error
// boundary: a command that fails becomes a StepFailed event, and the machine sends the caller to a
// human, never to silence.
import { callIds } from '../../domain/calls/call-ids.js';
import { newCall, stepCall, type CallSetup } from '../../domain/calls/call-machine.js';
import type { CallEvent } from '../../domain/calls/call-events.js';
import type { AgentCallEvent, CallCommand, CallMachineEvent } from '../../domain/calls/call-protocol.js';
import type { CallbackOrigin, CallState } from '../../domain/calls/call-state.js';
import type { ResumedCall } from '../../domain/calls/resumed-call.js';
import type { CallFacts } from '../../domain/calls/call-facts.js';
import type { DialplanEntry } from '../../domain/calls/dialplan-menus.js';
import type { AcdEvent } from '../../domain/acd/acd-protocol.js';
import type { CallerInfo } from '../../domain/callers/caller-info.js';
import type { Logger } from '../../logging/logger.js';
import type { AgentDialRequest, TelephonyPort } from '../ports/telephony.js';
import type { SpeechPort } from '../ports/speech.js';
import { onlyPrompts, playableSounds } from './spoken-text.js';
import type { Timers } from '../ports/timers.js';
import { withRetries, type RetryPlan } from '../retries.js';

/** What a session reports to the registry of live calls. */
export interface SessionOwner {
  /** Events of this channel (an agent's leg, a unit's line) belong to the session from now on. */
  routeChannel(channelId: string, session: CallSession): void;
  /** The ACD's decisions under this id belong to the session from now on. */
  routeAcdId(acdId: string, session: CallSession): void;
  /** The call is over: its ticket is to be written from these facts. */
  closed(session: CallSession, facts: CallFacts): void;
  /** The call moved on: what it did so far is worth saving (grouped with others' saves). */
  moved(session: CallSession): void;
  started(session: CallSession): void;
  answered(session: CallSession, at: number): void;
}

export interface CallSessionDeps {
  readonly setup: CallSetup;
  readonly telephony: TelephonyPort;
  /** Speaks text known only at call time (a say node's text parts); null: such text is left out. */
  readonly speech?: SpeechPort | null;
  /** This call's own timers. */
  readonly timers: Timers;
  readonly now: () => number;
  readonly logger: Logger;
  readonly phoneFor: (agentId: string) => AgentDialRequest['phone'];
  readonly tellAcd: (event: AcdEvent) => void;
  /** Whether overload protection is shedding new callers now (none: never). */
  readonly systemLagging?: () => boolean;
  readonly notifyAgent: (event: AgentCallEvent) => void;
  readonly owner: SessionOwner;
}

type Arrival = Extract<CallEvent, { type: 'CallArrived' }>;
type Command<T extends CallCommand['type']> = Extract<CallCommand, { type: T }>;

const ignore = (): void => undefined;
/** Waits between tries of a caller's hang-up that failed (an ARI timeout, a busy moment). */
const HANGUP_RETRY_MS = [1000, 5000];

export class CallSession {
  private current: CallState;
  private chain: Promise<void> = Promise.resolve();
  /** Marks on the channel go out one after another, so the channel ends up with the latest value. */
  private marks: Promise<void> = Promise.resolve();
  /** Each IVR playback's request, settled either way: a stop of it waits for it. */
  private readonly requests = new Map<string, Promise<void>>();
  private readonly log: Logger;
  /** When this server took the call on (its own clock), for a resync that must not judge newer calls. */
  readonly arrivedAt: number;

  constructor(
    arrival: Arrival,
    caller: CallerInfo,
    callback: CallbackOrigin | null,
    private readonly deps: CallSessionDeps,
    /** A call taken on in the middle (a conversation kept through a takeover) instead of a new one. */
    resumed?: ResumedCall,
  ) {
    this.current = resumed?.state ?? newCall(arrival, caller, callback);
    this.arrivedAt = deps.now();
    this.log = deps.logger.child({ callId: this.current.call.callId, channelId: this.current.call.channelId });
    if (resumed) this.chain = this.run(resumed.commands).catch((error: unknown) => this.failed(error, 'resume'));
  }

  /** A conversation kept through a takeover, as a session of this server from now on. */
  static resumed(resumed: ResumedCall, deps: CallSessionDeps): CallSession {
    const { call, caller } = resumed.state;
    const arrival: Arrival = { type: 'CallArrived', channelId: call.channelId, callId: call.callId, callerNumber: call.callerNumber, callerName: call.callerName, dialedNumber: call.dialedNumber, answered: true, at: call.startedAt };
    return new CallSession(arrival, caller, null, deps, resumed);
  }

  get state(): CallState {
    return this.current;
  }

  get callId(): string {
    return this.current.call.callId;
  }

  get channelId(): string {
    return this.current.call.channelId;
  }

  /** The machine steps at once (so a request right after sees its effect); its commands run in order. */
  handle(event: CallMachineEvent): Promise<void> {
    if (event.type === 'PromptFinished') this.requests.delete(event.playbackId);
    const before = this.current;
    const { state, commands } = stepCall(this.deps.setup, before, event, this.deps.now());
    if (state === before) return this.chain;
    this.log.debug({ event: event.type, phase: before.phase.kind }, 'call event');
    this.current = state;
    this.chain = this.chain.then(() => this.run(commands)).catch((error: unknown) => this.failed(error, event.type));
    return this.chain;
  }

  private async run(commands: readonly CallCommand[]): Promise<void> {
    for (const command of commands) {
      if (command.type !== 'Log') this.log.trace({ command: command.type }, 'call command');
      await this.execute(command);
    }
    // Saved once its commands went out, so the call's row exists before its path is written; a
    // closed call's path went with its ticket.
    if (this.current.phase.kind !== 'ended') this.deps.owner.moved(this);
  }

  private failed(error: unknown, during: string): void {
    this.log.error({ err: error, during }, 'call step failed; sending the caller to the human fallback');
    void this.handle({ type: 'StepFailed', during });
  }

  private async execute(command: CallCommand): Promise<void> {
    const { telephony } = this.deps;
    const channelId = this.channelId;
    const conversation = callIds.conversation(this.callId);
    switch (command.type) {
      case 'Answer':
        await telephony.answer(channelId);
        void this.handle({ type: 'CallAnswered', at: this.deps.now() });
        return;
      case 'PlayPrompts':
        return this.play(command);
      case 'StopPrompts':
        return this.stopPrompts(command);
      case 'CheckPrompt':
        // Not awaited: the look goes out beside the call's other requests and nothing waits for it.
        return void this.checkPrompt(command.playbackId);
      case 'RecordMessage':
        return telephony.recordMessage(channelId, command.name, command.maxSeconds, command.beep);
      case 'StartHold':
        return telephony.startHold(channelId, command.musicClass);
      case 'StopHold':
        return telephony.stopHold(channelId);
      case 'MarkCall':
        return this.mark(command);
      case 'HangUpCaller':
        // Not awaited: the call closes in the same step, and its ticket does not wait for Asterisk's answer.
        return void this.hangUpCaller();
      case 'HangUpChannel': {
        const done = telephony.hangup(command.channelId).catch((error: unknown) => this.log.debug({ err: error, legId: command.channelId }, 'leg already gone'));
        return command.wait ? done : undefined;
      }
      case 'TransferOut':
        return telephony.transfer(channelId, command.destination);
      case 'SendToHumanFallback':
        return telephony.sendToHumanFallback(channelId);
      case 'ContinueIntoSurvey':
        return this.continueIntoSurvey(command.entry);
      case 'DialAgent':
        return this.dialAgent(command);
      case 'Connect':
        return telephony.connect(channelId, command.legId, conversation);
      case 'RecordConversation':
        // Not awaited: the recorder's snoop channel starts while the conversation is connected, not
        // after it (its failure comes back as an event of its own).
        return void this.recordConversation(command.name, command.legId, conversation);
      case 'Disconnect':
        if (command.wait) return telephony.disconnect(conversation);
        return void telephony.disconnect(conversation).catch(ignore);
      case 'Join':
        return telephony.join(conversation, command.channelId);
      case 'DialParty':
        return this.dialParty(command);
      default:
        return this.bookkeeping(command);
    }
  }

  /** Commands that touch no phone: timers, the ACD, the registry, the agents' desktops, the log. */
  private bookkeeping(command: CallCommand): void {
    const { deps } = this;
    switch (command.type) {
      case 'StartTimer':
        return deps.timers.start(command.timerId, command.ms, () => void this.handle({ type: 'TimerFired', timerId: command.timerId }));
      case 'CancelTimer':
        return deps.timers.cancel(command.timerId);
      case 'TellAcd':
        return deps.tellAcd(command.event);
      case 'RouteChannel':
        return deps.owner.routeChannel(command.channelId, this);
      case 'RouteAcdId':
        return deps.owner.routeAcdId(command.acdId, this);
      case 'NotifyAgent':
        // An offer is stamped when it goes out, right before the phone is rung: that is when the
        // agent's phone starts ringing, not when the ACD chose them (the call may still be finishing
        // an earlier step, such as an announcement's request).
        return deps.notifyAgent(command.event.kind === 'offered' ? { ...command.event, at: deps.now() } : command.event);
      case 'RecordCallStart':
        return deps.owner.started(this);
      case 'RecordAnswered':
        return deps.owner.answered(this, command.at);
      case 'Log':
        return this.log[command.level](command.fields ?? {}, command.message);
      case 'CloseCall':
        deps.timers.cancelAll();
        return deps.owner.closed(this, command.facts);
      default:
        throw new Error(`unhandled call command ${command.type}`);
    }
  }

  private async play(command: Command<'PlayPrompts'>): Promise<void> {
    if (command.wait) {
      // A queue announcement goes out after the marks already sent: Asterisk sets a variable only
      // between the channel's operations, so a mark behind a prompt waits for its end (3.6 s seen).
      await this.marks;
      return this.playSounds(command);
    }
    const request = this.playSounds(command);
    // Not awaited: the next key must not wait for Asterisk's answer to this request. A failure still
    // reaches the call's error boundary, in the call's order.
    this.requests.set(command.playbackId, request.then(ignore, ignore));
    request.catch((error: unknown) => {
      this.chain = this.chain.then(() => Promise.reject(error)).catch((failure: unknown) => this.failed(failure, 'PlayPrompts'));
    });
  }

  /** A survey Asterisk cannot take is run by the engine instead: the caller still gets asked. */
  private async continueIntoSurvey(entry: DialplanEntry): Promise<void> {
    try {
      await this.deps.telephony.continueIntoSurvey(this.channelId, entry);
    } catch (error) {
      this.log.warn({ err: error }, 'could not hand the survey to the dialplan');
      void this.handle({ type: 'SurveyNotHandedOver' });
    }
  }

  /** Text is spoken into files first; when nothing is left to play, the prompt is reported failed at once. */
  private async playSounds(command: Command<'PlayPrompts'>): Promise<void> {
    if (onlyPrompts(command.prompts)) return this.deps.telephony.playPrompts(this.channelId, command.prompts, command.language, command.playbackId);
    const sounds = await playableSounds(command.prompts, command.language, this.deps.speech ?? null, this.log);
    if (sounds.length > 0) return this.deps.telephony.playPrompts(this.channelId, sounds, command.language, command.playbackId);
    void this.handle({ type: 'PromptFinished', channelId: this.channelId, playbackId: command.playbackId, outcome: 'failed', at: this.deps.now() });
  }

  private async stopPrompts(command: Command<'StopPrompts'>): Promise<void> {
    const { telephony } = this.deps;
    if (command.wait) return telephony.stopPrompts(command.playbackId);
    // The stop goes out once Asterisk has the playback, or it could arrive first and miss it; a
    // prompt queued behind it starts when it ends, so nothing waits for the stop itself.
    const started = this.requests.get(command.playbackId) ?? Promise.resolve();
    this.requests.delete(command.playbackId);
    void started.then(() => telephony.stopPrompts(command.playbackId)).catch((error: unknown) => this.log.warn({ err: error, playbackId: command.playbackId }, 'stopping a prompt failed'));
  }

  /** A prompt that has not begun is reported; a look that fails is logged and changes nothing. */
  private async checkPrompt(playbackId: string): Promise<void> {
    try {
      await this.requests.get(playbackId);
      if (!(await this.deps.telephony.promptBegun(playbackId))) void this.handle({ type: 'PromptStalled', playbackId });
    } catch (error) {
      this.log.warn({ err: error, playbackId }, 'could not look at a prompt');
    }
  }

  /**
   * The call is closed by now, so nothing else would notice a hang-up that failed: the caller would
   * stay on an open line in silence. It is tried again, then logged as an error naming the channel.
   */
  private async hangUpCaller(): Promise<void> {
    const plan: RetryPlan = {
      delaysMs: HANGUP_RETRY_MS,
      timers: this.deps.timers,
      timerId: (failedTry) => `hang-up:${failedTry}`,
      onRetry: async (error, failedTry) => {
        this.log.warn({ err: error, attempt: failedTry }, 'hanging up the caller failed; trying again');
        // The wait starts once the closing step has run: the close cancels the call's timers.
        await this.chain;
      },
    };
    try {
      await withRetries(plan, () => this.deps.telephony.hangup(this.channelId));
    } catch (error) {
      this.log.error({ err: error, channelId: this.channelId }, 'could not hang up the caller; the line is still open in Asterisk');
    }
  }

  /** A mark is for people and the dialplan: the call never waits for it. */
  private mark(command: Command<'MarkCall'>): void {
    this.marks = this.marks
      .then(() => this.deps.telephony.markCall(this.channelId, command.name, command.value))
      .catch((error: unknown) => this.log.debug({ err: error, name: command.name }, 'could not mark the call'));
  }

  private async dialAgent(command: Command<'DialAgent'>): Promise<void> {
    const { legId, agentId, acdId, ringTimeoutSeconds, recording } = command;
    try {
      await this.deps.telephony.dialAgent({ legId, callId: this.callId, agentId, phone: this.deps.phoneFor(agentId), ringTimeoutSeconds, callerNumber: this.current.call.callerNumber, recording });
      void this.handle({ type: 'AgentDialed', legId, agentId, acdId, systemLagging: this.deps.systemLagging?.() ?? false });
    } catch (error) {
      this.log.warn({ err: error, agentId }, 'could not ring the agent');
      void this.handle({ type: 'AgentDialFailed', legId, agentId, acdId });
    }
  }

  /** A recording that cannot start (disk full, no recorder) must not end the conversation. */
  private async recordConversation(name: string, legId: string | null, conversation: string): Promise<void> {
    try {
      await this.deps.telephony.recordConversation(conversation, this.channelId, name, legId);
    } catch (error) {
      this.log.error({ err: error }, 'the conversation could not be recorded; the call goes on');
      void this.handle({ type: 'RecordingFailed', name, reason: (error as Error).message });
    }
  }

  private async dialParty(command: Command<'DialParty'>): Promise<void> {
    const { channelId, number, ringTimeoutSeconds } = command;
    try {
      await this.deps.telephony.dialParty({ channelId, callId: this.callId, number, ringTimeoutSeconds });
    } catch (error) {
      this.log.warn({ err: error }, 'could not dial the outside party');
      void this.handle({ type: 'PartyDialFailed', partyChannelId: channelId, number });
    }
  }
}
