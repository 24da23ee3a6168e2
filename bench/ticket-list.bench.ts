// Ticket list queries with filters on 1,000,000 tickets (issue 6: p99 ≤ 50 ms; issue 23: two-character text over a year too).
//
//   npx tsx bench/ticket-list.bench.ts [rounds]
//
// A year of a large city line: 1,000,000 tickets (and their calls) over 365 days, 300 agents,
// 200,000 callers, the taxonomy's subcategories, realistic status and warning mixes and Chinese
// descriptions. The database is built once (about a minute) and kept in the temp folder, keyed by
// the migrations, so later runs start at once. Each round runs every query shape the ticket screens
// and the supervisor use, through the same store and filter code the API uses; the baseline, in the
// same run, is a primary-key lookup of one ticket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDatabase } from '../src/adapters/db/open-database.js';
import type { TicketFilter } from '../src/adapters/db/ticket-query.js';
import { TicketStore } from '../src/adapters/db/ticket-store.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { summarize, table, type Summary } from './stats.js';
import { twoCharacterShapes } from './two-character-shapes.js';

const ROUNDS = Number(process.argv[2] ?? 200);
const TICKETS = 1_000_000;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 24, 0, 0, 0);
const START = END - 365 * DAY;

let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
function weighted<T extends string>(pairs: readonly (readonly [T, number])[]): T {
  let r = rand();
  for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
  return (pairs.at(-1) as readonly [T, number])[0];
}

const STATUSES = [['closed', 0.7], ['missed', 0.1], ['replied', 0.08], ['in-progress', 0.05], ['dispatched', 0.04], ['accepted', 0.03]] as const;
const TYPES = [['consultation', 0.45], ['help', 0.2], ['complaint', 0.2], ['report', 0.05], ['suggestion', 0.07], ['praise', 0.03]] as const;
const WARNINGS = [['red', 0.01], ['yellow', 0.02], ['green', 0.005], ['none', 0.965]] as const;
const PLACES = ['幸福小区', '阳光花园', '南湖新村', '东城大厦', '西城商业街', '青山镇中心', '滨江路', '人民广场'];
// Two words far rarer than the rest, for the two-character searches: about 1 order in 5,500 and 1 in 550.
const RARE_PROBLEM = '社保卡丢失';
const SCARCE_PROBLEM = '医保报销慢';
const PROBLEMS = ['屋顶漏水', '电梯故障', '停车难', '施工扰民', '物业不作为', '飞线充电', '拖欠工资', '噪音扰民', '路灯不亮', '违章搭建', '垃圾清运不及时', '停水'];

function databaseFile(): string {
  const migrations = fs.readdirSync('drizzle').filter((name) => name.endsWith('.sql')).length;
  return path.join(os.tmpdir(), `hotline-bench-tickets-1m-m${migrations}.db`);
}

function build(file: string): void {
  const started = Date.now();
  const partial = `${file}.building`;
  fs.rmSync(partial, { force: true });
  const { sqlite, close } = openDatabase(partial);
  // Only while building the fixture: the benchmark itself runs with the production settings.
  sqlite.pragma('synchronous = OFF');
  const codes = [...loadCategories('fixtures/categories.yaml').byCode.keys()];
  const insertCall = sqlite.prepare(`insert into calls (id, channel_id, caller_number, dialed_number, state, started_at, ended_at, ended_by, ivr_path, updated_at)
    values (?, ?, ?, '12345', 'ended', ?, ?, 'caller', '[]', ?)`);
  const insertTicket = sqlite.prepare(`insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at,
    ring_ms, ivr_ms, wait_ms, talk_ms, total_ms, queue, agent_id, agent_answered_at, ended_by, ivr_path, created_at, updated_at, request_type, category_code,
    title, description, location, area, urgency, warning, due_at, missed_in)
    values (?, ?, 'phone', ?, ?, '12345', ?, ?, 500, 6000, ?, ?, ?, 'general', ?, ?, 'caller', '[]', ?, ?, ?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?)`);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const at = START + Math.floor((i / TICKETS) * 365 * DAY) + Math.floor(rand() * 60_000);
      const id = `bench-${i}`;
      const status = weighted(STATUSES);
      const missed = status === 'missed';
      const picked = pick(PROBLEMS);
      const problem = i % 5000 === 0 ? RARE_PROBLEM : i % 500 === 250 ? SCARCE_PROBLEM : picked;
      const place = pick(PLACES);
      const warning = weighted(WARNINGS);
      const day = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
      insertCall.run(id, id, `13${String(Math.floor(rand() * 200_000)).padStart(9, '0')}`, at, at + 120_000, at);
      insertTicket.run(
        `${day}-${String(i % 1_000_000).padStart(6, '0')}`, id, status, `13${String(Math.floor(rand() * 200_000)).padStart(9, '0')}`, at, at + 120_000,
        missed ? 40_000 : 9_000, missed ? 0 : 100_000, 120_000, missed ? null : `a${String(Math.floor(rand() * 300)).padStart(3, '0')}`, missed ? null : at + 15_000,
        at + 120_500, at + 120_500, missed ? null : weighted(TYPES), missed ? null : pick(codes), missed ? null : problem,
        missed ? null : `${place}${problem}，已持续${1 + Math.floor(rand() * 10)}天，希望尽快处理`, missed ? null : `${place}${1 + Math.floor(rand() * 30)}栋`,
        missed ? null : place, warning === 'none' ? null : warning, missed ? null : at + 4 * DAY, missed ? 'queue' : null,
      );
    }
  });
  for (let from = 0; from < TICKETS; from += 50_000) {
    batch(from, Math.min(TICKETS, from + 50_000));
    process.stdout.write(`\rbuilding ${Math.min(TICKETS, from + 50_000)} tickets`);
  }
  sqlite.exec('analyze');
  close();
  fs.renameSync(partial, file);
  console.log(`\rbuilt ${TICKETS} tickets in ${Math.round((Date.now() - started) / 1000)} s: ${file}`);
}

