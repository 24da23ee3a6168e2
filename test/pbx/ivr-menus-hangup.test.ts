// Calls the server does not get back from the menus compiled into the dialplan, on the real
// Asterisk: a caller who hangs up inside them, and a hand-back that finds no server registered.
// Each still gets exactly one ticket, from the dialplan's marks in Asterisk's records (the same
// reader as the calls shed under load), with the IVR path the engine-run server writes for the
// same walk.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import type { IvrStep } from '../../src/domain/calls/call-facts.js';
import type { MetricsReply } from '../../src/contract/api/metrics.js';
import { PATH_PART_BYTES } from '../../src/domain/ivr/dialplan-marks.js';
import { encodePath } from '../../src/domain/ivr/dialplan-path.js';
import { everyPath } from '../helpers/flow-paths.js';
import { shippedFlowSet } from '../helpers/shipped-flows.js';
import { testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor } from '../helpers/wait.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';

const runtime = inject('pbxRuntime');
const SIM_APP = 'citizen-sim-menus-hangup';
const ENGINE_APP = 'hotline-hangup-engine';
const COMPILED_APP = 'hotline-hangup-compiled';
/** The server reads Asterisk's records every 5 s. */
const TICKET_WAIT_MS = 20_000;
const soundName = (media: string): string => media.replace(/^sound:/, '').split('/').pop() ?? media;
const withoutTimes = (path: readonly unknown[]): unknown[] => (path as IvrStep[]).map(({ at: _at, ...rest }) => rest);

/**
 * A caller's script: a key each time the menu named listens (its prompt finished), in order; once
 * the keys are spent, a hang-up while the next play plays, as the next menu listens, or in the queue.
 */
interface Script {
  readonly keys: readonly { readonly prompt: string; readonly key: string }[];
  readonly hangUp: 'playing' | 'listening' | 'queued';
  /** Awaited as a play starts (named by its first prompt), before anything else of the script. */
  readonly onPlaying?: (prompt: string) => Promise<void>;
}

