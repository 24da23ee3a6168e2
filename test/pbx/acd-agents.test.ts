// The ACD on a real Asterisk with demo phones: agents answer, conversations are recorded, elderly
// callers go first, enterprise calls reach enterprise agents, a phone that rings unanswered gives
// the call back, and an elderly caller with no elderly agent free is answered by a general agent.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AGENT_LEG_SHOW_COMMAND, readAgentLegDialplan } from '../../src/adapters/ami/agent-leg-dialplan.js';
import { AmiClient } from '../../src/adapters/ami/index.js';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import { createLogger } from '../../src/logging/logger.js';
import type { CallerEvent, CallOutcome } from '../../src/tools/citizen-caller.js';
import { testFlowsDir, testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';
import { wavSeconds } from '../helpers/wav-seconds.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';

const runtime = inject('pbxRuntime');

const events = <T extends CallerEvent['event']>(outcome: CallOutcome, type: T): Extract<CallerEvent, { event: T }>[] =>
  outcome.events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);

/** The offers of a call, from its ticket's path (an offer is not marked on the caller's channel). */
async function offers(server: TestServer, outcome: CallOutcome): Promise<{ agent: string; at: number }[]> {
  const ticket = await waitFor(() => getTicket(server, outcome.callId));
  return (ticket.ivrPath as { kind: string; outcome?: string; detail?: string; at: number }[])
    .filter((step) => step.kind === 'outcome' && step.outcome === 'offered')
    .map((step) => ({ agent: step.detail ?? '', at: step.at }));
}

/** The caller hangs up a second after an agent answers: what follows the answer is not looked at. */
function leaveOnceAnswered(sim: TestCaller): (event: CallerEvent) => void {
  let callerLeg = '';
  return (event) => {
    if (event.event === 'dialing') callerLeg = event.callId;
    if (event.event === 'answered') setTimeout(() => void sim.ari.hangup(callerLeg).catch(() => undefined), 1000);
  };
}

async function withServer(name: string, env: Record<string, string>): Promise<{ server: TestServer; sim: TestCaller }> {
  const server = await startTestServer(runtime, name, { HOTLINE_QUEUES_FILE: testQueuesFile(), ...env });
  const sim = await startTestCaller(runtime, `citizen-sim-${name}`);
  return { server, sim };
}

/** One server and one simulated caller for a describe block, stopped after it. */
function useServer(name: string, env: Record<string, string>): { readonly server: TestServer; readonly sim: TestCaller } {
  const ctx = {} as { server: TestServer; sim: TestCaller };
  beforeAll(async () => Object.assign(ctx, await withServer(name, env)));
  afterAll(async () => {
    await ctx.sim?.stop();
    await ctx.server?.close();
  });
  return ctx;
}

