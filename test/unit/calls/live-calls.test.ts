// The registry of live calls (LiveCalls) and the ticket writer behind it, with a fake phone system,
// hand-fired timers and the real SQLite stores in memory: routing of PBX events and ACD decisions,
// callbacks, the refusals of transfers and three-way calls, the supervisors' view, the resync after
// a lost PBX link, and tickets written once even when the database refuses at first.
import { NodeTimers } from '../../../src/adapters/clock/node-timers.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallStore } from '../../../src/adapters/db/call-store.js';
import { openDatabase, type Db, type OpenDatabase } from '../../../src/adapters/db/open-database.js';
import { TicketStore } from '../../../src/adapters/db/ticket-store.js';
import { LiveCalls, type LiveCallsDeps } from '../../../src/app/calls/live-calls.js';
import { TicketWriter } from '../../../src/app/calls/ticket-writer.js';
import type { CallWrite } from '../../../src/app/ports/call-records.js';
import type { CloseResult, TicketRow } from '../../../src/app/ports/ticket-records.js';
import type { AcdEvent } from '../../../src/domain/acd/acd-protocol.js';
import { UNKNOWN_CALLER } from '../../../src/domain/callers/caller-info.js';
import type { CallFacts } from '../../../src/domain/calls/call-facts.js';
import type { CallSetup } from '../../../src/domain/calls/call-machine.js';
import { createLogger } from '../../../src/logging/logger.js';
import { callFacts } from '../../helpers/call-facts.js';
import { FakeTelephony, settle } from '../../helpers/fake-telephony.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { LiveCallDriver } from '../../helpers/live-call-driver.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
const setup: CallSetup = { ivr: { flows: shippedFlowSet(), isOpen: () => true }, language: 'zh-CN', afterCallFlow: 'survey' };
const silent = createLogger('silent');
const AGENTS: Record<string, 'logged_in' | 'logged_out'> = { a1: 'logged_in', a2: 'logged_in', a3: 'logged_out' };
const QUEUES = ['general', 'elderly', 'enterprise'];

/** The real ticket store, refusing the first `failures` closes the way a locked database does, and counting them. */
class RefusingTickets extends TicketStore {
  readonly closes: string[] = [];

  constructor(
    db: Db,
    private failures = 0,
  ) {
    super(db);
  }

  override async closeCallWithTicket(facts: CallFacts, now: number, pending: readonly CallWrite[] = []): Promise<CloseResult> {
    this.closes.push(facts.callId);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SQLITE_BUSY: database is locked');
    }
    return super.closeCallWithTicket(facts, now, pending);
  }
}

/** An in-memory database with the real migrations, its stores, and a ticket writer over them. */
class Stores {
  readonly database: OpenDatabase = openDatabase(':memory:');
  readonly calls = new CallStore(this.database.db);
  readonly tickets: RefusingTickets;
  readonly writer: TicketWriter;
  readonly logLines: string[] = [];

  constructor(now: () => number, failures = 0) {
    this.tickets = new RefusingTickets(this.database.db, failures);
    const logger = createLogger('warn', { write: (line: string) => void this.logLines.push(line) });
    this.writer = new TicketWriter({ calls: this.calls, tickets: this.tickets, logger, now, timers: new NodeTimers(), retryDelaysMs: [1, 1] });
  }

  ticketCount(callId: string): number {
    return (this.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(callId) as { n: number }).n;
  }

  ticketOf(callId: string): { endedBy: string; agentId: string | null } | undefined {
    return this.database.sqlite.prepare('select ended_by as endedBy, agent_id as agentId from tickets where call_id = ?').get(callId) as { endedBy: string; agentId: string | null } | undefined;
  }
}

class Registry {
  clock = T0;
  readonly telephony = new FakeTelephony();
  readonly acd: AcdEvent[] = [];
  /** Each call's timers, in the order the calls arrived. */
  readonly timers: FakeTimers[] = [];
  readonly stores = new Stores(() => this.clock);
  readonly tickets: TicketRow[] = [];
  readonly live: LiveCalls;
  /** Arrivals, queueing, offers and answers as the phone system and the ACD would send them. */
  readonly drive: LiveCallDriver;

