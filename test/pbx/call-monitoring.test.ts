// Supervisors on a real call (监听 / 密语 / 强插), told apart by ear: the citizen speaks a 440 Hz tone,
// agent 8001's demo phone 800 Hz, the supervisor's demo phone 1300 Hz. What each party hears is
// recorded through a snoop of the test's own on their channel, and a tone detector says whose
// voices it holds: listening, the supervisor hears both and nobody hears them; whispering, only the
// agent does (also while the citizen is silent); barging, both do. Each change keeps the supervisor
// on; the sessions and their modes are in the audit log; the conversation's recording stays one
// file; ending the session or the call leaves no supervisor leg, spy or bridge. Refused with stable
// codes: an unknown call, a second session of the same supervisor, a second barge, an agent.
// 拦截: the supervisor's phone takes the agent's place (the citizen hears the supervisor, no longer
// the agent), the agent goes to wrap-up, and the ticket names the supervisor. 强拆: the citizen hears
// the goodbye and is hung up, and the ticket says the supervisor ended the call.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent } from '../../src/tools/citizen-caller.js';
import { AriMonitoring } from '../../src/adapters/ari/ari-monitoring.js';
import { createLogger } from '../../src/logging/logger.js';
import { startAriTestApp, type AriTestApp } from '../helpers/ari-test-app.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { toneShares, wavSamples } from '../helpers/tone-shares.js';
import { waitFor, waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const EARS = 'monitor-ears';
const CITIZEN = 440;
const AGENT = 800;
const SUPERVISOR = 1300;
const TONES = [CITIZEN, AGENT, SUPERVISOR];

describe('a supervisor listens, whispers and barges into a real call (real Asterisk, tones told apart)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let ears: AriTestApp;
  let callId = '';
  let citizenTone = '';
  const events: CallerEvent[] = [];
  let call: Promise<unknown> = Promise.resolve();

  const setGlobal = (variable: string, value: string) => ears.request('POST', '/asterisk/variable', { variable, value });

  beforeAll(async () => {
    server = await startTestServer(runtime, 'call-monitoring');
    sim = await startTestCaller(runtime, 'citizen-sim-monitoring');
    ears = await startAriTestApp(runtime.ari, EARS);
    await setGlobal('DEMO_TONE_8001', String(AGENT));
    await setGlobal('DEMO_TONE_supervisor', String(SUPERVISOR));
    expect(await server.acd.login('8001')).toBeNull();
  });
  afterAll(async () => {
    // Other tests' demo phones play their hold music again.
    await setGlobal('DEMO_TONE_8001', '').catch(() => undefined);
    await setGlobal('DEMO_TONE_supervisor', '').catch(() => undefined);
    await ears?.close();
    await sim?.stop();
    await server?.close();
  });

  const asSupervisor = () => server.as('supervisor');
  /** What a channel receives (`in`) or is sent (`out`) for a while, through a snoop of the test's own: the tones' shares in it. */
  const heardOn = async (channelId: string, name: string, spy: 'in' | 'out', seconds = 1.5): Promise<Map<number, number>> => {
    const snoopId = `ears-${name}-${process.pid}`;
    const entered = ears.next((event) => event.type === 'StasisStart' && event.channel?.id === snoopId);
    await ears.request('POST', `/channels/${encodeURIComponent(channelId)}/snoop`, { spy, whisper: 'none', app: EARS, snoopId });
    await entered;
    await ears.request('POST', `/channels/${snoopId}/record`, { name: snoopId, format: 'wav', maxDurationSeconds: seconds, ifExists: 'overwrite' });
    await ears.next((event) => event.type === 'RecordingFinished' && event.recording?.name === snoopId, (seconds + 5) * 1000);
    await ears.request('DELETE', `/channels/${snoopId}`).catch(() => undefined);
    const { samples, rate } = wavSamples(fs.readFileSync(path.join(runtime.recordingsDir, `${snoopId}.wav`)));
    return toneShares(samples, rate, TONES).shares;
  };
  /** Which of the tones a share map holds. */
  const voices = (shares: Map<number, number>): number[] => TONES.filter((tone) => (shares.get(tone) ?? 0) > 0.05);
  const parties = async (label: string) => {
    const live = server.callService.activeCalls().find((c) => c.callId === callId);
    const conversation = server.callService.conversationOf(callId);
    const monitor = (await asSupervisor()({ method: 'GET', url: '/api/monitors' })).json<{ monitors: { monitorId: string }[] }>().monitors[0];
    if (!live || !conversation || !monitor) throw new Error('the call, its conversation and the session are needed');
    // What the caller's and the supervisor's channels are sent (the bridges' mixes), and what the agent's
    // demo phone receives: a snoop on the very channel a whisper goes into may not see the whisper (the
    // two audiohooks' order), so never the agent's leg itself.
    const [citizen, agent, supervisor] = await Promise.all([
      heardOn(live.channelId, `${label}-citizen`, 'out'),
      heardOn(`${conversation.agentLeg}-phone`, `${label}-agent`, 'in'),
      heardOn(`sup-${monitor.monitorId}`, `${label}-supervisor`, 'out'),
    ]);
    return { citizen: voices(citizen), agent: voices(agent), supervisor: voices(supervisor) };
  };
  const heardMode = async (mode: string): Promise<string> =>
    waitForAsync(async () => {
      const monitors = (await asSupervisor()({ method: 'GET', url: '/api/monitors' })).json<{ monitors: { monitorId: string; heard: string | null }[] }>().monitors;
      return monitors[0]?.heard === mode ? monitors[0].monitorId : undefined;
    }, 15_000, 100);

  it('listening: the supervisor hears citizen and agent, and neither hears the supervisor; the agent sees no banner', async () => {
    call = sim.caller.call({ from: '13800007031', to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 120 }, (event) => events.push(event));
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the citizen has not dialed');
    callId = dialing.callId;
    const playback = await sim.ari.http.request<{ id: string }>('POST', `/channels/${callId}/play`, { query: { media: `tone:${CITIZEN}` } });
    citizenTone = playback.id;

    const started = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'listen' } });
    expect([started.statusCode, started.json().monitorId]).toEqual([202, `mon-1-${callId}`]);
    await heardMode('listen');
    const heard = await parties('listen');
    expect(heard).toEqual({ citizen: [AGENT], agent: [CITIZEN], supervisor: [CITIZEN, AGENT] });
  });

  it('refuses with stable codes: an unknown call, the same supervisor twice, a bad mode, an agent', async () => {
    const unknown = await asSupervisor()({ method: 'POST', url: '/api/calls/nobody/monitor', payload: { mode: 'listen' } });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CALL_NOT_FOUND']);
    const twice = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'barge' } });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'MONITOR_ALREADY_ON']);
    const bad = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'shout' } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'REQUEST_INVALID']);
    const agent = await server.as('8001')({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'listen' } });
    expect([agent.statusCode, agent.json().error.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    const notMine = await server.as('admin')({ method: 'GET', url: '/api/monitors' });
    expect(notMine.json().monitors).toHaveLength(1);
  });

  it('a supervisor without a registered phone is refused before anything rings (MONITOR_NO_PHONE); Asterisk says which phones are up', async () => {
    const logger = createLogger('silent');
    const handsets = new AriMonitoring(server.ari, { app: 'hotline', supervisorEndpoint: 'PJSIP/{supervisor}', channelOf: (legId) => legId, logger });
    // Agent 8001's handset endpoint exists but nothing registered on it; an unknown endpoint does not exist.
    expect(await handsets.hasPhone('agent-8001')).toBe(false);
    expect(await handsets.hasPhone('nobody')).toBe(false);
    // A registered phone's endpoint answers online: proven with a browser phone in test/e2e/monitoring.test.ts.
    const demo = new AriMonitoring(server.ari, { app: 'hotline', supervisorEndpoint: 'Local/{supervisor}@demo-supervisor-phones', channelOf: (legId) => legId, logger });
    expect(await demo.hasPhone('anyone')).toBe(true);
  });

  it('whispering: only the agent hears the supervisor; barging: both do, and a second barge is refused', async () => {
    const monitorId = `mon-1-${callId}`;
    const whisper = await asSupervisor()({ method: 'PATCH', url: `/api/monitors/${monitorId}`, payload: { mode: 'whisper' } });
    expect(whisper.statusCode).toBe(202);
    await heardMode('whisper');
    expect(await parties('whisper')).toEqual({ citizen: [AGENT], agent: [CITIZEN, SUPERVISOR], supervisor: [CITIZEN, AGENT] });

    expect((await asSupervisor()({ method: 'PATCH', url: `/api/monitors/${monitorId}`, payload: { mode: 'barge' } })).statusCode).toBe(202);
    await heardMode('barge');
    expect(await parties('barge')).toEqual({ citizen: [AGENT, SUPERVISOR], agent: [CITIZEN, SUPERVISOR], supervisor: [CITIZEN, AGENT] });
    const second = await server.as('admin')({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'barge' } });
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'MONITOR_BARGE_TAKEN']);
  });

  it('whispering while the citizen is silent still reaches the agent', async () => {
    await sim.ari.http.request('DELETE', `/playbacks/${citizenTone}`);
    expect((await asSupervisor()({ method: 'PATCH', url: `/api/monitors/mon-1-${callId}`, payload: { mode: 'whisper' } })).statusCode).toBe(202);
    await heardMode('whisper');
    const heard = await parties('silent-whisper');
    expect(heard.agent).toEqual([SUPERVISOR]);
    expect(heard.citizen).toEqual([AGENT]);
  });

  it('ends on request without a trace on the phone system, audited with its modes; the call goes on and keeps one recording', async () => {
    const monitorId = `mon-1-${callId}`;
    const ended = await asSupervisor()({ method: 'DELETE', url: `/api/monitors/${monitorId}` });
    expect(ended.statusCode).toBe(202);
    const leftovers = async () => {
      const channels = (await ears.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id);
      const bridges = (await ears.request<{ id: string }[]>('GET', '/bridges')).map((bridge) => bridge.id);
      return [...channels.filter((id) => id.includes(monitorId)), ...bridges.filter((id) => id.includes(monitorId))];
    };
    await waitForAsync(async () => ((await leftovers()).length === 0 ? true : undefined), 10_000);
    expect((await asSupervisor()({ method: 'GET', url: '/api/monitors' })).json().monitors).toEqual([]);
    const gone = await asSupervisor()({ method: 'DELETE', url: `/api/monitors/${monitorId}` });
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'MONITOR_NOT_FOUND']);

    const audit = await waitForAsync(async () => {
      const rows = (await server.as('qa')({ method: 'GET', url: `/api/audit?action=call.monitor.ended` })).json<{ entries?: { detail: { spans: { mode: string }[] } | null }[] }>().entries;
      return rows && rows.length > 0 ? rows : undefined;
    });
    expect(audit[0]?.detail?.spans.map((span) => span.mode)).toEqual(['listen', 'whisper', 'barge', 'whisper']);

    // The conversation went on all along: the citizen still hears the agent.
    const live = server.callService.activeCalls().find((c) => c.callId === callId);
    expect(live?.phase).toBe('talking');
    await sim.ari.hangup(callId);
    await call;
    const ticket = await waitFor(() => getTicket(server, callId), 15_000);
    expect(ticket).toMatchObject({ agentId: '8001', endedBy: 'caller' });
    expect(ticket.recordings).toHaveLength(1);
  });

  it('a session ends with the conversation: the supervisor is hung up, nothing is left', async () => {
    events.length = 0;
    expect(await server.acd.ticketFiled('8001', callId)).toBeNull();
    call = sim.caller.call({ from: '13800007032', to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 120 }, (event) => events.push(event));
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the citizen has not dialed');
    const started = await asSupervisor()({ method: 'POST', url: `/api/calls/${dialing.callId}/monitor`, payload: { mode: 'barge' } });
    const monitorId = started.json<{ monitorId: string }>().monitorId;
    await heardMode('barge');
    await sim.ari.hangup(dialing.callId);
    await call;
    await waitForAsync(async () => {
      const channels = (await ears.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id);
      const bridges = (await ears.request<{ id: string }[]>('GET', '/bridges')).map((bridge) => bridge.id);
      return [...channels, ...bridges].some((id) => id.includes(monitorId)) ? undefined : true;
    }, 10_000);
    expect((await asSupervisor()({ method: 'GET', url: '/api/monitors' })).json().monitors).toEqual([]);
  });
  /** A new call answered by agent 8001 (its last call filed), the citizen speaking their tone: its id. */
  const nextCall = async (from: string): Promise<string> => {
    events.length = 0;
    await waitUntilState('8001', ['available', 'wrap_up']);
    if (server.acd.agentState('8001')?.state === 'wrap_up') expect(await server.acd.ticketFiled('8001', null)).toBeNull();
    call = sim.caller.call({ from, to: '12345', dtmf: 'w1,1,w1,1', holdSeconds: 120 }, (event) => events.push(event));
    await waitFor(() => events.find((event) => event.event === 'answered' && event.agent === '8001'), 30_000);
    const dialing = events.find((event) => event.event === 'dialing');
    if (dialing?.event !== 'dialing') throw new Error('the citizen has not dialed');
    callId = dialing.callId;
    await sim.ari.http.request('POST', `/channels/${callId}/play`, { query: { media: `tone:${CITIZEN}` } });
    return callId;
  };
  const waitUntilState = (agentId: string, states: string[]) => waitFor(() => (states.includes(server.acd.agentState(agentId)?.state ?? '') ? true : undefined), 15_000);

  it('拦截: the supervisor takes the citizen (who hears them, no longer the agent), the agent goes to wrap-up, the ticket names the supervisor', async () => {
    await nextCall('13800007033');
    const early = await asSupervisor()({ method: 'POST', url: `/api/monitors/mon-9-${callId}/take-over` });
    expect([early.statusCode, early.json().error.code]).toEqual([404, 'MONITOR_NOT_FOUND']);
    const started = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/monitor`, payload: { mode: 'listen' } });
    const monitorId = started.json<{ monitorId: string }>().monitorId;
    await heardMode('listen');
    const agentLeg = server.callService.conversationOf(callId)?.agentLeg;
    const taken = await asSupervisor()({ method: 'POST', url: `/api/monitors/${monitorId}/take-over` });
    expect([taken.statusCode, taken.json().monitorId]).toEqual([202, monitorId]);

    await waitUntilState('8001', ['wrap_up']);
    const supervisorLeg = `sup-${monitorId}`;
    await waitFor(() => (server.callService.conversationOf(callId)?.agentLeg === supervisorLeg ? true : undefined), 10_000);
    const live = server.callService.activeCalls().find((c) => c.callId === callId);
    if (!live || !agentLeg) throw new Error('the call goes on');
    const [citizen, supervisor] = await Promise.all([heardOn(live.channelId, 'taken-citizen', 'out'), heardOn(supervisorLeg, 'taken-supervisor', 'out')]);
    expect({ citizen: voices(citizen), supervisor: voices(supervisor) }).toEqual({ citizen: [SUPERVISOR], supervisor: [CITIZEN] });
    // The agent's leg, the session's spy and bridge are gone; the supervisor's phone stays, in the conversation.
    const channels = (await ears.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id);
    const bridges = (await ears.request<{ id: string }[]>('GET', '/bridges')).map((bridge) => bridge.id);
    expect(channels.filter((id) => id === agentLeg || id.startsWith('spy-'))).toEqual([]);
    expect(bridges.filter((id) => id.startsWith('monitor-'))).toEqual([]);

    // The supervisor hangs up: the citizen goes on to the survey, then leaves.
    await ears.request('DELETE', `/channels/${supervisorLeg}`);
    await waitFor(() => (server.callService.activeCalls().find((c) => c.callId === callId)?.phase === 'survey' ? true : undefined), 10_000);
    await sim.ari.hangup(callId);
    await call;
    const ticket = await waitFor(() => getTicket(server, callId), 15_000);
    expect(ticket).toMatchObject({ agentId: 'supervisor' });
    // The agent's part was recorded on the agent's leg, the supervisor's on theirs.
    expect(ticket.recordings.map((recording) => (recording as { name: string }).name)).toEqual([`call-${callId}`, `call-${callId}-2`].map((name) => name.replace(/[^A-Za-z0-9._-]/g, '_')));
    expect(JSON.stringify(ticket.ivrPath)).toContain('"outcome":"taken-over","detail":"8001→supervisor"');
    const audit = (await server.as('qa')({ method: 'GET', url: `/api/audit?call=${callId}` })).json<{ entries: { action: string; detail: { why?: string } | null }[] }>().entries;
    expect(audit.find((entry) => entry.action === 'call.monitor.ended')?.detail?.why).toBe('taken-over');
  });

  it('强拆: the citizen hears the goodbye and is hung up; the ticket says the supervisor ended it, and the act is audited', async () => {
    await nextCall('13800007034');
    const agent = await server.as('8001')({ method: 'POST', url: `/api/calls/${callId}/release` });
    expect([agent.statusCode, agent.json().error.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    const released = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/release` });
    expect([released.statusCode, released.json()]).toEqual([202, { released: true }]);
    await call;
    expect(events.find((event) => event.event === 'prompt' && event.prompt.includes('force_release_notice'))).toBeDefined();
    expect(events.find((event) => event.event === 'hangup')).toMatchObject({ by: 'hotline' });
    const ticket = await waitFor(() => getTicket(server, callId), 15_000);
    const again = await asSupervisor()({ method: 'POST', url: `/api/calls/${callId}/release` });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'CALL_NOT_FOUND']);
    expect(ticket).toMatchObject({ agentId: '8001', endedBy: 'supervisor' });
    expect(JSON.stringify(ticket.ivrPath)).toContain('"outcome":"force-released","detail":"supervisor"');
    const audit = (await server.as('qa')({ method: 'GET', url: `/api/audit?call=${callId}` })).json<{ entries: { action: string; actor: string }[] }>().entries;
    expect(audit.filter((entry) => entry.action === 'call.force-released')).toEqual([expect.objectContaining({ actor: 'supervisor' })]);
    expect(await server.acd.ticketFiled('8001', callId)).toBeNull();
  });
});
