import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import Manager from 'asterisk-manager';
import type { AgentPhoneEvents, PhoneStatus } from '../../app/ports/phone-events.js';
import { nextActionId } from './action-id.js';
import { AmiError } from './ami-error.js';
import { fieldLines, toAmiEvent, type AmiEvent, type AmiMessage } from './ami-message.js';
import { Backoff } from './backoff.js';
import { Heartbeat } from './heartbeat.js';
import { InFlightActions, type AmiListResult } from './in-flight-actions.js';
import { ManagerLink, type ManagerFactory } from './manager-link.js';
import { phoneStatusOf } from './phone-status.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';

export interface AmiClientOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly logger: Logger;
  readonly actionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** Seam for tests that need to look at the library instance; defaults to asterisk-manager. */
  readonly createManager?: ManagerFactory;
  /** false: after each login the link asks Asterisk for no events; it then carries actions and their answers only. */
  readonly events?: boolean;
  /**
   * Further logins with events off, started and stopped with this one, for the actions a call
   * waits on (`callActions`); 0 or absent: none. On the main link an action's answer waits in
   * Asterisk's manager thread for this session while it writes the events before it (about 140 a
   * call). Asterisk serves each login in a thread of its own, one action at a time, so on a single
   * link one slow action (a StopMixMonitor closing its file under load) holds up every action
   * behind it: several links let them run side by side.
   */
  readonly actionLinks?: number;
  /** Where each action's time is recorded, by action name (kind `ami-action`); none when not given. */
  readonly metrics?: MetricsRegistry;
}

/** What a call's actions need: an action link that is up, the main link otherwise. */
export type AmiCallActions = Pick<AmiClient, 'action' | 'isConnected'>;
/** An action link as the router of a call's actions sees it. */
export type AmiActionLink = AmiCallActions & Pick<AmiClient, 'actionsInFlight'>;

export interface AmiDisconnected {
  readonly reason: string;
  /** false when a connect/login attempt failed before the link was ever up. */
  readonly wasConnected: boolean;
  readonly error?: AmiError;
}

export interface AmiClientEvents {
  event: [AmiEvent];
  /** After each successful login; `reconnect` → state may have changed while away: resync. */
  connected: [{ readonly reconnect: boolean }];
  disconnected: [AmiDisconnected];
}

const HEARTBEAT_MAX_FAILURES = 2;

/**
 * AMI over asterisk-manager with what the library lacks: unbounded capped-backoff reconnect, Ping
 * heartbeat, per-action timeouts, unique ActionIDs, and no queueing of actions while the link is down.
 */
export class AmiClient extends EventEmitter<AmiClientEvents> implements AgentPhoneEvents {
  private readonly log: Logger;
  private readonly inFlight = new InFlightActions();
  private readonly backoff: Backoff;
  private readonly heartbeat: Heartbeat;
  private readonly actionTimeoutMs: number;
  private link: ManagerLink | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private everConnected = false;
  /** The logins of `actionLinks` (none without them). */
  private readonly actionsOnly: readonly AmiClient[];
  /** The actions a call waits on (a recorder's start and stop): on the action link while it is up. */
  readonly callActions: AmiCallActions;

  constructor(private readonly options: AmiClientOptions) {
    super();
    const { actionLinks = 0, ...rest } = options;
    this.actionsOnly = Array.from({ length: actionLinks }, (_, i) => new AmiClient({ ...rest, events: false, logger: options.logger.child({ link: `actions-${i + 1}` }) }));
    this.callActions = this.actionsOnly.length === 0 ? this : new CallActions(this, this.actionsOnly);
    this.log = options.logger.child({ component: 'ami', host: options.host, port: options.port, user: options.user });
    this.actionTimeoutMs = options.actionTimeoutMs ?? 5000;
    this.backoff = new Backoff(options.backoffInitialMs ?? 200, options.backoffMaxMs ?? 5000);
    this.heartbeat = new Heartbeat({
      intervalMs: options.heartbeatIntervalMs ?? 3000,
      maxFailures: HEARTBEAT_MAX_FAILURES,
      ping: () => this.action({ Action: 'Ping' }, options.heartbeatTimeoutMs ?? 3000),
      onDead: () => this.linkDown(this.link, 'heartbeat: Ping unanswered'),
    });
  }

  /** True while logged in; actions are refused otherwise. */
  get isConnected(): boolean {
    return this.link?.isOpen === true;
  }

