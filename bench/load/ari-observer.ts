// Watches every channel of the Asterisk under test through an ARI application of its own that is
// subscribed to all event sources (`subscribeAll`), and keeps only the facts the load benchmark
// times, each with Asterisk's own timestamp. The same observer watches the hotline and the
// app_queue baseline, so both are timed by one clock and one definition: Stasis playbacks and
// dialplan Playback()/Background() are both "a prompt starts".
import { AriEventSocket } from '../../src/adapters/ari/ari-event-socket.js';
import { AriHttp, basicAuthorization } from '../../src/adapters/ari/ari-http.js';
import { eventsUrl } from '../../src/adapters/ari/ari-client.js';
import { ariTimestampMs } from '../../src/adapters/ari/ari-time.js';
import { createLogger } from '../../src/logging/logger.js';

export type ObservedKind = 'created' | 'prompt' | 'key' | 'bridged' | 'hangup' | 'destroyed';

export interface Observed {
  readonly kind: ObservedKind;
  /** Asterisk's timestamp, ms since the epoch. */
  readonly at: number;
  readonly channelId: string;
  /** Set on 'created': the channel's name (PJSIP/citizen-trunk-…, PJSIP/agent-7001-…). */
  readonly name?: string;
  /** Set on 'created': the caller number as Asterisk has it. */
  readonly number?: string;
  /** 'key': the digit; 'bridged': the bridge id; 'prompt': the sound. */
  readonly detail?: string;
}

const EVENT_TYPES = ['ChannelCreated', 'ChannelDestroyed', 'ChannelHangupRequest', 'ChannelDtmfReceived', 'PlaybackStarted', 'ChannelDialplan', 'ChannelEnteredBridge'] as const;
// Asterisk names the app BackGround; compared without case.
const PROMPT_APPS = new Set(['playback', 'background']);

interface RawEvent {
  readonly type?: string;
  readonly timestamp?: string;
  readonly channel?: { readonly id?: string; readonly name?: string; readonly caller?: { readonly number?: string } };
  readonly playback?: { readonly target_uri?: string; readonly media_uri?: string };
  readonly bridge?: { readonly id?: string };
  readonly digit?: string;
  readonly dialplan_app?: string;
  readonly dialplan_app_data?: string;
}

/** ARI writes `2026-12-01T06:39:16.934+0000`. */
export function ariTime(text: string): number {
  return ariTimestampMs(text);
}

/** The one fact an ARI event gives the benchmark, or null when it gives none. */
export function observedOf(event: RawEvent): Observed | null {
  if (!event.type || !event.timestamp) return null;
  const at = ariTime(event.timestamp);
  const channelId = event.channel?.id;
  switch (event.type) {
    case 'ChannelCreated':
      return channelId ? { kind: 'created', at, channelId, name: event.channel?.name ?? '', number: event.channel?.caller?.number ?? '' } : null;
    case 'ChannelDestroyed':
      return channelId ? { kind: 'destroyed', at, channelId } : null;
    case 'ChannelHangupRequest':
      return channelId ? { kind: 'hangup', at, channelId } : null;
    case 'ChannelDtmfReceived':
      return channelId ? { kind: 'key', at, channelId, detail: event.digit ?? '' } : null;
    case 'ChannelEnteredBridge':
      return channelId && event.bridge?.id ? { kind: 'bridged', at, channelId, detail: event.bridge.id } : null;
    case 'PlaybackStarted': {
      const target = event.playback?.target_uri ?? '';
      return target.startsWith('channel:') ? { kind: 'prompt', at, channelId: target.slice('channel:'.length), detail: event.playback?.media_uri ?? '' } : null;
    }
    case 'ChannelDialplan':
      return channelId && PROMPT_APPS.has((event.dialplan_app ?? '').toLowerCase()) ? { kind: 'prompt', at, channelId, detail: event.dialplan_app_data ?? '' } : null;
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
  private readonly socket: AriEventSocket;
  private readonly http: AriHttp;
  private readonly app: string;
  private opened: Promise<void>;

  constructor(options: ObserverOptions) {
    this.app = options.app ?? 'bench-observer';
    this.http = new AriHttp({ baseUrl: options.url, user: options.user, password: options.password });
    const url = new URL(eventsUrl(options.url, this.app));
    url.searchParams.set('subscribeAll', 'true');
    let markOpen: () => void = () => undefined;
    this.opened = new Promise((resolve) => (markOpen = resolve));
    this.socket = new AriEventSocket(
      {
        url: url.toString(),
        authorization: basicAuthorization(options.user, options.password),
        logger: createLogger('silent'),
        heartbeatIntervalMs: 3000,
        heartbeatTimeoutMs: 7000,
        handshakeTimeoutMs: 5000,
        backoffInitialMs: 200,
        backoffMaxMs: 2000,
      },
      {
        onOpen: () => markOpen(),
        onMessage: (text) => this.take(text),
        onDown: () => undefined,
      },
    );
  }

  /** Opens the socket and narrows the stream to the events used (Asterisk drops the others itself). */
  async start(): Promise<void> {
    this.socket.start();
    await this.opened;
    await this.http.request('PUT', `/applications/${encodeURIComponent(this.app)}/eventFilter`, {
      body: { allowed: EVENT_TYPES.map((type) => ({ type })) },
    });
  }

  async stop(): Promise<void> {
    await this.socket.stop();
    this.http.close();
  }

  private take(text: string): void {
    const observed = observedOf(JSON.parse(text) as RawEvent);
    if (observed) this.events.push(observed);
  }
}
