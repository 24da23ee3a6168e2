// What a server that does not lead knows of the ACD: the leader's published views (queue figures and
// every agent, once a second) overlaid with the agents' state changes it broadcasts as they happen.
// A published copy may have been taken just before a change the broadcast already brought, so a
// change younger than `freshForMs` keeps its state, reason and call over the copy's (the copy brings
// the rest: reachability, the idle order). Pure: the caller says what time it is.
import type { AgentView } from '../acd/acd-engine.js';
import type { AgentState } from '../acd/acd-protocol.js';
import type { QueueStats } from '../acd/queue-stats.js';

export interface PublishedViews {
  readonly epoch: number;
  readonly queues: readonly QueueStats[];
  readonly agents: readonly AgentView[];
}

interface Change {
  readonly state: AgentState;
  readonly reason: string | null;
  readonly callId: string | null;
  readonly at: number;
}

export class AcdMirror {
  private queues: readonly QueueStats[] = [];
  private readonly agents = new Map<string, AgentView>();
  private readonly changes = new Map<string, Change>();

  constructor(private readonly freshForMs: number) {}

  /** The leader's latest copy, or null when none is published (no leader): nothing is shown then. */
  published(views: PublishedViews | null, at: number): void {
    this.agents.clear();
    this.queues = views?.queues ?? [];
    for (const [agentId, change] of this.changes) if (at - change.at > this.freshForMs) this.changes.delete(agentId);
    if (!views) return;
    for (const view of views.agents) {
      const change = this.changes.get(view.agentId);
      this.agents.set(view.agentId, change ? { ...view, state: change.state, reason: change.reason, callId: change.callId } : view);
    }
  }

  /** An agent's state (and the call it is about) as the leader broadcast it. */
  changed(agentId: string, state: AgentState, reason: string | null, callId: string | null, at: number): void {
    this.changes.set(agentId, { state, reason, callId, at });
    const known = this.agents.get(agentId);
    this.agents.set(agentId, known ? { ...known, state, reason, callId } : { agentId, state, reason, reachable: true, callId, idleSince: at });
  }

  agent(agentId: string): AgentView | undefined {
    return this.agents.get(agentId);
  }

  queueStats(): QueueStats[] {
    return [...this.queues];
  }
}
