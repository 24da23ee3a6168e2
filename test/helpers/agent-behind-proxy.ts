// One agent (8003, a demo handset) on a test server that reaches the real Asterisk's ARI through a
// fault proxy, and every state the agent passes through (sampled every 20 ms, often enough to see a
// pause of any length): what the tests of the agent pool under a slow or failing Asterisk share.
import { afterAll, beforeAll, inject } from 'vitest';
import { startAriFaultProxy, type AriFaultProxy } from './ari-fault-proxy.js';
import { testQueuesFile } from './test-config-files.js';
import { startTestCaller, type TestCaller } from './test-caller.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface AgentBehindProxy {
  readonly proxy: AriFaultProxy;
  readonly server: TestServer;
  readonly sim: TestCaller;
  /** `state:reason` of agent 8003, every one seen. */
  readonly statesSeen: ReadonlySet<string>;
}

/** Starts them before the describe's tests (test queues: ring time 4 s) and stops them after. */
export function useAgentBehindProxy(name: string, env: Record<string, string>): AgentBehindProxy {
  const runtime = inject('pbxRuntime');
  const statesSeen = new Set<string>();
  const parts = {} as { proxy: AriFaultProxy; server: TestServer; sim: TestCaller };
  let watching: NodeJS.Timeout | undefined;
  beforeAll(async () => {
    parts.proxy = await startAriFaultProxy(runtime.ari.url);
    parts.server = await startTestServer({ ...runtime, ari: { ...runtime.ari, url: parts.proxy.url } }, name, { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: '8003', ...env });
    parts.sim = await startTestCaller(runtime, `citizen-sim-${name}`);
    const agent = (): ReturnType<TestServer['acd']['agentState']> => parts.server.acd.agentState('8003');
    watching = setInterval(() => statesSeen.add(`${agent()?.state}:${agent()?.reason ?? ''}`), 20);
  });
  afterAll(async () => {
    clearInterval(watching);
    await parts.sim?.stop();
    await parts.server?.close();
    await parts.proxy?.close();
  });
  return {
    get proxy() {
      return parts.proxy;
    },
    get server() {
      return parts.server;
    },
    get sim() {
      return parts.sim;
    },
    statesSeen,
  };
}