  constructor(overrides: Partial<LiveCallsDeps> = {}) {
    this.live = new LiveCalls({
      telephony: this.telephony,
      logger: silent,
      now: () => this.clock,
      setup: () => setup,
      directory: { lookup: () => UNKNOWN_CALLER },
      phoneFor: (agentId) => ({ kind: 'pjsip', endpoint: `phone-${agentId}` }),
      tellAcd: (event) => this.acd.push(event),
      timers: () => {
        const timers = new FakeTimers();
        this.timers.push(timers);
        return timers;
      },
      writer: this.stores.writer,
      queueExists: (queueId) => QUEUES.includes(queueId),
      agentStatus: (agentId) => AGENTS[agentId] ?? 'unknown',
      ...overrides,
    });
    this.live.onTicket((ticket) => this.tickets.push(ticket));
    this.drive = new LiveCallDriver(this, 'a1');
  }

  tick(ms = 1000): number {
    this.clock += ms;
    return this.clock;
  }

  async key(channelId: string, key: string): Promise<void> {
    void this.live.handle({ type: 'KeyPressed', channelId, key, at: this.tick() });
    await settle();
  }

  phaseOf(callId: string): string | undefined {
    return this.live.activeCalls().find((call) => call.callId === callId)?.phase;
  }
}

let registry: Registry;

beforeEach(() => {
  registry = new Registry();
});

afterEach(async () => {
  await registry.live.drain();
  registry.stores.database.close();
});

describe('LiveCalls: routing', () => {
  it('routes the caller’s events by their channel; events of channels it does not know are dropped', async () => {
    const r = registry;
    await r.drive.arrive('c1');
    await r.drive.arrive('c2');
    await r.key('ch-c2', '1');
    expect(r.telephony.argsOf('playPrompts')).toEqual([
      ['ch-c1', ['main_menu'], 'zh-CN', 'c1-p1'],
      ['ch-c2', ['main_menu'], 'zh-CN', 'c2-p1'],
      ['ch-c2', ['consult_menu'], 'zh-CN', 'c2-p2'],
    ]);
    const before = r.telephony.requests.length;
    await r.key('ch-unknown', '1');
    expect(r.telephony.requests).toHaveLength(before);
    expect(r.live.knowsChannel('ch-c1')).toBe(true);
    expect(r.live.knowsCall('c2')).toBe(true);
    expect(r.live.knowsChannel('ch-unknown')).toBe(false);
  });

  it('routes an agent leg’s events (agentleg-1-<callId>) to its call', async () => {
    const r = registry;
    await r.drive.toQueue('c1');
    await r.drive.offer('c1');
    expect(r.telephony.argsOf('dialAgent')).toEqual([[expect.objectContaining({ legId: 'agentleg-1-c1', callId: 'c1', agentId: 'a1', phone: { kind: 'pjsip', endpoint: 'phone-a1' } })]]);
    expect(r.live.knowsChannel('agentleg-1-c1')).toBe(true);
    void r.live.handle({ type: 'AgentLegAnswered', channelId: 'agentleg-1-c1', callId: 'c1', agentId: 'a1', at: r.tick() });
    await settle();
    expect(r.telephony.argsOf('connect')).toEqual([['ch-c1', 'agentleg-1-c1', 'conv-c1']]);
    expect(r.live.activeCalls()).toEqual([expect.objectContaining({ callId: 'c1', phase: 'talking', agentId: 'a1', queue: 'general' })]);
    void r.live.handle({ type: 'ChannelGone', channelId: 'agentleg-1-c1', cause: 16, at: r.tick() });
    await settle();
    expect(r.telephony.argsOf('disconnect')).toEqual([['conv-c1']]);
    expect(r.phaseOf('c1')).toBe('survey');
  });

  it('an ACD offer for a call it does not know is given back to the ACD at once as a failed offer (the agent is not paused)', async () => {
    const r = registry;
    r.live.acdDecided({ type: 'OfferCall', callId: 'ghost', agentId: 'a2', queueId: 'general', ringTimeoutSeconds: 15 });
    r.live.acdDecided({ type: 'CancelOffer', callId: 'ghost', agentId: 'a2', reason: 'no_answer' });
    await settle();
    expect(r.acd).toEqual([{ type: 'OfferFailed', callId: 'ghost', agentId: 'a2', at: T0 }]);
    expect(r.telephony.requests).toEqual([]);
  });
});

