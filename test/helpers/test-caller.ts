// A simulated citizen for the pbx tier: its own ARI application on the test Asterisk.
import { AriClient } from '../../src/adapters/ari/ari-client.js';
import type { PbxRuntime } from '../../src/local-pbx/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { CitizenCaller } from '../../src/tools/citizen-caller.js';

export interface TestCaller {
  readonly caller: CitizenCaller;
  readonly ari: AriClient;
  stop(): Promise<void>;
}

export async function startTestCaller(runtime: PbxRuntime, app = 'citizen-sim-test'): Promise<TestCaller> {
  const ari = new AriClient({ ...runtime.ari, app, logger: createLogger('silent') });
  const connected = new Promise<void>((resolve) => ari.once('connected', () => resolve()));
  ari.start();
  await connected;
  return { caller: new CitizenCaller(ari, app), ari, stop: () => ari.stop() };
}
