// The shipped IVR flows on a real Asterisk, with real DTMF on the caller's leg.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallerEvent, CallOutcome, CallPlan } from '../../src/tools/citizen-caller.js';
import { setEnterpriseDesk, testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { menuPrompts } from '../helpers/menu-prompts.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

const of = <T extends CallerEvent['event']>(outcome: CallOutcome, type: T): Extract<CallerEvent, { event: T }>[] =>
  outcome.events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);

interface Step {
  readonly kind: string;
  readonly key?: string;
  readonly label?: string;
  readonly global?: boolean;
  readonly outcome?: string;
  readonly detail?: string;
  readonly prompt?: string;
}

describe('IVR flows (real Asterisk, real DTMF)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let flowsDir: string;

  beforeAll(async () => {
    flowsDir = testFlowsDir('open');
    server = await startTestServer(runtime, 'ivr-flows', { HOTLINE_FLOWS_DIR: flowsDir });
    sim = await startTestCaller(runtime, 'citizen-sim-ivr');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  async function call(plan: Omit<CallPlan, 'to'> & { to?: string }): Promise<{ outcome: CallOutcome; path: Step[] }> {
    const outcome = await sim.caller.call({ to: '12345', ...plan });
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    return { outcome, path: ticket.ivrPath as Step[] };
  }

  // The calls below change nothing the others see (no agent, no flow edit): they are placed side by side.
  it.concurrent('key 1 opens the consult menu; 2 there queues the call with the choice in words', async () => {
    const { outcome, path } = await call({ from: '13811110001', dtmf: 'w1,1,w1,2', holdSeconds: 2 });
    expect(menuPrompts(outcome)).toEqual(['main_menu', 'consult_menu']);
    expect(of(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    expect(path.filter((s) => s.kind === 'key').map((s) => [s.key, s.label])).toEqual([
      ['1', '咨询投诉'],
      ['2', '投诉举报'],
    ]);
  });

  it.concurrent('key 2 leads to the enterprise desk', async () => {
    const { outcome } = await call({ from: '13811110002', dtmf: 'w1,2', holdSeconds: 10 });
    expect(menuPrompts(outcome)).toEqual(['main_menu', 'enterprise_menu']);
    // No agent is logged in here, so the ACD overflows the call on to the general queue at once.
    expect(of(outcome, 'queued')[0]?.queue).toBe('enterprise');
  });

  it.concurrent('the elderly key 0 three menus deep goes straight to the elderly lane', async () => {
    const { outcome, path } = await call({ from: '13811110003', dtmf: 'w1,1,w1,3,w1,0', holdSeconds: 6 });
    expect(menuPrompts(outcome)).toEqual(['main_menu', 'consult_menu', 'help_menu', 'elderly_greeting']);
    expect(of(outcome, 'queued')[0]?.queue).toBe('elderly');
    expect(path.filter((s) => s.kind === 'key').at(-1)).toMatchObject({ key: '0', global: true, label: '老年人一键转人工' });
  });

  it.concurrent('no key twice in a menu: the no-input prompt and a retry, then the general queue', async () => {
    const { outcome, path } = await call({ from: '13811110004', dtmf: 'w1,1', holdSeconds: 22 });
    expect(of(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    expect(path.filter((s) => s.kind === 'timeout')).toHaveLength(2);
    expect(path.filter((s) => s.kind === 'prompt' && s.prompt === 'consult_menu' && s.outcome === 'played')).toHaveLength(2);
  });

  it.concurrent('an invalid key is told so and the menu repeats; a valid key then counts', async () => {
    const { outcome, path } = await call({ from: '13811110005', dtmf: 'w1,1,w1,9,w2,3', holdSeconds: 4 });
    expect(path).toContainEqual(expect.objectContaining({ kind: 'invalid', key: '9' }));
    expect(path.filter((s) => s.kind === 'key').map((s) => s.key)).toEqual(['1', '3']);
    expect(menuPrompts(outcome)).toContain('help_menu');
  });

  it.concurrent('a registered elderly number skips every menu', async () => {
    const { outcome } = await call({ from: '13900000065', holdSeconds: 6 });
    expect(menuPrompts(outcome)).toEqual(['elderly_greeting']);
    expect(of(outcome, 'queued')[0]?.queue).toBe('elderly');
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket.elderly).toBe(1);
  });

  it.concurrent('the enterprise number goes to the desk and the registered enterprise is recognised', async () => {
    const { outcome } = await call({ from: '13800002001', to: '123452', holdSeconds: 10 });
    expect(of(outcome, 'prompt')[0]?.prompt).toBe('enterprise_menu');
    expect(of(outcome, 'queued')[0]?.queue).toBe('enterprise');
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket).toMatchObject({ enterpriseName: '南京示范科技有限公司', enterpriseCreditCode: '91320100MA1XY21231' });
  });

  describe('after hours (the enterprise desk closed for both calls, placed side by side)', () => {
    beforeAll(async () => {
      const version = server.flows.current.flowSet.version;
      setEnterpriseDesk(flowsDir, 'closed');
      await waitUntil(() => server.flows.current.flowSet.version > version, 5000, 50);
    });
    afterAll(async () => {
      const version = server.flows.current.flowSet.version;
      setEnterpriseDesk(flowsDir, 'open');
      await waitUntil(() => server.flows.current.flowSet.version > version, 5000, 50);
    });

    /** The recording's length as sox reads it, once the server measured it: Asterisk writes the length into the header when it closes the file. */
    async function closedRecordingSeconds(name: string): Promise<number> {
      await waitForAsync(async () => ((await server.office.recordings.get(name))?.state === 'ready' ? true : undefined), 10_000);
      return Number(spawnSync('soxi', ['-D', path.join(runtime.recordingsDir, `${name}.wav`)], { encoding: 'utf8' }).stdout.trim());
    }

    it.concurrent('a caller leaves a voice message that is a real recording on the ticket', async () => {
      let callerLeg = '';
      const outcome = await sim.caller.call({ from: '13811110006', to: '123452', dtmf: 'w1,1', holdSeconds: 40 }, (event) => {
        if (event.event === 'dialing') callerLeg = event.callId;
        // Speak for three seconds after the beep (audio played into the caller's side), then end with #.
        if (event.event === 'prompt_finished' && event.prompt === 'message_instructions') {
          setTimeout(() => void sim.ari.play(callerLeg, 'sound:hotline/zh-CN/hold').catch(() => undefined), 300);
          setTimeout(() => void sim.ari.sendDtmf(callerLeg, '#', { duration: 150 }), 3300);
        }
      });
      expect(menuPrompts(outcome)).toEqual(['after_hours_offer', 'message_instructions', 'message_thanks']);
      expect(of(outcome, 'hangup')[0]?.by).toBe('hotline');
      const ticket = await waitFor(() => getTicket(server, outcome.callId));
      const name = `message-${outcome.callId}`;
      expect(ticket.recordings).toEqual([{ name, kind: 'message', format: 'wav', startedAt: expect.any(Number) }]);
      const seconds = await closedRecordingSeconds(name);
      expect(seconds).toBeGreaterThan(1.5);
      expect(seconds).toBeLessThan(6);
    });

    it.concurrent('a caller who hangs up instead of pressing # still has the message on the ticket', async () => {
      let callerLeg = '';
      const outcome = await sim.caller.call({ from: '13811110007', to: '123452', dtmf: 'w1,1', holdSeconds: 40 }, (event) => {
        if (event.event === 'dialing') callerLeg = event.callId;
        // Speak for two seconds after the beep, then hang up without #.
        if (event.event === 'prompt_finished' && event.prompt === 'message_instructions') {
          setTimeout(() => void sim.ari.play(callerLeg, 'sound:hotline/zh-CN/hold').catch(() => undefined), 300);
          setTimeout(() => void sim.ari.hangup(callerLeg).catch(() => undefined), 2300);
        }
      });
      const ticket = await waitFor(() => getTicket(server, outcome.callId));
      const name = `message-${outcome.callId}`;
      expect(ticket).toMatchObject({ endedBy: 'caller' });
      expect(ticket.recordings).toEqual([{ name, kind: 'message', format: 'wav', startedAt: expect.any(Number) }]);
      expect(await closedRecordingSeconds(name)).toBeGreaterThan(1);
    });
  });

  it('a changed flow applies to new calls; a call in progress keeps the version it began with', async () => {
    let switched = false;
    const version = server.flows.current.flowSet.version;
    const inProgress = sim.caller.call({ from: '13811110007', to: '12345', dtmf: 'w3,2', holdSeconds: 10 }, (event) => {
      if (event.event === 'prompt' && event.prompt === 'main_menu' && !switched) {
        switched = true;
        setEnterpriseDesk(flowsDir, 'closed');
      }
    });
    await waitUntil(() => server.flows.current.flowSet.version > version, 5000, 50);
    const newCall = sim.caller.call({ from: '13811110008', to: '12345', dtmf: 'w1,2', holdSeconds: 8 });
    const [old, fresh] = await Promise.all([inProgress, newCall]);
    expect(menuPrompts(old)).toEqual(['main_menu', 'enterprise_menu']);
    expect(menuPrompts(fresh)).toEqual(['main_menu', 'after_hours_offer']);
    setEnterpriseDesk(flowsDir, 'open');
  });

  it('a broken flow file is refused on reload and the last good version keeps serving calls', async () => {
    await waitUntil(() => server.flows.snapshot().isOpen('enterprise-desk', Date.now()), 5000, 50);
    const version = server.flows.current.flowSet.version;
    const main = path.join(flowsDir, 'main.yaml');
    const good = fs.readFileSync(main, 'utf8');
    try {
      fs.writeFileSync(main, good.replace('next: consult-menu', 'next: no-such-node'));
      const problems = server.flows.reload();
      expect(problems.map((p) => p.code)).toContain('FLOW_UNKNOWN_TARGET');
      expect(server.flows.current.flowSet.version).toBe(version);
      const { outcome } = await call({ from: '13811110009', dtmf: 'w1,1', holdSeconds: 2 });
      expect(menuPrompts(outcome)).toEqual(['main_menu', 'consult_menu']);
    } finally {
      fs.writeFileSync(main, good);
    }
  });
});
