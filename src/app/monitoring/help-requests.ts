// 举手: agents on a call asking a supervisor for help. The wallboard lists the raised hands (with a
// sound for a new one); a hand is lowered by the agent, when their call ends, or when a supervisor
// starts listening to that call. In a cluster each server keeps a copy: a change made here is told
// to the others (`here`), and theirs are mirrored into it.

export interface HelpRequest {
  readonly agentId: string;
  readonly callId: string;
  readonly raisedAt: number;
}

/** A hand raised (`request`) or lowered (null); `here`: on this server, not mirrored from another. */
export interface HelpChange {
  readonly agentId: string;
  readonly request: HelpRequest | null;
  readonly here: boolean;
}

export class HelpRequests {
  private readonly raised = new Map<string, HelpRequest>();
  private readonly listeners = new Set<(change: HelpChange) => void>();

  raise(agentId: string, callId: string, at: number): void {
    if (this.raised.get(agentId)?.callId === callId) return;
    const request = { agentId, callId, raisedAt: at };
    this.raised.set(agentId, request);
    this.changed({ agentId, request, here: true });
  }

  /** The agent's hand goes down (they lowered it, their call ended, or a supervisor came). */
  lower(agentId: string): void {
    if (this.raised.delete(agentId)) this.changed({ agentId, request: null, here: true });
  }

  /** A change another server of the cluster made: kept in step (nothing when this copy has it already). */
  mirror(agentId: string, request: HelpRequest | null): void {
    const known = this.raised.get(agentId);
    if (request === null ? known === undefined : known?.callId === request.callId) return;
    if (request === null) this.raised.delete(agentId);
    else this.raised.set(agentId, { agentId, callId: request.callId, raisedAt: request.raisedAt });
    this.changed({ agentId, request, here: false });
  }

  /** A supervisor started listening to this call: its agent's hand goes down. */
  answered(callId: string): void {
    for (const request of [...this.raised.values()]) if (request.callId === callId) this.lower(request.agentId);
  }

  list(): HelpRequest[] {
    return [...this.raised.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  onChange(listener: (change: HelpChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: HelpChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
