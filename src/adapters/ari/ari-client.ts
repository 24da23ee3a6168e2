// Our ARI client: one events WebSocket (ari-event-socket) and REST over node:http (ari-http). Replaces
// ari-client 2.2.0, which put credentials in the WebSocket URL, threw on unknown event types, gave up
// reconnecting after ~10 tries and never pinged. One 'event' stream, no per-channel listeners:
// consumers route by id, so nothing leaks when a channel goes away without its last event. Each
// event's delay (its arrival here minus Asterisk's own time stamp) is recorded by event type, and an
// application that names the events it uses has Asterisk drop the others before they are sent.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { MetricsRegistry, type Timing } from '../metrics/metrics-registry.js';
import { AriError, isAriNotFound } from './ari-error.js';
import { AriEventSocket } from './ari-event-socket.js';
import { ARI_EVENT_TYPES, parseAriEvent, type AriEvent, type AriEventType } from './ari-events.js';
import { AriHttp, basicAuthorization, cleanBaseUrl, type AriQueryValue } from './ari-http.js';
import type { Application, Channel, HangupReason, Playback } from './ari-models.js';
import { ariTimestampMs } from './ari-time.js';
import { ChannelNames } from './channel-names.js';

export interface AriClientOptions {
  /** ARI base URL, like http://127.0.0.1:8088/ari. */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** Stasis application name the events socket registers. */
  readonly app: string;
  readonly logger: Logger;
  readonly heartbeatIntervalMs?: number;
  /** Must exceed heartbeatIntervalMs, or a healthy but idle link would be cut. */
  readonly heartbeatTimeoutMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly requestTimeoutMs?: number;
  /** Where event delays and request times are recorded; a registry of its own when not given. */
  readonly metrics?: MetricsRegistry;
  /**
   * The only event types the application wants (Asterisk's event filter, set again after every
   * connect); ApplicationReplaced is always added. Undefined: every event is sent.
   */
  readonly eventTypes?: readonly AriEventType[];
}

export interface AriDisconnected {
  readonly reason: string;
  /** false when a connect attempt failed before the WebSocket opened. */
  readonly wasConnected: boolean;
}

export interface AriClientEvents {
  event: [AriEvent];
  /** After each successful open; `reconnect` → Asterisk kept no backlog: re-list channels. */
  connected: [{ readonly reconnect: boolean }];
  disconnected: [AriDisconnected];
}

/**
 * A Local channel originated without `formats` is offered every audio format, and Asterisk 22 then
 * runs it at signed linear 192 kHz (`core show channel`: NativeFormats slin192): every 8 kHz frame of
 * the telephone audio was resampled up and down, which took 71% of Asterisk's time in the monitoring
 * benchmark. A Local channel (the demo handsets, the demo citizens, a simulated caller) is pinned to
 * 8 kHz signed linear; a SIP endpoint keeps the codecs of its own configuration.
 */
export function withLocalFormats(params: OriginateParams): OriginateParams {
  return params.formats === undefined && params.endpoint.startsWith('Local/') ? { ...params, formats: 'slin' } : params;
}

export interface OriginateParams {
  readonly endpoint: string;
  readonly app?: string;
  /** Becomes StasisStart `args`; a list is sent comma-separated, as ARI expects. */
  readonly appArgs?: string | readonly string[];
  readonly context?: string;
  readonly extension?: string;
  readonly priority?: number;
  readonly label?: string;
  /** Like `"Citizen Zhang" <13800138000>`. */
  readonly callerId?: string;
  /** Seconds to wait for an answer. */
  readonly timeout?: number;
  readonly channelId?: string;
  readonly otherChannelId?: string;
  readonly originator?: string;
  readonly formats?: string;
  /** Channel variables, sent in the JSON body as ARI wants. */
  readonly variables?: Readonly<Record<string, string>>;
}

export interface ContinueParams {
  readonly context?: string;
  readonly extension?: string;
  readonly priority?: number;
  readonly label?: string;
}

export interface DtmfTiming {
  /** Milliseconds. */
  readonly before?: number;
  readonly between?: number;
  readonly duration?: number;
  readonly after?: number;
}

export interface RequestLimit {
  /** This request's own time limit, in place of the client's requestTimeoutMs. */
  readonly timeoutMs?: number;
}

type Listener = (...args: unknown[]) => unknown;

/** Where the delay of events of a type this client does not know is recorded. */
export const OTHER_EVENTS = 'other';

