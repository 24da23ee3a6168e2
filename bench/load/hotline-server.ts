// The hotline's server in a load run: started with the run's files, its database and its agents'
// desktops connected, and stopped once the calls' last records are in. Calls the dialplan answered
// without it (overload protection's shed) get their ticket from Asterisk's records, which the
// server reads every few seconds: the run waits for those before it stops the server, so a ticket
// not yet read is not counted lost.
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { PopArrival, SystemPause } from './agent-desktops.js';
import { benchNumber, HOLD_AGENT_ID } from './bench-files.js';
import type { CitizenCall } from './call-timelines.js';
import { hasShed, startHotline, ticketsOpened, type HotlineProcess } from './hotline-process.js';
import { prepareDatabase, startDesktops, stopDesktops } from './hotline-setup.js';
import { routeOf } from './load-protection.js';
import type { RunContext } from './load-types.js';

export interface HotlineServer {
  readonly hotline: HotlineProcess;
  readonly desktops: ChildProcess;
  readonly dbFile: string;
  readonly logFile: string;
  readonly pops: PopArrival[];
  /** Agents paused by the system (ring-no-answer, a phone lost), never by themselves. */
  readonly pauses: SystemPause[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The server and its desktops; `pids` is told their process ids as they start. */
export async function startHotlineServer(c: RunContext, work: string, pids: Record<string, number[]>): Promise<HotlineServer> {
  const dbFile = path.join(work, 'hotline.db');
  const logFile = path.join(work, 'hotline-server.log');
  const callers = c.o.rates.flatMap((rate, i) => Array.from({ length: Math.round(rate * c.o.stepSeconds) }, (_u, seq) => benchNumber('hotline', i + 1, seq)));
  const tokens = await prepareDatabase(dbFile, c.ids, callers);
  const f = c.files;
  const hotline = await startHotline(
    {
      ...c.env, HOTLINE_DB_FILE: dbFile, HOTLINE_AGENTS_FILE: f.agentsFile, HOTLINE_USERS_FILE: f.usersFile, HOTLINE_QUEUES_FILE: f.queuesFile, HOTLINE_AGENT_PHONES: 'pjsip', HOTLINE_AUTO_LOGIN: 'all',
      HOTLINE_LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info',
      // Asterisk's records outlive it in the instance's folder: calls of an earlier run (the same
      // callers' numbers) must not get tickets in this run's database.
      HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES: '0',
      ...c.o.serverEnv,
    },
    logFile,
    c.ports.http,
    c.o.profileDir,
  );
  pids.server = [hotline.pid];
  const tokensFile = path.join(work, 'tokens.json');
  fs.writeFileSync(tokensFile, JSON.stringify({ tokens, pause: [tokens[c.ids.indexOf(HOLD_AGENT_ID)]] }));
  const pops: PopArrival[] = [];
  const pauses: SystemPause[] = [];
  const desktops = await startDesktops(hotline.url, tokensFile, pops, pauses);
  pids.desktops = desktops.pid ? [desktops.pid] : [];
  c.log(`hotline server up (pid ${hotline.pid}), ${tokens.length} agent desktops connected (agent ${HOLD_AGENT_ID} paused: the line's)`);
  await sleep(3000); // the agents' phones are found reachable through AMI
  return { hotline, desktops, dbFile, logFile, pops, pauses };
}

export async function stopHotlineServer(server: HotlineServer, pids: Record<string, number[]>): Promise<void> {
  await sleep(3000); // the last recordings are measured once Asterisk has closed them
  await stopDesktops(server.desktops);
  await server.hotline.stop();
  pids.server = [];
  pids.desktops = [];
}

/** For a test that forces shedding through the admission settings: the ramp starts only once it sheds. */
export async function awaitShed(server: HotlineServer, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!hasShed(fs.readFileSync(server.logFile, 'utf8'))) {
    if (Date.now() > deadline) throw new Error(`the hotline server did not shed new callers within ${seconds} s; see ${server.logFile}`);
    await sleep(250);
  }
  await sleep(1000); // Asterisk is told within the same tick; a second covers the request
}

/** Waits (at most `seconds`) until every shed call that ended has its ticket in the server's log. */
export async function awaitShedTickets(server: HotlineServer, calls: readonly CitizenCall[], seconds: number): Promise<void> {
  const due = calls.filter((call) => routeOf(call) === 'shed' && call.destroyedAt !== null).map((call) => call.channelId);
  const deadline = Date.now() + seconds * 1000;
  while (due.length > 0 && Date.now() < deadline) {
    const written = new Set(ticketsOpened(fs.readFileSync(server.logFile, 'utf8')).map((t) => t.callId));
    if (due.every((id) => written.has(id))) return;
    await sleep(500);
  }
}
