// Storage faults during real calls: the disk is full when a conversation's recording should start,
// and the database is locked by another program while calls start and end. The calls go on, the
// ticket notes what could not be done, and no ticket is lost or doubled.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TelephonyPort } from '../../src/app/ports/telephony.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('storage faults during real calls (real Asterisk, demo phones)', () => {
  let server: TestServer;
  let sim: TestCaller;
  const faults = { diskFull: false };

  beforeAll(async () => {
    // A full disk cannot be had on demand in the Asterisk root here: the recorder's refusal is injected.
    const wrap = (port: TelephonyPort): TelephonyPort =>
      new Proxy(port, {
        get: (target, name, receiver) =>
          name === 'recordConversation' && faults.diskFull
            ? () => Promise.reject(new Error('ENOSPC: no space left on device'))
            : (Reflect.get(target, name, receiver) as unknown),
      });
    server = await startTestServer(runtime, 'storage-faults', { HOTLINE_QUEUES_FILE: testQueuesFile(), HOTLINE_AUTO_LOGIN: '8003' }, { wrapTelephony: wrap });
    sim = await startTestCaller(runtime, 'citizen-sim-storage');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('a recording that cannot start leaves the conversation going, and the ticket says why', async () => {
    faults.diskFull = true;
    try {
      const outcome = await sim.caller.call({ from: '13800009901', to: '12345', holdSeconds: 13 });
      const ticket = await waitFor(() => getTicket(server, outcome.callId));
      expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'caller', recordings: [] });
      expect(ticket.talkMs).toBeGreaterThan(2000);
      expect(ticket.ivrPath).toContainEqual(expect.objectContaining({ kind: 'outcome', outcome: 'recording-failed', detail: expect.stringContaining('ENOSPC') }));
    } finally {
      faults.diskFull = false;
    }
  });

  it('a database locked by another program while calls start and end: the call goes on, and the ticket lands once, later', async () => {
    await waitFor(() => (server.acd.agentState('8003')?.state === 'available' ? true : undefined), 10_000);
    const asAgent = server.as('8003');
    const locker = new Database(server.dbFile);
    let reconnected = false;
    server.ari.on('connected', () => (reconnected = true));
    try {
      // Locked while the call arrives…
      locker.exec('BEGIN EXCLUSIVE');
      const pending = sim.caller.call({ from: '13800009902', to: '12345', holdSeconds: 12 });
      await sleep(3000);
      // …a writer of the API is told to try again, and nothing changes…
      const earlier = server.database.sqlite.prepare('select id, version from tickets order by id limit 1').get() as { id: number; version: number };
      const refused = await asAgent({ method: 'PATCH', url: `/api/tickets/${earlier.id}`, payload: { version: earlier.version, title: '锁定期间' } });
      expect([refused.statusCode, refused.json<{ error: { code: string } }>().error.code]).toEqual([503, 'STORAGE_BUSY']);
      locker.exec('COMMIT');
      // …and again from before the hang-up until a few seconds after it.
      await sleep(6000);
      locker.exec('BEGIN EXCLUSIVE');
      const outcome = await pending;
      await sleep(2500);
      expect(countTickets(server, outcome.callId)).toBe(0);
      locker.exec('COMMIT');
      const ticket = await waitFor(() => getTicket(server, outcome.callId), 15_000);
      expect(ticket).toMatchObject({ callerNumber: '13800009902', agentId: '8003', queue: 'general', endedBy: 'caller' });
      expect(ticket.talkMs).toBeGreaterThan(1000);
      expect(countTickets(server, outcome.callId)).toBe(1);
      // The server never stalled long enough for Asterisk to drop it.
      expect(reconnected).toBe(false);
      expect(server.ari.connected).toBe(true);
      const log = fs.readFileSync(server.logFile, 'utf8');
      expect(log).toContain('database write skipped; the ticket at hang-up will carry it');
      expect(log).toContain('ticket write failed; retrying');
    } finally {
      if (locker.inTransaction) locker.exec('ROLLBACK');
      locker.close();
    }
  });
});
