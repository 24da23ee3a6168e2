// What GET /metrics exposes, as Prometheus text: this server (its PBX role, live calls, tickets
// written, admission, the ARI hops' timings), the ACD as this server sees it (per queue, agents by
// state) and, in a cluster, the leases this process competes for and the shared streams' lag. Only
// counts and timings: no phone numbers, no names.
import type { LeaseFigures } from '../../app/cluster/lease-tally.js';
import type { PbxRoleName, StreamFigures } from '../../app/ports/cluster-status.js';
import type { QueueStats } from '../../domain/acd/queue-stats.js';
import type { AgentState } from '../../domain/acd/acd-protocol.js';
import type { MetricsReply } from '../../contract/api/metrics.js';
import { PBX_ROLES } from '../../domain/cluster/pbx-roles.js';
import type { LoopDelayFigures } from './event-loop-delay.js';
import { PrometheusText, type Sample, type SummarySample } from './prometheus-text.js';

const AGENT_STATES: readonly AgentState[] = ['logged_out', 'available', 'offered', 'on_call', 'wrap_up', 'paused'];

export interface ExpositionParts {
  /** The PBX this server runs or stands by for (`single-box` on a single box, `none` on a web node). */
  readonly pbx: string;
  readonly pbxRole: () => PbxRoleName;
  readonly startedAt: number;
  readonly callsActive: () => number;
  readonly ticketsWritten: () => number;
  /** The figures of GET /api/metrics: ARI timings, admission, browser phones. */
  readonly figures: () => MetricsReply;
  readonly queues: () => readonly QueueStats[];
  /** Each agent's state as this server sees it (unknown ones left out). */
  readonly agentStates: () => readonly AgentState[];
  /** null on a single box. */
  readonly leases: (() => readonly LeaseFigures[]) | null;
  /** The shared streams' figures (read from Redis at the scrape); null on a single box. */
  readonly streams: (() => Promise<readonly StreamFigures[]>) | null;
  /** How late this process's event loop ran its timers, since start. */
  readonly eventLoopDelay: () => LoopDelayFigures;
}

const seconds = (ms: number): number => ms / 1000;
const quantiles = (f: { p50: number; p90: number; p99: number }): ReadonlyMap<number, number> => new Map([[0.5, seconds(f.p50)], [0.9, seconds(f.p90)], [0.99, seconds(f.p99)]]);

export async function hotlineExposition(parts: ExpositionParts): Promise<string> {
  const out = new PrometheusText();
  const role = parts.pbxRole();
  const figures = parts.figures();
  out.gauge('hotline_start_time_seconds', 'When this server started (Unix time)', [{ value: Math.floor(parts.startedAt / 1000) }]);
  out.gauge('hotline_pbx_role', 'What this server does with its PBX: 1 for its current role', PBX_ROLES.map((name) => ({ labels: { pbx: parts.pbx, role: name }, value: name === role ? 1 : 0 })));
  out.gauge('hotline_calls_active', 'Calls in progress on this server', [{ value: parts.callsActive() }]);
  out.counter('hotline_tickets_written_total', 'Tickets this server wrote since it started', [{ value: parts.ticketsWritten() }]);
  out.gauge('hotline_admission_shedding', '1 while new callers are answered by the dialplan (overload protection), else 0', [{ value: figures.admission.mode === 'shed' ? 1 : 0 }]);
  out.counter('hotline_admission_sheds_total', 'Times new callers were shed since start', [{ value: figures.admission.sheds }]);
  out.gauge('hotline_phone_sockets', "Agents' browser phones connected to this server", [{ value: figures.phoneSockets }]);
  const loop = parts.eventLoopDelay();
  out.summary('hotline_event_loop_delay_seconds', "How late the server's event loop ran its timers (every ARI event and request waits on it), since start", [{ quantiles: quantiles(loop), count: loop.count }]);
  out.gauge('hotline_event_loop_delay_max_seconds', "The event loop's longest delay since start", [{ value: seconds(loop.max) }]);
  ariFamilies(out, figures);
  acdFamilies(out, parts.queues(), parts.agentStates());
  if (parts.leases) {
    const leases = parts.leases();
    out.gauge('hotline_lease_held', '1 while this process holds the lease, else 0', leases.map((l) => ({ labels: { lease: l.lease }, value: l.held ? 1 : 0 })));
    out.counter('hotline_lease_gained_total', 'Times this process gained the lease since start (each after the first is a takeover)', leases.map((l) => ({ labels: { lease: l.lease }, value: l.gained })));
  }
  if (parts.streams) await streamFamilies(out, parts.streams);
  return out.text();
}