describe('an agent answers (real Asterisk, demo phones)', () => {
  const ctx = useServer('acd-answer', { HOTLINE_AUTO_LOGIN: '8003' });

  it('rings the agent, connects and records the conversation, and puts the agent on the ticket', async () => {
    const outcome = await ctx.sim.caller.call({ from: '13800005555', to: '12345', holdSeconds: 14, sendsAudio: true });
    expect(events(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    expect((await offers(ctx.server, outcome)).map((e) => e.agent)).toEqual(['8003']);
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    expect(events(outcome, 'hangup')[0]?.by).toBe('caller');
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'caller' });
    expect(ticket.waitMs).toBeLessThan(4000);
    expect(ticket.talkMs).toBeGreaterThan(3000);
    const recording = `call-${outcome.callId}`;
    expect(ticket.recordings).toEqual([{ name: recording, kind: 'conversation', format: 'wav', startedAt: expect.any(Number) }]);
    const file = path.join(runtime.recordingsDir, `${recording}.wav`);
    // The server measures the file once Asterisk has closed it: duration, size and checksum on the ticket.
    // Read before then, the file is still being written and its header says no audio at all (Asterisk
    // writes the lengths when it closes the file, which under load comes seconds after the call ended).
    const row = await waitForAsync(async () => {
      const found = await ctx.server.office.recordings.get(recording);
      return found?.state === 'ready' ? found : undefined;
    }, 10_000);
    // sox's reading of the closed file agrees with the talk time: a recording that began late would not.
    expect(Math.abs(wavSeconds(file) * 1000 - ticket.talkMs)).toBeLessThan(1500);
    const bytes = fs.readFileSync(file);
    expect(row).toMatchObject({ callId: outcome.callId, kind: 'conversation', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(Math.abs((row.durationMs ?? 0) - ticket.talkMs)).toBeLessThanOrEqual(500);
    expect(row.endedAt).toBe((row.startedAt ?? 0) + (row.durationMs ?? 0));
    // Served to QA with Range, to the agent who took the call, and to no other agent.
    const asQa = await ctx.server.as('qa')({ method: 'GET', url: `/api/recordings/${recording}`, headers: { range: 'bytes=0-43' } });
    expect([asQa.statusCode, asQa.headers['content-range']]).toEqual([206, `bytes 0-43/${bytes.length}`]);
    expect(asQa.rawPayload.equals(bytes.subarray(0, 44))).toBe(true);
    const own = await ctx.server.as('8003')({ method: 'GET', url: `/api/recordings/${recording}` });
    expect([own.statusCode, own.rawPayload.length]).toEqual([200, bytes.length]);
    expect((await ctx.server.as('8001')({ method: 'GET', url: `/api/recordings/${recording}` })).statusCode).toBe(403);
    const audit = ctx.server.database.sqlite.prepare("select actor, result from audit_log where target = ? order by id").all(`recording:${recording}`);
    expect(audit).toEqual([{ actor: 'qa', result: 'ok' }, { actor: '8003', result: 'ok' }, { actor: '8001', result: 'denied' }]);
    // The agent wraps up (2 s in this configuration), then is available again.
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 6000, 50);
  });

  it('respects wrap-up: the next caller is offered only after the agent’s wrap-up time', async () => {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 10_000, 50);
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    // The first caller talks with the agent until the second (2 s behind it) waits in line, then
    // leaves: the agent's wrap-up begins with a caller waiting (on the events, not fixed hold times).
    let firstLeg = '';
    const first = ctx.sim.caller.call({ from: '13800005601', to: '12345', holdSeconds: 40 }, (event) => {
      if (event.event === 'dialing') firstLeg = event.callId;
    });
    await sleep(2000);
    let secondQueued = false;
    const leaveSecond = leaveOnceAnswered(ctx.sim);
    const second = ctx.sim.caller.call({ from: '13800005602', to: '12345', holdSeconds: 40 }, (event) => {
      if (event.event === 'queued') secondQueued = true;
      leaveSecond(event);
    });
    await waitUntil(() => secondQueued && ctx.server.acd.agentState('8003')?.state === 'on_call', 20_000, 50);
    await ctx.sim.ari.hangup(firstLeg);
    const [a, b] = await Promise.all([first, second]);
    const firstEnded = events(a, 'hangup')[0]?.at ?? 0;
    const secondOffered = (await offers(ctx.server, b))[0]?.at ?? 0;
    expect(events(b, 'answered').map((e) => e.agent)).toEqual(['8003']);
    // Wrap-up is 2 s in this configuration.
    expect(secondOffered - firstEnded).toBeGreaterThanOrEqual(1800);
  });

  it('plays the survey when the agent hangs up, and stores the rating', async () => {
    let hungUpAgent = false;
    let rated = false;
    let callerLeg = '';
    let recordedOnLeg: Promise<string> = Promise.resolve('');
    const outcome = await ctx.sim.caller.call({ from: '13800005556', to: '12345', holdSeconds: 30, sendsAudio: true }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      if (event.event === 'answered' && !hungUpAgent) {
        hungUpAgent = true;
        // The agent ends the conversation from their phone after a moment. The recorder is on the
        // agent's leg, so Asterisk ends the recording with the leg, whenever the server hears of it.
        recordedOnLeg = new Promise((resolve) => setTimeout(resolve, 1500)).then(async () => {
          const leg = (await ctx.sim.ari.listChannels()).find((channel) => channel.id.startsWith('agentleg-') && !channel.id.endsWith('-phone'));
          if (!leg) return '';
          const file = await ctx.sim.ari.getVariable(leg.id, 'MIXMONITOR_FILENAME');
          await ctx.sim.ari.hangup(leg.id);
          return file;
        });
      }
      if (event.event === 'prompt' && event.prompt === 'survey_question' && !rated) {
        rated = true;
        setTimeout(() => void ctx.sim.ari.sendDtmf(callerLeg, '2', { duration: 120 }), 800);
      }
    });
    expect(events(outcome, 'prompt').map((e) => e.prompt)).toEqual(['main_menu', 'survey_question', 'survey_thanks']);
    expect(events(outcome, 'hangup')[0]?.by).toBe('hotline');
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: 'basically-satisfied' });
    expect(await recordedOnLeg).toMatch(new RegExp(`/recording/call-${outcome.callId}\\.wav$`));
    // The conversation is recorded, the survey that follows it is not.
    const row = await waitForAsync(async () => {
      const found = await ctx.server.office.recordings.get(`call-${outcome.callId}`);
      return found?.state === 'ready' ? found : undefined;
    }, 10_000);
    expect(Math.abs((row.durationMs ?? 0) - ticket.talkMs)).toBeLessThanOrEqual(500);
  });
});

