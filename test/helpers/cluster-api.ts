// The local cluster's HTTP API as its failure tests read it through a web node, signed in as a demo
// user: who holds a lease, the agents' states and the queues' figures as the ACD published them,
// an agent paused or resumed, and the tickets of a caller with their calls' figures.
import type { AgentView } from '../../src/contract/api/agents.js';
import type { ClusterReply } from '../../src/contract/api/cluster.js';
import type { QueueStats } from '../../src/contract/api/queues.js';
import type { TicketDetail, TicketSummary } from '../../src/contract/api/ticket-views.js';
import { signIn } from '../../src/tools/ticket-lookup.js';
import { waitForAsync } from './wait.js';

/** Every demo user's password (fixtures/users.yaml). */
export const DEMO_PASSWORD = 'hotline-demo';

export interface ClusterApi {
  readonly url: string;
  readonly token: string;
  get<T>(route: string): Promise<T>;
  /** The status and body of a POST; a refusal is the caller's to judge. */
  post(route: string, body?: unknown): Promise<{ readonly status: number; readonly body: unknown }>;
}

/** Signs in to a server of the cluster (waiting until it answers) and asks it as that user. */
export async function clusterApi(url: string, user: string): Promise<ClusterApi> {
  const token = await waitForAsync(async () => (await signIn(url, user, DEMO_PASSWORD)) ?? undefined, 10_000, 200);
  const headers = { authorization: `Bearer ${token}` };
  return {
    url,
    token,
    async get<T>(route: string): Promise<T> {
      const response = await fetch(`${url}${route}`, { headers, signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`GET ${route}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async post(route, body) {
      const init = body === undefined ? { method: 'POST', headers } : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
      const response = await fetch(`${url}${route}`, { ...init, signal: AbortSignal.timeout(5000) });
      return { status: response.status, body: await response.json() };
    },
  };
}

/** The server holding a lease now, as GET /api/cluster reads it from Redis; null while nobody does. */
export async function leaseHolder(api: ClusterApi, lease: string): Promise<string | null> {
  const view = await api.get<ClusterReply>('/api/cluster');
  return view.leases?.find((held) => held.name === lease)?.holder ?? null;
}

/** The PBX a server runs now (its presence in the cluster view), or null: a web node, a standby, or gone. */
export async function pbxRunBy(api: ClusterApi, node: string): Promise<string | null> {
  const view = await api.get<ClusterReply>('/api/cluster');
  const presence = view.nodes?.find((candidate) => candidate.node === node);
  return presence?.pbxRole === 'running' ? presence.pbx : null;
}

export async function agentView(api: ClusterApi, agentId: string): Promise<AgentView | undefined> {
  return (await api.get<{ agents: AgentView[] }>('/api/agents')).agents.find((agent) => agent.id === agentId);
}

/** Waits until the ACD's published view shows the agent as the check wants (the mirror follows the leader within a second). */
export async function waitForAgent(api: ClusterApi, agentId: string, check: (agent: AgentView) => boolean, timeoutMs = 10_000): Promise<AgentView> {
  return waitForAsync(async () => {
    const agent = await agentView(api, agentId);
    return agent && check(agent) ? agent : undefined;
  }, timeoutMs, 150);
}

/** Pauses agents (one on a call or in wrap-up pauses once it ends) and waits until each is paused. */
export async function pauseAgents(api: ClusterApi, agentIds: readonly string[]): Promise<void> {
  for (const id of agentIds) expect200(await api.post(`/api/agents/${id}/pause`, { reason: 'meeting' }), `pause ${id}`);
  for (const id of agentIds) await waitForAgent(api, id, (agent) => agent.state === 'paused');
}

export async function resumeAgent(api: ClusterApi, agentId: string): Promise<void> {
  expect200(await api.post(`/api/agents/${agentId}/resume`), `resume ${agentId}`);
}

function expect200(answer: { status: number; body: unknown }, what: string): void {
  if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}

export async function queueFigures(api: ClusterApi, queueId: string): Promise<QueueStats> {
  const queue = (await api.get<{ queues: QueueStats[] }>('/api/queues')).queues.find((candidate) => candidate.queueId === queueId);
  if (!queue) throw new Error(`no queue ${queueId}`);
  return queue;
}

/** Every ticket of a caller's number, in full (each number is used by one call of the test). */
export async function ticketsOfCaller(api: ClusterApi, caller: string): Promise<TicketDetail[]> {
  const { tickets } = await api.get<{ tickets: TicketSummary[] }>(`/api/tickets?caller=${caller}`);
  return Promise.all(tickets.map(async (ticket) => (await api.get<{ ticket: TicketDetail }>(`/api/tickets/${ticket.id}`)).ticket));
}

/** A call's ticket once it is written, in full; a read refused meanwhile (PostgreSQL restarting: 503) is tried again. */
export async function ticketOfCall(api: ClusterApi, caller: string, callId: string, timeoutMs = 20_000): Promise<TicketDetail> {
  return waitForAsync(async () => {
    const tickets = await ticketsOfCaller(api, caller).catch(() => []);
    return tickets.find((ticket) => ticket.callId === callId);
  }, timeoutMs, 250);
}

/** When the call entered its queue: the ticket's IVR time counts from the hotline's answer to it. */
export function queuedAtMs(ticket: TicketDetail): number {
  return Date.parse(ticket.call.answeredAt ?? ticket.call.startedAt) + ticket.call.ivrMs;
}

/** The call's steps of one outcome (`offered`, `answered`, `restart-human-fallback`…) with their detail (the agent). */
export function outcomesOf(ticket: TicketDetail, outcome: string): (string | null)[] {
  return ticket.call.ivrPath.flatMap((step) => {
    if (typeof step !== 'object' || step === null) return [];
    const { kind, outcome: name, detail } = step as { kind?: unknown; outcome?: unknown; detail?: unknown };
    return kind === 'outcome' && name === outcome ? [typeof detail === 'string' ? detail : null] : [];
  });
}
