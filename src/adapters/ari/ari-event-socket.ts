// The ARI events WebSocket, kept open for as long as the client runs: unbounded reconnect with a
// capped exponential backoff, and a ping heartbeat so a link that dies silently (no FIN, no RST:
// a NAT or firewall drop, a frozen Asterisk) is noticed within heartbeatTimeoutMs.
import WebSocket, { type RawData } from 'ws';
import type { Logger } from 'pino';

export interface AriEventSocketOptions {
  /** ws:// URL without credentials; they go in `authorization`. */
  readonly url: string;
  readonly authorization: string;
  readonly logger: Logger;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

export interface AriEventSocketHandlers {
  /** `reconnect` is false only for the first open of this socket's life. */
  readonly onOpen: (reconnect: boolean) => void;
  readonly onMessage: (text: string) => void;
  /** `wasOpen` is false when an attempt failed before the handshake completed. */
  readonly onDown: (reason: string, wasOpen: boolean) => void;
}

const STOP_GRACE_MS = 1000;
/** 2^20 × any sane initial delay is far above any sane cap; stops the exponent growing forever. */
const MAX_BACKOFF_EXPONENT = 20;

export class AriEventSocket {
  private ws: WebSocket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private downReason: string | undefined;
  private failedAttempts = 0;
  private everOpened = false;
  private state: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(
    private readonly options: AriEventSocketOptions,
    private readonly handlers: AriEventSocketHandlers,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Timers armed right now (retry, ping, silence); 0 once stopped, so nothing holds the process. */
  get armedTimers(): number {
    return [this.retryTimer, this.pingTimer, this.silenceTimer].filter((timer) => timer !== undefined).length;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.connect();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopHeartbeat();
    const ws = this.ws;
    if (!ws) return;
    this.downReason = 'stopped';
    await closeGracefully(ws, this.downReason);
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.downReason = undefined;
    const ws = new WebSocket(this.options.url, {
      headers: { Authorization: this.options.authorization },
      handshakeTimeout: this.options.handshakeTimeoutMs,
    });
    this.ws = ws;
    let opened = false;
    let lastError: Error | undefined;
    ws.on('open', () => {
      opened = true;
      this.opened(ws);
    });
    ws.on('message', (data) => this.received(ws, data));
    ws.on('pong', () => this.heard(ws));
    // ws always emits 'close' after 'error'; keep the error as the reason and act once, on close.
    ws.on('error', (error) => {
      lastError = error;
    });
    ws.on('close', (code) => this.closed(ws, opened, this.downReason ?? lastError?.message ?? `closed by peer (code ${code})`));
  }

  private opened(ws: WebSocket): void {
    const reconnect = this.everOpened;
    this.everOpened = true;
    this.startHeartbeat(ws);
    this.options.logger.info({ reconnect }, 'ARI events connected');
    this.handlers.onOpen(reconnect);
  }

  private received(ws: WebSocket, data: RawData): void {
    this.heard(ws);
    this.handlers.onMessage(rawText(data));
  }

  /** Any frame from the peer proves the link alive; only a healthy link resets the backoff. */
  private heard(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.failedAttempts = 0;
    this.silenceTimer?.refresh();
  }

  private closed(ws: WebSocket, wasOpen: boolean, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = undefined;
    this.stopHeartbeat();
    // During a long outage only the first failed attempt is worth a warning.
    const level = this.state === 'stopped' ? 'info' : !wasOpen && this.failedAttempts > 0 ? 'debug' : 'warn';
    this.options.logger[level]({ reason, wasOpen }, 'ARI events link down');
    this.handlers.onDown(reason, wasOpen);
    if (this.state === 'running') this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const exponent = Math.min(this.failedAttempts, MAX_BACKOFF_EXPONENT);
    const delayMs = Math.min(this.options.backoffInitialMs * 2 ** exponent, this.options.backoffMaxMs);
    this.failedAttempts += 1;
    this.options.logger.debug({ delayMs, attempt: this.failedAttempts }, 'ARI events reconnect scheduled');
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }

  private startHeartbeat(ws: WebSocket): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, this.options.heartbeatIntervalMs);
    this.silenceTimer = setTimeout(() => this.silent(ws), this.options.heartbeatTimeoutMs);
  }

  private silent(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.downReason = `heartbeat: nothing heard for ${this.options.heartbeatTimeoutMs} ms`;
    // terminate, not close: a dead peer would never answer the close handshake.
    ws.terminate();
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.silenceTimer);
    this.pingTimer = undefined;
    this.silenceTimer = undefined;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}

/** Close frame first (Asterisk logs a clean goodbye); terminate if the peer does not answer in time. */
function closeGracefully(ws: WebSocket, reason: string): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const grace = setTimeout(() => ws.terminate(), STOP_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(grace);
      resolve();
    });
    ws.close(1000, reason);
  });
}
