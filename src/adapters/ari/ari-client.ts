// Our ARI client: one events WebSocket (ari-event-socket) and REST over node:http (ari-http). Replaces
// ari-client 2.2.0, which put credentials in the WebSocket URL, threw on unknown event types, gave up
// reconnecting after ~10 tries and never pinged. One 'event' stream, no per-channel listeners:
// consumers route by id, so nothing leaks when a channel goes away without its last event.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { AriEventSocket } from './ari-event-socket.js';
import { parseAriEvent, type AriEvent } from './ari-events.js';
import { AriHttp, basicAuthorization, cleanBaseUrl, type AriQueryValue } from './ari-http.js';
import type { Application, Channel, HangupReason, Playback } from './ari-models.js';

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

type Listener = (...args: unknown[]) => unknown;

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
  private readonly log: Logger;
  private readonly socket: AriEventSocket;

  constructor(options: AriClientOptions) {
    super();
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
    const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 7000;
    if (heartbeatTimeoutMs <= heartbeatIntervalMs) throw new RangeError('heartbeatTimeoutMs must exceed heartbeatIntervalMs');
    const url = eventsUrl(options.url, options.app);
    const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.log = options.logger.child({ component: 'ari', url, user: options.user });
    this.http = new AriHttp({ baseUrl: options.url, user: options.user, password: options.password, timeoutMs: requestTimeoutMs });
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
        onOpen: (reconnect) => this.deliver('connected', { reconnect }),
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

  hangup(channelId: string, reason?: HangupReason): Promise<void> {
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

  listChannels(): Promise<Channel[]> {
    return this.http.request('GET', '/channels');
  }

  getChannel(channelId: string): Promise<Channel> {
    return this.http.request('GET', channelPath(channelId));
  }

  originate(params: OriginateParams): Promise<Channel> {
    const { variables, ...query } = params;
    const body = variables === undefined ? undefined : { variables };
    return this.http.request('POST', '/channels', { query: query satisfies Record<string, AriQueryValue>, body });
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

  private received(text: string): void {
    const result = parseAriEvent(text);
    if (result.ok) {
      if (result.event.type === 'ApplicationReplaced') this.log.warn('ARI app registered by another connection; no more events here');
      this.deliver('event', result.event);
    } else if (result.reason === 'unknown_type') {
      this.log.debug({ type: result.type }, 'ARI event of unknown type dropped');
    } else {
      this.log.warn({ reason: result.reason, type: result.type }, 'malformed ARI message dropped');
    }
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