describe('the survey compiled into the dialplan (HOTLINE_IVR_IN_DIALPLAN, real Asterisk, demo phones)', () => {
  const ctx = useServer('acd-dialplan-survey', { HOTLINE_AUTO_LOGIN: '8003', HOTLINE_IVR_IN_DIALPLAN: 'on' });

  /**
   * A caller talks with 8003 until the agent hangs up from their phone; `inSurvey` runs on the
   * caller's line when the dialplan starts the survey's question (its Background, as Asterisk reports it).
   */
  async function surveyedCall(from: string, inSurvey: (callerLeg: string) => void): Promise<{ outcome: CallOutcome; surveyPrompts: string[]; enginePrompts: string[] }> {
    await ctx.server.compiledMenus?.settled();
    await ctx.server.dialplanArrival?.settled();
    let callerLeg = '';
    let hungUpAgent = false;
    const surveyPrompts: string[] = [];
    const onAri = (event: AriEvent): void => {
      if (event.type !== 'ChannelDialplan' || event.channel.id !== `${callerLeg}-2`) return;
      if (!isPromptApplication(event.dialplan_app)) return;
      const sounds = (event.dialplan_app_data.split(',')[0] ?? '').split('&').map((sound) => sound.split('/').pop() ?? '');
      if (!sounds.some((sound) => sound.startsWith('survey_') || sound === 'goodbye')) return;
      surveyPrompts.push(...sounds);
      if (sounds.includes('survey_question') && surveyPrompts.length === 1) inSurvey(callerLeg);
    };
    ctx.sim.ari.on('event', onAri);
    try {
      const outcome = await ctx.sim.caller.call({ from, to: '12345', holdSeconds: 30 }, (event) => {
        if (event.event === 'dialing') callerLeg = event.callId;
        if (event.event === 'answered' && !hungUpAgent) {
          hungUpAgent = true;
          setTimeout(() => {
            void ctx.sim.ari.listChannels().then(async (channels) => {
              const leg = channels.find((channel) => channel.id.startsWith('agentleg-') && channel.id.includes(callerLeg) && !channel.id.endsWith('-phone'));
              if (leg) await ctx.sim.ari.hangup(leg.id);
            });
          }, 1500);
        }
      });
      return { outcome, surveyPrompts, enginePrompts: events(outcome, 'prompt').map((e) => e.prompt) };
    } finally {
      ctx.sim.ari.off('event', onAri);
    }
  }

  it('asks in the dialplan, and the rating and the survey’s path land on the ticket when the survey hangs up', async () => {
    const { outcome, surveyPrompts, enginePrompts } = await surveyedCall('13800005571', (callerLeg) => {
      setTimeout(() => void ctx.sim.ari.sendDtmf(callerLeg, '2', { duration: 120 }), 800);
    });
    // Both the menus and the survey ran in Asterisk's dialplan: the server played nothing.
    expect(enginePrompts).toEqual([]);
    expect(surveyPrompts).toEqual(['survey_question', 'survey_thanks']);
    expect(events(outcome, 'hangup')[0]?.by).toBe('hotline');
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: 'basically-satisfied' });
    const path = ticket.ivrPath as { kind: string; flow?: string; node?: string; key?: string; prompt?: string; outcome?: string }[];
    const survey = path.slice(path.findIndex((step) => step.flow === 'survey'));
    expect(survey.map((step) => [step.kind, step.node ?? step.key ?? step.prompt ?? step.outcome].join(':'))).toEqual([
      'node:ask',
      'prompt:survey_question',
      'key:2',
      'node:basically-satisfied',
      'node:thanks',
      'prompt:survey_thanks',
      'outcome:hangup',
    ]);
  });

  it('a caller who hangs up during the question: the ticket is written at once, the question cut off, no rating', async () => {
    const { outcome } = await surveyedCall('13800005572', (callerLeg) => {
      setTimeout(() => void ctx.sim.ari.hangup(callerLeg).catch(() => undefined), 500);
    });
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    // The cause comes from the survey's hangup handler (${HANGUPCAUSE}): the server does not watch the line then.
    expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: null, hangupCause: 16 });
    const path = ticket.ivrPath as { kind: string; prompt?: string; outcome?: string; node?: string }[];
    expect(path.at(-1)).toMatchObject({ kind: 'prompt', prompt: 'survey_question', outcome: 'interrupted' });
    expect(path.some((step) => step.kind === 'node' && step.node === 'ask')).toBe(true);
  });
});

