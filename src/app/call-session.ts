// One citizen call inside the hotline server: it owns the call's facts, reacts to its events in
// order, runs its IVR, and is its own error boundary (a failure sends the caller to a human, never to
// silence or a hang-up).
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts, EndedBy, IvrStep } from '../domain/calls/call-facts.js';
import type { IvrOutcome, IvrState } from '../domain/ivr/ivr-protocol.js';
import type { Logger } from '../logging/logger.js';
import type { CallerDirectory, CallerInfo } from './caller-directory.js';
import { entryFlowFor, type IvrSetup } from './ivr-setup.js';
import { IvrRunner } from './ivr-runner.js';
import type { TelephonyPort } from './telephony-port.js';

export type CallPhase = 'arriving' | 'ivr' | 'queued' | 'ending' | 'transferred' | 'fallback' | 'ended';

export interface CallSessionDeps {
  readonly telephony: TelephonyPort;
  readonly logger: Logger;
  readonly now: () => number;
  readonly ivr: IvrSetup;
  readonly directory: CallerDirectory;
  readonly language: string;
  readonly onStarted: (session: CallSession) => void;
  readonly onAnswered: (session: CallSession, at: number) => void;
  readonly onEnded: (facts: CallFacts) => void;
}

type Arrival = Extract<CallEvent, { type: 'CallArrived' }>;

