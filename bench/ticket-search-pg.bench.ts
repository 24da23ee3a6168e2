// The ticket text search on PostgreSQL with 1,000,000 tickets (issue 23: a two-character word over
// a year, first page p99 ≤ 50 ms), beside bench/ticket-list.bench.ts's SQLite figures.
//
//   npx tsx bench/ticket-search-pg.bench.ts [rounds] [tickets]
//
// A throwaway PostgreSQL server with the real migrations (trigram and pair indexes in place while
// the rows go in, as in production); a year of tickets written by the server itself in batches, with
// the SQLite bench's mix: 12 common problems and 8 places, 1 order in 10 missed (no text), a rare
// word in 1 order of 5,000 and a scarce one in 1 of 500. Each round runs every search shape
// through PgTicketSearch, the code the API uses; the baseline is a primary-key lookup.
import { openPostgres } from '../src/adapters/pg/open-postgres.js';
import { PgTicketSearch } from '../src/adapters/pg/pg-ticket-search.js';
import type { TicketFilter } from '../src/app/ports/ticket-search.js';
import { startPostgres } from '../test/helpers/postgres-server.js';
import { summarize, table, type Summary } from './stats.js';
import { twoCharacterShapes } from './two-character-shapes.js';

const ROUNDS = Number(process.argv[2] ?? 200);
const TICKETS = Number(process.argv[3] ?? 1_000_000);
const BATCH = 100_000;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 24, 0, 0, 0);
const START = END - 365 * DAY;

const PLACES = ['幸福小区', '阳光花园', '南湖新村', '东城大厦', '西城商业街', '青山镇中心', '滨江路', '人民广场'];
const PROBLEMS = ['屋顶漏水', '电梯故障', '停车难', '施工扰民', '物业不作为', '飞线充电', '拖欠工资', '噪音扰民', '路灯不亮', '违章搭建', '垃圾清运不及时', '停水'];
const textArray = (items: readonly string[]): string => `array[${items.map((item) => `'${item}'`).join(', ')}]`;

// One batch of tickets [from, to) and their calls, in SQL: no row crosses the wire.
function batchSql(from: number, to: number): string {
  const rows = `select i, ${START} + (i::bigint * ${365 * DAY} / ${TICKETS}) + (i * 7919) % 60000 as at, i % 10 = 3 as missed,
      case when i % 5000 = 0 then '社保卡丢失' when i % 500 = 250 then '医保报销慢' else (${textArray(PROBLEMS)})[1 + (i * 40503) % 65521 % 12] end as problem,
      (${textArray(PLACES)})[1 + (i * 7919) % 104729 % 8] as place, (i * 2654435761) % 100 as roll
    from generate_series(${from}::bigint, ${to - 1}) as i`;
  return `with rows as (${rows}),
    calls_in as (insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, ended_at, ended_by, ivr_path, updated_at)
      select 'bench-' || i, 'bench-' || i, '13' || lpad(((i * 7919) % 200000)::text, 9, '0'), '12345', 'ended', at, at + 120000, 'caller', '[]'::jsonb, at from rows)
    insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at, ring_ms, ivr_ms, wait_ms, talk_ms, total_ms,
      queue, agent_id, agent_answered_at, ended_by, ivr_path, created_at, updated_at, request_type, category_code, title, description, location, area, urgency, due_at, missed_in)
    select to_char(to_timestamp((at + 28800000) / 1000.0) at time zone 'UTC', 'YYYYMMDD') || '-' || lpad(i::text, 6, '0'), 'bench-' || i,
      'phone', case when missed then 'missed' when roll < 78 then 'closed' when roll < 87 then 'replied' when roll < 93 then 'in-progress' when roll < 97 then 'dispatched' else 'accepted' end,
      '13' || lpad(((i * 104729) % 200000)::text, 9, '0'), '12345', at, at + 120000, 500, 6000, case when missed then 40000 else 9000 end, case when missed then 0 else 100000 end, 120000,
      'general', case when missed then null else 'a' || lpad((i % 300)::text, 3, '0') end, case when missed then null else at + 15000 end, 'caller', '[]'::jsonb, at + 120500, at + 120500,
      case when missed then null else 'consultation' end, case when missed then null else '0301' end, case when missed then null else problem end,
      case when missed then null else place || problem || '，已持续' || (1 + i % 10) || '天，希望尽快处理' end, case when missed then null else place || (1 + i % 30) || '栋' end,
      case when missed then null else place end, 'normal', case when missed then null else at + ${4 * DAY} end, case when missed then 'queue' else null end
    from rows`;
}

const server = await startPostgres();
const opened = await openPostgres({ url: await server.createDatabase('bench'), statementTimeoutMs: 600_000 });
try {
  const started = Date.now();
  for (let from = 0; from < TICKETS; from += BATCH) {
    await opened.pool.query(batchSql(from, Math.min(TICKETS, from + BATCH)));
    process.stdout.write(`\rbuilding ${Math.min(TICKETS, from + BATCH)} tickets`);
  }
  await opened.pool.query('vacuum analyze tickets');
  console.log(`\rbuilt ${TICKETS} tickets in ${Math.round((Date.now() - started) / 1000)} s (indexes in place, fsync off)`);

  // The plan of the pair lookup, to see the GIN index at work (not a seq scan computing pairs).
  const plan = await opened.pool.query<{ 'QUERY PLAN': string }>(
    "explain (analyze, costs off, timing off) select id from tickets where ticket_text_pairs(number, title, description, location) @> array[lower('医保')] limit 2000",
  );
  console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));

  const search = new PgTicketSearch(opened.db);
  const cursorAfter = async (text: string, rows: number): Promise<string | null | undefined> => (await search.list({ text, limit: rows }))?.nextCursor;
  const parkingCursor = await cursorAfter('停车', 50 * 20);
  const rareCursor = await cursorAfter('社保', 50 * 2);
  const scarceCursor = await cursorAfter('医保', 50 * 20);
  const shapes: Record<string, () => TicketFilter> = {
    'newest page, no filter': () => ({ limit: 50 }),
    'text 幸福小区 (1 ticket in 8), no time range': () => ({ text: '幸福小区', limit: 50 }),
    'text with no match, no time range': () => ({ text: '核酸检测', limit: 50 }),
    ...twoCharacterShapes({ parking: parkingCursor, rare: rareCursor, scarce: scarceCursor }),
    'text of 1 character with no match, last 31 days': () => ({ text: '核', from: END - 31 * DAY, to: END, limit: 50 }),
  };
  const samples: Record<string, number[]> = { 'baseline: one ticket by primary key': [] };
  for (const name of Object.keys(shapes)) samples[name] = [];
  for (let round = -5; round < ROUNDS; round += 1) {
    for (const [name, shape] of Object.entries(shapes)) {
      const t = performance.now();
      const page = await search.list(shape());
      if (!page) throw new Error(`bad cursor in ${name}`);
      if (round >= 0) samples[name]?.push(performance.now() - t);
    }
    const t = performance.now();
    await opened.pool.query('select * from tickets where id = $1', [1 + ((round + 5) * 7919) % TICKETS]);
    if (round >= 0) samples['baseline: one ticket by primary key']?.push(performance.now() - t);
  }
  const rows: Record<string, Summary> = {};
  for (const [name, values] of Object.entries(samples)) rows[name] = summarize(values);
  console.log(table(`Ticket search on PostgreSQL, ${TICKETS.toLocaleString('en')} tickets, ${ROUNDS} rounds (ms; target p99 ≤ 50)`, rows));
} finally {
  await opened.close();
  await server.stop();
}
