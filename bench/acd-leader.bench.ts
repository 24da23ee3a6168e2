// The ACD across servers: a call worker's event → the leader's decision back at the worker, through
// Redis streams, beside the same ACD in the worker's own process (the single box) in the same run.
//
//   npx tsx bench/acd-leader.bench.ts [seconds] [calls per second]
//
// 200 agents signed in; calls arrive at a steady rate (default 50/s, with six events each about
// 300 log entries a second: the sizing's figure for a city centre); each is offered, rings, is
// answered, talks 2 s, ends and its ticket is filed, all told by the worker as it happens. Timed:
// from the moment the worker tells "queued" to the moment it holds the offer, and an agent's request
// ("ticket filed") from asking to the ACD's answer. The server's own ACD port is used on both sides:
// the in-process ACD of a single box, and the cluster's ACD seen from a worker. The leader saves its
// checkpoint every second during the run, as in production. Redis is Debian's, started here on
// loopback (AOF off: the bench measures the path, not the disk).
import type { AgentProfile } from '../src/domain/acd/acd-config.js';
import { DEFAULT_SETTINGS } from '../src/domain/acd/acd-config.js';
import { AcdEngine } from '../src/domain/acd/acd-engine.js';
import type { AcdCommand, AcdEvent } from '../src/domain/acd/acd-protocol.js';
import { AcdLeader } from '../src/app/cluster/acd-leader.js';
import { AcdService } from '../src/app/acd-service.js';
import { RemoteAcd } from '../src/app/cluster/remote-acd.js';
import type { Acd } from '../src/app/ports/acd.js';
import { NodeTimers } from '../src/adapters/clock/node-timers.js';
import { openRedis, type RedisConnection } from '../src/adapters/redis/open-redis.js';
import { RedisAcdViews } from '../src/adapters/redis/redis-acd-views.js';
import { RedisCheckpoints } from '../src/adapters/redis/redis-checkpoints.js';
import { RedisLeases } from '../src/adapters/redis/redis-leases.js';
import { RedisStreams } from '../src/adapters/redis/redis-streams.js';
import { createLogger } from '../src/logging/logger.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { summarize, table } from './stats.js';

const SECONDS = Number(process.argv[2] ?? 20);
const RATE = Number(process.argv[3] ?? 50);
const TALK_MS = 2_000;
const AGENTS = 200;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger('warn');
const config = {
  settings: DEFAULT_SETTINGS,
  queues: [{ id: 'general', name: 'general', priorityClass: 'general', skills: ['general'], serviceLevelSeconds: 15, secondChoice: null, overflow: null, maxLength: 100_000, announceEverySeconds: 0, musicOnHold: 'default', wrapUpSeconds: 0, wrapUpEndsOnTicket: true, ringTimeoutSeconds: 20, shortAbandonSeconds: 5, callback: null }],
};
const agents: AgentProfile[] = Array.from({ length: AGENTS }, (_, i) => ({ id: `a${i}`, name: `a${i}`, phone: `p${i}`, skills: { general: 3 }, queues: null }));

/** One worker's traffic against an ACD; `carryOut` is called as its decisions arrive. */
class Traffic {
  readonly latencies: number[] = [];
  readonly answers: number[] = [];
  refused = 0;
  private readonly queuedAt = new Map<string, number>();
  private readonly ends: Promise<void>[] = [];

  constructor(private readonly acd: Acd) {
    acd.attach((command) => this.carryOut(command));
  }

  private tell(event: AcdEvent): void {
    this.acd.tell(event);
  }

  async run(label: string): Promise<void> {
    for (const agent of agents) if ((await this.acd.login(agent.id)) !== null) this.refused += 1;
    const start = performance.now();
    const total = SECONDS * RATE;
    for (let n = 0; n < total; n += 1) {
      const due = start + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const callId = `${label}-${n}`;
      this.queuedAt.set(callId, performance.now());
      this.tell({ type: 'CallQueued', callId, queueId: 'general', at: Date.now() });
    }
    await sleep(TALK_MS + 2_000);
    await Promise.all(this.ends);
  }

