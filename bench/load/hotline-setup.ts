// The hotline's side of a load run: its database before the server starts (agents' tokens and a
// caller history for every pop to read), its agents' desktops (a process of their own, one
// Socket.IO client per agent; part of the hotline's own system, since the product's agents work
// from them, and absent from the baseline, which has no desktops to push to), and what the server
// wrote (tickets, recordings) read back after it stopped.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { seedHistory } from '../seed-history.js';
import type { DesktopMessage, PopArrival, SystemPause } from './agent-desktops.js';
import type { CitizenCall } from './call-timelines.js';
import { checkTickets, type TicketCheck, type TicketRow } from './ticket-check.js';
import { wavDurationMs } from './media-check.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Agents' tokens (in the order of `agentIds`), 50,000 past orders of other callers and two for each of `callers`. */
export async function prepareDatabase(dbFile: string, agentIds: readonly string[], callers: readonly string[]): Promise<string[]> {
  const database = openDatabase(dbFile);
  const tokens = new TokenStore(database.db);
  const issued = await Promise.all(agentIds.map(async (id) => (await tokens.issue(id, 'agent', Date.now(), 24 * 3_600_000)).token));
  seedHistory(database.sqlite, Array.from({ length: 20_000 }, (_u, i) => `139${String(i).padStart(8, '0')}`), 50_000, 'past');
  seedHistory(database.sqlite, callers, callers.length * 2, 'mine');
  database.close();
  return issued;
}

/** Connects every agent's desktop (pausing those in `pause`); resolves once all are ready. Pops and the pauses agents never asked for are added to the lists as they come. */
export function startDesktops(url: string, tokensFile: string, pops: PopArrival[], pauses: SystemPause[]): Promise<ChildProcess> {
  const child = fork(path.resolve('bench/load/agent-desktops.ts'), [url, tokensFile], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    child.on('message', (message: DesktopMessage) => {
      if (message.type === 'ready') resolve(child);
      if (message.type === 'error') reject(new Error(`agent desktops: ${message.message}`));
      if (message.type === 'pops') {
        pops.push(...message.pops);
        pauses.push(...message.pauses);
      }
    });
    child.once('exit', (code) => reject(new Error(`agent desktops exited (${code})`)));
  });
}

export async function stopDesktops(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'stop' });
  await Promise.race([exited, sleep(5000)]);
  child.kill('SIGKILL');
}

export interface HotlineRecords {
  readonly tickets: TicketCheck;
  /** Every ticket written in the run, for the check per step and per route (served or shed). */
  readonly ticketRows: readonly TicketRow[];
  /** Conversation recordings by state: measured by the server ('ready') and otherwise. */
  readonly recordings: { readonly ready: number; readonly other: number };
  /** Each call's first conversation recording, its length read from the file, by the call's id. */
  readonly recordingMs: Map<string, number>;
}

export interface RecordingRow {
  readonly callId: string;
  readonly file: string;
  readonly state: string;
}

/** What the hotline wrote since `since`: one ticket per call (checked), and its conversation recordings. */
export function hotlineRecords(dbFile: string, recordingsDir: string, calls: readonly CitizenCall[], since: number): HotlineRecords {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare(`select call_id as callId, caller_number as callerNumber from tickets where created_at >= ?`).all(since) as TicketRow[];
    const recordings = db.prepare(`select call_id as callId, file, state from recordings where created_at >= ? order by created_at`).all(since) as RecordingRow[];
    return { tickets: checkTickets(calls, rows), ticketRows: rows, ...measureRecordings(recordings, () => recordingsDir) };
  } finally {
    db.close();
  }
}

/** Recordings by state, and each call's first one's length read from its file (in the folder `dirOf` says), rows in their order of creation. */
export function measureRecordings<R extends RecordingRow>(recordings: readonly R[], dirOf: (row: R) => string): Pick<HotlineRecords, 'recordings' | 'recordingMs'> {
  const ready = recordings.filter((r) => r.state === 'ready').length;
  const recordingMs = new Map<string, number>();
  for (const row of recordings) {
    const ms = recordingMs.has(row.callId) ? null : wavDurationMs(path.join(dirOf(row), row.file));
    if (ms !== null) recordingMs.set(row.callId, ms);
  }
  return { recordings: { ready, other: recordings.length - ready }, recordingMs };
}

/** The baseline's MixMonitor files, one per call named by its channel's unique id, with their lengths. */
export function baselineRecordings(monitorDir: string): Map<string, number> {
  const lengths = new Map<string, number>();
  if (!fs.existsSync(monitorDir)) return lengths;
  for (const name of fs.readdirSync(monitorDir)) {
    const ms = name.endsWith('.wav') ? wavDurationMs(path.join(monitorDir, name)) : null;
    if (ms !== null) lengths.set(name.slice(0, -'.wav'.length), ms);
  }
  return lengths;
}