describe('LiveCalls: transfers and three-way calls', () => {
  it('refuses a call it does not know: CALL_NOT_FOUND', () => {
    expect(registry.live.transfer('nope', { queue: 'general' })).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
    expect(registry.live.addParty('nope', '12319')).toEqual({ ok: false, code: 'CALL_NOT_FOUND' });
  });

  it('refuses a call with no conversation (still in the menus, or the caller hung up): CALL_NOT_IN_CONVERSATION', async () => {
    const r = registry;
    await r.drive.arrive('c1');
    expect(r.live.transfer('c1', { queue: 'general' })).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    expect(r.live.addParty('c1', '12319')).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    await r.drive.toTalking('c2');
    void r.live.handle({ type: 'HangupRequested', channelId: 'ch-c2', cause: 16, at: r.tick() });
    await settle();
    expect(r.live.transfer('c2', { queue: 'general' })).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
    expect(r.live.addParty('c2', '12319')).toEqual({ ok: false, code: 'CALL_NOT_IN_CONVERSATION' });
  });

  it('refuses a queue that does not exist: QUEUE_UNKNOWN', async () => {
    await registry.drive.toTalking('c1');
    expect(registry.live.transfer('c1', { queue: 'nowhere' })).toEqual({ ok: false, code: 'QUEUE_UNKNOWN' });
  });

  it('refuses an agent nobody knows: AGENT_UNKNOWN', async () => {
    await registry.drive.toTalking('c1');
    expect(registry.live.transfer('c1', { agent: 'ghost' })).toEqual({ ok: false, code: 'AGENT_UNKNOWN' });
  });

  it('refuses an agent logged out, or the agent on the call: AGENT_NOT_AVAILABLE', async () => {
    await registry.drive.toTalking('c1');
    expect(registry.live.transfer('c1', { agent: 'a3' })).toEqual({ ok: false, code: 'AGENT_NOT_AVAILABLE' });
    expect(registry.live.transfer('c1', { agent: 'a1' })).toEqual({ ok: false, code: 'AGENT_NOT_AVAILABLE' });
  });

  it('refuses a second transfer while an attended one is under way: CALL_TRANSFER_PENDING; the call shows as talking', async () => {
    const r = registry;
    await r.drive.toTalking('c1');
    expect(r.live.transfer('c1', { agent: 'a2' }, 'attended')).toEqual({ ok: true });
    await settle();
    expect(r.acd.at(-1)).toMatchObject({ type: 'CallQueued', callId: 'c1~transfer1', queueId: 'general', skills: [expect.stringContaining('a2')] });
    expect(r.live.transfer('c1', { queue: 'elderly' })).toEqual({ ok: false, code: 'CALL_TRANSFER_PENDING' });
    expect(r.live.activeCalls()).toEqual([expect.objectContaining({ callId: 'c1', phase: 'talking', agentId: 'a1' })]);
    // The ACD's offer for the transfer reaches the call under the transfer's id.
    r.live.acdDecided({ type: 'OfferCall', callId: 'c1~transfer1', agentId: 'a2', queueId: 'general', ringTimeoutSeconds: 15 });
    await settle();
    expect(r.telephony.argsOf('dialAgent').at(-1)).toEqual([expect.objectContaining({ legId: 'agentleg-2-c1', agentId: 'a2' })]);
    // A unit may still be added to the conversation meanwhile.
    expect(r.live.addParty('c1', '12319')).toEqual({ ok: true });
  });

  it('accepts a blind transfer and a unit added to the conversation', async () => {
    const r = registry;
    await r.drive.toTalking('c1');
    expect(r.live.addParty('c1', '12319')).toEqual({ ok: true });
    await settle();
    expect(r.telephony.argsOf('dialParty')).toEqual([[{ channelId: 'party-1-c1', callId: 'c1', number: '12319', ringTimeoutSeconds: 30 }]]);
    expect(r.live.knowsChannel('party-1-c1')).toBe(true);
    expect(r.live.transfer('c1', { queue: 'elderly' })).toEqual({ ok: true });
    await settle();
    expect(r.phaseOf('c1')).toBe('queued');
    expect(r.acd.at(-1)).toMatchObject({ type: 'CallQueued', callId: 'c1', queueId: 'elderly' });
    expect(r.telephony.argsOf('hangup')).toEqual(expect.arrayContaining([['agentleg-1-c1'], ['party-1-c1']]));
  });
});

