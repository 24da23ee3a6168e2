// Reads tickets straight from the test server's SQLite file, as an auditor would.
import type { TestServer } from './test-server.js';

export interface TicketRowLike {
  number: string;
  callId: string;
  callerNumber: string;
  dialedNumber: string;
  status: string;
  missedIn: string | null;
  endedBy: string;
  hangupCause: number | null;
  callAnsweredAt: number | null;
  callStartedAt: number;
  callEndedAt: number;
  ringMs: number;
  ivrMs: number;
  waitMs: number;
  queue: string | null;
  agentId: string | null;
  satisfaction: string | null;
  recordings: unknown[];
  elderly: number;
  enterpriseName: string | null;
  enterpriseCreditCode: string | null;
  talkMs: number;
  holdMs: number;
  totalMs: number;
  ivrPath: unknown[];
}

export function getTicket(server: TestServer, callId: string): TicketRowLike | undefined {
  const row = server.database.sqlite
    .prepare(
      `select number, call_id as callId, caller_number as callerNumber, dialed_number as dialedNumber, status, missed_in as missedIn, ended_by as endedBy,
        hangup_cause as hangupCause, call_answered_at as callAnsweredAt, call_started_at as callStartedAt, call_ended_at as callEndedAt,
        ring_ms as ringMs, ivr_ms as ivrMs, wait_ms as waitMs, queue, agent_id as agentId, satisfaction, recordings,
        elderly, enterprise_name as enterpriseName, enterprise_credit_code as enterpriseCreditCode,
        talk_ms as talkMs, hold_ms as holdMs, total_ms as totalMs, ivr_path as ivrPath from tickets where call_id = ?`,
    )
    .get(callId) as (Omit<TicketRowLike, 'ivrPath' | 'recordings'> & { ivrPath: string; recordings: string }) | undefined;
  return row ? { ...row, ivrPath: JSON.parse(row.ivrPath) as unknown[], recordings: JSON.parse(row.recordings) as unknown[] } : undefined;
}

export function countTickets(server: TestServer, callId: string): number {
  return (server.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(callId) as { n: number }).n;
}
