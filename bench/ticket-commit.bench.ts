// Hang-up → ticket committed (issue 6: p99 ≤ 20 ms at 50 hang-ups/s).
//
//   npx tsx bench/ticket-commit.bench.ts [seconds]
//
// A file database with the production settings (WAL, synchronous=FULL) and the real migrations.
// Hang-ups arrive at a steady 50 per second, as on a busy city line's worst minute; each one is
// the whole close: the call row updated, the day's sequence bumped, the ticket, its 'created'
// history event and its recording row written in one IMMEDIATE transaction, fsynced. The baseline,
// in the same run and the same database settings, commits one bare row per hang-up: what the disk's
// fsync alone costs. Then the same on PostgreSQL (Debian's server, started here on loopback with
// fsync and synchronous commits on, as in production), beside its own bare-row baseline, when its
// binaries are installed. It also prints the CPU time per hang-up of the SQLite close and its baseline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CallStore } from '../src/adapters/db/call-store.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { TicketStore } from '../src/adapters/db/ticket-store.js';
import { openPostgres } from '../src/adapters/pg/open-postgres.js';
import { PgCallStore } from '../src/adapters/pg/pg-call-store.js';
import { PgTicketStore } from '../src/adapters/pg/pg-ticket-store.js';
import type { CallRecords } from '../src/app/ports/call-records.js';
import type { TicketRecords } from '../src/app/ports/ticket-records.js';
import { startPostgres } from '../test/helpers/postgres-server.js';
import type { CallFacts } from '../src/domain/calls/call-facts.js';
import { summarize, table } from './stats.js';

const SECONDS = Number(process.argv[2] ?? 20);
const RATE = 50;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-ticket-'));
const database = openDatabase(path.join(dir, 'hotline.db'));
const calls = new CallStore(database.db);
const tickets = new TicketStore(database.db);
database.sqlite.exec('create table bench_baseline (id integer primary key, call_id text not null, at integer not null)');
const baselineInsert = database.sqlite.prepare('insert into bench_baseline (call_id, at) values (?, ?)');

function facts(callId: string, t0: number): CallFacts {
  return {
    callId, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0, answeredAt: t0 + 30, endedAt: t0 + 95_000,
    hangupCause: 16, endedBy: 'caller', queue: 'general', queuedAt: t0 + 8_000, agentId: '8001', agentAnsweredAt: t0 + 14_000, conversationEndedAt: t0 + 90_000,
    satisfaction: 'satisfied', holdMs: 0, elderly: false, enterprise: null,
    recordings: [{ name: `call-${callId}`, kind: 'conversation', format: 'wav', startedAt: t0 + 14_100 }],
    ivrPath: [
      { at: t0 + 40, kind: 'node', flow: 'main', node: 'menu' },
      { at: t0 + 50, kind: 'prompt', prompt: 'main_menu', outcome: 'interrupted' },
      { at: t0 + 3_000, kind: 'key', key: '1', label: '政策咨询' },
      { at: t0 + 8_000, kind: 'outcome', outcome: 'queued', detail: 'general' },
    ],
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The process's CPU time (user + system) per item of the last paced run, in ms: the server's cost of a close. */
const cpuPerItem: number[] = [];

async function paced(n: number, work: (i: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const t = performance.now();
    await work(i);
    samples.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuBefore);
  cpuPerItem.push((cpu.user + cpu.system) / 1000 / n);
  return samples;
}

const n = SECONDS * RATE;
const t0 = Date.now();

/** Warm-up, then the calls' start rows (written long before the hang-up: not timed), then the timed closes. */
async function timedCloses(calls: CallRecords, tickets: TicketRecords, prefix: string): Promise<number[]> {
  for (let i = 0; i < 200; i += 1) {
    await calls.start({ id: `${prefix}warm-${i}`, channelId: `warm-${i}`, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0 });
    await tickets.closeCallWithTicket(facts(`${prefix}warm-${i}`, t0), t0 + 95_000);
  }
  for (let i = 0; i < n; i += 1) await calls.start({ id: `${prefix}c-${i}`, channelId: `c-${i}`, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0 });
  return paced(n, async (i) => {
    const result = await tickets.closeCallWithTicket(facts(`${prefix}c-${i}`, t0), Date.now());
    if (!result.created) throw new Error('a ticket was not created');
  });
}

const ticketMs = await timedCloses(calls, tickets, '');
const ticketCpuMs = cpuPerItem.at(-1) ?? NaN;
const baselineMs = await paced(n, (i) => baselineInsert.run(`c-${i}`, Date.now()));
const baselineCpuMs = cpuPerItem.at(-1) ?? NaN;
const written = (database.sqlite.prepare("select count(*) as n from tickets where call_id like 'c-%'").get() as { n: number }).n;
database.close();
fs.rmSync(dir, { recursive: true, force: true });
if (written !== n) throw new Error(`expected ${n} tickets, found ${written}`);

const rows: Record<string, ReturnType<typeof summarize>> = {
  'SQLite: close call + ticket + history + recording row (one fsynced transaction)': summarize(ticketMs),
  'SQLite baseline: one bare row, fsynced': summarize(baselineMs),
};

async function postgresRows(): Promise<void> {
  let server;
  try {
    server = await startPostgres({ durable: true });
  } catch (error) {
    console.log(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const opened = await openPostgres({ url: await server.createDatabase('bench') });
  try {
    await opened.pool.query('create table bench_baseline (id serial primary key, call_id text not null, at bigint not null)');
    const pgTicketMs = await timedCloses(new PgCallStore(opened.db), new PgTicketStore(opened.db), 'pg-');
    const pgBaselineMs = await paced(n, (i) => opened.pool.query('insert into bench_baseline (call_id, at) values ($1, $2)', [`c-${i}`, Date.now()]));
    const count = await opened.pool.query<{ n: string }>("select count(*) as n from tickets where call_id like 'pg-c-%'");
    if (Number(count.rows[0]?.n) !== n) throw new Error(`expected ${n} PostgreSQL tickets, found ${count.rows[0]?.n}`);
    rows['PostgreSQL: the same close (one transaction under the call lock, fsync on)'] = summarize(pgTicketMs);
    rows['PostgreSQL baseline: one bare row, committed'] = summarize(pgBaselineMs);
  } finally {
    await opened.close();
    await server.stop();
  }
}
await postgresRows();

console.log(table(`Hang-up → ticket committed, ${n} hang-ups at ${RATE}/s (ms; target p99 ≤ 20)`, rows));
// The pacing's timers cost the same in both runs; the difference is the close's own work.
console.log(`SQLite CPU per hang-up (this process, user + system): close ${ticketCpuMs.toFixed(3)} ms, bare row ${baselineCpuMs.toFixed(3)} ms`);
