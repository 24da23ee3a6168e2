// Runs the pure IVR engine for one call: turns its commands into telephony requests and timers, and
// the call's events back into engine events (playback ids and recording names ↔ engine tokens).
import type { IvrStep } from '../domain/calls/call-facts.js';
import { startIvr, stepIvr, type IvrContext } from '../domain/ivr/ivr-engine.js';
import type { CallerProfile, IvrCommand, IvrEvent, IvrOutcome, IvrState, StepResult } from '../domain/ivr/ivr-protocol.js';
import type { Logger } from '../logging/logger.js';
import type { TelephonyPort } from './telephony-port.js';

export interface IvrRunnerDeps {
  readonly telephony: TelephonyPort;
  readonly context: IvrContext;
  readonly channelId: string;
  readonly callId: string;
  readonly logger: Logger;
  /** Runs work inside the call's own ordered chain (timers fire through it). */
  readonly schedule: (work: () => Promise<void>) => void;
  readonly onOutcome: (outcome: IvrOutcome, state: IvrState) => Promise<void>;
}

export class IvrRunner {
  private state: IvrState | undefined;
  private readonly playbacks = new Map<string, string>();
  private readonly promptsByToken = new Map<string, readonly string[]>();
  /** Each playback's play request, settled either way: a stop waits for it. */
  private readonly requests = new Map<string, Promise<void>>();
  private readonly recordings = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private playbackSeq = 0;
  private stopped = false;
  /** The name of the voice message recorded in this call, if any. */
  messageName: string | null = null;

  constructor(private readonly deps: IvrRunnerDeps) {}

  get current(): IvrState | undefined {
    return this.state;
  }

  get path(): readonly IvrStep[] {
    return this.state?.path ?? [];
  }

  /** Prompts playing right now (cut off if the caller hangs up). */
  promptsInFlight(): readonly string[] {
    if (this.stopped) return [];
    const wait = this.state?.wait;
    if (wait?.kind !== 'prompts') return [];
    return this.promptsByToken.get(wait.token) ?? [];
  }

  async start(caller: CallerProfile, flowId: string, at: number, language: string): Promise<void> {
    await this.apply(startIvr(this.deps.context, caller, flowId, at, language));
  }

  async promptFinished(playbackId: string, outcome: 'played' | 'failed', at: number): Promise<void> {
    const token = this.playbacks.get(playbackId);
    if (token === undefined) return;
    this.playbacks.delete(playbackId);
    this.requests.delete(playbackId);
    await this.feed({ type: 'PromptsFinished', token, at, outcome });
  }

  async keyPressed(key: string, at: number): Promise<void> {
    await this.feed({ type: 'KeyPressed', key, at });
  }

  async messageRecorded(name: string, durationMs: number, at: number): Promise<void> {
    const token = this.recordings.get(name);
    if (token === undefined) return;
    this.recordings.delete(name);
    await this.feed({ type: 'RecordingFinished', token, at, durationMs });
  }

  /** The call is over: no timer may fire into it any more. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async feed(event: IvrEvent): Promise<void> {
    if (!this.state || this.state.status === 'done') return;
    await this.apply(stepIvr(this.deps.context, this.state, event));
  }

  private async apply(result: StepResult): Promise<void> {
    const wasRunning = this.state === undefined || this.state.status === 'running';
    this.state = result.state;
    for (const command of result.commands) await this.execute(command);
    if (wasRunning && result.state.status === 'done' && result.state.outcome) {
      await this.deps.onOutcome(result.state.outcome, result.state);
    }
  }

  private async execute(command: IvrCommand): Promise<void> {
    const { telephony, channelId } = this.deps;
    switch (command.type) {
      case 'PlayPrompts': {
        this.playbackSeq += 1;
        const playbackId = `${this.deps.callId}-p${this.playbackSeq}`;
        this.playbacks.set(playbackId, command.token);
        this.promptsByToken.set(command.token, command.prompts);
        // Not awaited: the next key must not wait for Asterisk's answer to this request. A failure
        // still reaches the call's error boundary, through its ordered chain.
        const request = telephony.playPrompts(channelId, command.prompts, command.language, playbackId);
        this.requests.set(playbackId, request.then(
          () => undefined,
          () => undefined,
        ));
        request.catch((error: unknown) => this.deps.schedule(() => Promise.reject(error)));
        return;
      }
      case 'StopPrompts':
        return this.stopPrompts(command.token);
      case 'StartTimer':
        return this.startTimer(command.token, command.ms);
      case 'CancelTimer':
        clearTimeout(this.timers.get(command.token));
        this.timers.delete(command.token);
        return;
      case 'RecordMessage': {
        const name = `message-${this.deps.callId}`.replace(/[^A-Za-z0-9._-]/g, '_');
        this.recordings.set(name, command.token);
        this.messageName = name;
        return telephony.recordMessage(channelId, name, command.maxSeconds, command.beep);
      }
      case 'EnqueueCall':
      case 'TransferCall':
      case 'HangUp':
      case 'SendToHuman':
        // Outcomes: the session acts on them once the engine reports where the call went.
        return;
    }
  }

  /**
   * Not awaited: the next prompt must not wait for Asterisk to confirm the stop. The new prompt and
   * the stop may reach Asterisk in either order: the stop names the old playback, and a prompt
   * queued behind it starts when it ends.
   */
  private stopPrompts(token: string): void {
    for (const [playbackId, playing] of this.playbacks) {
      if (playing !== token) continue;
      this.playbacks.delete(playbackId);
      // The stop goes out once Asterisk has the playback, or it could arrive first and miss it.
      const started = this.requests.get(playbackId) ?? Promise.resolve();
      this.requests.delete(playbackId);
      void started
        .then(() => this.deps.telephony.stopPrompts(playbackId))
        .catch((error: unknown) => this.deps.logger.warn({ err: error, playbackId }, 'stopping a prompt failed'));
    }
  }

  private startTimer(token: string, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(token);
      this.deps.schedule(() => this.feed({ type: 'TimerFired', token, at: Date.now() }));
    }, ms);
    this.timers.set(token, timer);
  }
}
