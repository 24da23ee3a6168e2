// A TCP port on loopback that nothing listens on now, for a server started on this machine; and a
// whole cluster's set of them (a test's or a benchmark's cluster beside anything else running).
import net from 'node:net';
import type { ClusterPorts } from './cluster-plan.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Free loopback ports for everything but RTP, whose ranges are given (a test's cluster). */
export async function freeClusterPorts(rtpStarts: readonly [number, number]): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) return taken.add(port), port;
    }
  };
  const pbx = async (rtpStart: number): Promise<ClusterPorts['pbx'][0]> => ({ ari: await next(), ami: await next(), sip: await next(), rtpStart });
  return {
    postgres: await next(),
    redis: await next(),
    pbx: [await pbx(rtpStarts[0]), await pbx(rtpStarts[1])],
    http: { 'worker-1': await next(), 'worker-2': await next(), standby: await next(), 'web-1': await next(), 'web-2': await next() },
  };
}
