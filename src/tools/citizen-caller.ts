// Places a citizen's call through the real Asterisk, as a phone would: a Local channel into the
// entry context, keys sent on the caller's leg, hang-up after a while. Used by `npm run call` and
// by the pbx tests. It watches only what a caller can observe (prompts played to them, the line
// going down) and asks the hotline server for the ticket afterwards.
import { randomUUID } from 'node:crypto';
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { AriEvent } from '../adapters/ari/ari-events.js';

export type CallerEvent =
  | { readonly event: 'dialing'; readonly callId: string; readonly from: string; readonly to: string; readonly at: number }
  | { readonly event: 'connected'; readonly at: number }
  | { readonly event: 'prompt'; readonly prompt: string; readonly media: string; readonly at: number }
  | { readonly event: 'prompt_finished'; readonly prompt: string; readonly state: string; readonly at: number }
  | { readonly event: 'key'; readonly key: string; readonly at: number }
  /** The hotline handed the call to a queue (its HOTLINE_QUEUE mark, or the fallback's HOTLINE_FALLBACK). */
  | { readonly event: 'queued'; readonly queue: string; readonly at: number }
  /** An agent took the call (its HOTLINE_AGENT mark). Offers are not marked: the ticket's path has them. */
  | { readonly event: 'answered'; readonly agent: string; readonly at: number }
  | { readonly event: 'hangup'; readonly by: 'caller' | 'hotline'; readonly cause: number | null; readonly at: number }
  | { readonly event: 'ticket'; readonly number: string; readonly callId: string; readonly path?: string; readonly at: number }
  | { readonly event: 'error'; readonly code: string; readonly message: string; readonly at: number };

export interface CallPlan {
  readonly from: string;
  readonly to: string;
  readonly callerName?: string;
  /** Keys and waits, e.g. "1,w2,0": digits are sent, wN waits N seconds. */
  readonly dtmf?: string;
  /** Seconds to stay on the line after the call is answered; the hotline may end it sooner. */
  readonly holdSeconds: number;
  readonly entryContext?: string;
  readonly answerTimeoutMs?: number;
  /**
   * Sends audio (silence) once answered, as a real phone's RTP does. Without it the caller's side
   * carries no frames at all, and a recorder on the hotline's channel (MixMonitor) keeps up to the
   * last 0.5 s of what the caller heard queued, waiting for the silent side, when the call ends.
   */
  readonly sendsAudio?: boolean;
}

export type DtmfStep = { readonly kind: 'keys'; readonly keys: string } | { readonly kind: 'wait'; readonly seconds: number };

export class DtmfPlanError extends Error {
  readonly code = 'DTMF_PLAN_INVALID';
}

