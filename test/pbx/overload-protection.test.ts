// Overload protection on the real Asterisk: while the server falls behind (here: a proxy makes every
// ARI request slow, as a saturated Asterisk would), new callers are answered by the dialplan itself
// (greeting, then the human fallback queue) and never wait on the server; once it catches up, new
// callers reach the server again. Every call the dialplan answered without the server, shed or
// while no server was registered at all, gets exactly one ticket from Asterisk's own records. Past
// the line limit (HOTLINE_MAX_CALLS) a new caller hears at once that every line is busy.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AmiClient } from '../../src/adapters/ami/index.js';
import { createLogger } from '../../src/logging/logger.js';
import type { MetricsReply } from '../../src/contract/api/metrics.js';
import type { CallOutcome } from '../../src/tools/citizen-caller.js';
import { startAriFaultProxy, type AriFaultProxy } from '../helpers/ari-fault-proxy.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
/** Agent 8003's demo handset as a member of the fallback queue, for the shed caller to reach (the test Asterisk has no registered phones). */
const DEMO_MEMBER = 'Local/8003@demo-phones/n';
const kinds = (outcome: CallOutcome): string[] => outcome.events.map((event) => event.event);
const outcomes = (path: unknown[]): string[] => path.map((step) => (step as { outcome?: string; kind: string }).outcome ?? (step as { kind: string }).kind);

