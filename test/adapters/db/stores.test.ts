import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallFacts } from '../../../src/domain/calls/call-facts.js';
import { CallStore } from '../../../src/adapters/db/call-store.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/db/open-database.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { callFacts } from '../../helpers/call-facts.js';

const t0 = Date.UTC(2026, 10, 23, 2, 0, 0);

function facts(callId: string, overrides: Partial<CallFacts> = {}): CallFacts {
  return callFacts(callId, {
    callerName: 'Zhang',
    ivrPath: [{ at: t0 + 40, kind: 'prompt', prompt: 'welcome', outcome: 'played' }],
    ...overrides,
  });
}

describe('call and ticket stores (SQLite with the real migrations)', () => {
  let database: OpenDatabase;
  let callStore: CallStore;
  let ticketStore: TicketStore;

  beforeEach(() => {
    database = openDatabase(':memory:');
    callStore = new CallStore(database.db);
    ticketStore = new TicketStore(database.db);
  });
  afterEach(() => database.close());

  it('keeps a call active until it is closed with its ticket', async () => {
    await callStore.start({ id: 'c1', channelId: 'ch1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0 });
    await callStore.markAnswered('c1', t0 + 30);
    expect((await callStore.listActive()).map((call) => call.id)).toEqual(['c1']);
    const { ticket, created } = await ticketStore.closeCallWithTicket(facts('c1'), t0 + 5_040);
    expect(created).toBe(true);
    expect(ticket).toMatchObject({ number: '20261123-000001', callId: 'c1', ivrMs: 5_000, talkMs: 0, totalMs: 5_030, status: 'missed' });
    expect(await callStore.listActive()).toEqual([]);
    expect(await callStore.get('c1')).toMatchObject({ state: 'ended', endedAt: t0 + 5_030, hangupCause: 16, endedBy: 'caller' });
  });

  it('makes exactly one ticket per call, however often the hang-up arrives', async () => {
    await callStore.start({ id: 'c1', channelId: 'ch1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: t0 });
    const first = await ticketStore.closeCallWithTicket(facts('c1'), t0 + 5_040);
    const again = await ticketStore.closeCallWithTicket(facts('c1', { endedAt: t0 + 9_999, hangupCause: 17 }), t0 + 10_000);
    expect(again.created).toBe(false);
    expect(again.ticket).toEqual(first.ticket);
    const count = database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('numbers tickets per China day and starts again at 1 the next day', async () => {
    const a = await ticketStore.closeCallWithTicket(facts('a'), t0);
    const b = await ticketStore.closeCallWithTicket(facts('b'), t0 + 1);
    const c = await ticketStore.closeCallWithTicket(facts('c'), t0 + 24 * 3600_000);
    expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual(['20261123-000001', '20261123-000002', '20261124-000001']);
  });

  it('writes the call row when the start was never seen (adopted call)', async () => {
    const { ticket } = await ticketStore.closeCallWithTicket(facts('orphan'), t0 + 6_000);
    expect(ticket.callId).toBe('orphan');
    expect(await callStore.get('orphan')).toMatchObject({ state: 'ended', callerNumber: '13800001111' });
  });

  it('applies a batch of writes in order in one transaction, and none of them when one fails', async () => {
    const start = { id: 'c1', channelId: 'ch1', callerNumber: '13800001111', callerName: 'Zhang', dialedNumber: '12345', startedAt: t0 };
    await callStore.batch([
      { kind: 'start', call: start },
      { kind: 'answered', id: 'c1', at: t0 + 30 },
      { kind: 'progress', id: 'c1', facts: facts('c1'), at: t0 + 40 },
    ]);
    expect(await callStore.get('c1')).toMatchObject({ channelId: 'ch1', callerName: 'Zhang', answeredAt: t0 + 30, updatedAt: t0 + 40, ivrPath: facts('c1').ivrPath });
    // A value SQLite cannot bind makes the last write fail: the start before it must not stay.
    const unbindable = { kind: 'answered', id: 'c2', at: {} as unknown as number } as const;
    await expect(callStore.batch([{ kind: 'start', call: { ...start, id: 'c2', channelId: 'ch2' } }, unbindable])).rejects.toThrow();
    expect(await callStore.get('c2')).toBeUndefined();
  });

  it("applies the call's pending writes first in the ticket's transaction: the row keeps its real channel and caller name", async () => {
    const start = { id: 'c1', channelId: 'ch-real', callerNumber: '13800001111', callerName: 'Zhang', dialedNumber: '12345', startedAt: t0 };
    const { created } = await ticketStore.closeCallWithTicket(facts('c1', { callerName: null }), t0 + 5_040, [
      { kind: 'start', call: start },
      { kind: 'answered', id: 'c1', at: t0 + 30 },
    ]);
    expect(created).toBe(true);
    expect(await callStore.get('c1')).toMatchObject({ channelId: 'ch-real', callerName: 'Zhang', state: 'ended' });
  });

  it('writes nothing of the pending writes when the call already has its ticket', async () => {
    await ticketStore.closeCallWithTicket(facts('c1'), t0 + 5_040);
    const again = await ticketStore.closeCallWithTicket(facts('c1'), t0 + 6_000, [{ kind: 'progress', id: 'c1', facts: facts('c1'), at: t0 + 5_999 }]);
    expect(again.created).toBe(false);
    expect((await callStore.get('c1'))?.updatedAt).toBe(t0 + 5_040);
  });

  it('enforces one ticket per call in the schema itself', async () => {
    await ticketStore.closeCallWithTicket(facts('c1'), t0);
    const insert = database.sqlite.prepare(
      `insert into tickets (number, call_id, channel, status, caller_number, dialed_number, call_started_at, call_ended_at,
        ring_ms, talk_ms, total_ms, ended_by, ivr_path, created_at) values ('x', 'c1', 'phone', 'accepted', '1', '12345', 0, 0, 0, 0, 0, 'caller', '[]', 0)`,
    );
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });
});

describe('openDatabase on a file', () => {
  it('uses WAL, synchronous=FULL and foreign keys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-db-'));
    const database = openDatabase(path.join(dir, 'nested', 'hotline.db'));
    try {
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
