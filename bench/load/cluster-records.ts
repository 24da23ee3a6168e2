// What the cluster wrote in PostgreSQL for a load run's calls, read before the cluster stops: the
// tickets (one per call, checked by caller number as the single box's are), the conversation
// recordings (each measured from its file in the folder of the box the call came into), and each
// queued call's queue entry, first offer to an agent and agent answer for the answer-order count.
import pg from 'pg';
import { DIALPLAN_FALLBACK_QUEUE } from '../../src/domain/calls/dialplan-call.js';
import type { QueuedCall } from './answer-order.js';
import type { CitizenCall } from './call-timelines.js';
import { measureRecordings, type HotlineRecords, type RecordingRow } from './hotline-setup.js';
import { checkTickets, type TicketRow } from './ticket-check.js';

export interface ClusterRecords extends HotlineRecords {
  readonly queued: readonly QueuedCall[];
}

interface TicketRecord {
  readonly call_id: string;
  readonly caller_number: string;
  readonly pbx: string | null;
  readonly queue: string | null;
  readonly elderly: boolean;
  readonly call_answered_at: string | null;
  readonly ivr_ms: string;
  readonly agent_answered_at: string | null;
  readonly agent_id: string | null;
  /** The first `offered` step of the ticket's IVR path, ms; null when there is none. */
  readonly offered_at: number | null;
  /** The path holds the dialplan's `dialplan-shed` step: overload protection answered the caller. */
  readonly shed: boolean;
}

/**
 * The call machine writes an `offered` outcome step, at the time the ACD's offer reached the caller's
 * worker, each time it rings an agent for the call (src/domain/calls/call-queue.ts offerTo); the
 * first is the ACD's decision for the waiting caller (later ones are re-offers or transfers). A shed
 * caller's ticket is written from the dialplan's mark (src/domain/calls/dialplan-call.ts): its path
 * says `dialplan-shed` and its queue is the dialplan's fallback queue.
 */
const TICKETS = `SELECT t.call_id, t.caller_number, c.pbx, t.queue, t.elderly, t.call_answered_at, t.ivr_ms, t.agent_answered_at, t.agent_id,
    (SELECT min((s->>'at')::float8) FROM jsonb_array_elements(t.ivr_path) s WHERE s->>'kind' = 'outcome' AND s->>'outcome' = 'offered') AS offered_at,
    t.ivr_path @> '[{"kind": "outcome", "outcome": "dialplan-shed"}]'::jsonb AS shed
  FROM tickets t JOIN calls c ON c.id = t.call_id WHERE t.caller_number = ANY($1)`;
const RECORDINGS = `SELECT r.call_id AS "callId", r.file, r.state, c.pbx FROM recordings r JOIN calls c ON c.id = r.call_id
  WHERE c.caller_number = ANY($1) ORDER BY r.created_at`;

/** A ticket's call as the answer-order count needs it; null when it never reached a queue. */
function queuedCall(row: TicketRecord, agentPbx: (agentId: string) => string | null): QueuedCall | null {
  if (row.call_answered_at === null || row.queue === null || row.pbx === null) return null;
  return {
    callId: row.call_id,
    pbx: row.pbx,
    queue: row.queue,
    priority: row.elderly ? 'elderly' : 'normal',
    // The ticket builder counts the IVR from Asterisk's answer to the queue entry.
    queuedAt: Number(row.call_answered_at) + Number(row.ivr_ms),
    // Every caller the dialplan answered itself waits in its fallback queue, which the ACD never orders.
    queuedBy: row.shed || row.queue === DIALPLAN_FALLBACK_QUEUE ? 'dialplan' : 'acd',
    offeredAt: row.offered_at === null ? null : Number(row.offered_at),
    answeredAt: row.agent_answered_at === null ? null : Number(row.agent_answered_at),
    agentPbx: row.agent_id === null ? null : agentPbx(row.agent_id),
  };
}

/** Waits (at most `seconds`) until every ended call has its ticket. */
export async function awaitClusterTickets(databaseUrl: string, calls: readonly CitizenCall[], seconds: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const due = calls.filter((call) => call.destroyedAt !== null).map((call) => call.number);
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: string }>('SELECT count(DISTINCT caller_number) AS n FROM tickets WHERE caller_number = ANY($1)', [due]);
      if (Number(rows[0]?.n ?? 0) >= due.length) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await client.end();
  }
}

export async function clusterRecords(databaseUrl: string, calls: readonly CitizenCall[], recordingsDirOf: (pbx: string) => string, agentPbx: (agentId: string) => string | null): Promise<ClusterRecords> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const numbers = calls.map((call) => call.number);
    const tickets = (await client.query<TicketRecord>(TICKETS, [numbers])).rows;
    const recordings = (await client.query<RecordingRow & { pbx: string | null }>(RECORDINGS, [numbers])).rows;
    const ticketRows: TicketRow[] = tickets.map((row) => ({ callId: row.call_id, callerNumber: row.caller_number }));
    return {
      tickets: checkTickets(calls, ticketRows),
      ticketRows,
      ...measureRecordings(recordings, (row) => recordingsDirOf(row.pbx ?? '')),
      queued: tickets.flatMap((row) => queuedCall(row, agentPbx) ?? []),
    };
  } finally {
    await client.end();
  }
}
