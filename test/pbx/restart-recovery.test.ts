// The server killed with SIGKILL while one call is in the IVR, one waits in the queue and one is in
// conversation with an agent, then started again on the same database: the conversation goes on in
// its bridge and ends with its ticket as any other (the real talk time, one recording); every other
// caller still on the line is sent to the human fallback at once, and each call has exactly one
// ticket, with its queue, way through the menu and agent as the call machine last saved them; a
// supervisor whispering to that agent leaves no phone, spy or bridge behind. And a conversation
// that ends while the server is down is told by Asterisk's own records (cel_custom): its real talk
// time and who hung up, not the moment of the last save. A caller in the survey Asterisk runs (the
// compiled survey) when the server dies rates after the restart, and the rating is on the ticket.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import type { CallOutcome } from '../../src/tools/citizen-caller.js';
import { callIntoCompiledSurvey } from '../helpers/compiled-survey-call.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller } from '../helpers/test-caller.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV } from '../helpers/test-pbx-settings.js';
import { startTestServer } from '../helpers/test-server.js';
import type { SyncState } from '../../src/contract/socket-events.js';
import { connectDesktop } from '../helpers/desktop-client.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';
import { wavSeconds } from '../helpers/wav-seconds.js';

const runtime = inject('pbxRuntime');

/** The first server, as a process of its own on a fresh database, to be killed with SIGKILL. */
function spawnServerToKill(prefix: string, agents: string, more: Record<string, string> = {}): { dir: string; dbFile: string; first: ChildProcess & { running: Promise<void>; url: () => string } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbFile = path.join(dir, 'hotline.db');
  const env = { ...process.env, ...TEST_PBX_ENV, ...QUIET_PROTECTION_ENV, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: dbFile, HOTLINE_LOG_LEVEL: 'info', HOTLINE_AUTO_LOGIN: agents, HOTLINE_QUEUES_FILE: testQueuesFile(), ...more };
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const running = waitUntil(() => output.includes('hotline-cti is running.'), 60_000, 100);
  // Awaited by the test; a test that fails before that must not leave its rejection unhandled.
  running.catch(() => undefined);
  const url = (): string => /Agent desktop: (http:\/\/\S+?)\/ /.exec(output)?.[1] ?? '';
  return { dir, dbFile, first: Object.assign(child, { running, url }) };
}

/** On the first server, over its API as the demo supervisor: whispering to the agent of a call, heard. */
async function superviseOnFirst(base: string, callId: string): Promise<void> {
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
  const login = await json<{ token: string }>(await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: 'hotline-demo' }) }));
  const headers = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
  const started = await fetch(`${base}/api/calls/${callId}/monitor`, { method: 'POST', headers, body: JSON.stringify({ mode: 'whisper' }) });
  expect(started.status).toBe(202);
  await waitForAsync(async () => {
    const { monitors } = await json<{ monitors: { heard: string | null }[] }>(await fetch(`${base}/api/monitors`, { headers }));
    return monitors[0]?.heard === 'whisper' ? true : undefined;
  }, 15_000, 100);
}

