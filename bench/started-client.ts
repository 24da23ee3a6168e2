// An ARI client of a benchmark's own (its simulated callers, a bare handler), connected before use.
import { AriClient } from '../src/adapters/ari/ari-client.js';
import type { PbxRuntime } from '../src/local-pbx/index.js';
import { createLogger } from '../src/logging/logger.js';

/** Connected to the benchmark's Asterisk as `app`; requests may take 15 s on a loaded machine. */
export async function startedClient(runtime: PbxRuntime, app: string): Promise<AriClient> {
  const client = new AriClient({ ...runtime.ari, app, logger: createLogger('silent'), requestTimeoutMs: 15_000 });
  const up = new Promise<void>((resolve) => client.once('connected', () => resolve()));
  client.start();
  await up;
  return client;
}
