// The benchmark's own AMI session to the Asterisk under test: a small client over one TCP socket
// that logs in, sends actions (the prompt marks, the task-processor reading) and, when asked to,
// drains every event its user may read. It is the same for the hotline and the baseline runs, so
// what it costs Asterisk is in both; the hotline server's own AMI session is a second one, and the
// baseline run opens an event-reading session in its place (load-bench.ts says which runs what).
import net from 'node:net';

export interface AmiLogin {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** 'on': the session receives its user's events (and counts them); 'off': actions only. */
  readonly events: 'on' | 'off';
}

export type AmiMessage = Readonly<Record<string, string>>;

/** One AMI message's header lines (Key: value), the first of a repeated key kept; `Output` lines joined. */
export function parseAmiMessage(text: string): AmiMessage {
  const message: Record<string, string> = {};
  const output: string[] = [];
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 2);
    if (key === 'Output') output.push(value);
    else if (!(key in message)) message[key] = value;
  }
  if (output.length > 0) message.Output = output.join('\n');
  return message;
}

interface Pending {
  readonly resolve: (message: AmiMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class BenchAmi {
  /** Events received since login (a session logged in with events off receives none). */
  eventsReceived = 0;
  /** Actions Asterisk answered with Response: Error, or that timed out. */
  actionsFailed = 0;
  private readonly socket: net.Socket;
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private greeted: Promise<void>;

  private constructor(private readonly login: AmiLogin) {
    this.socket = net.connect({ host: login.host, port: login.port });
    this.socket.setNoDelay(true);
    this.greeted = new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.once('data', () => resolve());
    });
    this.socket.on('data', (chunk) => this.take(chunk.toString('utf8')));
    this.socket.on('error', () => this.failAll(new Error('AMI socket error')));
    this.socket.on('close', () => this.failAll(new Error('AMI socket closed')));
  }

  static async connect(login: AmiLogin): Promise<BenchAmi> {
    const ami = new BenchAmi(login);
    await ami.greeted;
    const answer = await ami.action({ Action: 'Login', Username: login.user, Secret: login.password, Events: login.events });
    if (answer.Response !== 'Success') throw new Error(`AMI login refused: ${answer.Message ?? ''}`);
    return ami;
  }

  /** Sends an action and resolves with its response (Response: Error resolves too, and is counted). */
  action(fields: Readonly<Record<string, string>>, timeoutMs = 10_000): Promise<AmiMessage> {
    const id = `b${this.nextId++}`;
    const text = `${Object.entries({ ...fields, ActionID: id }).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.actionsFailed += 1;
        reject(new Error(`AMI ${fields.Action ?? '?'} timed out`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.write(text);
    });
  }

  /** A CLI command's output, as `asterisk -rx` would print it. */
  async command(command: string, timeoutMs = 10_000): Promise<string> {
    const answer = await this.action({ Action: 'Command', Command: command }, timeoutMs);
    return answer.Output ?? '';
  }

  async close(): Promise<void> {
    if (this.socket.destroyed) return;
    await this.action({ Action: 'Logoff' }, 2000).catch(() => undefined);
    this.socket.destroy();
  }

  private take(text: string): void {
    this.buffer += text;
    for (let end = this.buffer.indexOf('\r\n\r\n'); end >= 0; end = this.buffer.indexOf('\r\n\r\n')) {
      const message = parseAmiMessage(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 4);
      this.dispatch(message);
    }
  }

  private dispatch(message: AmiMessage): void {
    if (message.Event !== undefined) {
      this.eventsReceived += 1;
      return;
    }
    const id = message.ActionID;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending || id === undefined) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (message.Response === 'Error') this.actionsFailed += 1;
    pending.resolve(message);
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }
}
