// All lanes, created on demand when a call needs a skill set no lane has yet. Creating one scans the
// agents once; there are only as many lanes as (queue, skill-set) pairs actually used, and for a
// queue with a second choice as many again. A call of such a queue waits in two lanes at once, its
// own and the second choice's; `ofQueue` lists own lanes only, so counts and places see it once.
import type { QueueConfig } from './acd-config.js';
import { callBefore } from './call-rank.js';
import type { CallRecord } from './call-record.js';
import { Lane } from './lane.js';

export class LaneBook {
  private readonly lanes = new Map<string, Lane>();
  private readonly byQueue = new Map<string, Lane[]>();

  constructor(private readonly onCreate: (lane: Lane) => void) {}

  get(id: string): Lane | undefined {
    return this.lanes.get(id);
  }

  all(): Iterable<Lane> {
    return this.lanes.values();
  }

  ofQueue(queueId: string): readonly Lane[] {
    return this.byQueue.get(queueId) ?? [];
  }

  laneFor(queue: QueueConfig, extraSkills: readonly string[]): Lane {
    // A named agent's call needs that agent only, not the queue's skills too.
    const personal = extraSkills.filter((skill) => skill.startsWith('agent:'));
    return this.lane(queue, personal.length > 0 ? personal.slice(0, 1) : skillSet(queue, extraSkills), queue);
  }

  /**
   * Where the agents of `servedBy` may take the call as a second choice: that queue's skills plus the
   * call's own extra ones (an English caller still needs English). None for a call meant for one agent.
   */
  secondLaneFor(queue: QueueConfig, extraSkills: readonly string[], servedBy: QueueConfig): Lane | null {
    if (extraSkills.some((skill) => skill.startsWith('agent:'))) return null;
    return this.lane(queue, skillSet(servedBy, extraSkills), servedBy);
  }

  private lane(queue: QueueConfig, skills: readonly string[], servedBy: QueueConfig): Lane {
    const id = Lane.idFor(queue.id, skills, servedBy.id);
    const existing = this.lanes.get(id);
    if (existing) return existing;
    const lane = new Lane(id, queue, skills, servedBy);
    this.lanes.set(id, lane);
    if (lane.isOwn) this.byQueue.set(queue.id, [...this.ofQueue(queue.id), lane]);
    this.onCreate(lane);
    return lane;
  }

  waitingIn(queueId: string): number {
    return this.ofQueue(queueId).reduce((sum, lane) => sum + lane.calls.size, 0);
  }

  /**
   * The lane whose head call should be served next among lanes that have both a call and an agent.
   * O(lanes): the heads are compared directly because ranks are comparable across queues. A call in
   * two lanes may be found through its second-choice lane; the caller then picks the agent (own first).
   */
  bestReady(): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of this.lanes.values()) {
      const head = lane.calls.peek();
      if (!head || lane.agents.size === 0) continue;
      const bestHead = best?.calls.peek();
      if (!bestHead || callBefore(head, bestHead)) best = lane;
    }
    return best;
  }

  /**
   * 1-based place of a call among the calls of its queue. O(n) in the queue's length; asked only
   * for announcements, never on the routing path.
   */
  position(call: CallRecord): number {
    let ahead = 0;
    for (const lane of this.ofQueue(call.queueId)) {
      for (const other of lane.calls.values()) if (callBefore(other, call)) ahead += 1;
    }
    return ahead + 1;
  }
}

function skillSet(queue: QueueConfig, extraSkills: readonly string[]): string[] {
  return [...new Set([...queue.skills, ...extraSkills])].sort();
}
