// A lane is one queue's line for one set of required skills (the queue's own plus any the call adds,
// e.g. a language). Each lane keeps two heaps — its waiting calls and the available agents who may
// take them — so both "next call for this agent" and "best agent for this call" are O(log n).
// A queue with a second choice has a second kind of lane: the same calls, served by the agents of
// another queue (`servedBy`), who may take them only when none of the call's own lane is free.
import type { AgentProfile, QueueConfig, SkillLevel } from './acd-config.js';
import { agentBefore, agentRank, type AgentEntry } from './agent-rank.js';
import { callBefore } from './call-rank.js';
import type { CallRecord } from './call-record.js';
import { IndexedHeap } from './indexed-heap.js';

/** The skill only one agent has: a call that needs it waits for that agent (a transfer to them). */
export function personalSkill(agentId: string): string {
  return `agent:${agentId}`;
}

export class Lane {
  readonly calls = new IndexedHeap<CallRecord>(callBefore, (c) => c.id);
  readonly agents = new IndexedHeap<AgentEntry>(agentBefore, (a) => a.agentId);
  /** Eligible agents logged in (any state but logged_out): zero here and in any second choice means overflow at once. */
  staffed = 0;
  /** Eligible agents logged in and not paused: the divisor of the estimated wait. */
  working = 0;

  constructor(
    readonly id: string,
    readonly queue: QueueConfig,
    readonly skills: readonly string[],
    /** The queue whose agents serve this lane: the call's own, or its second choice. */
    readonly servedBy: QueueConfig = queue,
  ) {}

  static idFor(queueId: string, skills: readonly string[], servedById = queueId): string {
    const by = servedById === queueId ? '' : `>${servedById}`;
    return `${queueId}${by}|${skills.join('+')}`;
  }

  /** False for a second-choice lane, whose calls all wait in their own lane too. */
  get isOwn(): boolean {
    return this.servedBy === this.queue;
  }

  accepts(agent: AgentProfile): boolean {
    // A call transferred to a named agent is theirs, whatever queues and skills they have.
    if (this.skills.some((skill) => skill.startsWith('agent:'))) return this.skills.includes(personalSkill(agent.id));
    if (agent.queues !== null && !agent.queues.includes(this.servedBy.id)) return false;
    return this.skills.every((skill) => agent.skills[skill] !== undefined);
  }

  /** The agent's weakest level among the lane's skills (1 when the lane needs none). */
  levelOf(agent: AgentProfile): SkillLevel {
    let level: SkillLevel = 3;
    for (const skill of this.skills) level = Math.min(level, agent.skills[skill] ?? 1) as SkillLevel;
    return this.skills.length === 0 ? 1 : level;
  }

  addAgent(agent: AgentProfile, idleSince: number, levelBonusSeconds: number): void {
    this.agents.push({ agentId: agent.id, rank: agentRank(idleSince, this.levelOf(agent), levelBonusSeconds) });
  }
}
