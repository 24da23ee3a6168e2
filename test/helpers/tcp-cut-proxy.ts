// A plain TCP proxy in front of one of the real Asterisk's ports (AMI) that a test can cut: the
// open connections are closed at both ends, and while the link is held down new ones are closed
// as soon as they come, as a network gone for a while would. Released, it passes them through again.
import net from 'node:net';

export interface TcpCutProxy {
  /** The port to give the server in place of Asterisk's. */
  readonly port: number;
  /** Closes every open connection and refuses new ones until `release()`. */
  cutAndHold(): void;
  release(): void;
  /** Connections that were passed through (to see the client came back). */
  readonly connections: () => number;
  close(): Promise<void>;
}

export async function startTcpCutProxy(targetHost: string, targetPort: number): Promise<TcpCutProxy> {
  const pairs = new Set<{ readonly client: net.Socket; readonly upstream: net.Socket }>();
  let held = false;
  let passed = 0;
  const server = net.createServer((client) => {
    if (held) {
      client.destroy();
      return;
    }
    passed += 1;
    const upstream = net.connect(targetPort, targetHost);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  return {
    port: address.port,
    cutAndHold: () => {
      held = true;
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    release: () => {
      held = false;
    },
    connections: () => passed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
