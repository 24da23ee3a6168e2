// Routing decision → screen pop received (issue 7: p99 ≤ 50 ms with 1,000 connected agents; server
// RSS ≤ 300 MB with them connected).
//
//   npx tsx bench/screen-pop.bench.ts [pops]
//
// The real gateway, ACD and ticket store in this process; 1,000 agents connected from a second
// process (bench/pop-clients.ts), each signed in with its own token. Each round a call is queued in
// the ACD with one agent free: the ACD picks that agent, the gateway builds the pop (with the
// caller's 90-day history from a database of 50,000 tickets) and sends it to the agent's room. The
// time runs from the enqueue (the routing decision) to the moment the agent's client has the pop.
// Baseline, same run: a bare Socket.IO emit of a small message to one agent's room. Then the
// fan-out: a pop for every one of the 1,000 agents at once, beside 1,000 bare emits.
import { POP_KNOWLEDGE_WAIT_MS } from '../src/app/pop-articles.js';
import { HelpRequests } from '../src/app/monitoring/help-requests.js';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { TicketStore } from '../src/adapters/db/ticket-store.js';
import { TokenStore } from '../src/adapters/db/token-store.js';
import { AuditStore } from '../src/adapters/db/audit-store.js';
import { agentRoom } from '../src/contract/socket-events.js';
import { AgentGateway } from '../src/adapters/socketio/gateway.js';
import { loadCategories } from '../src/adapters/tickets/category-file.js';
import { AcdService } from '../src/app/acd-service.js';
import { NodeTimers } from '../src/adapters/clock/node-timers.js';
import { AuthService } from '../src/app/auth-service.js';
import { verifyPassword } from '../src/adapters/auth/password-hash.js';
import type { AgentCallEvent } from '../src/domain/calls/call-protocol.js';
import { DEFAULT_SETTINGS, type AgentProfile, type QueueConfig } from '../src/domain/acd/acd-config.js';
import { AcdEngine } from '../src/domain/acd/acd-engine.js';
import type { UserEntry } from '../src/domain/auth/parse-users.js';
import { seedHistory } from './seed-history.js';
import { summarize, table } from './stats.js';

const AGENTS = 1000;
const POPS = Number(process.argv[2] ?? 1000);
const WARMUP = 50;
const now = (): number => performance.timeOrigin + performance.now();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-pop-'));
const database = openDatabase(path.join(dir, 'hotline.db'));
const tickets = new TicketStore(database.db);
const callers = Array.from({ length: 5000 }, (_, i) => `139${String(i).padStart(8, '0')}`);
seedHistory(database.sqlite, callers, 50_000);

const queue: QueueConfig = {
  id: 'general', name: '综合服务', priorityClass: 'general', skills: ['general'], serviceLevelSeconds: 15, secondChoice: null, overflow: null, maxLength: 100_000,
  announceEverySeconds: 0, musicOnHold: 'default', wrapUpSeconds: 0, wrapUpEndsOnTicket: false, ringTimeoutSeconds: 20, shortAbandonSeconds: 5, callback: null,
};
const profiles: AgentProfile[] = Array.from({ length: AGENTS }, (_, i) => ({ id: `a${i}`, name: `坐席${i}`, phone: `agent-a${i}`, skills: { general: 2 }, queues: null }));
const logger = pino({ level: 'silent' });
const acd = new AcdService(new AcdEngine({ settings: DEFAULT_SETTINGS, queues: [queue] }, profiles), new Map(profiles.map((p) => [p.id, p])), logger, new NodeTimers());
const users = new Map<string, UserEntry>(profiles.map((p) => [p.id, { id: p.id, name: p.name, role: 'agent', agentId: p.id, duties: [], passwordHash: 'scrypt$1$1$1$AA==$AA==' }]));
const tokenStore = new TokenStore(database.db);
const auth = new AuthService({ users, tokens: tokenStore, audit: new AuditStore(database.db), verifyPassword, now: Date.now });

// The call side: the ACD's offer becomes the session's 'offered' event, as CallSession does it.
const agentListeners = new Set<(event: AgentCallEvent) => void>();
const calls = {
  onAgentEvent: (listener: (event: AgentCallEvent) => void) => (agentListeners.add(listener), () => agentListeners.delete(listener)),
  onTicket: () => () => undefined,
};
let lastAgent = 'a0';
acd.attach((command) => {
  if (command.type !== 'OfferCall') return;
  const { callId, agentId } = command;
  lastAgent = agentId;
  const call = { callId, callerNumber: callers[Number(/\d+$/.exec(callId)?.[0] ?? 0) % callers.length] as string, callerName: null, caller: { elderly: false, enterprise: null }, queue: 'general', queuedAt: Date.now() - 12_000, ivrPath: [], language: 'zh-CN' };
  for (const listener of agentListeners) listener({ kind: 'offered', agentId, at: Date.now(), call });
});

