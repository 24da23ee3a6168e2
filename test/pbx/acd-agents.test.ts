// The ACD on a real Asterisk with demo phones: agents answer, conversations are recorded, elderly
// callers go first, enterprise calls reach enterprise agents, a phone that rings unanswered gives
// the call back, and a caller with no agent of their lane overflows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent, CallOutcome } from '../../src/tools/citizen-caller.js';
import { testFlowsDir, testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

const events = <T extends CallerEvent['event']>(outcome: CallOutcome, type: T): Extract<CallerEvent, { event: T }>[] =>
  outcome.events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);

async function withServer(name: string, env: Record<string, string>): Promise<{ server: TestServer; sim: TestCaller }> {
  const server = await startTestServer(runtime, name, { HOTLINE_QUEUES_FILE: testQueuesFile(), ...env });
  const sim = await startTestCaller(runtime, `citizen-sim-${name}`);
  return { server, sim };
}

function wavSeconds(file: string): number {
  return Number(spawnSync('soxi', ['-D', file], { encoding: 'utf8' }).stdout.trim());
}

describe('an agent answers (real Asterisk, demo phones)', () => {
  let server: TestServer;
  let sim: TestCaller;
  beforeAll(async () => ({ server, sim } = await withServer('acd-answer', { HOTLINE_AUTO_LOGIN: '8003' })));
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  it('rings the agent, connects and records the conversation, and puts the agent on the ticket', async () => {
    const outcome = await sim.caller.call({ from: '13800005555', to: '12345', holdSeconds: 14 });
    expect(events(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    expect(events(outcome, 'offered').map((e) => e.agent)).toEqual(['8003']);
    expect(events(outcome, 'answered').map((e) => e.agent)).toEqual(['8003']);
    expect(events(outcome, 'hangup')[0]?.by).toBe('caller');
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'caller' });
    expect(ticket.waitMs).toBeLessThan(4000);
    expect(ticket.talkMs).toBeGreaterThan(3000);
    const recording = `call-${outcome.callId}`;
    expect(ticket.recordings).toEqual([{ name: recording, kind: 'conversation', format: 'wav' }]);
    const file = path.join(runtime.recordingsDir, `${recording}.wav`);
    await waitUntil(() => fs.existsSync(file) && fs.statSync(file).size > 0, 5000, 50);
    expect(Math.abs(wavSeconds(file) * 1000 - ticket.talkMs)).toBeLessThan(1500);
    // The agent wraps up (2 s in this configuration), then is available again.
    await waitUntil(() => server.acd.agentState('8003')?.state === 'available', 6000, 50);
  });

  it('plays the survey when the agent hangs up, and stores the rating', async () => {
    let hungUpAgent = false;
    let rated = false;
    let callerLeg = '';
    const outcome = await sim.caller.call({ from: '13800005556', to: '12345', holdSeconds: 30 }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      if (event.event === 'answered' && !hungUpAgent) {
        hungUpAgent = true;
        // The agent ends the conversation from their phone after a moment.
        setTimeout(() => {
          void sim.ari.listChannels().then((channels) => {
            const leg = channels.find((channel) => channel.id.startsWith('agentleg-') && !channel.id.endsWith('-phone'));
            if (leg) void sim.ari.hangup(leg.id);
          });
        }, 1500);
      }
      if (event.event === 'prompt' && event.prompt === 'survey_question' && !rated) {
        rated = true;
        setTimeout(() => void sim.ari.sendDtmf(callerLeg, '2', { duration: 120 }), 800);
      }
    });
    expect(events(outcome, 'prompt').map((e) => e.prompt)).toEqual(['main_menu', 'survey_question', 'survey_thanks']);
    expect(events(outcome, 'hangup')[0]?.by).toBe('hotline');
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: 'basically_satisfied' });
  });
});