describe('LiveCalls: callbacks', () => {
  const dialCallback = { type: 'DialCallback', callId: 'c9', agentId: 'a1', queueId: 'general', number: '13900002222', attempt: 2 } as const;

  it('a DialCallback rings the citizen on callback-<attempt>-<callId>, once however often the ACD repeats it', () => {
    registry.live.acdDecided(dialCallback);
    registry.live.acdDecided(dialCallback);
    expect(registry.telephony.requests).toEqual([{ method: 'dialCitizen', args: [{ channelId: 'callback-2-c9', callId: 'c9', agentId: 'a1', number: '13900002222', ringTimeoutSeconds: 30 }] }]);
  });

  it('the citizen not answering (their channel gone) is a failed attempt, told once', async () => {
    const r = registry;
    r.live.acdDecided(dialCallback);
    await settle();
    const at = r.tick();
    await r.live.handle({ type: 'ChannelGone', channelId: 'callback-2-c9', cause: 17, at });
    await r.live.handle({ type: 'ChannelGone', channelId: 'callback-2-c9', cause: 17, at: r.tick() });
    expect(r.acd).toEqual([{ type: 'CallbackAttemptFailed', callId: 'c9', reason: 'citizen did not answer', at }]);
  });

  it('a resync counts a callback whose ringing ended while the link was down as not answered, once; one dialed after the listing is left alone', async () => {
    const r = registry;
    r.live.acdDecided(dialCallback);
    await settle();
    const listedAt = r.tick();
    r.live.acdDecided({ ...dialCallback, callId: 'c10' });
    await settle();
    r.live.reconcile(new Set(), listedAt);
    r.live.reconcile(new Set(), listedAt);
    expect(r.acd).toEqual([{ type: 'CallbackAttemptFailed', callId: 'c9', reason: 'citizen did not answer', at: expect.any(Number) }]);
  });

  it('the dial itself failing is a failed attempt, told once', async () => {
    const r = registry;
    r.telephony.failNext('dialCitizen', new Error('no route'));
    r.live.acdDecided(dialCallback);
    await settle();
    await r.live.handle({ type: 'ChannelGone', channelId: 'callback-2-c9', cause: 17, at: r.tick() });
    expect(r.acd).toEqual([{ type: 'CallbackAttemptFailed', callId: 'c9', reason: 'dial failed', at: T0 }]);
  });

  it('the citizen answering starts a call in the queue, ringing the agent the ACD reserved', async () => {
    const r = registry;
    r.live.acdDecided(dialCallback);
    await r.live.handle({ type: 'CallbackAnswered', channelId: 'callback-2-c9', callId: 'c9', agentId: 'a1', number: '13900002222', at: r.tick() });
    await settle();
    expect(r.live.activeCalls()).toEqual([expect.objectContaining({ callId: 'callback-2-c9', channelId: 'callback-2-c9', phase: 'queued', queue: 'general', callerNumber: '13900002222' })]);
    expect(r.telephony.argsOf('playPrompts')).toEqual([['callback-2-c9', ['callback_greeting'], 'zh-CN', 'c9-q1']]);
    expect(r.telephony.argsOf('dialAgent')).toEqual([[expect.objectContaining({ legId: 'agentleg-1-callback-2-c9', agentId: 'a1', ringTimeoutSeconds: 20 })]]);
    // The ACD knows the callback by the first call's id.
    expect(r.live.knowsCall('c9')).toBe(true);
    void r.live.handle({ type: 'AgentLegAnswered', channelId: 'agentleg-1-callback-2-c9', callId: 'callback-2-c9', agentId: 'a1', at: r.tick() });
    await settle();
    expect(r.acd).toContainEqual({ type: 'CallbackAnswered', callId: 'c9', at: r.clock });
    expect(r.phaseOf('callback-2-c9')).toBe('talking');
  });

  it('the reserved agent’s phone failing to ring ends the attempt: the ACD hears it once and the citizen is hung up', async () => {
    const r = registry;
    r.telephony.failNext('dialAgent', new Error('endpoint offline'));
    r.live.acdDecided(dialCallback);
    await r.live.handle({ type: 'CallbackAnswered', channelId: 'callback-2-c9', callId: 'c9', agentId: 'a1', number: '13900002222', at: r.tick() });
    await settle();
    expect(r.acd).toEqual([{ type: 'CallbackAttemptFailed', callId: 'c9', reason: 'agent did not answer', at: r.clock }]);
    // The agent's leg the failed request might have made anyway, then the citizen.
    expect(r.telephony.argsOf('hangup')).toEqual([[expect.stringMatching(/^agentleg-/)], ['callback-2-c9']]);
    void r.live.handle({ type: 'CallLeft', channelId: 'callback-2-c9', at: r.tick() });
    await r.live.drain();
    expect(r.acd).toHaveLength(1);
    expect(r.live.activeCalls()).toEqual([]);
    expect(r.stores.ticketOf('callback-2-c9')).toMatchObject({ endedBy: 'system' });
  });

  it('a callback answered that nobody waits for is hung up', async () => {
    const r = registry;
    await r.live.handle({ type: 'CallbackAnswered', channelId: 'callback-1-old', callId: 'old', agentId: 'a1', number: '13900002222', at: r.tick() });
    expect(r.telephony.requests).toEqual([{ method: 'hangup', args: ['callback-1-old'] }]);
    expect(r.live.activeCalls()).toEqual([]);
  });
});

