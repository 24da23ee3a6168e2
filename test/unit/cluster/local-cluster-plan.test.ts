// The local cluster's plan, read by the real configuration reader: five servers sharing one
// PostgreSQL and one Redis, unique ids and ports, two workers and a standby on the two PBXs, two web
// nodes running none, the demo agents signed in by one server only.
import { describe, expect, it } from 'vitest';
import { loadConfig, type LocalPbxSettings } from '../../../src/config.js';
import { DEFAULT_PORTS, planNodes, type PlanPbx } from '../../../src/local-cluster/cluster-plan.js';

const pbx = (instance: string, ariPort: number): PlanPbx => ({
  settings: { instance, cacheDir: '/var/cache/hotline-cti', stateDir: '/srv/hotline/data/pbx', ariPort, amiPort: ariPort - 3000, sipPort: ariPort - 3020, rtpStart: 22000 } satisfies LocalPbxSettings,
  sip: { wsUrl: `ws://127.0.0.1:${ariPort}/ws`, agentSecret: `secret-of-${instance}-0123456789` },
});

const plans = planNodes({ ports: DEFAULT_PORTS, pbxs: [pbx('cluster-1', 8188), pbx('cluster-2', 8288)], databaseUrl: 'postgres://hotline@127.0.0.1:15432/hotline', redisUrl: 'redis://127.0.0.1:16379' });

describe('the local cluster plan', () => {
  it('gives each server a configuration the server accepts, with its role', () => {
    const read = plans.map((plan) => ({ plan, config: loadConfig(plan.env) }));
    expect(read.map(({ plan, config }) => [plan.name, config.cluster?.pbx, config.cluster?.mayLead, config.localPbx.instance, config.http.port])).toEqual([
      ['worker-1', 'pbx-1', true, 'cluster-1', 3111],
      ['worker-2', 'pbx-2', true, 'cluster-2', 3112],
      ['standby', 'pbx-1', true, 'cluster-1', 3113],
      ['web-1', null, false, 'cluster-1', 3100],
      ['web-2', null, false, 'cluster-2', 3101],
    ]);
    for (const { config } of read) {
      expect(config).toMatchObject({ databaseUrl: 'postgres://hotline@127.0.0.1:15432/hotline', pbxMode: 'local', cluster: { redisUrl: 'redis://127.0.0.1:16379', pbxs: ['pbx-1', 'pbx-2'] } });
    }
    expect(new Set(read.map(({ config }) => config.cluster?.node)).size).toBe(5);
    expect(read.filter(({ config }) => config.autoLogin === 'all').map(({ plan }) => plan.name)).toEqual(['worker-1']);
  });

  it('tells a web node where its browser phones go; the servers running a PBX read it from the instance', () => {
    const web2 = loadConfig(plans.find((plan) => plan.name === 'web-2')?.env ?? {});
    // Its own box first, the other when that one does not answer.
    expect([web2.sipWebSocketUrl, web2.sipWebSocketFallbacks, web2.agentSipSecret]).toEqual(['ws://127.0.0.1:8288/ws', ['ws://127.0.0.1:8188/ws'], 'secret-of-cluster-2-0123456789']);
    for (const plan of plans.filter((p) => p.role !== 'web')) expect(plan.env).not.toHaveProperty('HOTLINE_AGENT_SIP_SECRET');
  });
});