describe('conversations recorded through a snoop channel (HOTLINE_CONVERSATION_RECORDER=snoop, real Asterisk)', () => {
  const ctx = useServer('acd-snoop-recorder', { HOTLINE_AUTO_LOGIN: '8003', HOTLINE_CONVERSATION_RECORDER: 'snoop' });

  it('records the whole conversation in the same file the recorder on the channel writes', async () => {
    const outcome = await ctx.sim.caller.call({ from: '13800005556', to: '12345', holdSeconds: 10 });
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    const recording = `call-${outcome.callId}`;
    expect(ticket.recordings).toEqual([{ name: recording, kind: 'conversation', format: 'wav', startedAt: expect.any(Number) }]);
    await waitForAsync(async () => ((await ctx.server.office.recordings.get(recording))?.state === 'ready' ? true : undefined), 10_000);
    expect(Math.abs(wavSeconds(path.join(runtime.recordingsDir, `${recording}.wav`)) * 1000 - ticket.talkMs)).toBeLessThan(1500);
  });
});

describe('an Asterisk without the agent-leg context (an older dialplan/hotline.conf, real Asterisk)', () => {
  // The extension is removed before the server starts, and the dialplan reloaded from the file after.
  let ami: AmiClient;
  beforeAll(async () => {
    ami = new AmiClient({ ...runtime.ami, logger: createLogger('silent'), events: false });
    const up = new Promise((resolve) => ami.once('connected', resolve));
    ami.start();
    await up;
    await ami.command('dialplan remove extension s@agent-leg');
  });
  afterAll(async () => {
    await ami?.command('dialplan reload');
    ami?.stop();
  });
  const ctx = useServer('acd-no-agent-leg', { HOTLINE_AUTO_LOGIN: '8003' });

  it('is found at the AMI link-up; the agent\'s leg is dialed straight into the application, answered and recorded, and nobody is paused', async () => {
    // Asterisk's own answer, read as the server reads it: the command fails, with its output.
    const shown = await ami.commandOutput(AGENT_LEG_SHOW_COMMAND);
    expect([shown.ran, readAgentLegDialplan(shown.lines)]).toEqual([false, 'missing']);
    await waitUntil(() => fs.readFileSync(ctx.server.logFile, 'utf8').includes('"code":"AGENT_LEG_CONTEXT_MISSING"'), 10_000, 50);
    let recordedOnLeg: Promise<string> = Promise.resolve('');
    const outcome = await ctx.sim.caller.call({ from: '13800005557', to: '12345', holdSeconds: 30, sendsAudio: true }, (event) => {
      if (event.event !== 'answered') return;
      recordedOnLeg = new Promise((resolve) => setTimeout(resolve, 2000)).then(async () => {
        const leg = (await ctx.sim.ari.listChannels()).find((channel) => channel.id.startsWith('agentleg-') && !channel.id.endsWith('-phone'));
        if (!leg) return '';
        const file = await ctx.sim.ari.getVariable(leg.id, 'MIXMONITOR_FILENAME');
        // Straight into the application: the leg never ran the dialplan's agent-leg context.
        expect(leg.dialplan.context).not.toBe('agent-leg');
        await ctx.sim.ari.hangup(leg.id);
        return file;
      });
    });
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent' });
    // Recorded through AMI once the server heard of the answer, on the agent's leg, under the same name.
    expect(await recordedOnLeg).toMatch(new RegExp(`/recording/call-${outcome.callId}\\.wav$`));
    await waitForAsync(async () => ((await ctx.server.office.recordings.get(`call-${outcome.callId}`))?.state === 'ready' ? true : undefined), 10_000);
    expect(ctx.server.acd.queueStats().find((queue) => queue.queueId === 'general')?.counters).toMatchObject({ ringNoAnswer: 0 });
    expect(ctx.server.acd.agentState('8003')?.state).not.toBe('paused');
  });
});