describe('LiveCalls: the supervisors’ view and the resync after a lost PBX link', () => {
  it('activeCalls() shows each live call as the API names it', async () => {
    const r = registry;
    await r.drive.arrive('c1');
    await r.drive.toQueue('c2');
    expect(r.live.activeCalls()).toEqual([
      { callId: 'c1', channelId: 'ch-c1', callerNumber: '13800001111', dialedNumber: '12345', phase: 'ivr', queue: null, agentId: null, elderly: false, enterprise: null, startedAt: T0 + 1000, answeredAt: T0 + 1000 },
      expect.objectContaining({ callId: 'c2', phase: 'queued', queue: 'general', agentId: null }),
    ]);
  });

  it('reconcile closes the calls whose channel is gone, ended by "unknown", each with one ticket', async () => {
    const r = registry;
    await r.drive.toQueue('c1');
    await r.drive.arrive('c2');
    r.live.reconcile(new Set(['ch-c2']));
    r.live.reconcile(new Set(['ch-c2']));
    await settle();
    void r.live.handle({ type: 'CallLeft', channelId: 'ch-c1', at: r.tick() });
    r.live.reconcile(new Set(['ch-c2']));
    await r.live.drain();
    expect(r.live.activeCalls().map((call) => call.callId)).toEqual(['c2']);
    expect(r.live.knowsCall('c1')).toBe(false);
    expect(r.stores.tickets.closes).toEqual(['c1']);
    expect(r.stores.ticketCount('c1')).toBe(1);
    expect(r.stores.ticketOf('c1')).toMatchObject({ endedBy: 'unknown' });
    expect(r.tickets.map((ticket) => ticket.callId)).toEqual(['c1']);
    expect(await r.stores.calls.get('c1')).toMatchObject({ state: 'ended', endedBy: 'unknown', answeredAt: T0 + 1000 });
    // The ACD lets go of the caller it had in line.
    expect(r.acd.filter((event) => event.type === 'CallAbandoned')).toEqual([{ type: 'CallAbandoned', callId: 'c1', at: expect.any(Number) }]);
    expect(r.stores.ticketCount('c2')).toBe(0);
  });

  it('a closed call’s channel is still its own for a minute: a resync that lists it then finds no caller never announced', async () => {
    const r = registry;
    await r.drive.arrive('c1');
    r.live.reconcile(new Set());
    await settle();
    expect(r.live.knowsCall('c1')).toBe(false);
    expect(r.live.knowsChannel('ch-c1')).toBe(true);
    expect(r.live.knowsChannel('ch-c9')).toBe(false);
    // The registry's own timers come first: the closed call's legs and channel are forgotten after the grace.
    expect(r.timers[0]?.msOf('legs:c1')).toBe(60_000);
    r.timers[0]?.fire('legs:c1');
    expect(r.live.knowsChannel('ch-c1')).toBe(false);
  });
});

