// Live figures per queue for the wallboard and GET /api/queues: a pure read of the ACD's state at `at`.
import type { QueueConfig } from './acd-config.js';
import type { AcdCore } from './acd-core.js';
import type { AgentState } from './acd-protocol.js';
import type { QueueCounters } from './queue-counters.js';
import { queueKpis, type QueueKpis } from './queue-kpis.js';

export type AgentCounts = Record<AgentState, number> & { unreachable: number };

export interface QueueStats {
  readonly queueId: string;
  readonly name: string;
  /** Callers on the line waiting (callbacks are counted separately). */
  readonly waiting: number;
  readonly callbacksWaiting: number;
  /** Longest current wait among those callers, seconds since their first enqueue. */
  readonly longestWaitSeconds: number;
  /** Agents able to serve the queue's own skills, by state; `unreachable` counts logged-in ones. */
  readonly agents: AgentCounts;
  readonly counters: QueueCounters;
  readonly kpis: QueueKpis;
}

export function queueStats(core: AcdCore, at: number): QueueStats[] {
  return [...core.queues.values()].map((queue) => {
    let waiting = 0;
    let callbacksWaiting = 0;
    let oldest = at;
    for (const lane of core.lanes.ofQueue(queue.id)) {
      for (const call of lane.calls.values()) {
        if (call.callback) callbacksWaiting += 1;
        else [waiting, oldest] = [waiting + 1, Math.min(oldest, call.enqueuedAt)];
      }
    }
    const counters = { ...core.count(queue.id) };
    const longestWaitSeconds = Math.floor((at - oldest) / 1000);
    return { queueId: queue.id, name: queue.name, waiting, callbacksWaiting, longestWaitSeconds, agents: agentCounts(core, queue.id), counters, kpis: queueKpis(counters) };
  });
}

function agentCounts(core: AcdCore, queueId: string): AgentCounts {
  const counts: AgentCounts = { logged_out: 0, available: 0, offered: 0, on_call: 0, wrap_up: 0, paused: 0, unreachable: 0 };
  const base = core.lanes.laneFor(core.queues.get(queueId) as QueueConfig, []);
  for (const agent of core.roster.all()) {
    if (!base.accepts(agent.profile)) continue;
    counts[agent.state] += 1;
    if (!agent.reachable && agent.state !== 'logged_out') counts.unreachable += 1;
  }
  return counts;
}
