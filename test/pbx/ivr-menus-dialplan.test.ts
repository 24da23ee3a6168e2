// The differential test of the compiled-menus prototype: every path of the main flow (and the flows
// it reaches by keys before a queue), walked on the real Asterisk twice at once: through the server's
// engine, and through the flows compiled into the dialplan. The same prompts must be heard in the same
// order, and the ticket must show the same IVR path and queue.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import type { IvrStep } from '../../src/domain/calls/call-facts.js';
import { everyPath, type FlowPath } from '../helpers/flow-paths.js';
import { shippedFlowSet } from '../helpers/shipped-flows.js';
import { testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const SIM_APP = 'citizen-sim-dialplan';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const soundName = (media: string): string => media.replace(/^sound:/, '').split('/').pop() ?? media;

interface Heard {
  readonly callId: string;
  readonly prompts: string[];
  readonly queue: string | null;
}

/** The IVR part of a ticket's path, without times: what the menus did, up to where they sent the call. */
function menuSteps(path: readonly IvrStep[]): Omit<IvrStep, 'at'>[] {
  const end = path.findIndex((step) => step.kind === 'outcome');
  return path.slice(0, end + 1).map(({ at: _at, ...rest }) => rest);
}

describe('IVR menus compiled into the dialplan behave as the engine (real Asterisk)', () => {
  let engine: TestServer;
  let compiled: TestServer;
  let sim: TestCaller;
  const paths: FlowPath[] = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, { number: '13811112222', dialed: '12345', elderly: false, enterprise: null, anonymous: false }, 'main');

  beforeAll(async () => {
    const flowsDir = testFlowsDir('open');
    const common = { HOTLINE_FLOWS_DIR: flowsDir };
    [engine, compiled] = await Promise.all([
      startTestServer(runtime, 'ivr-dialplan-engine', { ...common, HOTLINE_ARI_APP: 'hotline-engine' }),
      startTestServer(runtime, 'ivr-dialplan-compiled', { ...common, HOTLINE_ARI_APP: 'hotline-compiled', HOTLINE_IVR_IN_DIALPLAN: 'on' }),
    ]);
    await compiled.compiledMenus?.settled();
    sim = await startTestCaller(runtime, SIM_APP);
    sim.ari.setMaxListeners(0);
  });
  afterAll(async () => {
    await sim?.stop();
    await Promise.all([engine?.close(), compiled?.close()]);
  });

  /** One caller following a script: a key (or silence) each time the menu named in it listens. */
  async function walk(app: string, flowPath: FlowPath, index: number): Promise<Heard> {
    const callerLeg = `dp-${app}-${index}-${randomUUID().slice(0, 8)}`;
    const hotlineLeg = `${callerLeg}-2`;
    const heard: Heard & { queue: string | null } = { callId: callerLeg, prompts: [], queue: null };
    const actions = [...flowPath.actions];
    let lastSounds: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const listening = (prompt: string | undefined): void => {
      if (actions[0] === undefined || actions[0].prompt !== prompt) return;
      const action = actions.shift();
      if (action?.key) void sim.ari.sendDtmf(callerLeg, action.key, { duration: 120 }).catch(() => undefined);
    };
    const onEvent = (event: AriEvent): void => {
      if ((event.type === 'PlaybackStarted' || event.type === 'PlaybackFinished') && event.playback.target_uri === `channel:${hotlineLeg}`) {
        if (event.type === 'PlaybackStarted') heard.prompts.push(soundName(event.playback.media_uri));
        else listening(soundName(event.playback.media_uri));
      }
      if (event.type === 'ChannelDialplan' && event.channel.id === hotlineLeg) {
        const app = event.dialplan_app.toLowerCase();
        if (app === 'background' || app === 'playback') {
          lastSounds = event.dialplan_app_data.split(',')[0]?.split('&').map(soundName) ?? [];
          heard.prompts.push(lastSounds[0] ?? '');
        }
        if (app === 'waitexten') listening(lastSounds.at(-1));
      }
      if (event.type === 'ChannelVarset' && event.channel?.id === hotlineLeg && event.variable === 'HOTLINE_QUEUE' && event.value) {
        heard.queue = event.value;
        done();
      }
      if (event.type === 'ChannelDestroyed' && event.channel.id === callerLeg) done();
    };
    // Calls arrive over a few seconds, as on a busy line, rather than all in one instant.
    await sleep(index * 60);
    sim.ari.on('event', onEvent);
    try {
      await sim.ari.originate({ endpoint: 'Local/12345@from-citizen', app: SIM_APP, channelId: callerLeg, otherChannelId: hotlineLeg, callerId: `"Citizen" <1381111${String(index).padStart(4, '0')}>`, variables: { _HOTLINE_APP: app } }, { timeoutMs: 20_000 }).catch((error: unknown) => {
        heard.prompts.push(`originate failed: ${String(error)}`);
        done();
      });
      await Promise.race([finished, sleep(45_000)]);
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
    return heard;
  }

  it(
    'walks every path of the main flow through both, with the same prompts, IVR path and queue',
    async () => {
      expect(paths.length).toBeGreaterThan(40);
      const [viaEngine, viaDialplan] = await Promise.all([
        Promise.all(paths.map((p, i) => walk('hotline-engine', p, i))),
        Promise.all(paths.map((p, i) => walk('hotline-compiled', p, i))),
      ]);
      const mismatches: string[] = [];
      for (const [i, flowPath] of paths.entries()) {
        const a = viaEngine[i]!;
        const b = viaDialplan[i]!;
        const expected = menuSteps(flowPath.path);
        const [ticketA, ticketB] = await Promise.all([waitFor(() => getTicket(engine, a.callId)).catch(() => ({ ivrPath: [] })), waitFor(() => getTicket(compiled, b.callId)).catch(() => ({ ivrPath: [] }))]);
        const label = flowPath.actions.map((x) => x.key ?? '-').join(' ');
        const same = (what: string, x: unknown, y: unknown): void => {
          if (JSON.stringify(x) !== JSON.stringify(y)) mismatches.push(`[${label}] ${what}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
        };
        same('prompts', a.prompts, b.prompts);
        same('queue', a.queue, b.queue);
        same('queue vs engine', b.queue, flowPath.outcome?.kind === 'queued' ? flowPath.outcome.queue : null);
        same('engine ticket path', menuSteps(ticketA.ivrPath as IvrStep[]), expected);
        same('dialplan ticket path', menuSteps(ticketB.ivrPath as IvrStep[]), expected);
      }
      expect(mismatches).toEqual([]);
    },
    90_000,
  );
});