describe('TicketWriter', () => {
  it('tries a refusing database again and writes the ticket once', async () => {
    let now = T0;
    const stores = new Stores(() => now, 2);
    try {
      const notices: string[] = [];
      stores.writer.onTicket((ticket) => notices.push(ticket.callId));
      stores.writer.callStarted({ callId: 'c1', channelId: 'ch-c1', callerNumber: '13800001111', callerName: null, dialedNumber: '12345', startedAt: T0, callback: null });
      now += 5000;
      stores.writer.callClosed(callFacts('c1', { startedAt: T0, answeredAt: T0 + 30, endedAt: T0 + 5_030 }));
      await stores.writer.drain();
      expect(stores.tickets.closes).toEqual(['c1', 'c1', 'c1']);
      expect(stores.ticketCount('c1')).toBe(1);
      expect(notices).toEqual(['c1']);
      expect(await stores.calls.get('c1')).toMatchObject({ state: 'ended', endedAt: T0 + 5_030 });
      expect(stores.logLines.filter((line) => line.includes('ticket write failed; retrying'))).toHaveLength(2);
      // A late second close of the same call writes nothing and tells nobody.
      stores.writer.callClosed(callFacts('c1'));
      await stores.writer.drain();
      expect(stores.ticketCount('c1')).toBe(1);
      expect(notices).toEqual(['c1']);
    } finally {
      stores.database.close();
    }
  });

  it('writes a ticket once when a listener of new tickets fails, and still tells the next listener', async () => {
    const stores = new Stores(() => T0, 0);
    try {
      const told: string[] = [];
      stores.writer.onTicket(() => {
        throw new Error('the screen pop is gone');
      });
      stores.writer.onTicket((ticket) => told.push(ticket.callId));
      stores.writer.callClosed(callFacts('c3'));
      await stores.writer.drain();
      expect(stores.tickets.closes).toEqual(['c3']);
      expect(stores.ticketCount('c3')).toBe(1);
      expect(told).toEqual(['c3']);
      const entries = stores.logLines.map((line) => JSON.parse(line) as { level: string; msg: string });
      expect(entries.filter((entry) => entry.level === 'error').map((entry) => entry.msg)).toEqual(['a listener of new tickets failed']);
      expect(entries.some((entry) => entry.msg === 'ticket write failed; retrying')).toBe(false);
    } finally {
      stores.database.close();
    }
  });

  it('gives up after the last wait, with the facts in the log', async () => {
    const stores = new Stores(() => T0, 3);
    try {
      stores.writer.callClosed(callFacts('c2'));
      await stores.writer.drain();
      expect(stores.tickets.closes).toEqual(['c2', 'c2', 'c2']);
      expect(stores.ticketCount('c2')).toBe(0);
      const fatal = stores.logLines.map((line) => JSON.parse(line) as { level: string; msg: string; facts?: { callId: string } }).find((entry) => entry.level === 'fatal');
      expect(fatal).toMatchObject({ msg: 'ticket could not be written', facts: { callId: 'c2' } });
    } finally {
      stores.database.close();
    }
  });
});

