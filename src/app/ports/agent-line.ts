// What app asks of the phone system for agents' lines (the long call kept open to a browser phone):
// dial one, end one. The ari adapter implements it and reports answers and ends as line events.

export interface AgentLinePort {
  /** Calls the agent's browser phone as their line; its answer or end comes back through AgentLines. */
  dialLine(lineId: string, agentId: string): Promise<void>;
  /** Ends a line; one already gone is not an error. */
  hangUpLine(lineId: string): Promise<void>;
}