function open(): OpenDatabase {
  const file = databaseFile();
  if (!fs.existsSync(file)) build(file);
  return openDatabase(file);
}

const database = open();
const store = new TicketStore(database.db);
const byId = database.sqlite.prepare('select * from tickets where id = ?');
const month = END - 30 * DAY;
const week = END - 7 * DAY;
const someCaller = (database.sqlite.prepare('select caller_number as n from tickets where id = 777777').get() as { n: string }).n;
const redCursor = (await store.list({ warning: 'red', limit: 50 * 20 }))?.nextCursor ?? undefined;
const parkingCursor = (await store.list({ text: '停车', limit: 50 * 20 }))?.nextCursor ?? undefined;
const rareCursor = (await store.list({ text: '社保', limit: 50 * 2 }))?.nextCursor ?? undefined;
const scarceCursor = (await store.list({ text: '医保', limit: 50 * 20 }))?.nextCursor ?? undefined;

const shapes: Record<string, () => TicketFilter> = {
  'newest page, no filter': () => ({ limit: 50 }),
  'status dispatched, last 30 days': () => ({ statuses: ['dispatched'], from: month, to: END, limit: 50 }),
  'one agent, last 30 days': () => ({ agentId: `a${String(Math.floor(rand() * 300)).padStart(3, '0')}`, from: month, to: END, limit: 50 }),
  "one caller's history": () => ({ callerNumber: someCaller, limit: 50 }),
  'major category 02, last 7 days': () => ({ category: '02', from: week, to: END, limit: 50 }),
  'red warnings': () => ({ warning: 'red', limit: 50 }),
  'red warnings, page 21 (cursor)': () => ({ warning: 'red', limit: 50, ...(redCursor ? { cursor: redCursor } : {}) }),
  'open complaints (2 statuses + type), last 30 days': () => ({ statuses: ['dispatched', 'in-progress'], requestType: 'complaint', from: month, to: END, limit: 50 }),
  'text 漏水, last 7 days': () => ({ text: '漏水', from: week, to: END, limit: 50 }),
  'text 幸福小区电梯, no time range': () => ({ text: '幸福小区电梯', limit: 50 }),
  'text 幸福小区 (1 ticket in 8), no time range': () => ({ text: '幸福小区', limit: 50 }),
  // Without the trigram index this read every row of the year (340 ms measured).
  'text with no match, no time range': () => ({ text: '核酸检测', limit: 50 }),
  // Two characters: the index of character pairs, over any range (issue 23).
  'text of 2 characters with no match, last 31 days': () => ({ text: '核酸', from: END - 31 * DAY, to: END, limit: 50 }),
  ...twoCharacterShapes({ parking: parkingCursor, rare: rareCursor, scarce: scarceCursor }),
  // One character: no index; the API requires a range of at most 31 days.
  'text of 1 character with no match, last 31 days': () => ({ text: '核', from: END - 31 * DAY, to: END, limit: 50 }),
};

const samples: Record<string, number[]> = { 'baseline: one ticket by primary key': [] };
for (const name of Object.keys(shapes)) samples[name] = [];
for (let round = -5; round < ROUNDS; round += 1) {
  for (const [name, shape] of Object.entries(shapes)) {
    const filter = shape();
    const t = performance.now();
    const page = await store.list(filter);
    const ms = performance.now() - t;
    if (!page) throw new Error(`bad cursor in ${name}`);
    if (round >= 0) samples[name]?.push(ms);
  }
  const t = performance.now();
  byId.get(1 + Math.floor(rand() * TICKETS));
  if (round >= 0) samples['baseline: one ticket by primary key']?.push(performance.now() - t);
}
database.close();
const rows: Record<string, Summary> = {};
for (const [name, values] of Object.entries(samples)) rows[name] = summarize(values);
console.log(table(`Ticket list on ${TICKETS.toLocaleString('en')} tickets, ${ROUNDS} rounds (ms; target p99 ≤ 50)`, rows));
