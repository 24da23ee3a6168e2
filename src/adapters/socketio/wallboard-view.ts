// The wallboard's picture of the ACD: queues with today's counters and agents with their states.
import type { Acd } from '../../app/ports/acd.js';
import type { AgentStateView, WallboardQueue, WallboardSnapshot } from '../../contract/socket-events.js';

export function wallboardQueues(acd: Acd): WallboardQueue[] {
  return acd.queueStats().map((q) => ({
    queueId: q.queueId,
    name: q.name,
    waiting: q.waiting,
    longestWaitSeconds: q.longestWaitSeconds,
    callbacksWaiting: q.callbacksWaiting,
    offeredToday: q.counters.offered,
    answeredToday: q.counters.answered,
    answeredBySecondChoiceToday: q.counters.answeredBySecondChoice,
    abandonedToday: q.counters.abandoned,
    serviceLevelToday: q.kpis.serviceLevel,
  }));
}

export function agentView(acd: Acd, agentId: string, since: number): AgentStateView | null {
  const profile = acd.agents.get(agentId);
  if (!profile) return null;
  const view = acd.agentState(agentId);
  return {
    agentId,
    name: profile.name,
    state: view?.state ?? 'logged_out',
    reason: view?.reason ?? null,
    since: new Date(since).toISOString(),
    callId: view?.callId ?? null,
    wrapUpEndsAt: null,
  };
}

export function wallboardSnapshot(acd: Acd, since: (agentId: string) => number, warnings: WallboardSnapshot['warnings'], at: number): Omit<WallboardSnapshot, 'admission' | 'help'> {
  const agents = [...acd.agents.keys()].flatMap((id) => {
    const view = agentView(acd, id, since(id));
    return view ? [view] : [];
  });
  return { at: new Date(at).toISOString(), queues: wallboardQueues(acd), agents, warnings };
}