describe('calls that leave the compiled menus without the server (real Asterisk)', () => {
  let engine: TestServer;
  let compiled: TestServer;
  let sim: TestCaller;

  beforeAll(async () => {
    const common = { HOTLINE_FLOWS_DIR: testFlowsDir('open') };
    [engine, compiled] = await Promise.all([
      startTestServer(runtime, 'menus-hangup-engine', { ...common, HOTLINE_ARI_APP: ENGINE_APP }),
      startTestServer(runtime, 'menus-hangup-compiled', { ...common, HOTLINE_ARI_APP: COMPILED_APP, HOTLINE_IVR_IN_DIALPLAN: 'on' }),
    ]);
    await compiled.compiledMenus?.settled();
    await compiled.dialplanArrival?.settled();
    sim = await startTestCaller(runtime, SIM_APP);
  });
  afterAll(async () => {
    await sim?.stop();
    await Promise.all([engine?.close(), compiled?.close()]);
  });

  /** One caller following a script through a server; who played the menus: the server (ARI) or the dialplan. */
  async function walk(app: string, script: Script, number: string): Promise<{ callId: string; via: string[] }> {
    const callerLeg = `mh-${app}-${randomUUID().slice(0, 8)}`;
    const hotlineLeg = `${callerLeg}-2`;
    const via = new Set<string>();
    const keys = [...script.keys];
    let lastSounds: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const hangUp = (afterMs: number): void => void setTimeout(() => void sim.ari.hangup(callerLeg).catch(() => undefined), afterMs);
    const playing = async (prompt: string): Promise<void> => {
      await script.onPlaying?.(prompt);
      if (keys.length === 0 && script.hangUp === 'playing') hangUp(700);
    };
    const listening = (prompt: string): void => {
      if (keys.length === 0 && script.hangUp === 'listening') return hangUp(400);
      if (keys[0]?.prompt !== prompt) return;
      const key = keys.shift()?.key ?? '';
      void sim.ari.sendDtmf(callerLeg, key, { duration: 120 }).catch(() => undefined);
    };
    const onEvent = (event: AriEvent): void => {
      if ((event.type === 'PlaybackStarted' || event.type === 'PlaybackFinished') && event.playback.target_uri === `channel:${hotlineLeg}`) {
        via.add('engine');
        const prompt = soundName(event.playback.media_uri);
        if (event.type === 'PlaybackStarted') void playing(prompt);
        else listening(prompt);
      }
      if (event.type === 'ChannelDialplan' && event.channel.id === hotlineLeg) {
        const application = event.dialplan_app.toLowerCase();
        if (isPromptApplication(application)) {
          via.add('dialplan');
          lastSounds = event.dialplan_app_data.split(',')[0]?.split('&').map(soundName) ?? [];
          void playing(lastSounds[0] ?? '');
        }
        if (application === 'waitexten') listening(lastSounds.at(-1) ?? '');
        if (application === 'queue' && script.hangUp === 'queued') hangUp(500);
      }
      if (event.type === 'ChannelDestroyed' && event.channel.id === callerLeg) done();
    };
    sim.ari.on('event', onEvent);
    try {
      await sim.ari.originate({ endpoint: 'Local/12345@from-citizen', app: SIM_APP, channelId: callerLeg, otherChannelId: hotlineLeg, callerId: `"Citizen" <${number}>`, variables: { _HOTLINE_APP: app } });
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 40_000))]);
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
    return { callId: callerLeg, via: [...via] };
  }

  const menusLeft = async (): Promise<number> => ((await compiled.as('admin')({ method: 'GET', url: '/api/metrics' })).json() as MetricsReply).admission.dialplanCalls.menusLeft;

  it('a caller who hangs up inside the menus (while a prompt plays, or while a menu listens) gets one ticket, missed in the IVR, with the path the engine writes', async () => {
    const toConsult = [{ prompt: 'main_menu', key: '1' }];
    const cut = (prompt: string): { kind: string; prompt: string; outcome: string } => ({ kind: 'prompt', prompt, outcome: 'interrupted' });
    const cases = [
      { script: { keys: toConsult, hangUp: 'playing' as const }, last: [cut('consult_menu')] },
      { script: { keys: toConsult, hangUp: 'listening' as const }, last: [{ kind: 'prompt', prompt: 'consult_menu', outcome: 'played' }] },
      // A wrong key in two menus: the path runs past one part of the records, and the hang-up cuts a retry's two prompts.
      {
        script: { keys: [...toConsult, { prompt: 'consult_menu', key: '9' }, { prompt: 'consult_menu', key: '3' }, { prompt: 'help_menu', key: '9' }], hangUp: 'playing' as const },
        last: [cut('invalid_key'), cut('help_menu')],
      },
    ];
    const runs = await Promise.all(cases.flatMap((c, i) => [ENGINE_APP, COMPILED_APP].map(async (app) => ({ i, app, ...(await walk(app, c.script, `138000097${i}${app === ENGINE_APP ? 0 : 1}`)) }))));
    const run = (i: number, app: string): { callId: string; via: string[] } => runs.find((r) => r.i === i && r.app === app)!;
    for (const [i, c] of cases.entries()) {
      const byEngine = run(i, ENGINE_APP);
      const byDialplan = run(i, COMPILED_APP);
      // Without this a compiled server that quietly ran its engine would pass.
      expect([byEngine.via, byDialplan.via]).toEqual([['engine'], ['dialplan']]);
      const reference = await waitFor(() => getTicket(engine, byEngine.callId), TICKET_WAIT_MS);
      const ticket = await waitFor(() => getTicket(compiled, byDialplan.callId), TICKET_WAIT_MS);
      expect(ticket).toMatchObject({ status: 'missed', missedIn: 'ivr', queue: null, agentId: null, endedBy: 'caller', dialedNumber: '12345', callerNumber: `138000097${i}1`, hangupCause: 16 });
      expect(reference).toMatchObject({ missedIn: 'ivr', queue: null, endedBy: 'caller' });
      expect(withoutTimes(ticket.ivrPath)).toEqual(withoutTimes(reference.ivrPath));
      expect(withoutTimes(ticket.ivrPath).slice(-c.last.length)).toEqual(c.last);
      if (c.last.length > 1) expect(encodePath(ticket.ivrPath as IvrStep[]).length).toBeGreaterThan(PATH_PART_BYTES);
      // The call began at its arrival (the server's first step), not at the hang-up.
      expect(ticket.callStartedAt).toBe((ticket.ivrPath[0] as IvrStep).at);
      expect(ticket.totalMs).toBeGreaterThan(3000);
    }
    // The tickets came from Asterisk's records (the server never had these calls back) ...
    expect(await menusLeft()).toBe(cases.length);
    // ... and reading them again at later sweeps never writes a second.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    for (const i of cases.keys()) expect(countTickets(compiled, run(i, COMPILED_APP).callId)).toBe(1);
  }, 90_000);

  it('no server registered at the hand-back: one ticket with the menus\' path, then the fallback queue', async () => {
    const caller = { number: '13800009790', dialed: '12345', elderly: false, enterprise: null, anonymous: false };
    const predicted = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, caller, 'main').find((p) => p.actions.map((a) => `${a.prompt}:${a.key}`).join(' ') === 'main_menu:1 consult_menu:1');
    let stopped = false;
    // The server's ARI app goes away while the caller listens to the second menu; its reader of Asterisk's records stays.
    const onPlaying = async (prompt: string): Promise<void> => {
      if (prompt !== 'consult_menu' || stopped) return;
      stopped = true;
      await compiled.ari.stop();
    };
    const keys = [
      { prompt: 'main_menu', key: '1' },
      { prompt: 'consult_menu', key: '1' },
    ];
    const { callId, via } = await walk(COMPILED_APP, { keys, hangUp: 'queued', onPlaying }, caller.number);
    expect(via).toEqual(['dialplan']);
    const ticket = await waitFor(() => getTicket(compiled, callId), TICKET_WAIT_MS);
    expect(ticket).toMatchObject({ queue: 'hotline-fallback', missedIn: 'queue', agentId: null, endedBy: 'caller', callerNumber: caller.number });
    const steps = withoutTimes(ticket.ivrPath);
    expect(steps.slice(0, -2)).toEqual(withoutTimes(predicted?.path ?? []));
    expect(steps.slice(-2)).toEqual([
      { kind: 'outcome', outcome: 'dialplan-server-away' },
      { kind: 'outcome', outcome: 'queued', detail: 'hotline-fallback' },
    ]);
    expect(countTickets(compiled, callId)).toBe(1);
  }, 60_000);
});
