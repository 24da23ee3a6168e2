// Watches the SIP channels of the Asterisk under test (citizens' and agents' phones) through an ARI
// application of its own, subscribed to the PJSIP endpoints only (not `subscribeAll`: the hotline's
// snoops, Local channels and bridges are not sent to it), and keeps only the facts the load
// benchmark times, each with Asterisk's own timestamp. The same observer watches the hotline and
// the app_queue baseline, so both are timed by one clock and one definition: Stasis playbacks and
// dialplan Playback()/Background() are both "a prompt starts". Each fact is also handed to a
// listener as it arrives, so the run can mark a prompt's start to the caller's SIPp. A call the
// dialplan answered without the server (overload protection's shed, or no server registered) is
// known by the dialplan's own mark of it, `CELGenUserEvent(HOTLINE_DIALPLAN_CALL,<why>|…)`, seen
// as the channel runs that step: the one place the dialplan decides, so nothing is guessed.
import { AriEventSocket } from '../../src/adapters/ari/ari-event-socket.js';
import { AriHttp, basicAuthorization } from '../../src/adapters/ari/ari-http.js';
import { eventsUrl } from '../../src/adapters/ari/ari-client.js';
import { ariTimestampMs } from '../../src/adapters/ari/ari-time.js';
import { createLogger } from '../../src/logging/logger.js';
import { summarize } from '../stats.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';

export type ObservedKind = 'created' | 'answering' | 'prompt' | 'key' | 'up' | 'hangup' | 'destroyed' | 'qos' | 'dialplan-call';

export interface Observed {
  readonly kind: ObservedKind;
  /** Asterisk's timestamp, ms since the epoch. */
  readonly at: number;
  readonly channelId: string;
  /** The channel's name (PJSIP/citizen-trunk-…, PJSIP/agent-7001-…), when the event carries it. */
  readonly name?: string;
  /** The caller number as Asterisk has it, when the event carries it. */
  readonly number?: string;
  /** The connected party's number (on an agent's channel: the caller it was rung for, with app_queue). */
  readonly connected?: string;
  /** 'key': the digit; 'prompt': the sound's name (main_menu); 'qos': Asterisk's RTPAUDIOQOS; 'dialplan-call': why the dialplan answered it (shed, server-away). */
  readonly detail?: string;
}

/** The event types Asterisk sends the observer (its filter drops the rest before sending). */
export const OBSERVED_EVENT_TYPES = ['ChannelCreated', 'ChannelDestroyed', 'ChannelHangupRequest', 'ChannelDtmfReceived', 'PlaybackStarted', 'ChannelDialplan', 'ChannelStateChange', 'ChannelVarset'] as const;
/** Set by chan_pjsip on each channel as it hangs up: the call side's RTP figures. */
const QOS_VARIABLE = 'RTPAUDIOQOS';
/** dialplan/hotline.conf marks each call it answers without the server: `HOTLINE_DIALPLAN_CALL,<why>|<number>|<caller>`. */
const DIALPLAN_CALL_MARK = /^HOTLINE_DIALPLAN_CALL,([\w-]+)\|/;

interface RawChannel {
  readonly id?: string;
  readonly name?: string;
  readonly state?: string;
  readonly caller?: { readonly number?: string };
  readonly connected?: { readonly number?: string };
}

interface RawEvent {
  readonly type?: string;
  readonly timestamp?: string;
  readonly channel?: RawChannel;
  readonly playback?: { readonly target_uri?: string; readonly media_uri?: string };
  readonly digit?: string;
  readonly dialplan_app?: string;
  readonly dialplan_app_data?: string;
  readonly variable?: string;
  readonly value?: string;
}

/** ARI writes `2026-12-01T06:39:16.934+0000`. */
export function ariTime(text: string): number {
  return ariTimestampMs(text);
}

