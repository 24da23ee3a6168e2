// All lanes, created on demand when a call needs a skill set no lane has yet. Creating one scans the
// agents once; there are only as many lanes as (queue, skill-set) pairs actually used.
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
    const skills = personal.length > 0 ? personal.slice(0, 1) : [...new Set([...queue.skills, ...extraSkills])].sort();
    const id = Lane.idFor(queue.id, skills);
    const existing = this.lanes.get(id);
    if (existing) return existing;
    const lane = new Lane(id, queue, skills);
    this.lanes.set(id, lane);
    this.byQueue.set(queue.id, [...this.ofQueue(queue.id), lane]);
    this.onCreate(lane);
    return lane;
  }

  waitingIn(queueId: string): number {
    return this.ofQueue(queueId).reduce((sum, lane) => sum + lane.calls.size, 0);
  }

  /**
   * The lane whose head call should be served next among lanes that have both a call and an agent.
   * O(lanes): the heads are compared directly because ranks are comparable across queues.
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
