// A year of orders for the analysis benchmark, written by the database itself in SQL (SQLite and
// PostgreSQL alike): calls offered and placed, answered within and after 15 s, abandoned, callbacks,
// IVR-only calls, orders over the taxonomy's subcategories, 40 areas and the dispatch rules' units,
// replies on time and late, ratings. Choices are integer hashes of the row number, so both databases
// hold the same rows; the day's curve is not shaped (the sums cost the same whatever the counts are).

export const DAY = 86_400_000;
export const END = Date.UTC(2026, 10, 30, 16, 0, 0); // 2026-12-01 00:00 China time
export const START = END - 365 * DAY;

export const AREAS = Array.from({ length: 40 }, (_, i) => `${['东城', '西城', '南湖', '北苑', '青山', '滨江', '新区', '古城'][i % 8]}${i < 8 ? '街道' : `${Math.floor(i / 8)}社区`}`);

/** Lookup tables the rows pick from by `i % count`. */
export function lookupSql(codes: readonly string[], units: readonly string[]): string[] {
  const values = (items: readonly string[]) => items.map((item, n) => `(${n}, '${item}')`).join(', ');
  return [
    'create table bench_codes (n integer primary key, v text not null)',
    `insert into bench_codes values ${values(codes)}`,
    'create table bench_areas (n integer primary key, v text not null)',
    `insert into bench_areas values ${values(AREAS)}`,
    'create table bench_units (n integer primary key, v text not null)',
    `insert into bench_units values ${values(units)}`,
  ];
}

/**
 * Rows [from, to) of `total`, as two statements (calls, then tickets). `series` is the dialect's list
 * of row numbers as `(select … as i)`.
 */
export function batchSql(series: string, total: number, counts: { codes: number; units: number }, jsonb: boolean): string[] {
  const json = (text: string) => (jsonb ? `'${text}'::jsonb` : `'${text}'`);
  const rows = `select i, ${START} + (i * ${365 * DAY} / ${total}) + (i * 7919) % 60000 as at, (i * 2654435761) % 100 as roll, (i * 40503) % 97 as roll2, (i * 31) % 40000 as wait from ${series} as s`;
  const calls = `insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, ended_at, ended_by, ivr_path, updated_at)
    select 'bench-' || i, 'bench-' || i, '1380000' || (i % 10000), '12345', 'ended', at, at + 120000, 'caller', ${json('[]')}, at from (${rows}) as r`;
  const answered = 'roll < 88 and i % 20 <> 7';
  const tickets = `insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at, ring_ms, ivr_ms, wait_ms, talk_ms, total_ms,
      queue, agent_id, agent_answered_at, ended_by, ivr_path, created_at, updated_at, request_type, category_code, area, main_unit, reply_by, handled_at, satisfaction)
    select 'B' || i, 'bench-' || i, 'phone', 'closed', '1380000' || (i % 10000), case when i % 50 = 11 then 'outbound' else '12345' end, at, at + 120000, 500, 6000,
      wait, case when ${answered} then 100000 else 0 end, 120000,
      case when i % 20 = 7 then null else 'general' end, case when ${answered} then 'a' || (i % 300) else null end, case when ${answered} then at + 6000 + wait else null end,
      'caller', case when i % 100 = 5 then ${json('[{"outcome":"callback-requested"}]')} else ${json('[]')} end, at + 120500, at + 120500,
      case when ${answered} or i % 20 = 7 then (case i % 6 when 0 then 'consultation' when 1 then 'help' when 2 then 'complaint' when 3 then 'report' when 4 then 'suggestion' else 'praise' end) else null end,
      (select v from bench_codes where n = (i * 13) % ${counts.codes}), case when i % 25 = 3 then null else (select v from bench_areas where n = (i * 7) % 40) end,
      (select v from bench_units where n = (i * 17) % ${counts.units}), at + ${4 * DAY},
      case when roll2 < 85 then at + (roll2 % 6) * ${DAY} else null end,
      case when i % 3 = 0 then (case (i / 3) % 10 when 0 then 'dissatisfied' when 1 then 'basically_satisfied' when 2 then 'basically-satisfied' else 'satisfied' end) else null end
    from (${rows}) as r`;
  return [calls, tickets];
}