describe('elderly callers go first (real Asterisk)', () => {
  const ctx = useServer('acd-elderly', { HOTLINE_AUTO_LOGIN: '8001' });

  it('with the one agent busy and five general callers waiting, a registered elderly caller is answered next', async () => {
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    // Each caller stays until the test hangs up its leg: the first keeps the agent busy until all six
    // wait in line, the general callers wait until one of them has been answered after the elderly caller.
    let firstLeg = '';
    const first = ctx.sim.caller.call({ from: '13700000100', to: '12345', holdSeconds: 60 }, (event) => {
      if (event.event === 'dialing') firstLeg = event.callId;
    });
    await waitUntil(() => ctx.server.acd.agentState('8001')?.state === 'on_call', 20_000, 50);
    const generalLegs: string[] = [];
    let generalAnswered = false;
    const general = ['13700000101', '13700000102', '13700000103', '13700000104', '13700000105'].map((from) =>
      ctx.sim.caller.call({ from, to: '12345', holdSeconds: 60 }, (event) => {
        if (event.event === 'dialing') generalLegs.push(event.callId);
        if (event.event === 'answered') generalAnswered = true;
      }),
    );
    await sleep(1000);
    const elderly = ctx.sim.caller.call({ from: '13900000065', to: '12345', holdSeconds: 60 }, leaveOnceAnswered(ctx.sim));
    const waiting = (queueId: string): number | undefined => ctx.server.acd.queueStats().find((q) => q.queueId === queueId)?.waiting;
    await waitUntil(() => waiting('general') === 5 && waiting('elderly') === 1, 30_000, 50);
    await ctx.sim.ari.hangup(firstLeg);
    await waitUntil(() => generalAnswered, 30_000, 50);
    await Promise.all(generalLegs.map((leg) => ctx.sim.ari.hangup(leg).catch(() => undefined)));
    const [elderlyOutcome, ...generalOutcomes] = await Promise.all([elderly, ...general, first]);
    expect(events(elderlyOutcome as CallOutcome, 'queued').map((e) => e.queue)).toEqual(['elderly']);
    expect(events(elderlyOutcome as CallOutcome, 'answered').map((e) => e.agent)).toEqual(['8001']);
    const elderlyAnsweredAt = events(elderlyOutcome as CallOutcome, 'answered')[0]?.at ?? Infinity;
    for (const outcome of generalOutcomes.slice(0, 5)) {
      for (const answered of events(outcome, 'answered')) expect(answered.at).toBeGreaterThan(elderlyAnsweredAt);
    }
  });
});

