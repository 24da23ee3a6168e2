// One server's operators' side without Redis: the tickets it writes are counted from the moment its
// parts are attached, its PBX role is read at each scrape, and a server of a cluster exposes the
// leases its holders compete for through the shared tally.
import { describe, expect, it } from 'vitest';
import type { PbxRole } from '../../../src/contract/api/health.js';
import type { MetricsReply } from '../../../src/contract/api/metrics.js';
import { ServerOps, type ServerParts } from '../../../src/boot/server-ops.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logging/logger.js';

const FIGURES: MetricsReply = {
  since: '2026-12-04T00:00:00.000Z',
  admission: { setting: 'auto', mode: 'shed', since: '2026-12-04T00:00:00.000Z', applied: 'shed', sheds: 2, lastReason: 'event-delay', maxCalls: 0, dialplanCalls: { readable: false, open: 0, shed: 0, serverAway: 0, menusLeft: 0, busy: 0 } },
  ariEvents: [],
  ariRequests: [],
  amiActions: [{ action: 'MixMonitor', count: 3, p50: 2, p90: 4, p99: 9, max: 9, errors: 1, timeouts: 0 }],
  phoneSockets: 4,
};

function partsWith(role: () => PbxRole): { parts: ServerParts; ticket: () => void } {
  const listeners: (() => void)[] = [];
  const parts: ServerParts = {
    pbxRole: role,
    callService: { activeCalls: () => [], onTicket: (listener) => (listeners.push(() => listener({} as never)), () => undefined) },
    acd: { queueStats: () => [], agents: new Map(), agentState: () => undefined },
    shared: null,
    logger: createLogger('silent'),
  };
  return { parts, ticket: () => listeners.forEach((listener) => listener()) };
}

const lines = async (ops: ServerOps): Promise<string[]> => (await ops.routes(() => FIGURES).exposition()).split('\n');

describe('ServerOps', () => {
  it('counts the tickets written and reads the PBX role and admission at each scrape', async () => {
    let role: PbxRole = 'running';
    const ops = new ServerOps(loadConfig({}));
    const { parts, ticket } = partsWith(() => role);
    ops.attach(parts);
    ticket();
    ticket();
    role = 'dropped';
    const text = await lines(ops);
    expect(text).toContain('hotline_tickets_written_total 2');
    expect(text).toContain('hotline_pbx_role{pbx="single-box",role="dropped"} 1');
    expect(text).toContain('hotline_pbx_role{pbx="single-box",role="running"} 0');
    expect(text).toContain('hotline_admission_shedding 1');
    expect(text).toContain('hotline_admission_sheds_total 2');
    expect(text).toContain('hotline_phone_sockets 4');
    expect(text).toContain('hotline_ami_action_seconds{action="MixMonitor",quantile="0.99"} 0.009');
    expect(text).toContain('hotline_ami_action_seconds_count{action="MixMonitor"} 3');
    expect(text).toContain('hotline_ami_action_errors_total{action="MixMonitor"} 1');
    expect(text.filter((line) => line.startsWith('hotline_lease'))).toEqual([]);
  });

  it('in a cluster, exposes each lease its holders compete for, held or not, with its gains', async () => {
    const ops = new ServerOps(loadConfig({ HOTLINE_REDIS_URL: 'redis://127.0.0.1:1', HOTLINE_NODE_ID: 'node-a', HOTLINE_PBX_ID: 'pbx-2' }));
    ops.attach(partsWith(() => 'standby').parts);
    ops.tally.compete('acd-leader', () => true);
    ops.tally.gained('acd-leader');
    ops.tally.compete('pbx:pbx-2', () => false);
    const text = await lines(ops);
    expect(text).toContain('hotline_pbx_role{pbx="pbx-2",role="standby"} 1');
    expect(text.filter((line) => line.startsWith('hotline_lease'))).toEqual([
      'hotline_lease_held{lease="acd-leader"} 1',
      'hotline_lease_held{lease="pbx:pbx-2"} 0',
      'hotline_lease_gained_total{lease="acd-leader"} 1',
      'hotline_lease_gained_total{lease="pbx:pbx-2"} 0',
    ]);
  });
});
