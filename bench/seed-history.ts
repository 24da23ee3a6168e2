// Past work orders for the benchmarks, so a screen pop reads a real caller history: `count` closed
// tickets over the last 80 days, spread over `callers` in turn (with their call rows); `prefix`
// keeps the ids and numbers of one seeding apart from another's.
import type Database from 'better-sqlite3';

export function seedHistory(sqlite: Database.Database, callers: readonly string[], count: number, prefix = 'h', now = Date.now()): void {
  const insertCall = sqlite.prepare(`insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, ivr_path, updated_at) values (?, ?, ?, '12345', 'ended', ?, '[]', ?)`);
  const insertTicket = sqlite.prepare(`insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at, ring_ms, talk_ms, total_ms, ended_by, ivr_path, created_at, request_type, category_code, title)
    values (?, ?, 'phone', 'closed', ?, '12345', ?, ?, 0, 60000, 60000, 'caller', '[]', ?, 'complaint', '0201', '物业不作为')`);
  const t0 = now - 80 * 86_400_000;
  const step = Math.floor((80 * 86_400_000) / Math.max(1, count));
  sqlite.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const at = t0 + i * step;
      const caller = callers[i % callers.length] as string;
      insertCall.run(`${prefix}-${i}`, `${prefix}-${i}`, caller, at, at);
      insertTicket.run(`${prefix}-${String(i).padStart(6, '0')}`, `${prefix}-${i}`, caller, at, at + 60_000, at + 60_000);
    }
  })();
}