/** "1,w2,0" → keys 1, wait 2 s, keys 0. */
export function parseDtmfPlan(plan: string): DtmfStep[] {
  return plan
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token.length > 0)
    .map((token): DtmfStep => {
      const wait = /^w(\d+(?:\.\d+)?)$/i.exec(token);
      if (wait) return { kind: 'wait', seconds: Number(wait[1]) };
      if (/^[0-9*#A-D]+$/i.test(token)) return { kind: 'keys', keys: token.toUpperCase() };
      throw new DtmfPlanError(`"${token}" is neither keys (0-9 * # A-D) nor a wait (w2)`);
    });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function promptOf(media: string): string {
  const name = media.replace(/^sound:/, '');
  return name.split('/').pop() ?? name;
}

export interface CallOutcome {
  readonly callId: string;
  readonly events: readonly CallerEvent[];
}

/** One simulated caller per call; the AriClient must be started for the caller app (e.g. citizen-sim). */
export class CitizenCaller {
  constructor(
    private readonly ari: AriClient,
    private readonly app: string,
  ) {}

  async call(plan: CallPlan, onEvent: (event: CallerEvent) => void = () => undefined): Promise<CallOutcome> {
    const callerLeg = `sim-${randomUUID()}`;
    const hotlineLeg = `${callerLeg}-2`;
    const events: CallerEvent[] = [];
    const emit = (event: CallerEvent): void => {
      events.push(event);
      onEvent(event);
    };
    const steps = plan.dtmf ? parseDtmfPlan(plan.dtmf) : [];
    let connected!: () => void;
    const connectedSignal = new Promise<void>((resolve) => (connected = resolve));
    let ended!: () => void;
    const endedSignal = new Promise<void>((resolve) => (ended = resolve));
    let hungUpByUs = false;
    let lastCause: number | null = null;
    // The line is up for the caller from the first sign of it: this leg entering our application,
    // or a prompt played to them. The prompt can come first: the hotline's half of the Local channel
    // answers and plays while this half is still on its way into our application.
    let saidConnected = false;
    const sayConnected = (at: number): void => {
      if (saidConnected) return;
      saidConnected = true;
      emit({ event: 'connected', at });
    };

    const listener = (event: AriEvent): void => {
      const now = Date.now();
      switch (event.type) {
        case 'StasisStart':
          if (event.channel.id === callerLeg) {
            sayConnected(now);
            connected();
          }
          return;
        case 'PlaybackStarted':
        case 'PlaybackFinished':
          if (event.playback.target_uri !== `channel:${hotlineLeg}`) return;
          sayConnected(now);
          if (event.type === 'PlaybackStarted') emit({ event: 'prompt', prompt: promptOf(event.playback.media_uri), media: event.playback.media_uri, at: now });
          else emit({ event: 'prompt_finished', prompt: promptOf(event.playback.media_uri), state: event.playback.state ?? 'done', at: now });
          return;
        case 'ChannelVarset':
          if (event.channel?.id !== hotlineLeg) return;
          if (event.variable === 'HOTLINE_FALLBACK' && event.value === '1') emit({ event: 'queued', queue: 'hotline-fallback', at: now });
          if (event.variable === 'HOTLINE_QUEUE' && event.value) emit({ event: 'queued', queue: event.value, at: now });
          if (event.variable === 'HOTLINE_AGENT' && event.value) emit({ event: 'answered', agent: event.value, at: now });
          return;
        case 'ChannelHangupRequest':
          if (event.channel.id === hotlineLeg || event.channel.id === callerLeg) {
            if (typeof event.cause === 'number') lastCause = event.cause;
          }
          return;
        case 'ChannelDestroyed':
          if (event.channel.id === callerLeg) {
            emit({ event: 'hangup', by: hungUpByUs ? 'caller' : 'hotline', cause: typeof event.cause === 'number' ? event.cause : lastCause, at: now });
            connected();
            ended();
          }
          return;
        default:
          return;
      }
    };
    this.ari.on('event', listener);
    try {
      emit({ event: 'dialing', callId: callerLeg, from: plan.from, to: plan.to, at: Date.now() });
      await this.ari.originate({
        endpoint: `Local/${plan.to}@${plan.entryContext ?? 'from-citizen'}`,
        app: this.app,
        callerId: `"${plan.callerName ?? 'Citizen'}" <${plan.from}>`,
        channelId: callerLeg,
        otherChannelId: hotlineLeg,
        timeout: 30,
      });
      const answered = await Promise.race([connectedSignal.then(() => true), sleep(plan.answerTimeoutMs ?? 30_000).then(() => false)]);
      if (!answered) {
        emit({ event: 'error', code: 'NOT_ANSWERED', message: 'The hotline did not answer', at: Date.now() });
        await this.ari.hangup(callerLeg).catch(() => undefined);
        return { callId: callerLeg, events };
      }
      if (plan.sendsAudio) await this.ari.http.request('POST', `/channels/${encodeURIComponent(callerLeg)}/silence`).catch(() => undefined);
      const hold = (async () => {
        for (const step of steps) {
          if (step.kind === 'wait') await sleep(step.seconds * 1000);
          else {
            await this.ari.sendDtmf(callerLeg, step.keys, { between: 150, duration: 120 }).catch(() => undefined);
            emit({ event: 'key', key: step.keys, at: Date.now() });
          }
        }
        await sleep(plan.holdSeconds * 1000);
      })();
      const hotlineEnded = await Promise.race([endedSignal.then(() => true), hold.then(() => false)]);
      if (!hotlineEnded) {
        hungUpByUs = true;
        await this.ari.hangup(callerLeg).catch(() => undefined);
        await Promise.race([endedSignal, sleep(5000)]);
      }
      return { callId: callerLeg, events };
    } finally {
      this.ari.off('event', listener);
    }
  }
}