describe('overload protection (real Asterisk; ARI slowed by a proxy)', () => {
  let sim: TestCaller;
  let proxy: AriFaultProxy;
  let server: TestServer | undefined;
  let ami: AmiClient;
  /** A call made while no server was registered, before the server below started. */
  let unserved: CallOutcome;

  beforeAll(async () => {
    sim = await startTestCaller(runtime, 'citizen-sim-overload');
    ami = new AmiClient({ ...runtime.ami, logger: createLogger('silent') });
    const connected = new Promise<void>((resolve) => ami.once('connected', () => resolve()));
    ami.start();
    await connected;
    // The line limit is Asterisk's global: none left by an earlier run of this file for the call made before the server.
    await ami.action({ Action: 'Setvar', Variable: 'HOTLINE_MAX_CALLS', Value: '0' });
    // A registered elderly caller: the server never saw them, their ticket says so all the same.
    unserved = await sim.caller.call({ from: '13900000065', to: '12345', holdSeconds: 6 });
    proxy = await startAriFaultProxy(runtime.ari.url);
    // Lines low enough for one slowed request to cross them, so the test needs no real overload.
    server = await startTestServer({ ...runtime, ari: { ...runtime.ari, url: proxy.url } }, 'overload-protection', {
      HOTLINE_ADMISSION: 'auto',
      HOTLINE_ADMISSION_SHED_ABOVE_MS: '150',
      HOTLINE_ADMISSION_ADMIT_BELOW_MS: '50',
      HOTLINE_ADMISSION_SHED_AFTER_SECONDS: '1',
      HOTLINE_ADMISSION_ADMIT_AFTER_SECONDS: '4',
      HOTLINE_DIALPLAN_CALLS_LOOKBACK_MINUTES: '10',
      // Two calls at once at most: the shed test's two calls fit, a third is told the lines are busy.
      HOTLINE_MAX_CALLS: '2',
    });
  });
  afterAll(async () => {
    await ami?.action({ Action: 'QueueRemove', Queue: 'hotline-fallback', Interface: DEMO_MEMBER }).catch(() => undefined);
    // The Asterisk is shared with the files after this one: no limit left behind.
    await ami?.action({ Action: 'Setvar', Variable: 'HOTLINE_MAX_CALLS', Value: '0' }).catch(() => undefined);
    await ami?.stop();
    await sim?.stop();
    await server?.close();
    await proxy?.close();
  });

  const admission = async (): Promise<MetricsReply['admission']> => {
    const reply = await (server as TestServer).as('admin')({ method: 'GET', url: '/api/metrics' });
    return (reply.json() as MetricsReply).admission;
  };

  it('a caller who arrived while no server was registered went to the fallback queue, and the server, once up, writes their ticket (registries read then)', async () => {
    const s = server as TestServer;
    expect(kinds(unserved)).toEqual(['dialing', 'connected', 'queued', 'hangup']);
    const ticket = await waitFor(() => getTicket(s, unserved.callId), 15_000);
    expect(ticket).toMatchObject({ callerNumber: '13900000065', dialedNumber: '12345', queue: 'hotline-fallback', missedIn: 'queue', agentId: null, endedBy: 'caller', elderly: 1, enterpriseName: null });
    expect(outcomes(ticket.ivrPath)).toEqual(['dialplan-server-away', 'queued']);
    // (At least: a run before this one within the look-back left a call of its own.)
    expect((await admission()).dialplanCalls.serverAway).toBeGreaterThanOrEqual(1);
  });

  it('falling behind sheds new callers to the dialplan: greeting and fallback queue at once, one ticket, and the server takes callers again once it caught up', async () => {
    const s = server as TestServer;
    expect(await admission()).toMatchObject({ setting: 'auto', mode: 'admit', applied: 'admit' });
    // Every request now takes 300 ms: the first call's own requests make the server fall behind.
    proxy.inject({ match: () => true, delayMs: 300 });
    const slowed = sim.caller.call({ from: '13800009302', to: '12345', holdSeconds: 4 });
    await waitForAsync(async () => ((await admission()).applied === 'shed' ? true : undefined), 15_000, 100);
    expect(await admission()).toMatchObject({ mode: 'shed', sheds: 1, lastReason: 'request-time' });

    // Greeting and the fallback prompt take some 5 s before the queue; the demo handset answers a second after it rings.
    await ami.action({ Action: 'QueueAdd', Queue: 'hotline-fallback', Interface: DEMO_MEMBER, MemberName: 'agent-8003' });
    // An enterprise's contact number (fixtures/enterprises.csv): its ticket names the enterprise.
    const shed = await sim.caller.call({ from: '13800002002', to: '12345', holdSeconds: 12 });
    await ami.action({ Action: 'QueueRemove', Queue: 'hotline-fallback', Interface: DEMO_MEMBER });
    // The dialplan answered: the server never saw the caller (no prompt of its menus), the fallback queue took them.
    expect(kinds(shed)).toEqual(['dialing', 'connected', 'queued', 'hangup']);
    expect(s.callService.knowsCall(shed.callId)).toBe(false);
    await slowed;

    proxy.clear();
    await waitForAsync(async () => ((await admission()).applied === 'admit' ? true : undefined), 15_000, 100);
    expect((await admission()).lastReason).toBe('recovered');
    const admitted = await sim.caller.call({ from: '13800009304', to: '12345', holdSeconds: 2 });
    expect(kinds(admitted)).toContain('prompt');

    const ticket = await waitFor(() => getTicket(s, shed.callId), 15_000);
    // The agent of the fallback queue answered: the ticket has them, the talk, and its recording.
    expect(ticket).toMatchObject({ callerNumber: '13800002002', queue: 'hotline-fallback', missedIn: null, agentId: '8003', endedBy: 'caller', elderly: 0, enterpriseName: '金陵制造股份有限公司', enterpriseCreditCode: '91320106MA2ABC456F' });
    expect(ticket.talkMs).toBeGreaterThan(1000);
    expect(outcomes(ticket.ivrPath)).toEqual(['dialplan-shed', 'queued', 'answered']);
    const [recording] = ticket.recordings as { name: string }[];
    expect(recording?.name).toBe(`call-${shed.callId}-fallback`);
    expect(fs.statSync(path.join(runtime.recordingsDir, `${recording?.name}.wav`)).size).toBeGreaterThan(8000);
    // The recording catalog found the file, as for the server's own recordings (QA can play it).
    await waitFor(() => (s.database.sqlite.prepare('select state from recordings where id = ?').get(recording?.name) as { state: string } | undefined)?.state === 'ready' || undefined, 15_000);
    // Read again by later sweeps, never written twice; the calls the server handled have theirs.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(countTickets(s, shed.callId)).toBe(1);
    const calls = (await admission()).dialplanCalls;
    expect(calls.open).toBe(0);
    expect(calls.shed).toBeGreaterThanOrEqual(1);
    for (const outcome of [await slowed, admitted]) expect(countTickets(s, outcome.callId)).toBe(1);
  });

  it('past the line limit a new caller hears at once that every line is busy, the call ends, and its ticket says so', async () => {
    const s = server as TestServer;
    expect((await admission()).maxCalls).toBe(2);
    const held = [sim.caller.call({ from: '13800009311', to: '12345', holdSeconds: 12 }), sim.caller.call({ from: '13800009312', to: '12345', holdSeconds: 12 })];
    // Both in the group of calls at once the dialplan's entry counts.
    const atOnce = async (): Promise<number> => Number((await ami.action({ Action: 'Getvar', Variable: 'GROUP_COUNT(citizens@hotline)' })).value ?? 'NaN');
    await waitForAsync(async () => ((await atOnce()) === 2 ? true : undefined), 10_000, 100);

    const started = Date.now();
    const busy = await sim.caller.call({ from: '13800009313', to: '12345', holdSeconds: 30 });
    // Answered, told, hung up on by the hotline well before the caller would have left; never the server's.
    expect(kinds(busy)).toEqual(['dialing', 'connected', 'hangup']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(s.callService.knowsCall(busy.callId)).toBe(false);

    const ticket = await waitFor(() => getTicket(s, busy.callId), 15_000);
    expect(ticket).toMatchObject({ callerNumber: '13800009313', dialedNumber: '12345', queue: null, agentId: null, endedBy: 'system' });
    expect(outcomes(ticket.ivrPath)).toEqual(['dialplan-busy']);
    expect(ticket.recordings).toEqual([]);
    for (const outcome of await Promise.all(held)) {
      // Within the limit: the server's menus, as ever.
      expect(kinds(outcome)).toContain('prompt');
      await waitFor(() => countTickets(s, outcome.callId) === 1 || undefined, 10_000);
    }
    expect((await admission()).dialplanCalls.busy).toBeGreaterThanOrEqual(1);
    expect(countTickets(s, busy.callId)).toBe(1);
  });
});
