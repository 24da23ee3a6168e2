import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import Manager from 'asterisk-manager';
import { AmiError } from './ami-error.js';
import { fieldString } from './ami-message.js';

// The CommonJS exports object of node:net, i.e. the very object asterisk-manager `require`s. The ESM
// namespace is read-only and would not be seen by the library, hence require.
const netExports = createRequire(import.meta.url)('node:net') as typeof import('node:net');

export type ManagerFactory = typeof Manager;

export interface ManagerLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly createManager: ManagerFactory;
  readonly onEvent: (raw: Manager.RawAmiMessage) => void;
  /** Called once if the link dies after open() succeeded. */
  readonly onDown: (reason: string) => void;
}

type LinkState = 'new' | 'opening' | 'open' | 'dead';

/**
 * One asterisk-manager instance = one TCP connection, used once and thrown away. The client makes a new
 * link for every attempt, so none of the library's reconnect or "held" replay machinery is ever used.
 */
export class ManagerLink {
  readonly manager: Manager.ManagerInstance;
  private socket: Socket | undefined;
  private state: LinkState = 'new';
  private failOpen: ((error: AmiError) => void) | undefined;
  private disposed: Promise<void> | undefined;

  constructor(private readonly options: ManagerLinkOptions) {
    this.manager = options.createManager(undefined, options.host, options.user, options.password, true);
    this.manager.on('managerevent', (raw) => options.onEvent(raw));
    this.manager.on('error', (err) => this.died(`socket error: ${err.message}`));
    this.manager.on('end', () => this.died('closed by peer'));
    this.manager.on('close', () => this.died('socket closed'));
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** TCP connect + Login, all within timeoutMs. Rejects with an AmiError; the caller then disposes. */
  open(timeoutMs: number): Promise<void> {
    this.state = 'opening';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new AmiError('AMI_TIMEOUT', 'AMI connect/login timed out')), timeoutMs);
      const fail = (error: AmiError): void => {
        clearTimeout(timer);
        this.failOpen = undefined;
        this.state = 'dead';
        reject(error);
      };
      this.failOpen = fail;
      this.socket = this.connectCapturingSocket(() => this.login(timer, resolve, fail));
    });
  }

  /** Writes one action with our ActionID; only ever called while open (see AmiClient.requireLink). */
  send(fields: Record<string, string>, actionId: string, callback: Manager.ActionCallback): void {
    this.manager.action({ ...withoutActionId(fields), actionid: actionId }, callback);
  }

  /** Drops the library's once-listener for an ActionID that will not be answered in time. */
  forget(actionId: string): void {
    this.manager.removeAllListeners(actionId);
  }

  /** Removes every listener, ends and destroys the socket; resolves once the socket is closed. Idempotent. */
  dispose(): Promise<void> {
    this.disposed ??= this.teardown();
    return this.disposed;
  }

  private teardown(): Promise<void> {
    // Settles a pending open() (and clears its timer) so stop() during login leaves nothing running.
    this.failOpen?.(new AmiError('AMI_NOT_CONNECTED', 'AMI link disposed while connecting'));
    this.state = 'dead';
    this.manager.removeAllListeners();
    // The library emits 'error' for late socket errors and an EventEmitter throws on an unheard 'error'.
    this.manager.on('error', () => undefined);
    this.manager.disconnect();
    const socket = this.socket;
    if (!socket || socket.closed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  private login(timer: NodeJS.Timeout, resolve: () => void, fail: (error: AmiError) => void): void {
    if (this.state !== 'opening') return;
    this.manager.login((err) => {
      if (this.state !== 'opening') return;
      if (err) return fail(new AmiError('AMI_AUTH_FAILED', fieldString(err, 'message') ?? 'AMI login refused'));
      clearTimeout(timer);
      this.failOpen = undefined;
      this.state = 'open';
      resolve();
    });
  }

  private died(reason: string): void {
    if (this.state === 'opening') this.failOpen?.(new AmiError('AMI_NOT_CONNECTED', `AMI connect failed: ${reason}`));
    if (this.state !== 'open') return;
    this.state = 'dead';
    this.options.onDown(reason);
  }

  /**
   * The library keeps its socket private and only ever end()s it, so a peer that stopped answering would
   * keep a half-closed socket (an open handle) for hours. Swapping createConnection for the duration of
   * this synchronous call is the only way to get hold of it and destroy it in dispose().
   */
  private connectCapturingSocket(onConnect: () => void): Socket | undefined {
    const original = netExports.createConnection;
    let captured: Socket | undefined;
    netExports.createConnection = ((...args: Parameters<typeof original>) => {
      captured = original.apply(netExports, args);
      return captured;
    }) as typeof original;
    try {
      this.manager.connect(this.options.port, this.options.host, onConnect);
    } finally {
      netExports.createConnection = original;
    }
    return captured;
  }
}

/** A caller-supplied ActionID would defeat our response matching; the library keys on lower-case `actionid`. */
function withoutActionId(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => key.replace(/\s/g, '').toLowerCase() !== 'actionid'));
}
