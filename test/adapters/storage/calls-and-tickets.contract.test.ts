// The storage contract for calls, their tickets, the agent's draft and the recordings, on both
// databases: the same calls give the same answers on SQLite and on PostgreSQL, including the rules
// that keep a citizen's request from being lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallFacts } from '../../../src/domain/calls/call-facts.js';
import type { CallDraft } from '../../../src/domain/tickets/call-draft.js';
import { callFacts, T0 } from '../../helpers/call-facts.js';
import { STORAGE_BACKENDS, type ContractStores } from '../../helpers/storage-backends.js';

let unique = 0;
const id = (label: string): string => `${label}-${(unique += 1)}`;

function facts(callId: string, overrides: Partial<CallFacts> = {}): CallFacts {
  return callFacts(callId, { callerName: '张三', ivrPath: [{ at: T0 + 40, kind: 'prompt', prompt: 'welcome', outcome: 'played' }], ...overrides });
}

const draftOf = (callId: string): Omit<CallDraft, 'updatedAt'> => ({
  callId,
  agentId: '8001',
  writtenBy: '8001',
  requestType: 'help',
  categoryCode: '0501',
  title: '老人走失',
  description: '父亲早上出门未归。',
  location: '',
  area: '鼓楼区',
  urgency: 'very-urgent',
  confidential: true,
  returnVisitDeclined: true,
  articlesUsed: [{ id: 7, version: 2 }, { id: 3, version: 1 }],
  callerName: '',
  enterpriseName: '',
  enterpriseCreditCode: '',
  dueAt: T0 + 86_400_000,
  submittedAt: null,
  submittedBy: null,
});

