// The agents and their state machine. Every state change goes through setState, which keeps the
// lanes' counters and available-agent heaps in step with the agent, so an agent is offerable in a
// lane exactly when it is available, reachable and eligible — never two offers to one agent.
import type { AgentProfile } from './acd-config.js';
import type { AcdCommand, AgentState } from './acd-protocol.js';
import { isOfferable, isStaffed, isWorking, type AgentRecord } from './agent-record.js';
import type { Lane } from './lane.js';

interface Flags {
  readonly staffed: boolean;
  readonly working: boolean;
  readonly offerable: boolean;
}

export class Roster {
  private readonly agents = new Map<string, AgentRecord>();

  constructor(
    profiles: readonly AgentProfile[],
    private readonly levelBonusSeconds: number,
    private readonly emit: (command: AcdCommand) => void,
  ) {
    for (const profile of profiles) this.agents.set(profile.id, newAgent(profile));
  }

  get(id: string): AgentRecord | undefined {
    return this.agents.get(id);
  }

  all(): Iterable<AgentRecord> {
    return this.agents.values();
  }

  /** A new lane learns who may serve it, as if each eligible agent had just entered its state. */
  attach(lane: Lane): void {
    for (const agent of this.agents.values()) {
      if (!lane.accepts(agent.profile)) continue;
      agent.lanes.push(lane);
      this.adjust(lane, agent, { staffed: false, working: false, offerable: false }, flags(agent));
    }
  }

  setState(agent: AgentRecord, state: AgentState, reason: string | null = null): void {
    const before = flags(agent);
    agent.state = state;
    agent.reason = state === 'paused' ? reason : null;
    this.sync(agent, before);
    this.emit({ type: 'AgentStateChanged', agentId: agent.profile.id, state, reason: agent.reason, callId: agent.callId });
  }

  /** Makes the agent available; a fresh `idleSince` puts them at the back of the idle order. */
  makeAvailable(agent: AgentRecord, idleSince: number): void {
    agent.idleSince = idleSince;
    agent.callId = null;
    this.setState(agent, 'available');
  }

  /**
   * Changes an agent's fields without a notice (restoring a snapshot), keeping its lanes in step as
   * setState would: the lanes see the agent as if it had just entered its restored state.
   */
  restore(agent: AgentRecord, change: (agent: AgentRecord) => void): void {
    const before = flags(agent);
    change(agent);
    this.sync(agent, before);
  }

  setReachable(agent: AgentRecord, reachable: boolean): void {
    const before = flags(agent);
    agent.reachable = reachable;
    this.sync(agent, before);
  }

  private sync(agent: AgentRecord, before: Flags): void {
    const after = flags(agent);
    for (const lane of agent.lanes) this.adjust(lane, agent, before, after);
  }

  private adjust(lane: Lane, agent: AgentRecord, before: Flags, after: Flags): void {
    lane.staffed += Number(after.staffed) - Number(before.staffed);
    lane.working += Number(after.working) - Number(before.working);
    if (after.offerable && !before.offerable) lane.addAgent(agent.profile, agent.idleSince, this.levelBonusSeconds);
    if (before.offerable && !after.offerable) lane.agents.remove(agent.profile.id);
  }
}

function flags(agent: AgentRecord): Flags {
  return { staffed: isStaffed(agent), working: isWorking(agent), offerable: isOfferable(agent) };
}

function newAgent(profile: AgentProfile): AgentRecord {
  return {
    profile,
    state: 'logged_out',
    reason: null,
    reachable: true,
    idleSince: 0,
    callId: null,
    pendingPause: null,
    ticketFiledFor: null,
    wrap: null,
    lanes: [],
  };
}
