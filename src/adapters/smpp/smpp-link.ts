// One SMPP link to the message centre, kept bound for as long as the adapter runs: connect, bind as
// transceiver (submit_sm goes out, the delivery receipts come back on the same link), enquire_link
// every interval with a time limit (a link that died silently is noticed within interval + timeout),
// reconnect with a doubling delay up to a cap, and a time limit on every request. The password goes
// into bind_transceiver only; no log line or error carries it.
import smpp, { type Pdu, type Session } from 'smpp';
import type { Logger } from '../../logging/logger.js';
import { SmppError } from './smpp-error.js';

export interface SmppLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  readonly password: string;
  /** The system_type the centre may ask for ('' for none). */
  readonly systemType: string;
  readonly requestTimeoutMs: number;
  readonly enquireLinkIntervalMs: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly logger: Logger;
}

export interface SmppLinkHandlers {
  /** A PDU the centre sent us (deliver_sm); its answer is the handler's to send with `answer`. */
  readonly onRequest: (pdu: Pdu, answer: (response: Pdu) => void) => void;
  readonly onBound?: () => void;
}

const MAX_BACKOFF_EXPONENT = 20;
// ESME_RINVCMDID: what the centre's commands we do not take (data_sm, alert_notification…) are answered.
const INVALID_COMMAND = 0x03;

export class SmppLink {
  private session: Session | undefined;
  private bound = false;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private failures = 0;
  /** The last link was closed because its bind failed (already logged as such). */
  private bindFailed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;
  /** Requests waiting for their answer on the current session, by sequence number. */
  private readonly waiting = new Map<number, { readonly reject: (error: SmppError) => void; readonly timer: NodeJS.Timeout }>();

  constructor(
    private readonly options: SmppLinkOptions,
    private readonly handlers: SmppLinkHandlers,
  ) {}

  get isBound(): boolean {
    return this.bound;
  }

  /** Timers armed now (retry, keep-alive, requests); 0 once stopped. */
  get armedTimers(): number {
    return [this.retryTimer, this.enquireTimer].filter((timer) => timer !== undefined).length + this.waiting.size;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.connect();
  }

  /** Unbinds politely (within the request time limit), then closes; pending requests fail SMPP_NOT_BOUND. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const session = this.session;
    if (session && this.bound) await this.request('unbind', {}).catch(() => undefined);
    session?.destroy();
    this.down(session, 'stopped');
  }

  /** Sends a request on the bound link and resolves with its answer (any command_status). */
  request(command: string, fields: Record<string, unknown>): Promise<Pdu> {
    const session = this.session;
    if (!session || (!this.bound && !command.startsWith('bind_'))) return Promise.reject(new SmppError('SMPP_NOT_BOUND', `no bound link to ${this.where()} for ${command}`));
    return this.exchange(session, command, fields);
  }

  private exchange(session: Session, command: string, fields: Record<string, unknown>): Promise<Pdu> {
    return new Promise<Pdu>((resolve, reject) => {
      const pdu = new smpp.PDU(command, fields);
      const sent = session.send(pdu, (response) => {
        const entry = this.waiting.get(pdu.sequence_number);
        if (!entry) return;
        clearTimeout(entry.timer);
        this.waiting.delete(pdu.sequence_number);
        resolve(response);
      });
      if (!sent) return reject(new SmppError('SMPP_NOT_BOUND', `the link to ${this.where()} is not writable (${command})`));
      const timer = setTimeout(() => {
        this.waiting.delete(pdu.sequence_number);
        reject(new SmppError('SMPP_TIMEOUT', `${command} got no answer from ${this.where()} within ${this.options.requestTimeoutMs} ms`));
      }, this.options.requestTimeoutMs);
      this.waiting.set(pdu.sequence_number, { reject, timer });
    });
  }

  private where(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  private connect(): void {
    this.retryTimer = undefined;
    this.bindFailed = false;
    const session = smpp.connect({ host: this.options.host, port: this.options.port });
    this.session = session;
    // A centre that takes the TCP connection and never answers the bind is caught by the bind's own time limit.
    const connectTimer = setTimeout(() => session.destroy(), this.options.requestTimeoutMs);
    let reason = 'closed by the message centre';
    session.on('connect', () => {
      clearTimeout(connectTimer);
      void this.bind(session);
    });
    session.on('error', (error: NodeJS.ErrnoException) => {
      reason = error.code ?? error.message;
    });
    session.on('close', () => {
      clearTimeout(connectTimer);
      this.down(session, reason);
    });
    session.on('pdu', (pdu) => this.received(session, pdu));
  }

  private async bind(session: Session): Promise<void> {
    const { systemId, password, systemType } = this.options;
    try {
      const answer = await this.exchange(session, 'bind_transceiver', { system_id: systemId, password, system_type: systemType, interface_version: 0x34 });
      if (answer.command_status !== 0) throw new SmppError('SMPP_BIND_REFUSED', `${this.where()} refused the bind of ${systemId} (command_status ${answer.command_status})`, answer.command_status);
    } catch (error) {
      const failure = error instanceof SmppError ? error : new SmppError('SMPP_TIMEOUT', String(error));
      this.options.logger[this.failures > 0 ? 'debug' : 'warn']({ code: failure.code, smsc: this.where(), systemId }, 'SMPP bind failed');
      this.bindFailed = true;
      session.destroy();
      return;
    }
    if (session !== this.session || this.state !== 'running') return;
    this.bound = true;
    this.failures = 0;
    this.options.logger.info({ smsc: this.where(), systemId }, 'SMPP link bound');
    this.keepAlive(session);
    this.handlers.onBound?.();
  }

  private keepAlive(session: Session): void {
    this.enquireTimer = setInterval(() => {
      this.request('enquire_link', {}).catch((error: unknown) => {
        if (session !== this.session) return;
        this.options.logger.warn({ smsc: this.where(), code: error instanceof SmppError ? error.code : 'unknown' }, 'SMPP enquire_link unanswered: the link is dropped');
        session.destroy();
      });
    }, this.options.enquireLinkIntervalMs);
  }

  private received(session: Session, pdu: Pdu): void {
    if (pdu.isResponse()) return;
    const answer = (response: Pdu): void => void session.send(response);
    if (pdu.command === 'enquire_link') return answer(pdu.response());
    if (pdu.command === 'unbind') {
      answer(pdu.response());
      session.close();
      return;
    }
    if (pdu.command === 'deliver_sm') return this.handlers.onRequest(pdu, answer);
    answer(pdu.response({ command_status: INVALID_COMMAND }));
  }

  private down(session: Session | undefined, reason: string): void {
    if (session === undefined || session !== this.session) return;
    const wasBound = this.bound;
    this.session = undefined;
    this.bound = false;
    clearInterval(this.enquireTimer);
    this.enquireTimer = undefined;
    for (const [sequence, entry] of this.waiting) {
      clearTimeout(entry.timer);
      entry.reject(new SmppError('SMPP_TIMEOUT', `the link to ${this.where()} dropped before the answer (${reason})`));
      this.waiting.delete(sequence);
    }
    if (this.state !== 'running') return;
    // During a long outage only the first failed attempt is worth a warning.
    if (wasBound) this.options.logger.warn({ smsc: this.where(), reason }, 'SMPP link down');
    else if (this.failures === 0 && !this.bindFailed) this.options.logger.warn({ smsc: this.where(), reason }, 'SMPP link could not be opened; trying again');
    const delayMs = Math.min(this.options.reconnectInitialMs * 2 ** Math.min(this.failures, MAX_BACKOFF_EXPONENT), this.options.reconnectMaxMs);
    this.failures += 1;
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }
}
