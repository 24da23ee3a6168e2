// A proxy in front of the real Asterisk's ARI that can make chosen requests slow, failing or lost,
// as an overloaded or hiccuping Asterisk would: the server under test talks to the real PBX through
// it, so its own client (pools, timeouts, retries) is what meets the fault. The events WebSocket is
// passed through untouched, unless a test loses what Asterisk writes on it and then cuts it (a link
// that went down with events in flight, as Asterisk's write timeout or a broken network does).
import http from 'node:http';
import net from 'node:net';

export interface AriFault {
  /** Which requests, by method, path without the /ari prefix, and query (e.g. POST /channels to an agent's endpoint). */
  readonly match: (method: string, path: string, query: URLSearchParams) => boolean;
  /** Hold the request this long before Asterisk sees it (a busy Asterisk). */
  readonly delayMs?: number;
  /** Answer this status instead of forwarding (Asterisk refused or failed). */
  readonly failWith?: number;
  /** How many requests the fault applies to before it is spent; unlimited when absent. */
  times?: number;
}

export interface AriFaultProxy {
  /** The ARI base URL to give the server, like http://127.0.0.1:<port>/ari. */
  readonly url: string;
  /** Requests a fault was applied to, as "METHOD /path (fault)". */
  readonly applied: string[];
  inject(fault: AriFault): void;
  clear(): void;
  /** From now on, what Asterisk writes on the open event sockets is read and dropped (the server hears nothing). */
  loseEvents(): void;
  /** Closes the open event sockets at both ends; the server's reconnect goes through as usual. */
  cutEvents(): void;
  close(): Promise<void>;
}

export async function startAriFaultProxy(targetUrl: string): Promise<AriFaultProxy> {
  const target = new URL(targetUrl);
  const faults: AriFault[] = [];
  const applied: string[] = [];
  const tunnels = new Set<net.Socket>();
  /** Each open event socket: the server's end and Asterisk's. */
  const streams = new Set<{ readonly client: net.Socket; readonly upstream: net.Socket }>();

  const faultFor = (request: http.IncomingMessage): AriFault | undefined => {
    const url = new URL(request.url ?? '/', 'http://proxy');
    const path = url.pathname.replace(/^\/ari/, '');
    const index = faults.findIndex((fault) => fault.match(request.method ?? 'GET', path, url.searchParams));
    const fault = faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) faults.splice(index, 1);
    applied.push(`${request.method} ${path} (${fault.failWith ?? `+${fault.delayMs ?? 0} ms`})`);
    return fault;
  };

  const forward = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  };

  const server = http.createServer((request, response) => {
    const fault = faultFor(request);
    if (fault?.failWith !== undefined) {
      request.resume();
      response.writeHead(fault.failWith, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'injected fault' }));
      return;
    }
    if (!fault?.delayMs) return forward(request, response);
    // A client that gave up meanwhile is gone, as its request would be from a backlog it never left.
    const timer = setTimeout(() => (response.destroyed ? request.resume() : forward(request, response)), fault.delayMs);
    response.on('close', () => response.writableFinished || clearTimeout(timer));
  });

  // The events WebSocket: the raw upgrade request goes on to Asterisk and the sockets are joined.
  server.on('upgrade', (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const headers = Object.entries(request.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => `${name}: ${one ?? ''}`));
      upstream.write([`${request.method} ${request.url} HTTP/1.1`, ...headers, '', ''].join('\r\n'));
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    const stream = { client: socket, upstream };
    streams.add(stream);
    socket.on('close', () => streams.delete(stream));
    for (const end of [socket, upstream]) {
      tunnels.add(end);
      end.on('close', () => tunnels.delete(end));
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/+$/, '')}`,
    applied,
    inject: (fault) => void faults.push(fault),
    clear: () => void faults.splice(0),
    loseEvents: () => {
      for (const { client, upstream } of streams) {
        upstream.unpipe(client);
        // Read on, so Asterisk's writes succeed as they did to a server that was still there.
        upstream.on('data', () => undefined);
      }
    },
    cutEvents: () => {
      for (const { client, upstream } of streams) {
        client.destroy();
        upstream.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const end of tunnels) end.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
