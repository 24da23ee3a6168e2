// The compiled menus' own arrival on the real Asterisk: a new caller starts in the menus without the
// server, from the registries, hours and language the server keeps in Asterisk. What the server
// changes there reaches the next caller: a number added to the elderly registry, hours turned over
// by a changed schedule; and a caller who arrives while the server is away still hears the menus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';
import { menusGlobal } from '../../src/domain/ivr/dialplan-direct.js';
import { setEnterpriseDesk, testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitForAsync } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const SIM_APP = 'citizen-sim-menus-arrival';
const APP = 'hotline-menus-arrival';
const soundName = (media: string): string => media.replace(/^sound:/, '').split('/').pop() ?? media;

/** Where a call began and what it heard first. */
interface FirstHeard {
  /** The context the caller's channel ran first after the entry: `ivr-<version>-direct`, or null when it went to Stasis. */
  readonly direct: string | null;
  readonly prompt: string | null;
}

describe('new callers start in the compiled menus without the server (real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let elderlyFile: string;
  let flowsDir: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrival-registries-'));
    elderlyFile = path.join(dir, 'elderly-numbers.csv');
    fs.copyFileSync('fixtures/elderly-numbers.csv', elderlyFile);
    flowsDir = testFlowsDir('open');
    server = await startTestServer(runtime, 'menus-arrival', { HOTLINE_ARI_APP: APP, HOTLINE_IVR_IN_DIALPLAN: 'on', HOTLINE_FLOWS_DIR: flowsDir, HOTLINE_ELDERLY_FILE: elderlyFile });
    await server.compiledMenus?.settled();
    await server.dialplanArrival?.settled();
    sim = await startTestCaller(runtime, SIM_APP);
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  const menusVersion = async (): Promise<string> => (await sim.ari.http.request<{ value: string }>('GET', '/asterisk/variable', { query: { variable: menusGlobal(APP) } })).value;

  /** Calls `dialed` from `number` and hangs up at the first prompt. */
  async function firstHeard(number: string, dialed = '12345'): Promise<FirstHeard> {
    const callerLeg = `arr-${randomUUID().slice(0, 12)}`;
    const menusLeg = `${callerLeg}-2`;
    let direct: string | null | undefined;
    let heard!: (prompt: string | null) => void;
    const first = new Promise<string | null>((resolve) => (heard = resolve));
    const onEvent = (event: AriEvent): void => {
      if (event.type !== 'ChannelDialplan' || event.channel.id !== menusLeg) return;
      const context = event.channel.dialplan?.context ?? '';
      if (direct === undefined && event.dialplan_app.toLowerCase() === 'stasis') direct = null;
      if (direct === undefined && context.endsWith('-direct')) direct = context;
      if (isPromptApplication(event.dialplan_app.toLowerCase())) heard(soundName(event.dialplan_app_data.split(/[,&]/)[0] ?? ''));
    };
    sim.ari.on('event', onEvent);
    try {
      await sim.ari.originate({ endpoint: `Local/${dialed}@from-citizen`, app: SIM_APP, channelId: callerLeg, otherChannelId: menusLeg, callerId: `"Citizen" <${number}>`, variables: { _HOTLINE_APP: APP } }, { timeoutMs: 10_000 });
      const prompt = await Promise.race([first, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
      return { direct: direct ?? null, prompt };
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
  }

  it('starts a caller in the menus from Asterisk alone, and a number added to the elderly registry is elderly at the next call', async () => {
    const version = await menusVersion();
    expect(version).toMatch(/^[0-9a-f]{8}$/);
    const number = '13700001234';
    expect(await firstHeard(number)).toEqual({ direct: `ivr-${version}-direct`, prompt: 'main_menu' });
    fs.appendFileSync(elderlyFile, `${number},added while the server runs\n`);
    // The registries are written to Asterisk's database under a new version, then switched to.
    const elderly = await waitForAsync(async () => {
      const heard = await firstHeard(number);
      return heard.prompt === 'elderly_greeting' ? heard : undefined;
    }, 15_000, 200);
    expect(elderly.direct).toBe(`ivr-${version}-direct`);
  }, 40_000);

  it('reads the hours the server keeps: a schedule closed by a reload sends the next enterprise caller to the after-hours offer', async () => {
    expect(await firstHeard('13700004321', '123452')).toMatchObject({ prompt: 'enterprise_menu' });
    setEnterpriseDesk(flowsDir, 'closed');
    const closed = await waitForAsync(async () => {
      const heard = await firstHeard('13700004321', '123452');
      return heard.prompt === 'after_hours_offer' ? heard : undefined;
    }, 15_000, 200);
    expect(closed.direct).toMatch(/^ivr-[0-9a-f]{8}-direct$/);
    setEnterpriseDesk(flowsDir, 'open');
    await waitForAsync(async () => ((await firstHeard('13700004321', '123452')).prompt === 'enterprise_menu' ? true : undefined), 15_000, 200);
  }, 60_000);

  it('a caller arriving while the server is away still starts in the menus', async () => {
    const version = await menusVersion();
    await server.close();
    expect(await firstHeard('13700005678')).toEqual({ direct: `ivr-${version}-direct`, prompt: 'main_menu' });
  }, 30_000);
});