describe.each(STORAGE_BACKENDS)('calls, tickets, drafts and recordings on $name', (backend) => {
  let s: ContractStores;
  beforeAll(async () => {
    s = await backend.open('calls_tickets');
  });
  afterAll(() => s.close());

  it('keeps a call active until it is closed with its ticket', async () => {
    const call = id('active');
    await s.calls.start({ id: call, channelId: 'ch1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: T0 });
    await s.calls.start({ id: call, channelId: 'ch-again', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: T0 + 5 });
    await s.calls.markAnswered(call, T0 + 30);
    await s.calls.markAnswered(call, T0 + 99);
    await s.calls.saveProgress(call, facts(call), T0 + 40);
    expect(await s.calls.get(call)).toMatchObject({ channelId: 'ch1', state: 'active', answeredAt: T0 + 30, ivrPath: facts(call).ivrPath, progress: facts(call) });
    expect((await s.calls.listActive()).map((row) => row.id)).toContain(call);
    const { ticket, created } = await s.tickets.closeCallWithTicket(facts(call), T0 + 5_040);
    expect(created).toBe(true);
    expect(ticket).toMatchObject({ callId: call, callerName: '张三', ivrMs: 5_000, talkMs: 0, totalMs: 5_030, status: 'missed', version: 1 });
    expect((await s.calls.listActive()).map((row) => row.id)).not.toContain(call);
    expect(await s.calls.get(call)).toMatchObject({ state: 'ended', endedAt: T0 + 5_030, hangupCause: 16, hangupCauseText: 'normal clearing', endedBy: 'caller' });
    // The row's progress is not read once the call ended: a late write changes nothing.
    await s.calls.saveProgress(call, facts(call, { callerName: 'late' }), T0 + 6_000);
    expect((await s.calls.get(call))?.updatedAt).toBe(T0 + 5_040);
  });

  it('applies a batch of call writes in order, and a ticket takes in its call’s pending writes', async () => {
    const batched = id('batch');
    await s.calls.batch([
      { kind: 'start', call: { id: batched, channelId: 'ch-b', callerNumber: '13800003333', callerName: null, dialedNumber: '12345', startedAt: T0 } },
      { kind: 'answered', id: batched, at: T0 + 20 },
      { kind: 'progress', id: batched, facts: facts(batched), at: T0 + 50 },
    ]);
    await s.calls.batch([]);
    expect(await s.calls.get(batched)).toMatchObject({ channelId: 'ch-b', answeredAt: T0 + 20, updatedAt: T0 + 50, progress: facts(batched) });
    const pendingCall = id('pending');
    const pending = [
      { kind: 'start', call: { id: pendingCall, channelId: 'ch-real', callerNumber: '13800001111', callerName: '李四', dialedNumber: '12345', startedAt: T0 } },
      { kind: 'answered', id: pendingCall, at: T0 + 30 },
    ] as const;
    const first = await s.tickets.closeCallWithTicket(facts(pendingCall), T0 + 5_040, pending);
    expect(first.created).toBe(true);
    expect(await s.calls.get(pendingCall)).toMatchObject({ channelId: 'ch-real', callerName: '李四', state: 'ended' });
    // A repeated hang-up with other pending writes writes nothing at all.
    const again = await s.tickets.closeCallWithTicket(facts(pendingCall), T0 + 6_000, [{ kind: 'start', call: { ...pending[0].call, channelId: 'ch-late' } }]);
    expect(again).toEqual({ ticket: first.ticket, created: false });
    expect((await s.calls.get(pendingCall))?.channelId).toBe('ch-real');
  });

  it('lists as active only the calls of the store’s own PBX when servers share the database; a single box’s store lists all', async () => {
    const servers = await backend.openSharing('calls_pbx', { a: 'pbx-a', b: 'pbx-b', single: null });
    try {
      const startedBy = async (server: ContractStores, label: string): Promise<[string, string]> => {
        const [started, batched] = [id(`${label}-start`), id(`${label}-batch`)];
        await server.calls.start({ id: started, channelId: `ch-${started}`, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: T0 });
        await server.calls.batch([{ kind: 'start', call: { id: batched, channelId: `ch-${batched}`, callerNumber: '13800002222', callerName: null, dialedNumber: '12345', startedAt: T0 + 10 } }]);
        return [started, batched];
      };
      const onA = await startedBy(servers.a, 'pbx-a');
      const onB = await startedBy(servers.b, 'pbx-b');
      const unscoped = await startedBy(servers.single, 'no-pbx');
      const activeIds = async (server: ContractStores): Promise<string[]> => (await server.calls.listActive()).map((row) => row.id).sort();
      expect(await activeIds(servers.a)).toEqual([...onA].sort());
      expect(await activeIds(servers.b)).toEqual([...onB].sort());
      expect(await activeIds(servers.single)).toEqual([...onA, ...onB, ...unscoped].sort());
      expect(await servers.single.calls.get(onA[1])).toMatchObject({ pbx: 'pbx-a', state: 'active' });
      expect(await servers.a.calls.get(onB[0])).toMatchObject({ pbx: 'pbx-b' });
      expect(await servers.a.calls.get(unscoped[0])).toMatchObject({ pbx: null });
      // Recordings are measured and purged by the server of their call's PBX: the files are on that box.
      const recorded = async (server: ContractStores, callId: string): Promise<string> => {
        const name = `call-${callId}-conversation`;
        await server.tickets.closeCallWithTicket(facts(callId, { recordings: [{ name, kind: 'conversation', format: 'wav', startedAt: T0 + 60 }] }), T0 + 5_040);
        await server.recordings.markReady(name, { sizeBytes: 1_000, sha256: 'cd'.repeat(32), durationMs: 1_000, startedAt: T0 + 60, endedAt: T0 + 1_060, deleteAfter: T0 + 100 }, T0 + 6_000);
        return name;
      };
      const pendingIds = async (server: ContractStores): Promise<string[]> => (await server.recordings.pending(1_000)).map((row) => row.id);
      const [pendingA, pendingB] = [`call-${onA[1]}-conversation`, `call-${onB[1]}-conversation`];
      await servers.a.tickets.closeCallWithTicket(facts(onA[1], { recordings: [{ name: pendingA, kind: 'conversation', format: 'wav', startedAt: T0 + 60 }] }), T0 + 5_040);
      await servers.b.tickets.closeCallWithTicket(facts(onB[1], { recordings: [{ name: pendingB, kind: 'conversation', format: 'wav', startedAt: T0 + 60 }] }), T0 + 5_040);
      expect([await pendingIds(servers.a), await pendingIds(servers.b)]).toEqual([[pendingA], [pendingB]]);
      expect(await pendingIds(servers.single)).toEqual(expect.arrayContaining([pendingA, pendingB]));
      const [readyA, readyB] = [await recorded(servers.a, onA[0]), await recorded(servers.b, onB[0])];
      const expiredIds = async (server: ContractStores): Promise<string[]> => (await server.recordings.expired(T0 + 100, 10)).map((row) => row.id).sort();
      expect([await expiredIds(servers.a), await expiredIds(servers.b), await expiredIds(servers.single)]).toEqual([[readyA], [readyB], [readyA, readyB].sort()]);
    } finally {
      for (const server of Object.values(servers)) await server.close();
    }
  });

  it('makes exactly one ticket per call, however often or concurrently the hang-up arrives', async () => {
    const call = id('once');
    const [first, second] = await Promise.all([s.tickets.closeCallWithTicket(facts(call), T0 + 5_040), s.tickets.closeCallWithTicket(facts(call, { endedAt: T0 + 9_999 }), T0 + 10_000)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.ticket).toEqual(second.ticket);
    const again = await s.tickets.closeCallWithTicket(facts(call, { hangupCause: 17 }), T0 + 20_000);
    expect(again).toEqual({ ticket: first.ticket, created: false });
    expect(await s.tickets.getByCall(call)).toEqual(first.ticket);
    expect(await s.tickets.events(first.ticket.id)).toMatchObject([{ kind: 'created', actor: 'system', toStatus: 'missed' }]);
  });

  it('keeps a ticket whose times are far apart (a clock that jumped): durations past 24.8 days fit', async () => {
    const call = id('long');
    const { ticket, created } = await s.tickets.closeCallWithTicket(facts(call, { endedAt: T0 + 30 * 86_400_000 }), T0 + 30 * 86_400_000);
    expect(created).toBe(true);
    expect(ticket.totalMs).toBe(30 * 86_400_000);
  });

  it('numbers tickets per China day and starts again at 1 the next day', async () => {
    const day = Date.UTC(2027, 0, 5, 2, 0, 0);
    const a = await s.tickets.closeCallWithTicket(facts(id('n')), day);
    const b = await s.tickets.closeCallWithTicket(facts(id('n')), day + 1);
    const c = await s.tickets.closeCallWithTicket(facts(id('n')), day + 24 * 3600_000);
    expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual(['20270105-000001', '20270105-000002', '20270106-000001']);
    expect(await s.tickets.getByNumber('20270105-000002')).toEqual(b.ticket);
  });

  it('writes the call row when the start was never seen (adopted call)', async () => {
    const call = id('orphan');
    const { ticket } = await s.tickets.closeCallWithTicket(facts(call), T0 + 6_000);
    expect(ticket.callId).toBe(call);
    expect(await s.calls.get(call)).toMatchObject({ state: 'ended', callerNumber: '13800001111' });
  });

  it('takes the agent’s draft into the ticket, then refuses a later save', async () => {
    const call = id('draft');
    expect(await s.drafts.save(draftOf(call), T0 + 10)).toMatchObject({ saved: true, draft: { title: '老人走失', updatedAt: T0 + 10 } });
    await s.drafts.save({ ...draftOf(call), title: '老人走失（已找到线索）' }, T0 + 20);
    expect(await s.drafts.get(call)).toEqual({ ...draftOf(call), title: '老人走失（已找到线索）', updatedAt: T0 + 20 });
    const { ticket } = await s.tickets.closeCallWithTicket(facts(call, { agentId: '8001', agentAnsweredAt: T0 + 60, conversationEndedAt: T0 + 4_000 }), T0 + 5_040);
    expect(ticket).toMatchObject({ title: '老人走失（已找到线索）', requestType: 'help', area: '鼓楼区', urgency: 'very-urgent', confidential: true, returnVisitDeclined: true, articlesUsed: [{ id: 7, version: 2 }, { id: 3, version: 1 }] });
    expect(await s.drafts.get(call)).toBeUndefined();
    expect(await s.drafts.save({ ...draftOf(call), title: '晚到' }, T0 + 6_000)).toEqual({ saved: false, reason: 'closed' });
    expect(await s.drafts.get(call)).toBeUndefined();
  });

  it('edits a ticket version by version, refusing a writer who read an older one', async () => {
    const { ticket } = await s.tickets.closeCallWithTicket(facts(id('edit')), T0);
    const first = await s.tickets.update(ticket.id, 1, { title: '路灯不亮', updatedAt: T0 + 1 }, [{ at: T0 + 1, kind: 'edited', actor: '8001', data: { fields: ['title'] } }]);
    expect(first).toMatchObject({ ok: true, ticket: { title: '路灯不亮', version: 2 } });
    expect(await s.tickets.update(ticket.id, 1, { title: '旧的' }, [])).toEqual({ ok: false, code: 'TICKET_VERSION_CONFLICT' });
    // The articles used (首呼解决的依据) are kept as written, and a ticket without any reads an empty list.
    expect(ticket.articlesUsed).toEqual([]);
    const used = await s.tickets.update(ticket.id, 2, { articlesUsed: [{ id: 12, version: 3 }, { id: 4, version: 1 }] }, []);
    expect(used).toMatchObject({ ok: true, ticket: { articlesUsed: [{ id: 12, version: 3 }, { id: 4, version: 1 }], version: 3 } });
    expect((await s.tickets.get(ticket.id))?.articlesUsed).toEqual([{ id: 12, version: 3 }, { id: 4, version: 1 }]);
    expect(await s.tickets.update(999_999, null, { title: 'x' }, [])).toEqual({ ok: false, code: 'TICKET_NOT_FOUND' });
    expect((await s.tickets.events(ticket.id)).map((event) => [event.kind, event.data])).toEqual([
      ['created', null],
      ['edited', { fields: ['title'] }],
    ]);
  });

  it('counts a caller’s calls and lists their history newest first, and the warnings per colour', async () => {
    const caller = '13900002222';
    for (let i = 0; i < 3; i += 1) await s.tickets.closeCallWithTicket(facts(id('hist'), { callerNumber: caller }), T0 + i * 1_000);
    expect(await s.tickets.callsSince(caller, T0 + 500)).toBe(2);
    const history = await s.tickets.callerHistory(caller, T0, 2);
    expect(history.map((row) => row.createdAt)).toEqual([T0 + 2_000, T0 + 1_000]);
    await s.tickets.setWarning(history[0]?.id ?? 0, { warning: 'red', warningSince: T0, warningCheckAt: T0 + 10 });
    expect(await s.tickets.warningCounts()).toMatchObject({ red: 1 });
    expect((await s.tickets.warningChecksDue(T0 + 10, 10)).map((row) => row.id)).toContain(history[0]?.id);
  });

  it('keeps recording rows from pending to ready, missing or purged', async () => {
    const call = id('rec');
    const name = `call-${call}-conversation`;
    await s.tickets.closeCallWithTicket(facts(call, { recordings: [{ name, kind: 'conversation', format: 'wav', startedAt: T0 + 60 }] }), T0 + 5_040);
    expect(await s.recordings.get(name)).toMatchObject({ callId: call, state: 'pending', file: `${name}.wav` });
    expect((await s.recordings.pending(1_000)).map((row) => row.id)).toContain(name);
    await s.recordings.markReady(name, { sizeBytes: 2_000_000_000_123, sha256: 'ab'.repeat(32), durationMs: 4_000, startedAt: T0 + 60, endedAt: T0 + 4_060, deleteAfter: T0 + 100 }, T0 + 6_000);
    await s.recordings.markMissing(name, T0 + 6_001);
    expect(await s.recordings.get(name)).toMatchObject({ state: 'ready', sizeBytes: 2_000_000_000_123, durationMs: 4_000 });
    expect((await s.recordings.expired(T0 + 100, 10)).map((row) => row.id)).toEqual([name]);
    await s.recordings.markPurged(name, T0 + 200);
    expect((await s.recordings.ofCall(call)).map((row) => row.state)).toEqual(['purged']);
  });
});
