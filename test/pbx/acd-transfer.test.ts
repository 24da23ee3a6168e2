// Agents hand calls on, on a real Asterisk with demo phones: a blind transfer to another queue (the
// caller keeps their priority and the next agent's conversation is recorded anew), and a three-way
// call with a responsible unit's number that the agent can leave to the caller and the unit.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const shared = {} as { server: TestServer; sim: TestCaller };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const outcomes = (path: readonly unknown[]): string[] =>
  path.flatMap((step) => {
    const s = step as { kind?: string; outcome?: string; detail?: string };
    return s.kind === 'outcome' ? [`${s.outcome ?? ''}${s.detail ? `:${s.detail}` : ''}`] : [];
  });

/** The live call of a caller number, once an agent talks with it. */
async function talkingCall(callerNumber: string, agentId: string): Promise<string> {
  const call = await waitFor(
    () => shared.server.callService.activeCalls().find((c) => c.callerNumber === callerNumber && c.phase === 'talking' && c.agentId === agentId),
    20_000,
    50,
  );
  return call.callId;
}

/**
 * A caller who stays on the line until the test hangs up its leg, once what the test looks at has
 * happened: a slow machine cannot end the call first, and a quick one does not wait out a fixed hold.
 */
function callUntilHungUp(from: string): { ended: Promise<unknown>; hangUp(): Promise<void> } {
  let callerLeg = '';
  const ended = shared.sim.caller.call({ from, to: '12345', holdSeconds: 60 }, (event) => {
    if (event.event === 'dialing') callerLeg = event.callId;
  });
  return { ended, hangUp: () => shared.sim.ari.hangup(callerLeg) };
}

async function post(url: string, payload: object): Promise<{ statusCode: number; body: unknown }> {
  const response = await shared.server.as('supervisor')({ method: 'POST', url, payload });
  return { statusCode: response.statusCode, body: response.json() };
}

