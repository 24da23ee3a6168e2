// A scripted AMI peer on 127.0.0.1, only for faults a real Asterisk cannot be made to show (silence,
// dropped sockets, refused logins on demand). It speaks the real wire format; replies mirror
// ../shared/asterisk-traces/ami-*.jsonl captured from Asterisk 22.10.1.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One action as received: keys lower-cased, plus which connection (1-based) it came on. */
export interface ReceivedAction {
  readonly connection: number;
  /** Date.now() at arrival. */
  readonly at: number;
  readonly fields: Readonly<Record<string, string>>;
}

type Reply = (raw: string) => void;
export type ActionHandler = (fields: Readonly<Record<string, string>>, reply: Reply) => void;

export const GREETING = 'Asterisk Call Manager/11.0.0\r\n';

export class FakeAmiServer {
  readonly received: ReceivedAction[] = [];
  readonly sockets = new Set<net.Socket>();
  secret = 'right-secret';
  /**
   * When true the server answers nothing; a connection that received anything while silent stays hung
   * for good (keeps the socket, ignores even the client's FIN), like a wedged Asterisk.
   */
  silent = false;
  private readonly hung = new WeakSet<net.Socket>();
  connections = 0;
  private readonly handlers = new Map<string, ActionHandler>();

  private constructor(private readonly server: net.Server) {}

  static async start(): Promise<FakeAmiServer> {
    // Half-open allowed so a 'silent' server can ignore the client's FIN like a hung Asterisk would.
    const server = net.createServer({ allowHalfOpen: true });
    const fake = new FakeAmiServer(server);
    server.on('connection', (socket) => fake.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Overrides the reply to one action (name case-insensitive). */
  handle(action: string, handler: ActionHandler): void {
    this.handlers.set(action.toLowerCase(), handler);
  }

  actions(name: string): ReceivedAction[] {
    return this.received.filter((a) => a.fields['action']?.toLowerCase() === name.toLowerCase());
  }

  broadcast(raw: string): void {
    for (const socket of this.sockets) socket.write(raw);
  }

  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.connections += 1;
    const connection = this.connections;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('end', () => {
      if (!this.hung.has(socket)) socket.end();
    });
    socket.setNoDelay(true); // else Nagle + delayed ACK add ~40 ms per small reply
    socket.setEncoding('utf8');
    socket.write(GREETING);
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const fields = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 4);
        this.received.push({ connection, at: Date.now(), fields });
        if (this.silent) this.hung.add(socket);
        if (!this.hung.has(socket)) this.answer(socket, fields);
      }
    });
  }

  private answer(socket: net.Socket, fields: Readonly<Record<string, string>>): void {
    const reply: Reply = (raw) => {
      if (!socket.destroyed) socket.write(raw);
    };
    const name = fields['action']?.toLowerCase() ?? '';
    const custom = this.handlers.get(name);
    if (custom) return custom(fields, reply);
    if (name === 'login') return this.login(socket, fields, reply);
    const id = fields['actionid'] ?? '';
    if (name === 'ping') return reply(`Response: Success\r\nActionID: ${id}\r\nPing: Pong\r\nTimestamp: 1795375570.000000\r\n\r\n`);
    reply(`Response: Error\r\nActionID: ${id}\r\nMessage: Invalid/unknown command\r\n\r\n`);
  }

  private login(socket: net.Socket, fields: Readonly<Record<string, string>>, reply: Reply): void {
    const id = fields['actionid'] ?? '';
    if (fields['secret'] !== this.secret) {
      // Asterisk answers, then ends the session on a failed login.
      reply(`Response: Error\r\nActionID: ${id}\r\nMessage: Authentication failed\r\n\r\n`);
      socket.end();
      return;
    }
    reply(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n`);
    reply('Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 13\r\nLastReload: 13\r\nStatus: Fully Booted\r\n\r\n');
  }
}

function parseBlock(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) fields[line.slice(0, colon).toLowerCase()] = line.slice(colon + 2);
  }
  return fields;
}