/** `sound:hotline/zh-CN/main_menu` or `hotline/zh-CN/main_menu,s` → `main_menu`. */
export function promptName(media: string): string {
  const first = media.replace(/^sound:/, '').split(/[,&]/)[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

function channelFact(kind: ObservedKind, at: number, channel: RawChannel, detail?: string): Observed | null {
  if (!channel.id) return null;
  const connected = channel.connected?.number ? { connected: channel.connected.number } : {};
  return { kind, at, channelId: channel.id, name: channel.name ?? '', number: channel.caller?.number ?? '', ...connected, ...(detail === undefined ? {} : { detail }) };
}

/** The dialplan's mark of a call it answers itself, with why. */
function dialplanCallOf(event: RawEvent, at: number): Observed | null {
  const mark = (event.dialplan_app ?? '').toLowerCase() === 'celgenuserevent' ? DIALPLAN_CALL_MARK.exec(event.dialplan_app_data ?? '') : null;
  return mark && event.channel ? channelFact('dialplan-call', at, event.channel, mark[1]) : null;
}

/** The channel's thread reached its `Answer` step (what it ran before it is the dialplan's part of INVITE → 200 OK). */
function answeringOf(event: RawEvent, at: number): Observed | null {
  return (event.dialplan_app ?? '').toLowerCase() === 'answer' && event.channel ? channelFact('answering', at, event.channel) : null;
}

function promptOf(event: RawEvent, at: number): Observed | null {
  if (event.type === 'PlaybackStarted') {
    const target = event.playback?.target_uri ?? '';
    return target.startsWith('channel:') ? { kind: 'prompt', at, channelId: target.slice('channel:'.length), detail: promptName(event.playback?.media_uri ?? '') } : null;
  }
  if (!isPromptApplication(event.dialplan_app ?? '') || !event.channel) return null;
  return channelFact('prompt', at, event.channel, promptName(event.dialplan_app_data ?? ''));
}

/** An event's kind for the tally: its type, with the variable set or the dialplan application run. */
export function messageKind(event: RawEvent): string {
  const type = event.type ?? '(no type)';
  if (type === 'ChannelVarset') return `${type} ${event.variable ?? ''}`;
  if (type === 'ChannelDialplan') return `${type} ${event.dialplan_app ?? ''}`;
  return type;
}

/** The one fact an ARI event gives the benchmark, or null when it gives none. */
export function observedOf(event: RawEvent): Observed | null {
  if (!event.type || !event.timestamp) return null;
  const at = ariTime(event.timestamp);
  const channel = event.channel;
  switch (event.type) {
    case 'PlaybackStarted':
      return promptOf(event, at);
    case 'ChannelDialplan':
      return dialplanCallOf(event, at) ?? answeringOf(event, at) ?? promptOf(event, at);
    case 'ChannelCreated':
      return channel ? channelFact('created', at, channel) : null;
    case 'ChannelDestroyed':
      return channel ? channelFact('destroyed', at, channel) : null;
    case 'ChannelHangupRequest':
      return channel ? channelFact('hangup', at, channel) : null;
    case 'ChannelDtmfReceived':
      return channel ? channelFact('key', at, channel, event.digit ?? '') : null;
    case 'ChannelStateChange':
      return channel?.state === 'Up' ? channelFact('up', at, channel) : null;
    case 'ChannelVarset':
      return channel && event.variable === QOS_VARIABLE ? channelFact('qos', at, channel, event.value ?? '') : null;
    default:
      return null;
  }
}

export interface ObserverOptions {
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly app?: string;
}

export class AriObserver {
  readonly events: Observed[] = [];
  /** ARI messages received, kept or not: what the observer costs Asterisk to send. */
  messages = 0;
  /** The same by kind (`messageKind`), to see which steps of a call make them. */
  readonly messagesByKind = new Map<string, number>();
  /**
   * Each message's arrival here minus Asterisk's stamp on it: the wait in the application's queue
   * in Asterisk, its writing, the socket and this process's reading, together. Where in that the
   * time goes shows in the socket's queues (bytes Asterisk has sent that this process has not read).
   */
  readonly readLagsMs: number[] = [];
  /**
   * When the socket went down (Asterisk drops a client whose reads stall, as a harness on a full
   * machine may): events of those moments are lost, so a step with a drop in it is not measured whole.
   */
  readonly drops: number[] = [];
  private readonly socket: AriEventSocket;
  private readonly http: AriHttp;
  private readonly app: string;
  private readonly opened: Promise<void>;
  private listener: (observed: Observed) => void = () => undefined;

  constructor(options: ObserverOptions) {
    this.app = options.app ?? 'bench-observer';
    this.http = new AriHttp({ baseUrl: options.url, user: options.user, password: options.password });
    let markOpen: () => void = () => undefined;
    this.opened = new Promise((resolve) => (markOpen = resolve));
    this.socket = new AriEventSocket(
      {
        url: eventsUrl(options.url, this.app),
        authorization: basicAuthorization(options.user, options.password),
        logger: createLogger('silent'),
        heartbeatIntervalMs: 3000,
        heartbeatTimeoutMs: 7000,
        handshakeTimeoutMs: 5000,
        backoffInitialMs: 200,
        backoffMaxMs: 2000,
      },
      {
        onOpen: () => {
          markOpen();
          // A reconnected application has lost its subscription and filter: they are asked again.
          if (this.drops.length > 0) void this.subscribe().catch(() => undefined);
        },
        onMessage: (text) => this.take(text),
        onDown: (_reason, wasOpen) => {
          if (wasOpen) this.drops.push(Date.now());
        },
      },
    );
  }

  /** Each fact as it arrives (after it is kept), for the run to react to. */
  onObserved(listener: (observed: Observed) => void): void {
    this.listener = listener;
  }

  /**
   * Opens the socket, subscribes to every PJSIP endpoint (each endpoint's channels forward their
   * events to it, playbacks included) and narrows the stream to the event types used.
   */
  async start(): Promise<void> {
    this.socket.start();
    await this.opened;
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    const app = encodeURIComponent(this.app);
    await this.http.request('POST', `/applications/${app}/subscription`, { query: { eventSource: 'endpoint:PJSIP' } });
    await this.http.request('PUT', `/applications/${app}/eventFilter`, { body: { allowed: OBSERVED_EVENT_TYPES.map((type) => ({ type })) } });
  }

  async stop(): Promise<void> {
    await this.socket.stop();
    this.http.close();
  }

  private take(text: string): void {
    this.messages += 1;
    const event = JSON.parse(text) as RawEvent;
    const kind = messageKind(event);
    this.messagesByKind.set(kind, (this.messagesByKind.get(kind) ?? 0) + 1);
    if (event.timestamp) this.readLagsMs.push(Date.now() - ariTime(event.timestamp));
    const observed = observedOf(event);
    if (!observed) return;
    this.events.push(observed);
    this.listener(observed);
  }
}

/** p99 and max of the read lags, ms (null when nothing came). */
export function readLag(lagsMs: readonly number[]): { p99: number; max: number } | null {
  if (lagsMs.length === 0) return null;
  const { p99, max } = summarize(lagsMs);
  return { p99, max };
}
