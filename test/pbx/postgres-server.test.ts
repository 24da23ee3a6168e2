// The hotline on PostgreSQL, with a real Asterisk: the server started with HOTLINE_DATABASE_URL keeps
// a real call's row and its one ticket there (the same ticket SQLite would hold: path, times, queue),
// answers /health with the database up, and repeated end events make no second ticket.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

describe('the hotline on PostgreSQL (real Asterisk, real PostgreSQL)', () => {
  let postgres: PostgresServer;
  let server: TestServer;
  let sim: TestCaller;

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('hotline');
    server = await startTestServer(runtime, 'on-postgres', { HOTLINE_DATABASE_URL: url });
    sim = await startTestCaller(runtime);
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
    await postgres?.stop();
  });

  it('writes a real call and its one ticket to PostgreSQL', async () => {
    expect(server.storage.kind).toBe('postgres');
    expect(() => server.database).toThrow(/PostgreSQL/);
    const health = await server.app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ db: 'up' });

    const outcome = await sim.caller.call({ from: '13800001111', to: '12345', holdSeconds: 9 });
    const ticket = await waitForAsync(() => server.storage.tickets.getByCall(outcome.callId), 10_000);
    expect(ticket).toMatchObject({ callId: outcome.callId, callerNumber: '13800001111', dialedNumber: '12345', status: 'missed', missedIn: 'queue', endedBy: 'caller', hangupCause: 16, queue: 'general', talkMs: 0 });
    expect(ticket.totalMs).toBe(ticket.callEndedAt - ticket.callStartedAt);
    expect(ticket.ivrPath).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'played' }), expect.objectContaining({ kind: 'outcome', outcome: 'queued', detail: 'general' })]));
    const call = await server.storage.calls.get(outcome.callId);
    expect(call).toMatchObject({ state: 'ended', callerNumber: '13800001111' });
    expect(call?.channelId).not.toBe(outcome.callId);

    // Late and repeated end events for the same call (as after a reconnect) open no second ticket.
    const at = Date.now();
    for (let i = 0; i < 3; i += 1) await server.callService.handle({ type: 'ChannelGone', channelId: call?.channelId ?? '', cause: 16, at });
    await server.callService.drain();
    const page = await server.storage.tickets.list({ limit: 10, callerNumber: '13800001111' });
    expect(page?.tickets.map((t) => t.callId)).toEqual([outcome.callId]);
  });
});
