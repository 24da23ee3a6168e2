// The agent pool survives a slow or failing Asterisk: the server talks to the real Asterisk through a
// proxy that fails, delays or loses the requests that ring an agent's phone. However the request
// goes wrong, the agent is not paused (only a phone that really rang out is RONA), the caller still
// reaches them, and the call has exactly one ticket. Events lost with the event socket (a caller's
// arrival, an agent's answer) are rebuilt from Asterisk's list at the resync after the reconnect.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useAgentBehindProxy } from '../helpers/agent-behind-proxy.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';
import { ariTimestampMs } from '../../src/adapters/ari/ari-time.js';
import type { CallOutcome } from '../../src/tools/citizen-caller.js';

/** The request that rings agent 8003's demo phone. */
const ringsAgent = (method: string, path: string, query: URLSearchParams): boolean => method === 'POST' && path === '/channels' && (query.get('endpoint') ?? '').includes('8003@demo-phones');

describe('the agent pool under a failing or slow Asterisk (real Asterisk behind a fault proxy)', () => {
  // Ring time 4 s (the test queues'); the demo phone answers a second after it rings.
  const ctx = useAgentBehindProxy('acd-ari-faults', { HOTLINE_DEMO_ANSWER_AFTER: '1' });
  const { statesSeen } = ctx;

  const counters = () => ctx.server.acd.queueStats().find((queue) => queue.queueId === 'general')?.counters;

  /** The caller holds on up to `holdSeconds`, and hangs up a second after the agent answers. */
  async function callReachesAgent(from: string, holdSeconds = 14): Promise<void> {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 15_000, 50);
    let callerLeg = '';
    const outcome = await ctx.sim.caller.call({ from, to: '12345', holdSeconds }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      if (event.event === 'answered') setTimeout(() => void ctx.sim.ari.hangup(callerLeg).catch(() => undefined), 1000);
    });
    expect(outcome.events.filter((event) => event.event === 'answered').map((event) => (event as { agent?: string }).agent)).toEqual(['8003']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'general' });
    expect(ctx.server.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(outcome.callId)).toEqual({ n: 1 });
  }

  /** The event socket is cut (what it lost stays lost); after the reconnect the call reaches 8003 and has its ticket. */
  async function cutThenReachAgent(call: Promise<CallOutcome>): Promise<{ outcome: CallOutcome; ticket: NonNullable<ReturnType<typeof getTicket>> }> {
    const reconnected = new Promise<{ reconnect: boolean }>((resolve) => ctx.server.ari.once('connected', resolve));
    ctx.proxy.cutEvents();
    expect(await reconnected).toEqual({ reconnect: true });
    const outcome = await call;
    expect(outcome.events.filter((event) => event.event === 'answered').map((event) => (event as { agent?: string }).agent)).toEqual(['8003']);
    return { outcome, ticket: await waitFor(() => getTicket(ctx.server, outcome.callId)) };
  }

  it('requests that ring the agent fail twice: the offer is given back, the agent is not paused, and the caller reaches them', async () => {
    ctx.proxy.inject({ match: ringsAgent, failWith: 500, times: 2 });
    await callReachesAgent('13800009101');
    expect(ctx.proxy.applied.filter((line) => line.includes('(500)'))).toHaveLength(2);
    expect(counters()).toMatchObject({ offerFailures: 2, ringNoAnswer: 0 });
  });

  it('Asterisk takes longer than the ring time to make the agent’s leg: the ring time starts when it exists', async () => {
    ctx.proxy.inject({ match: ringsAgent, delayMs: 4500, times: 1 });
    await callReachesAgent('13800009102');
    expect(ctx.proxy.applied.at(-1)).toContain('+4500 ms');
    expect(counters()).toMatchObject({ ringNoAnswer: 0 });
  });

  it('a request lost past the client’s time limit: the offer is given back, and any leg it made is hung up', async () => {
    ctx.proxy.inject({ match: ringsAgent, delayMs: 60_000, times: 1 });
    // The caller holds on long enough for the client's time limit and the retry.
    await callReachesAgent('13800009103', 30);
    expect(counters()).toMatchObject({ ringNoAnswer: 0 });
  });

  it('a caller’s arrival lost with the event socket: the resync after the reconnect takes the caller on as at arrival, and the call has its one ticket', async () => {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 15_000, 50);
    const from = '13800009104';
    // What Asterisk writes to the server is dropped from here on: the arrival goes nowhere.
    ctx.proxy.loseEvents();
    let callerLeg = '';
    const call = ctx.sim.caller.call({ from, to: '12345', holdSeconds: 30 }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      if (event.event === 'answered') setTimeout(() => void ctx.sim.ari.hangup(callerLeg).catch(() => undefined), 1000);
    });
    const inApp = await waitForAsync(async () => (await ctx.sim.ari.listChannels()).find((channel) => channel.caller.number === from && channel.dialplan.app_name === 'Stasis' && channel.dialplan.app_data.startsWith('hotline,')), 10_000, 20);
    expect(ctx.server.callService.knowsChannel(inApp.id)).toBe(false);
    const { outcome, ticket } = await cutThenReachAgent(call);
    // Taken on as at arrival: the main menu from its start, the call's own id, begun when the channel was made.
    expect(ticket).toMatchObject({ callId: outcome.callId, callerNumber: from, agentId: '8003', queue: 'general' });
    expect(ticket.ivrPath[0]).toMatchObject({ kind: 'node', flow: 'main' });
    expect(ticket.callStartedAt).toBe(ariTimestampMs(inApp.creationtime));
    expect(ctx.server.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(outcome.callId)).toEqual({ n: 1 });
    expect(fs.readFileSync(ctx.server.logFile, 'utf8')).toContain(`"channelId":"${inApp.id}","msg":"caller found in the application at a resync, never announced: taken on as at arrival"`);
  });

  it('an agent’s answer lost with the event socket: the resync takes the leg as answered, and the caller talks with the agent, who is not paused', async () => {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 15_000, 50);
    const from = '13800009105';
    let callerLeg = '';
    const call = ctx.sim.caller.call({ from, to: '12345', holdSeconds: 30 }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      if (event.event === 'answered') setTimeout(() => void ctx.sim.ari.hangup(callerLeg).catch(() => undefined), 1000);
    });
    // The agent's phone rings (its leg exists): from here what Asterisk writes to the server is dropped, the answer too.
    const ringing = await waitForAsync(async () => (await ctx.sim.ari.listChannels()).find((channel) => channel.id.startsWith('agentleg-') && callerLeg !== '' && channel.id.endsWith(callerLeg)), 20_000, 20);
    ctx.proxy.loseEvents();
    // The demo phone answers a second later, and its leg enters the application: the server does not hear it.
    await waitForAsync(async () => (await ctx.sim.ari.listChannels()).find((channel) => channel.id === ringing.id && channel.state === 'Up' && channel.dialplan.app_name === 'Stasis'), 5000, 20);
    expect(ctx.server.callService.awaitsAnswer(ringing.id)).toBe(true);
    const { outcome, ticket } = await cutThenReachAgent(call);
    expect(ticket).toMatchObject({ callId: outcome.callId, agentId: '8003', queue: 'general', status: 'accepted' });
    expect(ctx.server.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(outcome.callId)).toEqual({ n: 1 });
    expect(counters()).toMatchObject({ ringNoAnswer: 0 });
    expect(fs.readFileSync(ctx.server.logFile, 'utf8')).toContain(`"channelId":"${ringing.id}","msg":"agent's leg found answered in the application at a resync, never announced: taken as answered now"`);
  });

  it('the agent was never paused by any of it', () => {
    expect([...statesSeen].filter((state) => state.startsWith('paused'))).toEqual([]);
  });
});