export class CallSession {
  readonly callId: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
  phase: CallPhase = 'arriving';
  caller: CallerInfo = { elderly: false, enterprise: null };
  queue: string | null = null;
  private answeredAt: number | null = null;
  private hangupCause: number | null = null;
  private endedBy: EndedBy = 'unknown';
  /** Set as soon as Asterisk reports the line going down, whoever asked for it. */
  private lineDown = false;
  /** Steps the session itself adds to the IVR path (a cut-off prompt, the fallback). */
  private readonly extraSteps: IvrStep[] = [];
  private readonly runner: IvrRunner;
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    arrival: Arrival,
    private readonly deps: CallSessionDeps,
  ) {
    this.callId = arrival.callId;
    this.channelId = arrival.channelId;
    this.callerNumber = arrival.callerNumber;
    this.callerName = arrival.callerName;
    this.dialedNumber = arrival.dialedNumber;
    this.startedAt = arrival.at;
    this.log = deps.logger.child({ callId: this.callId, channelId: this.channelId });
    this.runner = new IvrRunner({
      telephony: deps.telephony,
      context: deps.ivr.snapshot(),
      channelId: this.channelId,
      callId: this.callId,
      logger: this.log,
      schedule: (work) => this.enqueue(work, 'timer'),
      onOutcome: (outcome, state) => this.ivrFinished(outcome, state),
    });
  }

  get path(): readonly IvrStep[] {
    return [...this.runner.path, ...this.extraSteps].sort((a, b) => a.at - b.at);
  }

  get answered(): number | null {
    return this.answeredAt;
  }

  get ivrState(): IvrState | undefined {
    return this.runner.current;
  }

  get messageName(): string | null {
    return this.runner.messageName;
  }

  /** Events of one call are handled strictly one after another, in arrival order. */
  handle(event: CallEvent): Promise<void> {
    return this.enqueue(() => this.dispatch(event), event.type);
  }

  private enqueue(work: () => Promise<void>, label: string): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => this.fail(error, label));
    return this.chain;
  }

  private async dispatch(event: CallEvent): Promise<void> {
    if (this.phase === 'ended') return;
    this.log.debug({ event: event.type, phase: this.phase }, 'call event');
    switch (event.type) {
      case 'CallArrived':
        return this.arrive(event.at);
      case 'PromptFinished':
        // Asterisk also ends a playback when the caller hangs up; that prompt was cut off, not heard.
        if (this.lineDown) return;
        return this.runner.promptFinished(event.playbackId, event.outcome, event.at);
      case 'KeyPressed':
        return this.runner.keyPressed(event.key, event.at);
      case 'MessageRecorded':
        return this.runner.messageRecorded(event.name, event.durationMs, event.at);
      case 'HangupRequested':
        return this.hangupRequested(event.cause);
      case 'CallLeft':
        return this.end(event.at);
      case 'PromptStarted':
        return;
    }
  }

  private async arrive(at: number): Promise<void> {
    this.deps.onStarted(this);
    this.caller = this.deps.directory.lookup(this.callerNumber);
    this.log.info({ callerNumber: this.callerNumber, dialed: this.dialedNumber, elderly: this.caller.elderly, enterprise: this.caller.enterprise?.name }, 'call arrived');
    await this.deps.telephony.answer(this.channelId);
    this.answeredAt = this.deps.now();
    this.deps.onAnswered(this, this.answeredAt);
    this.phase = 'ivr';
    const context = this.deps.ivr.snapshot();
    const profile = {
      number: this.callerNumber,
      dialed: this.dialedNumber,
      elderly: this.caller.elderly,
      enterprise: this.caller.enterprise,
      anonymous: this.callerNumber === 'anonymous',
    };
    await this.runner.start(profile, entryFlowFor(context, this.dialedNumber), at, this.deps.language);
  }

  private async ivrFinished(outcome: IvrOutcome, state: IvrState): Promise<void> {
    const { telephony } = this.deps;
    this.log.info({ outcome: outcome.kind, node: `${state.flowId}:${state.nodeId}` }, 'IVR finished');
    switch (outcome.kind) {
      case 'queued':
        this.phase = 'queued';
        this.queue = outcome.queue;
        await telephony.markCall(this.channelId, 'HOTLINE_QUEUE', outcome.queue);
        await telephony.startHold(this.channelId);
        return;
      case 'transferred':
        this.phase = 'transferred';
        await telephony.transfer(this.channelId, outcome.destination);
        return;
      case 'message':
      case 'hangup':
        this.phase = 'ending';
        this.endedBy = 'system';
        await telephony.hangup(this.channelId);
        return;
      case 'fallback':
        await this.toFallback();
        return;
    }
  }

  private hangupRequested(cause: number | null): void {
    this.lineDown = true;
    this.hangupCause = cause;
    if (this.endedBy === 'unknown') this.endedBy = 'caller';
  }

  /** Closes the call once; prompts still playing were cut off by the hang-up. */
  end(at: number, endedBy?: EndedBy): void {
    if (this.phase === 'ended') return;
    this.runner.stop();
    for (const prompt of this.runner.promptsInFlight()) this.extraSteps.push({ at, kind: 'prompt', prompt, outcome: 'interrupted' });
    if (endedBy) this.endedBy = endedBy;
    this.phase = 'ended';
    this.deps.onEnded(this.facts(at));
    this.log.info({ endedBy: this.endedBy, cause: this.hangupCause, durationMs: at - this.startedAt }, 'call ended');
  }

  facts(endedAt: number): CallFacts {
    return {
      callId: this.callId,
      callerNumber: this.callerNumber,
      callerName: this.callerName,
      dialedNumber: this.dialedNumber,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt,
      hangupCause: this.hangupCause,
      endedBy: this.endedBy,
      ivrPath: this.path,
    };
  }

  private async toFallback(): Promise<void> {
    this.phase = 'fallback';
    this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'human-fallback' });
    await this.deps.telephony.sendToHumanFallback(this.channelId);
  }

  /** The error boundary: log, then hand the caller to a human rather than dropping them. */
  private async fail(error: unknown, during: string): Promise<void> {
    this.log.error({ err: error, during }, 'call step failed; sending the caller to the human fallback');
    if (this.phase === 'ended' || this.phase === 'fallback' || this.phase === 'ending' || this.lineDown) return;
    const at = this.deps.now();
    for (const prompt of this.runner.promptsInFlight()) this.extraSteps.push({ at, kind: 'prompt', prompt, outcome: 'failed' });
    this.runner.stop();
    try {
      await this.toFallback();
    } catch (fallbackError) {
      this.log.error({ err: fallbackError }, 'human fallback failed too');
    }
  }
}
