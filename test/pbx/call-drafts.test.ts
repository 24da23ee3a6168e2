// The work order typed during the conversation, with a real call through Asterisk answered by a
// demo handset: the agent's draft is saved through the API while the citizen speaks, only by that
// agent, and the one ticket written at hang-up carries it beside what the call measured (times,
// number, IVR path, recording). Submitted during the call, it files that ticket and wrap-up ends as
// soon as the call does. (A restart in the middle of a call is covered with a database file in
// test/adapters/db/draft-store.test.ts: the restart harness of test/pbx/restart-recovery.test.ts
// settles such calls through the same closeCallWithTicket.)
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import type { CallAnswered, ClientToServer, ServerToClient } from '../../src/contract/socket-events.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
type Client = Socket<ServerToClient, ClientToServer>;

interface AgentColumns {
  requestType: string | null;
  categoryCode: string | null;
  title: string | null;
  description: string | null;
  area: string | null;
  filedBy: string | null;
  filedAt: number | null;
  dueAt: number | null;
}

describe('the work order drafted during a real call', () => {
  let server: TestServer;
  let sim: TestCaller;
  let agent: Client;

  beforeAll(async () => {
    // Two minutes of wrap-up: only filing ends it early.
    server = await startTestServer(runtime, 'call-drafts', { HOTLINE_QUEUES_FILE: testQueuesFile({ wrapUpSeconds: 120, ringTimeoutSeconds: 10 }), HOTLINE_DEMO_ANSWER_AFTER: '1' });
    sim = await startTestCaller(runtime, 'citizen-sim-drafts');
    const token = (await new TokenStore(server.database.db).issue('8003', 'agent', Date.now(), 3_600_000)).token;
    agent = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      agent.once('connect', () => resolve());
      agent.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    agent?.close();
    await sim?.stop();
    await server?.close();
  });

  const answeredCall = (): Promise<CallAnswered> => new Promise((resolve) => agent.once('call:answered', resolve));
  const agentColumns = (callId: string): AgentColumns | undefined =>
    server.database.sqlite
      .prepare('select request_type as requestType, category_code as categoryCode, title, description, area, filed_by as filedBy, filed_at as filedAt, due_at as dueAt from tickets where call_id = ?')
      .get(callId) as AgentColumns | undefined;
  const draftOf = (userId: string, callId: string, payload?: Record<string, unknown>) =>
    server.as(userId)(payload ? { method: 'PUT', url: `/api/calls/${callId}/draft`, payload } : { method: 'GET', url: `/api/calls/${callId}/draft` });

  it('saves what the agent types while the citizen speaks, and the ticket at hang-up has it with the call’s facts', async () => {
    expect(await agent.emitWithAck('agent:ready')).toEqual({ ok: true });
    const answered = answeredCall();
    const call = sim.caller.call({ from: '13800007310', to: '12345', holdSeconds: 16 });
    const { callId } = await answered;
    expect(server.callService.activeCalls()).toEqual([expect.objectContaining({ callId, phase: 'talking', agentId: '8003' })]);

    const typed = { requestType: 'complaint', categoryCode: '0501', title: '预付卡商家跑路', description: '健身房关门，会员卡余额三千元无法退还。', area: '玄武区' };
    const first = await draftOf('8003', callId, { ...typed, description: '健身房关门' });
    expect(first.statusCode).toBe(200);
    const second = await draftOf('8003', callId, typed);
    expect(second.json().draft).toMatchObject({ callId, ...typed, writtenBy: '8003', submittedAt: null });
    // Another agent may not write it; the draft read back is the agent's.
    expect((await draftOf('8001', callId, { title: '别人写的' })).json().error.code).toBe('CALL_NOT_YOURS');
    expect((await draftOf('8003', callId)).json().draft).toMatchObject(typed);

    const outcome = await call;
    expect(outcome.callId).toBe(callId);
    const ticket = await waitFor(() => getTicket(server, callId), 10_000);
    expect(countTickets(server, callId)).toBe(1);
    expect(ticket).toMatchObject({ callerNumber: '13800007310', dialedNumber: '12345', agentId: '8003', queue: 'general', status: 'accepted' });
    expect(ticket.talkMs).toBeGreaterThan(5000);
    expect(ticket.recordings).toEqual([expect.objectContaining({ kind: 'conversation' })]);
    expect(ticket.ivrPath).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'outcome', outcome: 'queued', detail: 'general' })]));
    expect(agentColumns(callId)).toMatchObject({ ...typed, filedBy: null, filedAt: null });
    expect(agentColumns(callId)?.dueAt).toBeGreaterThan(ticket.callStartedAt);
    // After hang-up the agent files on the ticket; the draft is closed.
    expect((await draftOf('8003', callId, { title: '晚了' })).json().error.code).toBe('CALL_DRAFT_CLOSED');
    expect(server.acd.agentState('8003')?.state).toBe('wrap_up');
    const filed = await server.as('8003')({ method: 'POST', url: '/api/agents/8003/ticket-filed', payload: { callId } });
    expect(filed.statusCode).toBe(200);
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 5000, 50);
  });

  it('a work order submitted during the call is the one ticket at hang-up, filed, and wrap-up ends with the call', async () => {
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 5000, 50);
    const answered = answeredCall();
    const call = sim.caller.call({ from: '13800007311', to: '12345', holdSeconds: 12 });
    const { callId } = await answered;
    const typed = { requestType: 'consultation', title: '社保转移', description: '外地社保如何转入本市。' };
    expect((await draftOf('8003', callId, { ...typed, submit: true })).json().draft.submittedAt).not.toBeNull();
    // As the desktop's submit does: the ACD hears the ticket is filed while the call goes on.
    expect((await server.as('8003')({ method: 'POST', url: '/api/agents/8003/ticket-filed', payload: { callId } })).statusCode).toBe(200);
    // The caller adds something after the submit: it is saved too, still submitted.
    await draftOf('8003', callId, { ...typed, description: '外地社保如何转入本市；已在外地缴纳五年。' });
    expect(server.acd.agentState('8003')?.state).toBe('on_call');

    await call;
    await waitFor(() => getTicket(server, callId), 10_000);
    expect(countTickets(server, callId)).toBe(1);
    expect(agentColumns(callId)).toMatchObject({ ...typed, description: '外地社保如何转入本市；已在外地缴纳五年。', filedBy: '8003' });
    const kinds = server.database.sqlite.prepare('select e.kind from ticket_events e join tickets t on t.id = e.ticket_id where t.call_id = ? order by e.id').all(callId) as { kind: string }[];
    expect(kinds.map((e) => e.kind)).toEqual(['created', 'filed']);
    // Filed during the call: no two-minute wrap-up.
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 5000, 50);
  });
});