describe('enterprise calls reach enterprise agents (real Asterisk)', () => {
  const ctx = useServer('acd-enterprise', { HOTLINE_AUTO_LOGIN: '8003,8004', HOTLINE_FLOWS_DIR: testFlowsDir('open') });

  it('a call to the enterprise number is offered only to the enterprise-skilled agent', async () => {
    const outcome = await ctx.sim.caller.call({ from: '13800002001', to: '123452', holdSeconds: 14 }, leaveOnceAnswered(ctx.sim));
    expect(events(outcome, 'prompt')[0]?.prompt).toBe('enterprise_menu');
    expect(events(outcome, 'queued').map((e) => e.queue)).toEqual(['enterprise']);
    expect((await offers(ctx.server, outcome)).map((e) => e.agent)).toEqual(['8004']);
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8004']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8004', queue: 'enterprise', dialedNumber: '123452' });
  });
});

describe("ring no answer, and general agents as the elderly lane's second choice (real Asterisk)", () => {
  const ctx = useServer('acd-rona', {
        HOTLINE_AUTO_LOGIN: '8001,8003',
        HOTLINE_DEMO_NO_ANSWER: '8001',
        HOTLINE_QUEUES_FILE: testQueuesFile({ ringTimeoutSeconds: 3 }),
      });

  it('a phone that rings unanswered gives the call back to the next agent, and its agent is paused', async () => {
    const outcome = await ctx.sim.caller.call({ from: '13800006001', to: '12345', holdSeconds: 16 }, leaveOnceAnswered(ctx.sim));
    const offered = await offers(ctx.server, outcome);
    expect(offered.map((e) => e.agent)).toEqual(['8001', '8003']);
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    expect((offered[1]?.at ?? 0) - (offered[0]?.at ?? 0)).toBeGreaterThanOrEqual(2500);
    expect(ctx.server.acd.agentState('8001')).toMatchObject({ state: 'paused', reason: 'no_answer' });
  });

  it('an elderly caller with no free elderly agent is answered by a general agent at once, staying in the elderly lane', async () => {
    // 8001 (the elderly agent) was paused by the ring-no-answer above; 8003 serves general only.
    const outcome = await ctx.sim.caller.call({ from: '13900000080', to: '12345', holdSeconds: 14 }, leaveOnceAnswered(ctx.sim));
    expect(events(outcome, 'queued').map((e) => e.queue)).toEqual(['elderly']);
    expect((await offers(ctx.server, outcome)).map((e) => e.agent)).toEqual(['8003']);
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'elderly', elderly: 1 });
    expect(ticket.ivrPath).not.toContainEqual(expect.objectContaining({ kind: 'outcome', outcome: 'overflowed' }));
    expect(ctx.server.acd.queueStats().find((q) => q.queueId === 'elderly')?.counters).toMatchObject({ answeredBySecondChoice: 1, overflowed: 0 });
  });
});

describe('real softphones: an unregistered phone is never offered a call (real Asterisk, AMI)', () => {
  const ctx = useServer('acd-pjsip', { HOTLINE_AUTO_LOGIN: '8003', HOTLINE_AGENT_PHONES: 'pjsip' });

  it('learns from AMI that agent-8003 has no registered phone and keeps the caller waiting', async () => {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.reachable === false, 10_000, 50);
    const outcome = await ctx.sim.caller.call({ from: '13800007001', to: '12345', holdSeconds: 11 });
    expect(events(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    expect(await offers(ctx.server, outcome)).toEqual([]);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: null, queue: 'general', endedBy: 'caller' });
    expect(ticket.waitMs).toBeGreaterThan(2000);
  });
});