const app = Fastify();
const gateway = new AgentGateway(app.server, {
  help: new HelpRequests(),
  auth, acd, calls, logger, now: Date.now,
  pop: { history: (n, since) => tickets.callerHistory(n, since, 20), callsSince: (n, since) => tickets.callsSince(n, since), queueName: () => '综合服务', taxonomy: loadCategories('fixtures/categories.yaml'), choiceWords: () => [], knowledge: { suggestions: { suggest: async () => [] }, waitMs: POP_KNOWLEDGE_WAIT_MS, timers: new NodeTimers(), logger } },
  warnings: () => tickets.warningCounts(),
  admission: () => ({ mode: 'admit' as const, since: new Date(0).toISOString() }),
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const tokens = await Promise.all(profiles.map(async (p) => (await tokenStore.issue(p.id, 'agent', Date.now(), 3_600_000)).token));

const clients = fork(path.resolve('bench/pop-clients.ts'), [url, JSON.stringify(tokens)], { execArgv: ['--import', 'tsx'] });
const arrivals = new Map<string, (at: number) => void>();
await new Promise<void>((resolve, reject) => {
  clients.on('message', (message: { type: string; callId?: string; at?: number; message?: string }) => {
    if (message.type === 'ready') resolve();
    if (message.type === 'error') reject(new Error(message.message));
    if (message.type === 'pop' && message.callId) arrivals.get(message.callId)?.(message.at ?? 0);
  });
});
const arrived = (callId: string): Promise<number> => new Promise((resolve) => arrivals.set(callId, resolve));

// Every agent is ready: each call goes to the longest-idle one, as on a quiet morning.
for (const p of profiles) acd.login(p.id);
const popMs: number[] = [];
const baselineMs: number[] = [];
for (let i = 0; i < POPS + WARMUP; i += 1) {
  const callId = `call-${i}`;
  const waitPop = arrived(callId);
  const start = now();
  acd.handle({ type: 'CallQueued', callId, queueId: 'general', priorityClass: null, skills: [], at: Date.now() });
  const at = await waitPop;
  if (i >= WARMUP) popMs.push(at - start);
  acd.handle({ type: 'CallEnded', callId, at: Date.now() });
  const agentId = lastAgent;
  const baseId = `base-${i}`;
  const waitBase = arrived(baseId);
  const baseStart = now();
  gateway.io.to(agentRoom(agentId)).emit('baseline' as 'pop', { callId: baseId } as never);
  const baseAt = await waitBase;
  if (i >= WARMUP) baselineMs.push(baseAt - baseStart);
}
// Fan-out: a call for every agent at once (a burst after a broadcast, say): 1,000 offers in one
// tick, each with its pop built and sent; the time runs from the burst to each agent's client.
// Baseline: the same 1,000 bare emits, one to each agent's room.
async function burst(send: (i: number, callId: string) => void, prefix: string): Promise<number[]> {
  const waits = profiles.map((_p, i) => arrived(`${prefix}-${i}`));
  const start = now();
  profiles.forEach((_p, i) => send(i, `${prefix}-${i}`));
  return (await Promise.all(waits)).map((at) => at - start);
}
const fanOutMs = await burst((_i, callId) => acd.handle({ type: 'CallQueued', callId, queueId: 'general', priorityClass: null, skills: [], at: Date.now() }), 'call-fan');
const fanOutBaseMs = await burst((i, callId) => gateway.io.to(agentRoom(profiles[i]?.id ?? '')).emit('baseline' as 'pop', { callId } as never), 'base-fan');

const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
clients.send({ type: 'stop' });
gateway.disconnectAll();
await app.close();
acd.stop();
database.close();
fs.rmSync(dir, { recursive: true, force: true });

console.log(table(`Routing decision → pop received, ${AGENTS} agents connected, ${POPS} pops (ms; target p99 ≤ 50)`, {
  'enqueue → ACD picks the agent → pop built (history query) → received by the agent': summarize(popMs),
  'baseline: bare emit to one agent room → received': summarize(baselineMs),
}));
console.log(table(`\nFan-out: a pop to each of the ${AGENTS} agents at once (ms from the burst to each agent's client)`, {
  '1,000 calls offered in one tick → each pop received': summarize(fanOutMs),
  'baseline: 1,000 bare emits, one per agent room → received': summarize(fanOutBaseMs),
}));
console.log(`\nServer process RSS with ${AGENTS} agents connected: ${rssMb} MB (target ≤ 300 MB)`);
