// 举手: agents on a call asking a supervisor for help. The wallboard lists the raised hands (with a
// sound for a new one); a hand is lowered by the agent, when their call ends, or when a supervisor
// starts listening to that call.

export interface HelpRequest {
  readonly agentId: string;
  readonly callId: string;
  readonly raisedAt: number;
}

export class HelpRequests {
  private readonly raised = new Map<string, HelpRequest>();
  /** Told of each hand raised (true) or lowered (false). */
  private readonly listeners = new Set<(agentId: string, raised: boolean) => void>();

  raise(agentId: string, callId: string, at: number): void {
    if (this.raised.get(agentId)?.callId === callId) return;
    this.raised.set(agentId, { agentId, callId, raisedAt: at });
    this.changed(agentId, true);
  }

  /** The agent's hand goes down (they lowered it, their call ended, or a supervisor came). */
  lower(agentId: string): void {
    if (this.raised.delete(agentId)) this.changed(agentId, false);
  }

  /** A supervisor started listening to this call: its agent's hand goes down. */
  answered(callId: string): void {
    for (const request of [...this.raised.values()]) if (request.callId === callId) this.lower(request.agentId);
  }

  list(): HelpRequest[] {
    return [...this.raised.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  onChange(listener: (agentId: string, raised: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(agentId: string, raised: boolean): void {
    for (const listener of this.listeners) listener(agentId, raised);
  }
}