describe('transfers and three-way calls (real Asterisk, demo phones)', () => {
  beforeAll(async () => {
    shared.server = await startTestServer(runtime, 'acd-transfer', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: '8003' });
    shared.sim = await startTestCaller(runtime, 'citizen-sim-transfer');
  });
  afterAll(async () => {
    await shared.sim?.stop();
    await shared.server?.close();
  });

  it('a blind transfer to the elderly desk releases the agent and reaches an agent of that desk', async () => {
    const call = callUntilHungUp('13800008801');
    const callId = await talkingCall('13800008801', '8003');
    await shared.server.acd.login('8001');
    await sleep(1500);
    expect(await post(`/api/calls/${callId}/transfer`, { queue: 'elderly' })).toEqual({ statusCode: 202, body: { accepted: true } });
    await waitFor(() => shared.server.callService.activeCalls().find((c) => c.callId === callId && c.phase === 'talking' && c.agentId === '8001'), 15_000, 50);
    // The first agent is in wrap-up, not on the call any more.
    expect(shared.server.acd.agentState('8003')?.state).toBe('wrap_up');
    // The new agent's conversation is being recorded (its file is being written) before the caller leaves.
    await waitUntil(() => fs.existsSync(path.join(runtime.recordingsDir, `call-${callId}-2.wav`)), 10_000, 100);
    await call.hangUp();
    await call.ended;
    const ticket = await waitFor(() => getTicket(shared.server, callId));
    expect(ticket).toMatchObject({ agentId: '8001', queue: 'elderly' });
    expect(outcomes(ticket.ivrPath)).toEqual(expect.arrayContaining(['answered:8003', 'transferred:8003→elderly', 'answered:8001']));
    expect(ticket.recordings.map((r) => (r as { name: string }).name)).toEqual([`call-${callId}`, `call-${callId}-2`]);
    await shared.server.acd.logout('8001');
  });

  it('refuses a transfer to an unknown queue and one of a call with no agent talking', async () => {
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 10_000, 50);
    // The caller stays until the refusals are asserted, then hangs up: a slow machine cannot end the call first.
    let callerLeg = '';
    const call = shared.sim.caller.call({ from: '13800008802', to: '12345', holdSeconds: 60 }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
    });
    const callId = await talkingCall('13800008802', '8003');
    expect(await post(`/api/calls/${callId}/transfer`, { queue: 'nowhere' })).toMatchObject({ statusCode: 400, body: { error: { code: 'QUEUE_UNKNOWN' } } });
    // The permission table's relation to a live call: the agent talking on it may move it, another agent may not.
    const byAgent = async (agent: string, path: string, payload: object) => {
      const response = await shared.server.as(agent)({ method: 'POST', url: `/api/calls/${callId}/${path}`, payload });
      return [response.statusCode, response.json().error?.code];
    };
    expect(await byAgent('8001', 'transfer', { queue: 'elderly' })).toEqual([403, 'CALL_NOT_YOURS']);
    expect(await byAgent('8001', 'parties', { number: '12319' })).toEqual([403, 'CALL_NOT_YOURS']);
    expect(await byAgent('8003', 'transfer', { queue: 'nowhere' })).toEqual([400, 'QUEUE_UNKNOWN']);
    await shared.sim.ari.hangup(callerLeg);
    await call;
    await waitFor(() => getTicket(shared.server, callId));
    expect(await post(`/api/calls/${callId}/transfer`, { queue: 'general' })).toMatchObject({ statusCode: 404, body: { error: { code: 'CALL_NOT_FOUND' } } });
  });

  it('a blind transfer to a named agent waits for that agent only; unknown or absent agents are refused', async () => {
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 10_000, 50);
    const call = callUntilHungUp('13800008804');
    const callId = await talkingCall('13800008804', '8003');
    expect(await post(`/api/calls/${callId}/transfer`, { agent: '9999' })).toMatchObject({ statusCode: 400, body: { error: { code: 'AGENT_UNKNOWN' } } });
    expect(await post(`/api/calls/${callId}/transfer`, { agent: '8002' })).toMatchObject({ statusCode: 409, body: { error: { code: 'AGENT_NOT_AVAILABLE' } } });
    expect(await post(`/api/calls/${callId}/transfer`, { agent: '8003' })).toMatchObject({ statusCode: 409, body: { error: { code: 'AGENT_NOT_AVAILABLE' } } });
    await shared.server.acd.login('8002');
    expect(await post(`/api/calls/${callId}/transfer`, { agent: '8002' })).toEqual({ statusCode: 202, body: { accepted: true } });
    await waitFor(() => shared.server.callService.activeCalls().find((c) => c.callId === callId && c.agentId === '8002' && c.phase === 'talking'), 15_000, 50);
    await call.hangUp();
    await call.ended;
    const ticket = await waitFor(() => getTicket(shared.server, callId));
    expect(outcomes(ticket.ivrPath)).toEqual(expect.arrayContaining(['transferred:8003→agent:8002', 'answered:8002']));
    await shared.server.acd.logout('8002');
  });

  it('an attended transfer keeps the first agent on until the new one has joined, then hands over', async () => {
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 10_000, 50);
    const call = callUntilHungUp('13800008805');
    const callId = await talkingCall('13800008805', '8003');
    await shared.server.acd.login('8001');
    expect(await post(`/api/calls/${callId}/transfer`, { queue: 'elderly', mode: 'attended' })).toEqual({ statusCode: 202, body: { accepted: true } });
    expect(await post(`/api/calls/${callId}/transfer`, { queue: 'general', mode: 'attended' })).toMatchObject({ statusCode: 409, body: { error: { code: 'CALL_TRANSFER_PENDING' } } });
    // The new agent answers and joins: caller, first agent and new agent talk together.
    await waitUntil(() => shared.server.acd.agentState('8001')?.state === 'on_call', 15_000, 50);
    await sleep(1000);
    const together = (await shared.sim.ari.http.request<{ channels: string[] }>('GET', `/bridges/conv-${callId}`)).channels;
    expect(together).toHaveLength(3);
    expect(shared.server.acd.agentState('8003')?.state).toBe('on_call');
    // The first agent leaves: the call is now the new agent's.
    await shared.sim.ari.hangup(`agentleg-1-${callId}`);
    await waitFor(() => shared.server.callService.activeCalls().find((c) => c.callId === callId && c.agentId === '8001' && c.phase === 'talking'), 5000, 50);
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'wrap_up', 5000, 50);
    await call.hangUp();
    await call.ended;
    const ticket = await waitFor(() => getTicket(shared.server, callId));
    expect(ticket.agentId).toBe('8001');
    expect(outcomes(ticket.ivrPath)).toEqual(expect.arrayContaining(['transfer-attended:8003→elderly', 'answered:8001', 'agent-left:8003']));
    // Each agent's leg recorded its own part: the first agent's from their answer to their leaving,
    // the new agent's from joining to the end (the three of them together are in both).
    expect(ticket.recordings.map((r) => (r as { name: string }).name)).toEqual([`call-${callId}`, `call-${callId}-2`]);
    for (const name of [`call-${callId}`, `call-${callId}-2`]) await waitUntil(() => fs.existsSync(path.join(runtime.recordingsDir, `${name}.wav`)), 10_000, 100);
    await waitUntil(() => shared.server.acd.agentState('8001')?.state === 'wrap_up', 5000, 50);
    await shared.server.acd.logout('8001');
  });

  it('a three-way call brings a unit in; when the agent leaves, the caller and the unit talk on', async () => {
    await waitUntil(() => shared.server.acd.agentState('8003')?.state === 'available', 10_000, 50);
    const call = callUntilHungUp('13800008803');
    const callId = await talkingCall('13800008803', '8003');
    expect(await post(`/api/calls/${callId}/parties`, { number: '12319' })).toEqual({ statusCode: 202, body: { accepted: true } });
    const partyId = `party-1-${callId}`;
    // The demo unit answers after a second and joins the conversation's bridge.
    const bridge = await waitForAsync(async () => {
      const channels = (await shared.sim.ari.http.request<{ channels: string[] }>('GET', `/bridges/conv-${callId}`)).channels;
      return channels.includes(partyId) ? channels : undefined;
    }, 10_000);
    expect(bridge).toContain(partyId);
    // The agent hangs up: the agent is released, the unit stays with the caller, and the rest of the
    // conversation is recorded on the caller's channel (the agent's recording ended with the agent's leg).
    await shared.sim.ari.hangup(`agentleg-1-${callId}`);
    await waitUntil(() => shared.server.acd.agentState('8003')?.state !== 'on_call', 5000, 50);
    await sleep(1500);
    expect((await shared.sim.ari.http.request<{ channels: string[] }>('GET', `/bridges/conv-${callId}`)).channels).toContain(partyId);
    const caller = shared.server.callService.activeCalls().find((c) => c.callId === callId)?.channelId ?? '';
    expect(await shared.sim.ari.getVariable(caller, 'MIXMONITOR_FILENAME')).toMatch(new RegExp(`/recording/call-${callId}-2\\.wav$`));
    await call.hangUp();
    await call.ended;
    const ticket = await waitFor(() => getTicket(shared.server, callId));
    expect(outcomes(ticket.ivrPath)).toEqual(expect.arrayContaining(['three-way-dialing:12319', 'three-way-joined:12319', 'agent-left:8003']));
    expect(ticket.agentId).toBe('8003');
    expect(ticket.recordings.map((r) => (r as { name: string }).name)).toEqual([`call-${callId}`, `call-${callId}-2`]);
    // The unit's line is hung up with the call.
    await waitUntil(() => !shared.server.callService.activeCalls().some((c) => c.callId === callId), 5000, 50);
  });
});