  carryOut(command: AcdCommand): void {
    if (command.type !== 'OfferCall') return;
    const queuedAt = this.queuedAt.get(command.callId);
    if (queuedAt === undefined) return;
    this.queuedAt.delete(command.callId);
    this.latencies.push(performance.now() - queuedAt);
    const { callId, agentId } = command;
    this.ends.push(this.serve(callId, agentId));
  }

  private async serve(callId: string, agentId: string): Promise<void> {
    this.tell({ type: 'OfferRinging', callId, agentId, at: Date.now() });
    this.tell({ type: 'AgentAnswered', callId, agentId, at: Date.now() });
    await sleep(TALK_MS);
    this.tell({ type: 'CallEnded', callId, at: Date.now() });
    const asked = performance.now();
    if ((await this.acd.ticketFiled(agentId, callId)) !== null) this.refused += 1;
    this.answers.push(performance.now() - asked);
  }

  get unanswered(): number {
    return this.queuedAt.size;
  }
}

async function inProcess(): Promise<Traffic> {
  const timers = new NodeTimers();
  const acd = new AcdService(new AcdEngine(config, agents), new Map(agents.map((a) => [a.id, a])), logger, timers);
  const traffic = new Traffic(acd);
  await traffic.run('local');
  acd.stop();
  return traffic;
}

async function throughRedis(url: string, connections: RedisConnection[]): Promise<Traffic> {
  const open = async (): Promise<RedisConnection> => {
    const made = await openRedis({ url, commandTimeoutMs: 2_000 });
    connections.push(made);
    return made;
  };
  const timers = new NodeTimers();
  const main = await open();
  const leader = new AcdLeader({
    leases: new RedisLeases(await open(), url), streams: new RedisStreams(main, await open(), url), checkpoints: new RedisCheckpoints(main, url),
    timers, now: () => Date.now(), sleep, logger, owner: 'leader-1', lease: { ttlMs: 3_000, renewEveryMs: 1_000, marginMs: 500 },
    engine: (saved) => (saved ? AcdEngine.restore(config, agents, saved) : { engine: new AcdEngine(config, agents), commands: [] }),
    settings: { consumer: { blockMs: 1_000 } },
  });
  leader.start();
  while (leader.epoch === null) await sleep(20);
  const reader = async (): Promise<RedisStreams> => new RedisStreams(main, await open(), url);
  const acd = new RemoteAcd({
    streams: new RedisStreams(main, main, url), readers: { commands: await reader(), replies: await reader(), agents: await reader() }, views: new RedisAcdViews(main, url),
    node: 'worker-1', pbx: 'pbx-1', agents: new Map(agents.map((a) => [a.id, a])), queueIds: new Set(['general']), timers, now: () => Date.now(), sleep, logger,
  });
  acd.start();
  acd.runPbx();
  const traffic = new Traffic(acd);
  await traffic.run('redis');
  await acd.close();
  await leader.stop();
  timers.cancelAll();
  return traffic;
}

const redis = await startRedis();
const connections: RedisConnection[] = [];
try {
  const local = await inProcess();
  const remote = await throughRedis(redis.url, connections);
  console.log(`${SECONDS} s at ${RATE} calls/s, ${AGENTS} agents, talk ${TALK_MS / 1000} s; ms from "queued" told to the offer held by the worker\n`);
  console.log(table('queued → offer held by the worker (ms)', { 'in the worker (single box)': summarize(local.latencies), 'leader over Redis streams': summarize(remote.latencies) }));
  console.log(table('an agent\'s request ("ticket filed") → the ACD\'s answer (ms)', { 'in the worker (single box)': summarize(local.answers), 'leader over Redis streams': summarize(remote.answers) }));
  console.log(`\nunanswered at the end: in the worker ${local.unanswered}, over Redis ${remote.unanswered}; requests refused: ${local.refused}, ${remote.refused}`);
} finally {
  // The lease's release goes out after stop() returns.
  await sleep(200);
  for (const made of connections) made.destroy();
  await redis.stop();
}
