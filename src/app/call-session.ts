// One citizen call inside the hotline server: it owns the call's facts, reacts to its events in
// order, and is its own error boundary (a failure sends the caller to a human, never to silence).
import { randomUUID } from 'node:crypto';
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts, EndedBy, IvrStep } from '../domain/calls/call-facts.js';
import type { Logger } from '../logging/logger.js';
import type { TelephonyPort } from './telephony-port.js';

export type CallPhase = 'arriving' | 'greeting' | 'ending' | 'fallback' | 'ended';

export interface CallSessionDeps {
  readonly telephony: TelephonyPort;
  readonly logger: Logger;
  readonly now: () => number;
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
  private answeredAt: number | null = null;
  private hangupCause: number | null = null;
  private endedBy: EndedBy = 'unknown';
  /** Set as soon as Asterisk reports the line going down, whoever asked for it. */
  private lineDown = false;
  private readonly ivrPath: IvrStep[] = [];
  private readonly playing = new Map<string, string>();
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
  }

  get path(): readonly IvrStep[] {
    return this.ivrPath;
  }

  get answered(): number | null {
    return this.answeredAt;
  }

  /** Events of one call are handled strictly one after another, in arrival order. */
  handle(event: CallEvent): Promise<void> {
    this.chain = this.chain.then(() => this.dispatch(event)).catch((error: unknown) => this.fail(error, event.type));
    return this.chain;
  }

  private async dispatch(event: CallEvent): Promise<void> {
    if (this.phase === 'ended') return;
    this.log.debug({ event: event.type, phase: this.phase }, 'call event');
    switch (event.type) {
      case 'CallArrived':
        return this.arrive();
      case 'PromptFinished':
        return this.promptFinished(event.playbackId, event.outcome, event.at);
      case 'KeyPressed':
        this.ivrPath.push({ at: event.at, kind: 'key', key: event.key });
        return;
      case 'HangupRequested':
        return this.hangupRequested(event.cause);
      case 'CallLeft':
        return this.end(event.at);
      case 'PromptStarted':
        return;
    }
  }

  private async arrive(): Promise<void> {
    this.deps.onStarted(this);
    this.log.info({ callerNumber: this.callerNumber, dialed: this.dialedNumber }, 'call arrived');
    await this.deps.telephony.answer(this.channelId);
    this.answeredAt = this.deps.now();
    this.deps.onAnswered(this, this.answeredAt);
    this.phase = 'greeting';
    await this.play('welcome');
  }

  private async play(promptId: string): Promise<void> {
    const playbackId = randomUUID();
    this.playing.set(playbackId, promptId);
    try {
      await this.deps.telephony.playPrompt(this.channelId, promptId, playbackId);
    } catch (error) {
      this.playing.delete(playbackId);
      this.ivrPath.push({ at: this.deps.now(), kind: 'prompt', prompt: promptId, outcome: 'failed' });
      throw error;
    }
    this.log.debug({ promptId, playbackId }, 'prompt started');
  }

  private async promptFinished(playbackId: string, outcome: 'played' | 'failed', at: number): Promise<void> {
    const promptId = this.playing.get(playbackId);
    if (promptId === undefined) return;
    this.playing.delete(playbackId);
    // Asterisk also ends a playback when the caller hangs up; that prompt was cut off, not heard.
    if (this.lineDown) {
      this.ivrPath.push({ at, kind: 'prompt', prompt: promptId, outcome: 'interrupted' });
      return;
    }
    this.ivrPath.push({ at, kind: 'prompt', prompt: promptId, outcome });
    if (outcome === 'failed') this.log.warn({ promptId }, 'prompt could not be played');
    if (this.phase === 'greeting' && promptId === 'welcome') {
      // The thinnest path: greet, then end the call politely. The IVR engine replaces this step.
      this.phase = 'ending';
      this.endedBy = 'system';
      await this.deps.telephony.hangup(this.channelId);
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
    for (const promptId of this.playing.values()) this.ivrPath.push({ at, kind: 'prompt', prompt: promptId, outcome: 'interrupted' });
    this.playing.clear();
    if (endedBy) this.endedBy = endedBy;
    if (this.phase === 'fallback') this.ivrPath.push({ at, kind: 'node', flow: 'system', node: 'human-fallback' });
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
      ivrPath: [...this.ivrPath],
    };
  }

  /** The error boundary: log, then hand the caller to a human rather than dropping them. */
  private async fail(error: unknown, during: string): Promise<void> {
    this.log.error({ err: error, during }, 'call step failed; sending the caller to the human fallback');
    if (this.phase === 'ended' || this.phase === 'fallback' || this.phase === 'ending') return;
    this.phase = 'fallback';
    try {
      await this.deps.telephony.sendToHumanFallback(this.channelId);
    } catch (fallbackError) {
      this.log.error({ err: fallbackError }, 'human fallback failed too');
    }
  }
}
