// A real node:http server on 127.0.0.1 for fault injection (statuses, stalls) that a live Asterisk
// cannot be made to show on demand. Replies default to the recorded Asterisk exchanges.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly rawUrl: string;
  readonly query: Record<string, string>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The client's port: requests with the same one came over the same connection. */
  readonly remotePort: number;
}

export interface CannedReply {
  readonly status: number;
  /** Sent as JSON unless a string; undefined → empty body. */
  readonly body?: unknown;
  /** Never answer at all (a stalled Asterisk). */
  readonly stall?: boolean;
  /** Answer only after this long (a busy Asterisk). */
  readonly delayMs?: number;
}

export class LocalHttpServer {
  readonly seen: SeenRequest[] = [];
  reply: (request: SeenRequest) => CannedReply = () => ({ status: 204 });

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<LocalHttpServer> {
    const server = http.createServer();
    const local = new LocalHttpServer(server);
    server.on('request', (req, res) => void local.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return local;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/ari`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: SeenRequest = {
      method: req.method ?? '',
      path: url.pathname,
      rawUrl: req.url ?? '',
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      remotePort: req.socket.remotePort ?? 0,
    };
    this.seen.push(request);
    const reply = this.reply(request);
    if (reply.stall) return;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, text && typeof reply.body !== 'string' ? { 'Content-Type': 'application/json' } : {});
    res.end(text);
  }
}
