// Hang-up → ticket in one commit: the ticket writer takes the call's own writes still waiting for
// their window out of the progress writer and hands them to the ticket's transaction, so the call row
// keeps its real channel and caller name, and no second commit runs first. Other calls' writes stay
// for their window. SQLite in memory with the real migrations; the timers fired by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallStore } from '../../../src/adapters/db/call-store.js';
import { openDatabase, type OpenDatabase } from '../../../src/adapters/db/open-database.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { TicketWriter } from '../../../src/app/calls/ticket-writer.js';
import type { CallWrite } from '../../../src/app/ports/call-records.js';
import type { CloseResult, TicketRow } from '../../../src/app/ports/ticket-records.js';
import type { CallFacts } from '../../../src/domain/calls/call-facts.js';
import type { CallIdentity } from '../../../src/domain/calls/call-state.js';
import { createLogger } from '../../../src/logging/logger.js';
import { callFacts, T0 } from '../../helpers/call-facts.js';
import { FakeTimers } from '../../helpers/fake-timers.js';

/** The real stores, noting each commit they are asked for: the batches and the tickets' transactions. */
class CountingCalls extends CallStore {
  readonly batches: CallWrite[][] = [];
  override async batch(writes: readonly CallWrite[]): Promise<void> {
    this.batches.push([...writes]);
    return super.batch(writes);
  }
}

class CountingTickets extends TicketStore {
  readonly closes: { callId: string; pending: CallWrite[] }[] = [];
  override async closeCallWithTicket(facts: CallFacts, now: number, pending: readonly CallWrite[] = []): Promise<CloseResult> {
    this.closes.push({ callId: facts.callId, pending: [...pending] });
    return super.closeCallWithTicket(facts, now, pending);
  }
}

const identity = (callId: string, channelId: string): CallIdentity => ({ callId, channelId, callerNumber: '13800001111', callerName: '张三', dialedNumber: '12345', startedAt: T0, callback: null });

describe('TicketWriter: hang-up → ticket in one commit', () => {
  let database: OpenDatabase;
  let calls: CountingCalls;
  let tickets: CountingTickets;
  let timers: FakeTimers;
  let writer: TicketWriter;
  let opened: TicketRow[];

  beforeEach(() => {
    database = openDatabase(':memory:');
    calls = new CountingCalls(database.db);
    tickets = new CountingTickets(database.db);
    timers = new FakeTimers();
    writer = new TicketWriter({ calls, tickets, logger: createLogger('silent'), now: () => T0 + 60_000, timers });
    opened = [];
    writer.onTicket((ticket) => opened.push(ticket));
  });
  afterEach(() => database.close());

  const row = (callId: string): { channelId: string; callerName: string | null; state: string } | undefined =>
    database.sqlite.prepare('select channel_id as channelId, caller_name as callerName, state from calls where id = ?').get(callId) as { channelId: string; callerName: string | null; state: string } | undefined;
  const ticketCount = (): number => (database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;

  it("commits a call's pending start inside the ticket's transaction: the row has its channel, one ticket, no batch first", async () => {
    writer.callStarted(identity('c1', 'chan-c1'));
    writer.callAnswered('c1', T0 + 500);
    writer.callClosed(callFacts('c1', { callerName: null, answeredAt: T0 + 500, endedAt: T0 + 50_000 }));
    await writer.drain();
    expect(calls.batches).toEqual([]);
    expect(tickets.closes).toEqual([{ callId: 'c1', pending: [{ kind: 'start', call: expect.objectContaining({ id: 'c1', channelId: 'chan-c1' }) }, { kind: 'answered', id: 'c1', at: T0 + 500 }] }]);
    expect(row('c1')).toEqual({ channelId: 'chan-c1', callerName: '张三', state: 'ended' });
    expect(ticketCount()).toBe(1);
    expect(opened.map((ticket) => ticket.callId)).toEqual(['c1']);
  });

  it("leaves the other calls' pending writes for their window", async () => {
    writer.callStarted(identity('c1', 'chan-c1'));
    writer.callStarted(identity('c2', 'chan-c2'));
    writer.callMoved('c2', (at) => callFacts('c2', { endedAt: at }));
    writer.callClosed(callFacts('c1', { endedAt: T0 + 50_000 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ticketCount()).toBe(1);
    expect(row('c1')?.channelId).toBe('chan-c1');
    // c2 is still waiting for the window: not written with c1's ticket, nor by a flush of its own.
    expect(row('c2')).toBeUndefined();
    expect(calls.batches).toEqual([]);
    expect(timers.running()).toEqual(['progress-flush']);
    timers.fire('progress-flush');
    await writer.drain();
    expect(calls.batches.map((batch) => batch.map((write) => `${write.kind}:${write.kind === 'start' ? write.call.id : write.id}`))).toEqual([['start:c2', 'progress:c2']]);
    expect(row('c2')).toEqual({ channelId: 'chan-c2', callerName: '张三', state: 'active' });
  });

  it('gives a repeated hang-up the existing ticket and writes nothing of what was pending', async () => {
    writer.callStarted(identity('c1', 'chan-c1'));
    writer.callClosed(callFacts('c1', { endedAt: T0 + 50_000 }));
    await writer.drain();
    writer.callMoved('c1', (at) => callFacts('c1', { endedAt: at }));
    writer.callClosed(callFacts('c1', { endedAt: T0 + 51_000 }));
    await writer.drain();
    expect(ticketCount()).toBe(1);
    expect(opened).toHaveLength(1);
    expect(tickets.closes.map((close) => close.pending.map((write) => write.kind))).toEqual([['start'], ['progress']]);
  });
});