/** http(s)://host/ari → ws(s)://host/ari/events?app=…&subscribeAll=false */
export function eventsUrl(baseUrl: string, app: string): string {
  const url = new URL(`${cleanBaseUrl(baseUrl)}/events`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('app', app);
  url.searchParams.set('subscribeAll', 'false');
  return url.toString();
}

const channelPath = (channelId: string, rest = ''): string => `/channels/${encodeURIComponent(channelId)}${rest}`;

export class AriClient extends EventEmitter<AriClientEvents> {
  readonly http: AriHttp;
  readonly metrics: MetricsRegistry;
  private readonly log: Logger;
  private readonly socket: AriEventSocket;
  private readonly app: string;
  private readonly eventTypes: readonly AriEventType[] | undefined;
  /** Each event type's delay timing, made at start so an event only looks its own up. */
  private readonly eventDelays = new Map<string, Timing>();
  /** Names of the channels the events told of, so a hang-up is asked by name (see channel-names.ts). */
  private readonly names = new ChannelNames();

  constructor(options: AriClientOptions) {
    super();
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
    const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 7000;
    if (heartbeatTimeoutMs <= heartbeatIntervalMs) throw new RangeError('heartbeatTimeoutMs must exceed heartbeatIntervalMs');
    const url = eventsUrl(options.url, options.app);
    const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.log = options.logger.child({ component: 'ari', url, user: options.user });
    this.app = options.app;
    this.eventTypes = options.eventTypes;
    this.metrics = options.metrics ?? new MetricsRegistry();
    for (const type of [...ARI_EVENT_TYPES, OTHER_EVENTS]) this.eventDelays.set(type, this.metrics.timing('ari-event', type));
    this.http = new AriHttp({ baseUrl: options.url, user: options.user, password: options.password, timeoutMs: requestTimeoutMs, metrics: this.metrics });
    this.socket = new AriEventSocket(
      {
        url,
        authorization: basicAuthorization(options.user, options.password),
        logger: this.log,
        heartbeatIntervalMs,
        heartbeatTimeoutMs,
        handshakeTimeoutMs: requestTimeoutMs,
        backoffInitialMs: options.backoffInitialMs ?? 200,
        backoffMaxMs: options.backoffMaxMs ?? 5000,
      },
      {
        onOpen: (reconnect) => {
          // Ends missed while the stream was down would leave names behind.
          if (reconnect) this.names.clear();
          if (this.eventTypes) void this.filterEvents(this.eventTypes);
          this.deliver('connected', { reconnect });
        },
        onMessage: (text) => this.received(text),
        onDown: (reason, wasConnected) => this.deliver('disconnected', { reason, wasConnected }),
      },
    );
  }

  /** True while the events WebSocket is open. */
  get connected(): boolean {
    return this.socket.isOpen;
  }

  /** Timers the client holds right now; 0 after stop(). */
  get armedTimers(): number {
    return this.socket.armedTimers;
  }

  /** Opens the events socket and keeps it open until stop(), however long Asterisk is away. */
  start(): void {
    this.socket.start();
  }

  /** Closes for good; resolves once the socket is closed and no timer is left. */
  stop(): Promise<void> {
    this.http.close();
    return this.socket.stop();
  }

  answer(channelId: string): Promise<void> {
    return this.http.request('POST', channelPath(channelId, '/answer'));
  }

  /**
   * By the channel's name when an event gave it: Asterisk finds a name in a hash, an id only by
   * walking every channel (see channel-names.ts). A name Asterisk does not know (the channel gone,
   * or renamed) is asked again by id, so the answer is always the id's.
   */
  async hangup(channelId: string, reason?: HangupReason): Promise<void> {
    const name = this.names.nameOf(channelId);
    if (name !== undefined) {
      try {
        return await this.http.request('DELETE', channelPath(name), { query: { reason } });
      } catch (error) {
        if (!isAriNotFound(error)) throw error;
      }
    }
    return this.http.request('DELETE', channelPath(channelId), { query: { reason } });
  }

  ring(channelId: string): Promise<void> {
    return this.http.request('POST', channelPath(channelId, '/ring'));
  }

  /** Several media play one after the other as one playback. */
  play(channelId: string, media: string | readonly string[], playbackId?: string): Promise<Playback> {
    return this.http.request('POST', channelPath(channelId, '/play'), { query: { media, playbackId } });
  }

  stopPlayback(playbackId: string): Promise<void> {
    return this.http.request('DELETE', `/playbacks/${encodeURIComponent(playbackId)}`);
  }

  continueInDialplan(channelId: string, params: ContinueParams = {}): Promise<void> {
    return this.http.request('POST', channelPath(channelId, '/continue'), { query: { ...params } });
  }

  async getVariable(channelId: string, name: string): Promise<string> {
    const reply = await this.http.request<{ value: string }>('GET', channelPath(channelId, '/variable'), { query: { variable: name } });
    return reply.value;
  }

  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return this.http.request('POST', channelPath(channelId, '/variable'), { query: { variable: name, value } });
  }

  /** A global dialplan variable (`${name}` in any channel that has none of its own). */
  setGlobalVariable(name: string, value: string): Promise<void> {
    return this.http.request('POST', '/asterisk/variable', { query: { variable: name, value } });
  }

  listChannels(): Promise<Channel[]> {
    return this.http.request('GET', '/channels');
  }

  getChannel(channelId: string): Promise<Channel> {
    return this.http.request('GET', channelPath(channelId));
  }

  /** Give `limit.timeoutMs` when the default is too short for this originate (a long ring, a loaded Asterisk). */
  originate(params: OriginateParams, limit: RequestLimit = {}): Promise<Channel> {
    const { variables, ...query } = withLocalFormats(params);
    const body = variables === undefined ? undefined : { variables };
    return this.http.request<Channel>('POST', '/channels', { query: query satisfies Record<string, AriQueryValue>, body, ...limit }).then((channel) => {
      this.names.learned(channel);
      return channel;
    });
  }

  sendDtmf(channelId: string, dtmf: string, timing: DtmfTiming = {}): Promise<void> {
    return this.http.request('POST', channelPath(channelId, '/dtmf'), { query: { dtmf, ...timing } });
  }

  getApplication(name: string): Promise<Application> {
    return this.http.request('GET', `/applications/${encodeURIComponent(name)}`);
  }

  /** eventSource like `channel:<id>`, `bridge:<id>`, `endpoint:PJSIP/8001`, `deviceState:PJSIP/8001`. */
  subscribe(app: string, eventSource: string | readonly string[]): Promise<Application> {
    return this.http.request('POST', `/applications/${encodeURIComponent(app)}/subscription`, { query: { eventSource } });
  }

  /** Asterisk's event filter: only these types (and ApplicationReplaced) are sent to the application. */
  async filterEvents(types: readonly AriEventType[]): Promise<void> {
    const allowed = [...new Set<AriEventType>([...types, 'ApplicationReplaced'])].map((type) => ({ type }));
    try {
      await this.http.request<Application>('PUT', `/applications/${encodeURIComponent(this.app)}/eventFilter`, { body: { allowed } });
      this.log.info({ allowed: allowed.length }, 'ARI event filter set');
    } catch (error) {
      // Unfiltered, the application gets more events than it needs, and still works.
      this.log.warn({ err: error, code: error instanceof AriError ? error.code : undefined }, 'ARI event filter not set; every event type is sent');
    }
  }

  private received(text: string): void {
    const receivedAt = Date.now();
    const result = parseAriEvent(text);
    if (result.ok) {
      this.recordDelay(result.event.type, result.event.timestamp, receivedAt);
      this.names.seen(result.event);
      if (result.event.type === 'ApplicationReplaced') this.log.warn('ARI app registered by another connection; no more events here');
      this.deliver('event', result.event);
    } else if (result.reason === 'unknown_type') {
      if (result.timestamp !== undefined) this.recordDelay(OTHER_EVENTS, result.timestamp, receivedAt);
      this.log.debug({ type: result.type }, 'ARI event of unknown type dropped');
    } else {
      this.log.warn({ reason: result.reason, type: result.type }, 'malformed ARI message dropped');
    }
  }

  /** Asterisk stamps its events to the millisecond, as we read the clock: the delay is in whole ms. */
  private recordDelay(type: string, timestamp: string, receivedAt: number): void {
    const sentAt = ariTimestampMs(timestamp);
    if (Number.isNaN(sentAt)) return;
    this.eventDelays.get(type)?.record(Math.max(0, receivedAt - sentAt));
  }

  /**
   * emit() would let one throwing listener abort the socket handler and skip the listeners after
   * it; here each listener runs in its own try, and a rejected async listener is logged too.
   */
  private deliver<K extends keyof AriClientEvents>(name: K, ...args: AriClientEvents[K]): void {
    // rawListeners keeps once() wrappers, which remove themselves when called.
    for (const listener of this.rawListeners(name) as Listener[]) {
      try {
        const result: unknown = Reflect.apply(listener, this, args);
        if (result instanceof Promise) result.catch((error: unknown) => this.listenerFailed(name, error));
      } catch (error) {
        this.listenerFailed(name, error);
      }
    }
  }

  private listenerFailed(name: string, error: unknown): void {
    this.log.error({ err: error, emitted: name }, 'ARI listener threw; event stream continues');
  }
}