describe('a server killed mid-call (real Asterisk)', () => {
  it('settles every call it left at the next start: the conversation goes on, fallback for the other callers, one ticket each', async () => {
    const { dir, dbFile, first } = spawnServerToKill('hotline-restart-', '8003');
    const sim = await startTestCaller(runtime, 'citizen-sim-restart');
    try {
      await first.running;
      // What the first server saved as each call moved on, read as an auditor would.
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      const saved = (caller: string, step: string): boolean =>
        (db.prepare('select count(*) as n from calls where caller_number = ? and ivr_path like ?').get(caller, `%"outcome":"${step}"%`) as { n: number }).n > 0;
      const calls: Promise<CallOutcome>[] = [];
      // In conversation with 8003 (the demo phone answers after 1 s), then one waiting behind it.
      calls.push(sim.caller.call({ from: '13800000001', to: '12345', holdSeconds: 30 }));
      await waitUntil(() => saved('13800000001', 'answered'), 20_000, 100);
      // A supervisor whispers to the agent when the server dies: the session goes with it.
      const talkingId = (db.prepare('select id from calls where caller_number = ?').get('13800000001') as { id: string }).id;
      await superviseOnFirst(first.url(), talkingId);
      calls.push(sim.caller.call({ from: '13800000002', to: '12345', holdSeconds: 25 }));
      await waitUntil(() => saved('13800000002', 'queued'), 20_000, 100);
      db.close();
      // The third is still in the main menu when the server dies.
      calls.push(sim.caller.call({ from: '13800000003', to: '12345', holdSeconds: 25 }));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('close', resolve));
      const killedAt = Date.now();

      const server = await startTestServer(runtime, 'restart-recovery', { HOTLINE_DB_FILE: dbFile, HOTLINE_QUEUES_FILE: testQueuesFile() });
      try {
        const inApp = async (): Promise<string[]> =>
          (await sim.ari.listChannels()).filter((c) => c.dialplan?.app_name === 'Stasis' && (c.dialplan.app_data ?? '').split(',')[0] === 'hotline').map((c) => c.id);
        const ids = server.database.sqlite.prepare('select id, channel_id as channel, caller_number as caller from calls order by started_at').all() as { id: string; channel: string; caller: string }[];
        expect(ids.map((row) => row.caller)).toEqual(['13800000001', '13800000002', '13800000003']);
        const [talking, waiting, inMenu] = ids as [(typeof ids)[0], (typeof ids)[0], (typeof ids)[0]];
        // Within 10 s of the start only the conversation is left in the application: the caller,
        // the agent's leg and the recorder. (A caller hears the end of the prompt that was playing:
        // Asterisk carries out the move to the fallback after it.)
        const kept = (id: string): boolean => id === talking.channel || id.endsWith(`-${talking.id}`) || id.startsWith(`rec-call-${talking.id}`.replace(/[^A-Za-z0-9._-]/g, '_'));
        await waitForAsync(async () => ((await inApp()).every(kept) ? true : undefined), 10_000, 250);
        // The supervisor's phone and the spy of the killed server's monitoring session are gone, and its bridge.
        expect((await inApp()).filter((id) => id.startsWith('sup-') || id.startsWith('spy-'))).toEqual([]);
        expect((await sim.ari.http.request<{ id: string }[]>('GET', '/bridges')).filter((b) => b.id.startsWith('monitor-'))).toEqual([]);
        // The conversation goes on in its bridge: the caller and 8003's leg are still together.
        const bridge = await sim.ari.http.request<{ channels: string[] }>('GET', `/bridges/conv-${talking.id}`);
        expect(bridge.channels).toHaveLength(2);
        expect(bridge.channels).toContain(talking.channel);
        const agentLeg = bridge.channels.find((id) => id !== talking.channel) ?? '';
        expect(agentLeg).toMatch(/^agentleg-\d+-/);
        // It is recorded by MixMonitor on the agent's leg (no recorder channel, nothing on the
        // caller's): the file the new server reads back from the leg is the conversation's own.
        const recordingName = `call-${talking.id}`.replace(/[^A-Za-z0-9._-]/g, '_');
        expect(await sim.ari.getVariable(agentLeg, 'MIXMONITOR_FILENAME')).toMatch(new RegExp(`/recording/${recordingName}\\.wav$`));
        expect(await sim.ari.getVariable(talking.channel, 'MIXMONITOR_FILENAME').catch(() => '')).toBe('');
        // The other two were settled at once: one ticket each, sent to the fallback.
        for (const row of [waiting, inMenu]) expect(countTickets(server, row.id)).toBe(1);
        expect(countTickets(server, talking.id)).toBe(0);
        const [queued, menu] = [getTicket(server, waiting.id), getTicket(server, inMenu.id)];
        expect([queued, menu].map((t) => t?.ivrPath.at(-1))).toEqual(Array(2).fill(expect.objectContaining({ kind: 'outcome', outcome: 'restart-human-fallback' })));
        expect(queued).toMatchObject({ agentId: null, queue: 'general', status: 'missed', missedIn: 'queue' });
        expect(menu).toMatchObject({ agentId: null, queue: null, status: 'missed', missedIn: 'ivr' });
        // The call machine saved each call as it moved: the caller killed 2 s into the main menu has the menu on the ticket.
        expect(menu?.ivrPath).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'node', flow: 'main' })]));
        const live = await sim.ari.listChannels();
        expect(live.filter((c) => c.dialplan?.context === 'human-fallback').length).toBeGreaterThanOrEqual(2);
        // The wallboard sees the call as 8003's, and 8003's desktop, connecting to the new server, gets
        // the call's pop back and the agent on the call.
        expect(server.callService.activeCalls()).toEqual([expect.objectContaining({ callId: talking.id, agentId: '8003' })]);
        const desk = await connectDesktop(server.url, (await server.storage.tokens.issue('8003', 'agent', Date.now(), 3_600_000)).token);
        const sync = await new Promise<SyncState>((resolve) => desk.socket.emit('state:sync', resolve));
        desk.socket.close();
        expect(sync.pop?.callId).toBe(talking.id);
        expect(sync.agent?.state).toBe('on_call');

        // The caller hangs up 30 s into the conversation, well after the restart: the call ends as any
        // conversation does, with its one ticket, the real talk time and one recording in one file.
        const outcomes = await Promise.all(calls);
        expect(outcomes.map((o) => o.events.some((e) => e.event === 'hangup'))).toEqual([true, true, true]);
        const ticket = await waitFor(() => getTicket(server, talking.id));
        expect(countTickets(server, talking.id)).toBe(1);
        expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'caller', status: 'accepted' });
        const outcomesOnTicket = (ticket.ivrPath as { kind: string; outcome?: string }[]).flatMap((step) => (step.kind === 'outcome' ? [step.outcome] : []));
        expect(outcomesOnTicket).toContain('restart-conversation-kept');
        expect(outcomesOnTicket).not.toContain('restart-human-fallback');
        expect(ticket.callEndedAt).toBeGreaterThan(killedAt + 5000);
        // The caller's 30 s count from the dialplan's answer, before the menu and the queue.
        expect(ticket.talkMs).toBeGreaterThan(15_000);
        const recording = `call-${talking.id}`.replace(/[^A-Za-z0-9._-]/g, '_');
        expect(ticket.recordings).toEqual([expect.objectContaining({ name: recording, kind: 'conversation' })]);
        const file = path.join(runtime.recordingsDir, `${recording}.wav`);
        await waitUntil(() => fs.existsSync(file) && wavSeconds(file) > 0, 5000, 100);
        expect(Math.abs(wavSeconds(file) * 1000 - ticket.talkMs)).toBeLessThan(1500);
        // Nothing is left behind: no channel in the application, no conversation bridge.
        await waitForAsync(async () => ((await inApp()).length === 0 ? true : undefined), 5000, 100);
        const bridges = await sim.ari.http.request<{ id: string }[]>('GET', '/bridges');
        expect(bridges.filter((b) => b.id.startsWith('conv-') || b.id.startsWith('monitor-'))).toEqual([]);
      } finally {
        await server.close();
      }
    } finally {
      first.kill('SIGKILL');
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('takes from Asterisk\'s records what happened while it was down: the real talk time and who hung up', async () => {
    const { dir, dbFile, first } = spawnServerToKill('hotline-restart-cel-', '8001,8003');
    const sim = await startTestCaller(runtime, 'citizen-sim-restart-cel');
    try {
      await first.running;
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      const callIdOf = (caller: string): string | undefined =>
        (db.prepare('select id from calls where caller_number = ? and ivr_path like ?').get(caller, '%"outcome":"answered"%') as { id: string } | undefined)?.id;
      // Two conversations, one with each agent; the simulated callers would stay a minute.
      const callerLegs = new Map<string, string>();
      const dial = (from: string): Promise<CallOutcome> =>
        sim.caller.call({ from, to: '12345', holdSeconds: 60 }, (event) => {
          if (event.event === 'dialing') callerLegs.set(from, event.callId);
        });
      // Placed together: two agents are free, so each caller goes through the menu to one of them at once.
      const calls = [dial('13800000011'), dial('13800000012')];
      await waitUntil(() => callIdOf('13800000011') !== undefined && callIdOf('13800000012') !== undefined, 20_000, 100);
      const [callerHangsUp, agentHangsUp] = [callIdOf('13800000011') as string, callIdOf('13800000012') as string];
      db.close();
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('close', resolve));

      // While nobody watches: 3 s on, the first caller hangs up, and the second call's agent.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const agentPhone = (await sim.ari.listChannels()).find((c) => c.id.startsWith('agentleg-') && c.id.endsWith(`-${agentHangsUp}-phone`));
      expect(agentPhone).toBeDefined();
      const callerHungUpAt = Date.now();
      await sim.ari.hangup(callerLegs.get('13800000011') as string);
      const agentHungUpAt = Date.now();
      await sim.ari.hangup(agentPhone?.id as string);
      await new Promise((resolve) => setTimeout(resolve, 1000));

      const server = await startTestServer(runtime, 'restart-recovery-cel', { HOTLINE_DB_FILE: dbFile, HOTLINE_QUEUES_FILE: testQueuesFile() });
      try {
        const answeredAt = (callId: string): number =>
          (server.database.sqlite.prepare('select agent_answered_at as at from tickets where call_id = ?').get(callId) as { at: number }).at;
        const byCaller = getTicket(server, callerHangsUp);
        expect(byCaller).toMatchObject({ endedBy: 'caller', hangupCause: 16, status: 'accepted' });
        expect(byCaller?.ivrPath.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'lost-during-restart' });
        // Talk time runs to the caller's hang-up (over 3 s), not to the last save before the kill.
        expect(byCaller?.talkMs).toBeGreaterThan(3000);
        expect(Math.abs(answeredAt(callerHangsUp) + (byCaller?.talkMs ?? 0) - callerHungUpAt)).toBeLessThan(500);
        expect(Math.abs((byCaller?.callEndedAt ?? 0) - callerHungUpAt)).toBeLessThan(500);

        // The second caller was still on the line: sent to the fallback, the talk ended when the agent left.
        const byAgent = getTicket(server, agentHangsUp);
        expect(byAgent).toMatchObject({ endedBy: 'agent', status: 'accepted' });
        expect(byAgent?.ivrPath.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'restart-human-fallback' });
        expect(byAgent?.talkMs).toBeGreaterThan(3000);
        expect(Math.abs(answeredAt(agentHangsUp) + (byAgent?.talkMs ?? 0) - agentHungUpAt)).toBeLessThan(500);
        for (const callId of [callerHangsUp, agentHangsUp]) expect(countTickets(server, callId)).toBe(1);
        await sim.ari.hangup(callerLegs.get('13800000012') as string).catch(() => undefined);
        await Promise.all(calls);
      } finally {
        await server.close();
      }
    } finally {
      first.kill('SIGKILL');
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a caller in the survey Asterisk runs when the server dies rates after the restart: the rating on the one ticket', async () => {
    const compiled = { HOTLINE_IVR_IN_DIALPLAN: 'on' };
    const { dir, dbFile, first } = spawnServerToKill('hotline-restart-survey-', '8003', compiled);
    const sim = await startTestCaller(runtime, 'citizen-sim-restart-survey');
    let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
    try {
      await first.running;
      // The demo phone answers after 1 s; 1.5 s into the conversation the agent hangs up, and the
      // caller hears the survey's question, in Asterisk's dialplan.
      const { call, surveyAsked, callerLeg } = callIntoCompiledSurvey(sim, '13800000021');
      await surveyAsked;
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('close', resolve));

      server = await startTestServer(runtime, 'restart-recovery-survey', { ...compiled, HOTLINE_DB_FILE: dbFile, HOTLINE_QUEUES_FILE: testQueuesFile() });
      const started = server;
      const row = started.database.sqlite.prepare('select id from calls where caller_number = ?').get('13800000021') as { id: string };
      // Taken on in the survey: no ticket yet, the call is this server's, the caller still in the dialplan.
      await waitUntil(() => started.callService.knowsCall(row.id), 10_000, 100);
      expect(countTickets(started, row.id)).toBe(0);
      // The caller rates 2 (basically satisfied) to the new server's watch.
      await sim.ari.sendDtmf(callerLeg(), '2', { duration: 120 });
      const outcome = await call;
      expect(outcome.events.find((event) => event.event === 'hangup')).toMatchObject({ by: 'hotline' });
      const ticket = await waitFor(() => getTicket(started, row.id));
      expect(countTickets(started, row.id)).toBe(1);
      expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'agent', satisfaction: 'basically-satisfied' });
      const steps = (ticket.ivrPath as { kind: string; node?: string; key?: string; outcome?: string }[]).map((step) => [step.kind, step.node ?? step.key ?? step.outcome ?? ''].join(':'));
      expect(steps).toEqual(expect.arrayContaining(['outcome:answered', 'outcome:restart-survey-kept', 'key:2', 'node:basically-satisfied', 'outcome:hangup']));
      expect(steps).not.toContain('outcome:restart-human-fallback');
      expect(started.callService.knowsCall(row.id)).toBe(false);
    } finally {
      await server?.close();
      first.kill('SIGKILL');
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
