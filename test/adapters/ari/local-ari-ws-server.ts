// A real `ws` WebSocketServer on 127.0.0.1 standing in for Asterisk's /ari/events, only for faults a
// live Asterisk cannot be made to show on demand: dropped sockets, unanswered pings, long outages.
// REST requests on the same port are kept and answered by `restReply` (the event filter's PUT).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Upgrade {
  readonly url: string;
  readonly authorization: string | undefined;
}

export interface RestRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

export class LocalAriWsServer {
  readonly upgrades: Upgrade[] = [];
  readonly rest: RestRequest[] = [];
  /** How REST requests are answered: JSON body with the status. */
  restReply: (request: RestRequest) => { status: number; body?: unknown } = () => ({ status: 200, body: {} });
  readonly sockets = new Set<WebSocket>();
  /** When false the server ignores pings, like a peer that vanished without closing. */
  answerPings = true;
  /** When true every upgrade is refused with 401, like Asterisk given a wrong password. */
  refuseAuth = false;

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly server: http.Server,
  ) {}

  /** port 0 picks a free port; pass an old port to come back where the client is retrying. */
  static async start(port = 0): Promise<LocalAriWsServer> {
    // autoPong off: pongs are sent by hand so a test can stop them.
    const holder: { local?: LocalAriWsServer } = {};
    const server = http.createServer((req, res) => void holder.local?.answerRest(req, res));
    const wss = new WebSocketServer({
      server,
      path: '/ari/events',
      autoPong: false,
      verifyClient: (_info, done) => (holder.local?.refuseAuth ? done(false, 401) : done(true)),
    });
    const local = (holder.local = new LocalAriWsServer(wss, server));
    wss.on('connection', (ws, req) => local.accept(ws, req.url ?? '', req.headers.authorization));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    return local;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/ari`;
  }

  send(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    for (const ws of this.sockets) ws.send(text);
  }

  /** Cuts every connection at once (as when Asterisk restarts). */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answerRest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') };
    this.rest.push(request);
    const { status, body } = this.restReply(request);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private accept(ws: WebSocket, url: string, authorization: string | undefined): void {
    this.upgrades.push({ url, authorization });
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('ping', (data) => {
      if (this.answerPings) ws.pong(data);
    });
  }
}