describe('LiveCalls: a conversation kept through a takeover (resume)', () => {
  const started = T0 - 60_000;
  const facts = callFacts('c9', { startedAt: started, answeredAt: started + 100, queue: 'general', queuedAt: started + 5000, agentId: 'a1', agentAnsweredAt: started + 9000, ivrPath: [{ at: started + 9000, kind: 'outcome', outcome: 'answered', detail: 'a1' }] });
  const saved = { id: 'c9', channelId: 'ch-c9', callerNumber: facts.callerNumber, callerName: null, dialedNumber: '12345', startedAt: started, answeredAt: started + 100, updatedAt: T0 - 1000, ivrPath: facts.ivrPath, progress: facts };

  it('takes the call on in conversation: the ACD and the agent hear of it, requests on it work, and it ends with its one ticket', async () => {
    const r = registry;
    const agentEvents: string[] = [];
    r.live.onAgentEvent((event) => agentEvents.push(`${event.kind}:${event.agentId}`));
    expect(r.live.resume(saved, { legId: 'agentleg-1-c9', agentId: 'a1', bridgedAt: NaN, recorders: [] })).toBe(true);
    await settle();
    expect(r.acd).toEqual([{ type: 'ConversationResumed', callId: 'c9', agentId: 'a1', queueId: 'general', answeredAt: started + 9000, at: T0 }]);
    expect(agentEvents).toEqual(['offered:a1', 'answered:a1']);
    expect(r.live.activeCalls()).toEqual([expect.objectContaining({ callId: 'c9', phase: 'talking', agentId: 'a1' })]);
    expect(r.live.knowsChannel('agentleg-1-c9')).toBe(true);
    // Taken on once only.
    expect(r.live.resume(saved, { legId: 'agentleg-1-c9', agentId: 'a1', bridgedAt: NaN, recorders: [] })).toBe(false);
    void r.live.handle({ type: 'HangupRequested', channelId: 'ch-c9', cause: 16, at: r.tick(20_000) });
    void r.live.handle({ type: 'CallLeft', channelId: 'ch-c9', at: r.clock });
    await settle();
    await r.live.drain();
    expect(r.telephony.argsOf('hangup')).toContainEqual(['agentleg-1-c9']);
    expect(r.stores.ticketCount('c9')).toBe(1);
    expect(r.stores.ticketOf('c9')).toEqual({ endedBy: 'caller', agentId: 'a1' });
  });

  it("tells a desktop gateway that starts listening later (a restarted single box) of the conversation taken on, while it lasts", async () => {
    const r = registry;
    expect(r.live.resume(saved, { legId: 'agentleg-1-c9', agentId: 'a1', bridgedAt: NaN, recorders: [] })).toBe(true);
    await settle();
    const late: string[] = [];
    r.live.onAgentEvent((event) => late.push(`${event.kind}:${event.agentId}:${event.kind === 'offered' ? event.call.callId : event.callId}`));
    expect(late).toEqual(['offered:a1:c9', 'answered:a1:c9']);
    void r.live.handle({ type: 'HangupRequested', channelId: 'ch-c9', cause: 16, at: r.tick() });
    void r.live.handle({ type: 'CallLeft', channelId: 'ch-c9', at: r.clock });
    await settle();
    const later: string[] = [];
    r.live.onAgentEvent((event) => later.push(event.kind));
    expect(later).toEqual([]);
  });

  it('refuses what was saved wrongly: another agent on the leg, or no progress (the caller then goes to the fallback)', () => {
    expect(registry.live.resume(saved, { legId: 'agentleg-1-c9', agentId: 'a2', bridgedAt: NaN, recorders: [] })).toBe(false);
    expect(registry.live.resume({ ...saved, progress: null }, { legId: 'agentleg-1-c9', agentId: 'a1', bridgedAt: NaN, recorders: [] })).toBe(false);
    expect(registry.live.activeCalls()).toEqual([]);
  });
});