  /** Actions sent and not yet answered. */
  get actionsInFlight(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.state !== 'idle') return;
    for (const link of this.actionsOnly) link.start();
    this.state = 'running';
    void this.connectOnce();
  }

  /** Ends for good: closes the link, rejects what is in flight, clears every timer. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    const actionsOnly = Promise.all(this.actionsOnly.map((link) => link.stop()));
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.heartbeat.stop();
    const link = this.link;
    if (link?.isOpen) this.linkDown(link, 'stopped');
    this.link = undefined;
    this.inFlight.failAll(new AmiError('AMI_NOT_CONNECTED', 'AMI client stopped'));
    await Promise.all([link?.dispose(), actionsOnly]);
  }

  action(fields: Record<string, string>, timeoutMs = this.actionTimeoutMs): Promise<AmiMessage> {
    return this.send(fields, undefined, timeoutMs).then((result) => result.response);
  }

  /** A list action: resolves at `completeEventName` with every event carrying this action's ActionID. */
  actionList(fields: Record<string, string>, completeEventName: string): Promise<AmiListResult> {
    return this.send(fields, completeEventName.toLowerCase(), this.actionTimeoutMs);
  }

  ping(): Promise<AmiMessage> {
    return this.action({ Action: 'Ping' });
  }

  /** A CLI command; Asterisk ≥ 14 answers with one `Output:` header per line (no "Response: Follows"). */
  async command(cli: string): Promise<string[]> {
    const response = await this.action({ Action: 'Command', Command: cli });
    return fieldLines(response, 'output');
  }

  /**
   * A CLI command whose failure is an answer too: a command that ran and failed (`dialplan show` of
   * a context that is not there) comes as `Response: Error` with its output, and is returned with
   * `ran: false`. An action refused outright (no `command` right, no link) still rejects.
   */
  async commandOutput(cli: string): Promise<{ readonly ran: boolean; readonly lines: string[] }> {
    try {
      return { ran: true, lines: await this.command(cli) };
    } catch (error) {
      const lines = error instanceof AmiError && error.response ? fieldLines(error.response, 'output') : [];
      if (lines.length === 0) throw error;
      return { ran: false, lines };
    }
  }

  async coreShowChannels(): Promise<AmiEvent[]> {
    return [...(await this.actionList({ Action: 'CoreShowChannels' }, 'CoreShowChannelsComplete')).events];
  }

  async queueStatus(queue?: string): Promise<AmiEvent[]> {
    const fields: Record<string, string> = queue === undefined ? { Action: 'QueueStatus' } : { Action: 'QueueStatus', Queue: queue };
    return [...(await this.actionList(fields, 'QueueStatusComplete')).events];
  }

  async deviceStateList(): Promise<AmiEvent[]> {
    return [...(await this.actionList({ Action: 'DeviceStateList' }, 'DeviceStateListComplete')).events];
  }

  // The agents' phones (app's AgentPhoneEvents port): this one link is where Asterisk reports them.
  onPhoneStatus(listener: (status: PhoneStatus) => void): void {
    this.on('event', (event) => {
      const status = event.name === 'DeviceStateChange' ? phoneStatusOf(event) : undefined;
      if (status) listener(status);
    });
  }

  onLinkUp(listener: () => void): void {
    this.on('connected', () => listener());
  }

  async phoneStatuses(): Promise<PhoneStatus[]> {
    return (await this.deviceStateList()).flatMap((event) => phoneStatusOf(event) ?? []);
  }

  async pjsipShowContacts(): Promise<AmiEvent[]> {
    return [...(await this.actionList({ Action: 'PJSIPShowContacts' }, 'ContactListComplete')).events];
  }

  async pjsipShowEndpoints(): Promise<AmiEvent[]> {
    return [...(await this.actionList({ Action: 'PJSIPShowEndpoints' }, 'EndpointListComplete')).events];
  }

  private send(fields: Record<string, string>, completeEvent: string | undefined, timeoutMs: number): Promise<AmiListResult> {
    const link = this.link;
    // Refusing here is what keeps the library's "held" queue empty: an Originate must never replay later.
    if (!link?.isOpen) return Promise.reject(new AmiError('AMI_NOT_CONNECTED', 'AMI is not connected'));
    const actionId = nextActionId();
    const result = this.inFlight.track(actionId, { completeEvent, timeoutMs, forget: () => link.forget(actionId) });
    link.send(fields, actionId, (err, response) => this.inFlight.onResponse(actionId, err, response));
    const action = fields['Action'] ?? fields['action'];
    // The registry keeps one timing per action name (the heartbeat's Ping among them).
    const timing = action === undefined ? undefined : this.options.metrics?.timing('ami-action', action);
    if (!timing) return result;
    const started = performance.now();
    result.then(
      () => timing.record(performance.now() - started),
      (error: unknown) => timing.record(performance.now() - started, error instanceof AmiError && error.code === 'AMI_TIMEOUT' ? 'timeout' : 'error'),
    );
    return result;
  }

  private async connectOnce(): Promise<void> {
    const link = new ManagerLink({
      ...this.options,
      createManager: this.options.createManager ?? Manager,
      onEvent: (raw) => this.onRawEvent(raw),
      onDown: (reason) => this.linkDown(link, reason),
    });
    this.link = link;
    try {
      await link.open(this.actionTimeoutMs);
    } catch (error) {
      this.attemptFailed(link, error);
      return;
    }
    if (this.link !== link) return; // stop() ran while logging in
    if (this.options.events === false) await this.eventsOff();
    if (this.link !== link) return;
    this.backoff.reset();
    this.heartbeat.start();
    this.log.info({ reconnect: this.everConnected }, 'AMI connected and logged in');
    this.deliver('connected', { reconnect: this.everConnected });
    this.everConnected = true;
  }

  /**
   * asterisk-manager's login sends `Event: off`, which Asterisk does not read (its header is
   * `Events`), so the link asks with the Events action. Refused, the link still answers actions.
   */
  private async eventsOff(): Promise<void> {
    try {
      await this.action({ Action: 'Events', EventMask: 'off' });
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'AMI events not turned off on the action link');
    }
  }

  private attemptFailed(link: ManagerLink, error: unknown): void {
    if (this.link !== link) return;
    const amiError = error instanceof AmiError ? error : new AmiError('AMI_NOT_CONNECTED', String(error));
    this.log.warn({ code: amiError.code, err: amiError.message }, 'AMI connect attempt failed');
    this.link = undefined;
    void link.dispose();
    this.deliver('disconnected', { reason: amiError.message, wasConnected: false, error: amiError });
    this.scheduleRetry();
  }

  /** The single place a live link ends: socket closed, heartbeat dead, or stop(). */
  private linkDown(link: ManagerLink | undefined, reason: string): void {
    if (!link || this.link !== link) return;
    this.link = undefined;
    this.heartbeat.stop();
    this.inFlight.failAll(new AmiError('AMI_NOT_CONNECTED', `AMI link lost: ${reason}`));
    void link.dispose();
    this.log.warn({ reason }, 'AMI link down');
    this.deliver('disconnected', { reason, wasConnected: true });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.state !== 'running') return;
    const delayMs = this.backoff.next();
    this.log.info({ delayMs }, 'AMI reconnect scheduled');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connectOnce();
    }, delayMs);
  }

  private onRawEvent(raw: Manager.RawAmiMessage): void {
    const event = toAmiEvent(raw);
    if (!event || this.inFlight.onEvent(event)) return;
    this.deliver('event', event);
  }

  /** Like emit, but one throwing (or rejecting) listener neither breaks the socket handler nor the others. */
  private deliver<K extends keyof AmiClientEvents>(name: K, ...args: AmiClientEvents[K]): void {
    for (const listener of this.rawListeners(name) as ((...a: AmiClientEvents[K]) => unknown)[]) {
      try {
        const result = listener.apply(this, args);
        if (result instanceof Promise) result.catch((err: unknown) => this.listenerFailed(name, err));
      } catch (err) {
        this.listenerFailed(name, err);
      }
    }
  }

  private listenerFailed(name: string, err: unknown): void {
    this.log.error({ err, listenerOf: name }, 'AMI listener threw');
  }
}

/**
 * A call's actions go to the action link with the fewest actions unanswered (taken in turn among
 * equals), so one held up in Asterisk does not hold up the next call's; to the main link while no
 * action link is up. Available while any link is. A start and a stop of one channel's recorder may
 * so go on different links and cross: the recorder's owner asks for the stop again once the start
 * is answered (AriTelephony.recordOnChannel).
 */
export class CallActions implements AmiCallActions {
  private turn = 0;

  constructor(
    private readonly main: AmiCallActions,
    private readonly links: readonly AmiActionLink[],
  ) {}

  get isConnected(): boolean {
    return this.main.isConnected || this.links.some((link) => link.isConnected);
  }

  action(fields: Record<string, string>, timeoutMs?: number): Promise<AmiMessage> {
    return (this.pick() ?? this.main).action(fields, timeoutMs);
  }

  private pick(): AmiActionLink | undefined {
    let best: AmiActionLink | undefined;
    for (let i = 0; i < this.links.length; i += 1) {
      const link = this.links[(this.turn + i) % this.links.length];
      if (link?.isConnected && (best === undefined || link.actionsInFlight < best.actionsInFlight)) best = link;
    }
    if (best !== undefined) this.turn = (this.turn + 1) % this.links.length;
    return best;
  }
}
