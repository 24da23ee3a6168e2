// The ACD as the rest of the server sees it: what happened to calls and agents goes in, the ACD's
// decisions about calls come out to one sink, and agents' requests (sign in, pause, …) are answered.
// Two implementations: the engine in this process (the single box), and the ACD leader of a cluster
// reached over Redis streams, where an answer is a message back and views are published copies.
import type { AgentProfile } from '../../domain/acd/acd-config.js';
import type { AgentView } from '../../domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent, AgentState } from '../../domain/acd/acd-protocol.js';
import type { QueueStats } from '../../domain/acd/queue-stats.js';

/** The ACD's decisions about calls (offer, cancel, reject, overflow, announce, callbacks) go to one sink: the live calls. */
export type AcdCallSink = (command: AcdCommand) => void;

/** null when the ACD took the request, else why not (a stable code such as `ACD_WRONG_AGENT_STATE`). */
export type AcdAnswer = string | null;

export interface AgentStateChange {
  readonly agentId: string;
  readonly state: AgentState;
  readonly reason: string | null;
  readonly at: number;
}

export interface Acd {
  /** The roster this server was configured with. */
  readonly agents: ReadonlyMap<string, AgentProfile>;
  attach(sink: AcdCallSink): void;
  /** Something happened to a call or a phone; nobody waits for the ACD's answer. */
  tell(event: AcdEvent): void;
  login(agentId: string): Promise<AcdAnswer>;
  logout(agentId: string): Promise<AcdAnswer>;
  pause(agentId: string, reason: string): Promise<AcdAnswer>;
  resume(agentId: string): Promise<AcdAnswer>;
  ticketFiled(agentId: string, callId: string | null): Promise<AcdAnswer>;
  phoneReachability(agentId: string, reachable: boolean): void;
  hasQueue(queueId: string): boolean;
  /** The agent as last seen (undefined while the ACD does not know them or cannot be seen). */
  agentState(agentId: string): AgentView | undefined;
  /** The queues' live figures (empty while they cannot be seen). */
  queueStats(): QueueStats[];
  onAgentState(listener: (change: AgentStateChange) => void): () => void;
  /** Anything changed in the ACD (a call queued or left, an agent changed): the wallboard redraws. */
  onChange(listener: () => void): () => void;
  stop(): void;
}