function ariFamilies(out: PrometheusText, figures: MetricsReply): void {
  // The histogram keeps no sum, so the summaries have quantiles and a count only.
  out.summary('hotline_ari_event_delay_seconds', "ARI event's arrival minus Asterisk's own time stamp, since start", figures.ariEvents.map((e): SummarySample => ({ labels: { type: e.type }, quantiles: quantiles(e), count: e.count })));
  out.summary('hotline_ari_request_seconds', 'ARI REST request time, from the call to its answer, since start', figures.ariRequests.map((r): SummarySample => ({ labels: { route: r.route, pool: r.pool }, quantiles: quantiles(r), count: r.count })));
  out.counter('hotline_ari_request_errors_total', 'ARI requests refused, unreachable or unreadable (timeouts apart)', figures.ariRequests.map((r) => ({ labels: { route: r.route }, value: r.errors })));
  out.counter('hotline_ari_request_timeouts_total', 'ARI requests without an answer within the time limit', figures.ariRequests.map((r) => ({ labels: { route: r.route }, value: r.timeouts })));
  out.summary('hotline_ami_action_seconds', 'AMI action time, from the call to its answer, since start', figures.amiActions.map((a): SummarySample => ({ labels: { action: a.action }, quantiles: quantiles(a), count: a.count })));
  out.counter('hotline_ami_action_errors_total', 'AMI actions answered with an error or lost with their link (timeouts apart)', figures.amiActions.map((a) => ({ labels: { action: a.action }, value: a.errors })));
  out.counter('hotline_ami_action_timeouts_total', 'AMI actions without an answer within the time limit', figures.amiActions.map((a) => ({ labels: { action: a.action }, value: a.timeouts })));
}

function acdFamilies(out: PrometheusText, queues: readonly QueueStats[], states: readonly AgentState[]): void {
  const perQueue = (value: (q: QueueStats) => number): Sample[] => queues.map((q) => ({ labels: { queue: q.queueId }, value: value(q) }));
  out.gauge('hotline_queue_waiting', 'Callers waiting in the queue (callbacks apart)', perQueue((q) => q.waiting));
  out.gauge('hotline_queue_longest_wait_seconds', 'Longest current wait in the queue', perQueue((q) => q.longestWaitSeconds));
  out.gauge('hotline_queue_callbacks_waiting', 'Callbacks waiting in the queue', perQueue((q) => q.callbacksWaiting));
  // The ACD counts per China day: these start again at midnight, which rate() reads as a counter reset.
  out.counter('hotline_queue_offered_total', 'Calls offered to the queue since the China day began', perQueue((q) => q.counters.offered));
  out.counter('hotline_queue_answered_total', 'Calls answered in the queue since the China day began', perQueue((q) => q.counters.answered));
  out.counter('hotline_queue_abandoned_total', 'Callers who hung up waiting in the queue since the China day began', perQueue((q) => q.counters.abandoned));
  out.gauge('hotline_agents', "Agents by ACD state, as this server sees them", AGENT_STATES.map((state) => ({ labels: { state }, value: states.filter((s) => s === state).length })));
}

async function streamFamilies(out: PrometheusText, read: () => Promise<readonly StreamFigures[]>): Promise<void> {
  let streams: readonly StreamFigures[] | null;
  try {
    streams = await read();
  } catch {
    // Redis away or slow: the scrape still answers, saying the streams could not be read.
    streams = null;
  }
  out.gauge('hotline_cluster_streams_readable', '1 when the shared streams could be read from Redis at this scrape, else 0', [{ value: streams ? 1 : 0 }]);
  const groups = (streams ?? []).flatMap((s) => s.groups.map((g) => ({ stream: s.stream, ...g })));
  out.gauge('hotline_stream_length', 'Entries in the shared stream (trimmed to about its cap)', (streams ?? []).map((s) => ({ labels: { stream: s.stream }, value: s.length })));
  out.gauge('hotline_stream_lag', 'Entries of the stream not yet handed to the group (Redis 7 lag)', groups.filter((g) => g.lag !== null).map((g) => ({ labels: { stream: g.stream, group: g.group }, value: g.lag ?? 0 })));
  out.gauge('hotline_stream_pending', 'Entries handed to a consumer of the group and not acknowledged yet', groups.map((g) => ({ labels: { stream: g.stream, group: g.group }, value: g.pending })));
}
