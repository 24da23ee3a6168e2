// An agent's desk as the servers of a cluster share it: the server that runs a call keeps the pop and
// the call's end in its memory and copies them here, so another server can answer the desktop's
// `state:sync`. A single box needs none.
import type { CallEnded, ScreenPop } from '../../contract/socket-events.js';

export interface AgentDesk {
  readonly pop: ScreenPop | null;
  readonly ended: CallEnded | null;
}

export interface SharedDesks {
  /** null: nothing to show (the copy is removed). */
  save(agentId: string, desk: AgentDesk | null): Promise<void>;
  read(agentId: string): Promise<AgentDesk | null>;
}
