// Filed orders written straight into a test server's SQLite, with the call facts the analysis reads
// (queue, wait, the agent's answer) and the unit's reply and rating: the figures a test then expects
// the analysis page, the report and its PDF to show. A call without a request type is a call only.
import type Database from 'better-sqlite3';

export interface OrderRow {
  /** When the call started (ms); the order is filed a minute later. */
  readonly at: number;
  /** Null: an abandoned call, no order. */
  readonly categoryCode: string | null;
  readonly area?: string;
  readonly location?: string;
  readonly title?: string;
  readonly mainUnit?: string;
  readonly callerNumber?: string;
  /** How long the caller waited in the queue before an agent answered. */
  readonly waitMs?: number;
  /** The unit replied within its deadline, late, or not yet. */
  readonly reply?: 'on-time' | 'late' | 'none';
  readonly satisfaction?: 'satisfied' | 'dissatisfied' | null;
}

export function insertOrders(sqlite: Database.Database, rows: readonly OrderRow[], prefix: string): void {
  const insertCall = sqlite.prepare(`insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, ivr_path, updated_at) values (?, ?, ?, '12345', 'ended', ?, '[]', ?)`);
  const insertTicket = sqlite.prepare(`insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at, ring_ms, wait_ms, talk_ms, total_ms, ended_by, ivr_path, created_at,
      queue, agent_id, agent_answered_at, missed_in, request_type, category_code, title, area, location, main_unit, reply_by, handled_at, satisfaction)
    values (@number, @callId, 'phone', @status, @caller, '12345', @at, @endedAt, 0, @waitMs, @talkMs, @totalMs, 'caller', '[]', @endedAt,
      'general', @agentId, @answeredAt, @missedIn, @requestType, @categoryCode, @title, @area, @location, @mainUnit, @replyBy, @handledAt, @satisfaction)`);
  sqlite.transaction(() => {
    rows.forEach((row, i) => {
      const callId = `${prefix}-${i}`;
      const filed = row.categoryCode !== null;
      const waitMs = row.waitMs ?? 5_000;
      const endedAt = row.at + waitMs + 60_000;
      const replyBy = endedAt + 4 * 86_400_000;
      const handledAt = !filed || row.reply === 'none' ? null : row.reply === 'late' ? replyBy + 3_600_000 : endedAt + 86_400_000;
      insertCall.run(callId, callId, row.callerNumber ?? '13800000000', row.at, endedAt);
      insertTicket.run({
        number: `${prefix}-${String(i).padStart(6, '0')}`,
        callId,
        status: filed ? (handledAt === null ? 'dispatched' : 'replied') : 'missed',
        caller: row.callerNumber ?? '13800000000',
        at: row.at,
        endedAt,
        waitMs,
        talkMs: filed ? 60_000 : 0,
        totalMs: waitMs + 60_000,
        agentId: filed ? '8001' : null,
        answeredAt: filed ? row.at + waitMs : null,
        missedIn: filed ? null : 'queue',
        requestType: filed ? 'complaint' : null,
        categoryCode: row.categoryCode,
        title: row.title ?? null,
        area: row.area ?? null,
        location: row.location ?? null,
        mainUnit: filed ? (row.mainUnit ?? 'housing-bureau') : null,
        replyBy: filed ? replyBy : null,
        handledAt,
        satisfaction: row.satisfaction ?? null,
      });
    });
  })();
}
