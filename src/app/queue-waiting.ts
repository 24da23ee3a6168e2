// A caller waiting in a queue: the queue's hold music, spoken place-in-line announcements, and the
// "press 1 for a callback" offer once the queue allows it. Owned by a call session, run inside its
// ordered chain; the session tells it about prompts that ended and keys pressed while queued.
import { canCallBack, queueAnnouncement } from '../domain/calls/queue-announcement.js';
import type { Logger } from '../logging/logger.js';
import type { QueueingPort } from './acd-service.js';
import type { TelephonyPort } from './telephony-port.js';

export interface QueueWaitingDeps {
  readonly telephony: TelephonyPort;
  readonly queueing: QueueingPort;
  readonly channelId: string;
  readonly callId: string;
  readonly callerNumber: string;
  readonly language: string;
  readonly now: () => number;
  readonly logger: Logger;
}

/** What the session does once a prompt of ours has ended. */
export type AfterPrompt = 'none' | 'hang-up';

/** The key a waiting caller presses to be called back. */
export const CALLBACK_KEY = '1';

export class QueueWaiting {
  private musicClass = 'default';
  private playing: { readonly playbackId: string; readonly then: 'hold' | 'hang-up' } | null = null;
  private playSeq = 0;
  private callbackOffered = false;
  /** The caller chose a callback: the ACD keeps their place after they hang up. */
  callbackRequested = false;

  constructor(private readonly deps: QueueWaitingDeps) {}

  /** Whether one of our announcements is playing now. */
  get speaking(): boolean {
    return this.playing !== null;
  }

  /** The queue's music (again, after an announcement or a returned offer). */
  async hold(musicClass: string): Promise<void> {
    this.musicClass = musicClass;
    if (this.playing) return;
    await this.deps.telephony.startHold(this.deps.channelId, musicClass);
  }

  async announce(position: number, estimatedWaitSeconds: number, callbackOffered: boolean): Promise<void> {
    if (this.playing || this.callbackRequested) return;
    this.callbackOffered ||= callbackOffered && canCallBack(this.deps.callerNumber);
    const prompts = queueAnnouncement({ position, estimatedWaitSeconds, callbackOffered: this.callbackOffered });
    await this.play(prompts, 'hold');
  }

  /** A callback's first words to the citizen we rang back; hold music follows until the agent answers. */
  async greet(): Promise<void> {
    await this.play(['callback_greeting'], 'hold');
  }

  /** A key while queued; true when it meant something here. */
  keyPressed(key: string): boolean {
    if (key !== CALLBACK_KEY || !this.callbackOffered || this.callbackRequested) return false;
    this.deps.queueing.requestCallback(this.deps.callId, this.deps.callerNumber, this.deps.now());
    return true;
  }

  /** The ACD took the callback request: confirm it, then let the caller go. */
  async callbackConfirmed(): Promise<void> {
    this.callbackRequested = true;
    if (this.playing) await this.deps.telephony.stopPrompts(this.playing.playbackId);
    this.playing = null;
    await this.play(['callback_confirmed'], 'hang-up');
  }

  /** Says whether a finished playback was ours, and what follows it. */
  async promptFinished(playbackId: string): Promise<AfterPrompt | undefined> {
    if (this.playing?.playbackId !== playbackId) return undefined;
    const { then } = this.playing;
    this.playing = null;
    if (then === 'hang-up') return 'hang-up';
    await this.deps.telephony.startHold(this.deps.channelId, this.musicClass);
    return 'none';
  }

  /** An agent answers: whatever we were saying stops (the bridge takes the channel). */
  async stop(): Promise<void> {
    const playing = this.playing;
    this.playing = null;
    if (playing) await this.deps.telephony.stopPrompts(playing.playbackId);
  }

  private async play(prompts: readonly string[], then: 'hold' | 'hang-up'): Promise<void> {
    this.playSeq += 1;
    const playbackId = `${this.deps.callId}-q${this.playSeq}`;
    this.playing = { playbackId, then };
    this.deps.logger.debug({ prompts, playbackId }, 'queue announcement');
    // The playback replaces the hold music on the channel; it comes back when the playback ends.
    await this.deps.telephony.playPrompts(this.deps.channelId, prompts, this.deps.language, playbackId);
  }
}