describe('LiveCalls: calls the server places to run a flow', () => {
  it('starts the flow given for the channel with its variables, and reports them when the call closes', async () => {
    const r = registry;
    const closed: CallFacts[] = [];
    r.live.onCallClosed((facts) => closed.push(facts));
    r.live.runFlowOnArrival('ch-o1', { flow: 'return-visit', variables: { ticketDate: '2026-12-03', summary: '小区电梯故障' } });
    await r.drive.arrive('o1');
    // No speech synthesizer in this registry: the summary is left out, the rest plays.
    expect(r.telephony.argsOf('playPrompts')[0]).toEqual(['ch-o1', ['visit_intro', 'num_10', 'num_2', 'date_month', 'num_3', 'date_day', 'visit_subject', 'visit_replied'], 'zh-CN', 'o1-p1']);
    for (const [playbackId, key] of [['o1-p1', null], ['o1-p2', '2'], ['o1-p3', null]] as const) {
      if (key) await r.key('ch-o1', key);
      else {
        void r.live.handle({ type: 'PromptFinished', channelId: 'ch-o1', playbackId, outcome: 'played', at: r.tick() });
        await settle();
      }
    }
    expect(r.telephony.methods()).toContain('hangup');
    void r.live.handle({ type: 'CallLeft', channelId: 'ch-o1', at: r.tick() });
    await settle();
    expect(closed.map((facts) => facts.flowResult)).toEqual([{ flow: 'return-visit', variables: { ticketDate: '2026-12-03', summary: '小区电梯故障', satisfaction: 'basically-satisfied' } }]);
  });

  it('only the placed channel runs the placed flow; other calls dial in to their entry flow as usual', async () => {
    const r = registry;
    r.live.runFlowOnArrival('ch-o2', { flow: 'sign-reminder', variables: { ticketNumber: '12' } });
    await r.drive.arrive('o2');
    expect(r.telephony.argsOf('playPrompts')[0]?.[1]).toEqual(['sign_new_order', 'digit_1', 'digit_2', 'sign_order_content']);
    await r.drive.arrive('o3', 'ch-o2-again');
    expect(r.telephony.argsOf('playPrompts')[1]?.[1]).toEqual(['main_menu']);
  });
});

describe('LiveCalls: calls the hotline placed (outbound tasks)', () => {
  const CHANNEL = 'outbound-visit-1-1';
  const heard: string[] = [];
  const hooks = {
    ringing: (channelId: string) => (channelId === CHANNEL && !heard.includes('answered') ? { taskId: 'visit-1', flowId: 'survey', variables: { ticketNumber: 'T-1' }, number: '13800000001' } : undefined),
    answered: () => void heard.push('answered'),
    unanswered: (_channelId: string, cause: number | null) => void heard.push(`unanswered:${cause}`),
    finished: (_channelId: string, variables: Readonly<Record<string, string>>) => void heard.push(`finished:${JSON.stringify(variables)}`),
  };
  const lastPlayback = (): string => {
    const plays = registry.telephony.requests.filter((request) => request.method === 'playPrompts');
    return String(plays.at(-1)?.args[3]);
  };

  beforeEach(() => {
    heard.length = 0;
    registry.live.attachOutbound(hooks);
  });

  it('runs the task flow on the answered call and hands back its variables at the end', async () => {
    const r = registry;
    await r.live.handle({ type: 'OutboundAnswered', channelId: CHANNEL, taskId: 'visit-1', at: r.tick() });
    await settle();
    expect(heard).toEqual(['answered']);
    expect(r.live.activeCalls().map((call) => call.callId)).toEqual([CHANNEL]);
    await r.key(CHANNEL, '1');
    void r.live.handle({ type: 'PromptFinished', channelId: CHANNEL, playbackId: lastPlayback(), outcome: 'played', at: r.tick() });
    await settle();
    void r.live.handle({ type: 'CallLeft', channelId: CHANNEL, at: r.tick() });
    await settle();
    expect(heard).toEqual(['answered', `finished:${JSON.stringify({ ticketNumber: 'T-1', satisfaction: 'satisfied' })}`]);
  });

  it('tells of a call that ended ringing, with its cause, and hangs up an outbound call it does not know', async () => {
    const r = registry;
    await r.live.handle({ type: 'ChannelGone', channelId: CHANNEL, cause: 17, at: r.tick() });
    expect(heard).toEqual(['unanswered:17']);
    await r.live.handle({ type: 'OutboundAnswered', channelId: 'outbound-other-1', taskId: 'other', at: r.tick() });
    expect(r.telephony.requests.filter((request) => request.method === 'hangup').map((request) => request.args[0])).toEqual(['outbound-other-1']);
  });
});
