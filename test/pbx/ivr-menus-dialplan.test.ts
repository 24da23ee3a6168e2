// The differential test of the compiled-menus prototype: every path of the main flow (and the flows
// it reaches by keys before a queue), walked on the real Asterisk through the server's engine and
// through the flows compiled into the dialplan. The same prompts must be heard in the same order,
// the call must reach the same queue, and the ticket must show the same IVR path as the engine
// predicts for that path. Every path of the survey is walked through its compiled contexts too:
// the prompts, the path and the rating its end reports must be the engine's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AriError } from '../../src/adapters/ari/ari-error.js';
import type { AriEvent } from '../../src/adapters/ari/ari-events.js';
import type { IvrStep } from '../../src/domain/calls/call-facts.js';
import { everyPath, type FlowPath } from '../helpers/flow-paths.js';
import { inPool } from '../helpers/in-pool.js';
import { isQueuePrompt } from '../helpers/menu-prompts.js';
import { shippedFlowSet } from '../helpers/shipped-flows.js';
import { testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { decodeSurveyVariables, SURVEY_ENDED_EVENT, surveyArrivalContext } from '../../src/domain/ivr/dialplan-survey.js';
import { decodePath } from '../../src/domain/ivr/dialplan-path.js';
import { arrivalContext } from '../../src/domain/ivr/dialplan-compiler.js';
import { waitFor } from '../helpers/wait.js';
import { isPromptApplication } from '../../src/domain/ivr/dialplan-nodes.js';

const runtime = inject('pbxRuntime');
const SIM_APP = 'citizen-sim-dialplan';
const ENGINE_APP = 'hotline-engine';
const COMPILED_APP = 'hotline-compiled';
/**
 * Calls in flight at once over both servers. The paths hold ~2,400 call-seconds (prompts of 1–6 s,
 * menus waiting 1–3 s, retries), so 16 lines would need 150 s and 48 took ~65 s. Since the simulated
 * callers (Local channels) run at 8 kHz rather than 192 kHz, Asterisk carries 96 at once with every
 * key on time, and the walk takes ~37 s: the longest path's own length.
 */
const LINES = 96;
/** The longest path (three menus, two retries, the elderly greeting) lasts about 37 s. */
const CALL_LIMIT_MS = 45_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const soundName = (media: string): string => media.replace(/^sound:/, '').split('/').pop() ?? media;

/** A key the caller presses while a prompt plays, `afterMs` after it began. */
interface KeyDuring {
  readonly prompt: string;
  readonly key: string;
  readonly afterMs: number;
}

interface Walked {
  readonly callId: string;
  readonly prompts: readonly string[];
  readonly queue: string | null;
  /** The ticket's IVR path, or null when no ticket was written. */
  readonly path: readonly IvrStep[] | null;
  readonly problem: string | null;
  /** Who played the menus: the server (ARI playbacks), Asterisk's dialplan (Background/Playback), or both. */
  readonly via: readonly ('engine' | 'dialplan')[];
  /** A key of the script found the caller's channel already gone (ARI 404). */
  readonly keyToGoneChannel: boolean;
  /** Who decided where the caller starts: the server (Stasis before any prompt) or the dialplan alone (its direct arrival). */
  readonly arrival: 'server' | 'dialplan' | null;
}

/** The IVR part of a ticket's path, without times: what the menus did, up to where they sent the call. */
function menuSteps(path: readonly IvrStep[]): Omit<IvrStep, 'at'>[] {
  const end = path.findIndex((step) => step.kind === 'outcome');
  return path.slice(0, end + 1).map(({ at: _at, ...rest }) => rest);
}

/** The same prompt started twice in a row: the prompt guard asked it again (a flow's retry plays another prompt between). */
const askedTwice = (prompts: readonly string[]): boolean => prompts.some((prompt, i) => i > 0 && prompts[i - 1] === prompt);

/**
 * A menu's wait ran out before the script's key arrived (where the ticket first parts from the path,
 * it has a timeout and the path a key): on a loaded machine the script hears the menu listen, or its
 * key reaches the menu, seconds late. Counting timeouts missed it on a path with later timeouts of
 * its own (1 9 3, then silence twice: the ticket had one timeout, at the main menu, the path two).
 */
const keyTooLate = (walked: Walked, flowPath: FlowPath): boolean => {
  if (walked.path === null) return false;
  const got = menuSteps(walked.path);
  const want = menuSteps(flowPath.path);
  const at = got.findIndex((step, i) => JSON.stringify(step) !== JSON.stringify(want[i]));
  return at >= 0 && got[at]?.kind === 'timeout' && want[at]?.kind === 'key';
};

/**
 * Asterisk did not take the call, the script did not reach a queue in time, or a key found the line
 * already down (the script heard the menu listen seconds late, after its wait ran out): the machine
 * stalled, or a real difference.
 */
const stalled = (walked: Walked): boolean => walked.problem !== null && (walked.keyToGoneChannel || /^(originate failed|no queue within)/.test(walked.problem));

/** A step as one short word for the failure message (the comparison itself is on whole steps). */
const brief = (step: Omit<IvrStep, 'at'>): string => Object.values(step).join(':');

/** A rough length of a call along a path, to start the long ones first: prompts ~4 s, menus wait ~2 s. */
const expectedSeconds = (flowPath: FlowPath): number => flowPath.path.reduce((sum, step) => sum + (step.kind === 'prompt' ? 4 : step.kind === 'timeout' ? 2 : 0), 0);

const label = (flowPath: FlowPath): string => flowPath.actions.map((x) => x.key ?? '-').join(' ') || '(none)';

/** What differs between the engine's run, the compiled run and what the engine predicts for the path. */
function differences(flowPath: FlowPath, a: Walked, b: Walked): string[] {
  const found: string[] = [];
  const same = (what: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) found.push(`[${label(flowPath)}] ${what}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
  };
  same('problems', [a.problem, b.problem], [null, null]);
  // Without this a compiled server that quietly fell back to its engine would pass.
  same('who ran the menus', [a.via, b.via], [['engine'], ['dialplan']]);
  same('who decided at arrival', [a.arrival, b.arrival], ['server', 'dialplan']);
  same('prompts', a.prompts, b.prompts);
  same('queue', a.queue, b.queue);
  same('queue vs prediction', b.queue, flowPath.outcome?.kind === 'queued' ? flowPath.outcome.queue : null);
  const expected = menuSteps(flowPath.path);
  const steps = (walked: Walked): unknown => (walked.path ? menuSteps(walked.path) : null);
  const show = (x: unknown): string => (Array.isArray(x) ? (x as Omit<IvrStep, 'at'>[]).map(brief).join(' ') : String(x));
  for (const [who, walked] of [['engine', a], ['dialplan', b]] as const) {
    if (JSON.stringify(steps(walked)) !== JSON.stringify(expected)) found.push(`[${label(flowPath)}] ${who} ticket path: ${show(steps(walked))} ≠ ${show(expected)}`);
  }
  return found;
}

describe('IVR menus compiled into the dialplan behave as the engine (real Asterisk)', () => {
  let engine: TestServer;
  let compiled: TestServer;
  let sim: TestCaller;
  const caller = { number: '13811112222', dialed: '12345', elderly: false, enterprise: null, anonymous: false };
  const paths: FlowPath[] = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, caller, 'main');

  beforeAll(async () => {
    const flowsDir = testFlowsDir('open');
    const common = { HOTLINE_FLOWS_DIR: flowsDir };
    [engine, compiled] = await Promise.all([
      startTestServer(runtime, 'ivr-dialplan-engine', { ...common, HOTLINE_ARI_APP: ENGINE_APP }),
      startTestServer(runtime, 'ivr-dialplan-compiled', { ...common, HOTLINE_ARI_APP: COMPILED_APP, HOTLINE_IVR_IN_DIALPLAN: 'on' }),
    ]);
    await compiled.compiledMenus?.settled();
    await compiled.dialplanArrival?.settled();
    sim = await startTestCaller(runtime, SIM_APP);
    sim.ari.setMaxListeners(0);
  });
  afterAll(async () => {
    await sim?.stop();
    await Promise.all([engine?.close(), compiled?.close()]);
  });

  /**
   * One caller following a script: a key (or silence) each time the menu named in it listens, i.e.
   * after its prompt finished (the engine's PlaybackFinished, the dialplan's WaitExten).
   */
  async function walk(server: TestServer, app: string, flowPath: FlowPath, index: number, during?: KeyDuring, callerNumber?: string): Promise<Walked> {
    const callerLeg = `dp-${app}-${index}-${randomUUID().slice(0, 8)}`;
    const hotlineLeg = `${callerLeg}-2`;
    const prompts: string[] = [];
    const actions = [...flowPath.actions];
    let queue: string | null = null;
    let problem: string | null = null;
    let lastSounds: string[] = [];
    let keyToGoneChannel = false;
    const via = new Set<'engine' | 'dialplan'>();
    let arrival: Walked['arrival'] = null;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let pressedDuring = false;
    const started = (prompt: string): void => {
      if (!during || pressedDuring || prompt !== during.prompt) return;
      pressedDuring = true;
      setTimeout(() => void sim.ari.sendDtmf(callerLeg, during.key, { duration: 120 }).catch((error: unknown) => (problem ??= `key ${during.key} not sent: ${String(error)}`)), during.afterMs);
    };
    const listening = (prompt: string | undefined): void => {
      if (actions[0] === undefined || actions[0].prompt !== prompt) return;
      const action = actions.shift();
      if (action?.key) {
        void sim.ari.sendDtmf(callerLeg, action.key, { duration: 120 }).catch((error: unknown) => {
          if (error instanceof AriError && error.code === 'ARI_NOT_FOUND') keyToGoneChannel = true;
          problem ??= `key ${action.key} not sent: ${String(error)}`;
        });
      }
    };
    const onEvent = (event: AriEvent): void => {
      if ((event.type === 'PlaybackStarted' || event.type === 'PlaybackFinished') && event.playback.target_uri === `channel:${hotlineLeg}`) {
        if (event.type === 'PlaybackStarted' && !isQueuePrompt(event.playback.media_uri)) {
          prompts.push(soundName(event.playback.media_uri));
          started(soundName(event.playback.media_uri));
          via.add('engine');
        }
        else listening(soundName(event.playback.media_uri));
      }
      if (event.type === 'ChannelDialplan' && event.channel.id === hotlineLeg) {
        const application = event.dialplan_app.toLowerCase();
        if (application === 'stasis') arrival ??= 'server';
        if (event.channel.dialplan?.context.endsWith('-direct')) arrival ??= 'dialplan';
        if (isPromptApplication(application)) {
          lastSounds = event.dialplan_app_data.split(',')[0]?.split('&').map(soundName) ?? [];
          prompts.push(...lastSounds);
          lastSounds.forEach(started);
          via.add('dialplan');
        }
        if (application === 'waitexten') listening(lastSounds.at(-1));
      }
      if (event.type === 'ChannelVarset' && event.channel?.id === hotlineLeg && event.variable === 'HOTLINE_QUEUE' && event.value) {
        // The first queue only: with no agent logged in, the ACD overflows the elderly lane to the
        // general queue at once, and that second mark may arrive before the caller hangs up.
        queue ??= event.value;
        done();
      }
      if (event.type === 'ChannelDestroyed' && event.channel.id === callerLeg) {
        problem ??= 'the line went down before a queue';
        done();
      }
    };
    sim.ari.on('event', onEvent);
    try {
      const number = callerNumber ?? `1381111${String(index).padStart(4, '0')}`;
      await sim.ari.originate({ endpoint: 'Local/12345@from-citizen', app: SIM_APP, channelId: callerLeg, otherChannelId: hotlineLeg, callerId: `"Citizen" <${number}>`, variables: { _HOTLINE_APP: app } }, { timeoutMs: 10_000 }).catch((error: unknown) => {
        problem = `originate failed: ${String(error)}`;
        done();
      });
      if (await Promise.race([finished.then(() => false), sleep(CALL_LIMIT_MS).then(() => true)])) problem = `no queue within ${CALL_LIMIT_MS} ms`;
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
    // The ticket is written when the call ends, which the hang-up above just did.
    const ticket = await waitFor(() => getTicket(server, callerLeg), 10_000).catch(() => undefined);
    return { callId: callerLeg, prompts, queue, path: ticket ? (ticket.ivrPath as IvrStep[]) : null, problem, via: [...via], keyToGoneChannel, arrival };
  }

  /** Walks each path through both servers, the two runs of a path side by side, LINES calls at a time. */
  async function compare(selected: readonly FlowPath[]): Promise<string[]> {
    // Longest scripts first, so the last calls to start are short ones and the lines stay busy.
    const order = [...selected.keys()].sort((x, y) => expectedSeconds(selected[y]!) - expectedSeconds(selected[x]!));
    const jobs = order.map((i) => ({ flowPath: selected[i]!, i })).flatMap(({ flowPath, i }) => [
      { flowPath, i, server: engine, app: ENGINE_APP },
      { flowPath, i, server: compiled, app: COMPILED_APP },
    ]);
    const walked = await inPool(jobs, LINES, async (job) => ({ i: job.i, app: job.app, walked: await walk(job.server, job.app, job.flowPath, job.i) }));
    // On a loaded machine the engine's prompt guard may ask a prompt again (it had not begun within
    // 3 s): the script then hears that prompt end twice and keys too early; or a key arrives after the
    // menu's wait ran out. Such a walk says nothing about the menus, so it is walked once more, alone;
    // a second re-ask or late key stays a difference.
    for (const entry of walked) {
      const reasked = entry.app === ENGINE_APP && askedTwice(entry.walked.prompts);
      if (!reasked && !keyTooLate(entry.walked, selected[entry.i]!)) continue;
      const server = entry.app === ENGINE_APP ? engine : compiled;
      entry.walked = await walk(server, entry.app, selected[entry.i]!, entry.i + selected.length);
    }
    // A machine that stalls for seconds (Asterisk answering no originate within 10 s, a script keying
    // into a line its menu already hung up) fails walks on either side at once; those walks are made
    // once more, and what still differs counts.
    const again = walked.filter((entry) => stalled(entry.walked));
    await inPool(again, LINES, async (entry) => {
      entry.walked = await walk(entry.app === ENGINE_APP ? engine : compiled, entry.app, selected[entry.i]!, entry.i + 2 * selected.length);
    });
    const of = (i: number, app: string): Walked => walked.find((w) => w.i === i && w.app === app)!.walked;
    return selected.flatMap((flowPath, i) => differences(flowPath, of(i, ENGINE_APP), of(i, COMPILED_APP)));
  }

  it('the simplest path (no key at the main menu: the general queue) is the same through both', async () => {
    const simplest = paths.filter((p) => p.actions.length === 1 && p.actions[0]?.key === null);
    expect(simplest).toHaveLength(1);
    expect(await compare(simplest)).toEqual([]);
  }, 30_000);

  it('a key the elderly greeting cannot take (no barge-in) is written as ignored through both, and the greeting goes on', async () => {
    // 0 at the main menu leads to the elderly lane's greeting, which no key cuts (0 again leads where the caller is).
    const toElderly = paths.find((p) => p.actions.length === 1 && p.actions[0]?.key === '0');
    expect(toElderly).toBeDefined();
    const flowPath = toElderly as FlowPath;
    const during = { prompt: 'elderly_greeting', key: '5', afterMs: 1000 };
    const [byEngine, byDialplan] = await Promise.all([walk(engine, ENGINE_APP, flowPath, 900, during), walk(compiled, COMPILED_APP, flowPath, 901, during)]);
    for (const walked of [byEngine, byDialplan]) expect(walked.problem).toBeNull();
    const ignoredKey = { kind: 'key', key: '5', label: 'ignored' };
    expect(menuSteps(byEngine.path ?? [])).toContainEqual(ignoredKey);
    expect(menuSteps(byDialplan.path ?? [])).toEqual(menuSteps(byEngine.path ?? []));
    // The dialplan started the greeting again where the key stopped it: heard to its end once, as
    // long as through the engine, not a second from its start.
    expect(byDialplan.prompts.filter((prompt) => prompt === 'elderly_greeting')).toHaveLength(2);
    const heardFor = (path: readonly IvrStep[] | null): number => {
      const begun = path?.find((step) => step.kind === 'node' && step.node === 'greet')?.at ?? NaN;
      const ended = path?.find((step) => step.kind === 'prompt' && step.prompt === 'elderly_greeting')?.at ?? NaN;
      return ended - begun;
    };
    expect(Math.abs(heardFor(byDialplan.path) - heardFor(byEngine.path))).toBeLessThan(500);
  }, 60_000);

  it('starts a registered elderly caller (however the carrier spells the number) and an anonymous one where the server would', async () => {
    const elderly = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, { ...caller, number: '13900000065', elderly: true }, 'main');
    const anonymous = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, { ...caller, number: 'anonymous', anonymous: true }, 'main');
    const silent = (all: readonly FlowPath[]): FlowPath => all.find((p) => p.actions.every((a) => !a.key)) ?? all[0]!;
    const cases = [
      { flowPath: silent(elderly), number: '+86 139-0000-0065' },
      { flowPath: silent(elderly), number: '008613900000065' },
      { flowPath: silent(anonymous), number: 'anonymous' },
    ];
    const found = await Promise.all(
      cases.map(async ({ flowPath, number }, i) => {
        const [a, b] = await Promise.all([walk(engine, ENGINE_APP, flowPath, 950 + i, undefined, number), walk(compiled, COMPILED_APP, flowPath, 960 + i, undefined, number)]);
        return differences(flowPath, a, b);
      }),
    );
    expect(found.flat()).toEqual([]);
    expect(silent(elderly).outcome).toMatchObject({ kind: 'queued', queue: 'elderly' });
  }, 90_000);

  it('walks every path of the main flow through both, with the same prompts, IVR path and queue', async () => {
    expect(paths.length).toBeGreaterThan(40);
    expect(await compare(paths)).toEqual([]);
    // Room for a few paths walked again after a prompt asked twice or a stall (each up to CALL_LIMIT_MS).
  }, 240_000);

  /** The first prompt Asterisk plays after the enterprise desk's compiled hours node, continued into with these facts. */
  async function afterHours(facts: string, index: number): Promise<string | null> {
    const menus = compiled.compiledMenus?.menusFor(compiled.flows.snapshot().flows, compiled.flows.current.afterCall);
    if (!menus) return null;
    const hours = `ivr-${menus.version}-enterprise-hours`;
    const callerLeg = `hr-${index}-${randomUUID().slice(0, 8)}`;
    const menusLeg = `${callerLeg}-2`;
    let heard!: (prompt: string | null) => void;
    const first = new Promise<string | null>((resolve) => (heard = resolve));
    const onEvent = (event: AriEvent): void => {
      if (event.type !== 'ChannelDialplan' || event.channel.id !== menusLeg) return;
      const application = event.dialplan_app.toLowerCase();
      if (isPromptApplication(application)) heard(soundName(event.dialplan_app_data.split(',')[0] ?? ''));
    };
    sim.ari.on('event', onEvent);
    try {
      await sim.ari.originate({ endpoint: `Local/${hours}@${arrivalContext(menus.version)}`, app: SIM_APP, channelId: callerLeg, otherChannelId: menusLeg, callerId: '"Citizen" <13811110000>', variables: { _HOTLINE_IVR_SEED: `zh-CN^${COMPILED_APP}^/dialed:12345/${facts}/^` } }, { timeoutMs: 10_000 });
      return await Promise.race([first, sleep(10_000).then(() => null)]);
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
  }

  it('reads the hours when the node is reached: the arrival\'s answer until the schedule\'s change, turned over after it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      { facts: `open:enterprise-desk/change:enterprise-desk@${now + 3600}`, want: 'enterprise_menu' },
      { facts: `open:enterprise-desk/change:enterprise-desk@${now - 5}`, want: 'after_hours_offer' },
      { facts: `change:enterprise-desk@${now + 3600}`, want: 'after_hours_offer' },
      { facts: `change:enterprise-desk@${now - 5}`, want: 'enterprise_menu' },
      // No change fact (a server before it): the arrival's answer.
      { facts: 'open:enterprise-desk', want: 'enterprise_menu' },
    ];
    const heard = await Promise.all(cases.map((c, i) => afterHours(c.facts, i)));
    expect(heard).toEqual(cases.map((c) => c.want));
  }, 30_000);

  /** The survey, walked through its compiled contexts (continued into as the server does after a conversation). */
  async function walkSurvey(flowPath: FlowPath, index: number): Promise<{ prompts: string[]; path: IvrStep[] | null; variables: Record<string, string>; problem: string | null }> {
    const menus = compiled.compiledMenus?.menusFor(compiled.flows.snapshot().flows, compiled.flows.current.afterCall);
    if (!menus?.survey) return { prompts: [], path: null, variables: {}, problem: 'the survey is not compiled' };
    const callerLeg = `sv-${index}-${randomUUID().slice(0, 8)}`;
    const surveyLeg = `${callerLeg}-2`;
    const prompts: string[] = [];
    const actions = [...flowPath.actions];
    let lastSounds: string[] = [];
    let ended: { path: IvrStep[] | null; variables: Record<string, string> } | null = null;
    let problem: string | null = null;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const onEvent = (event: AriEvent): void => {
      if (event.type === 'ChannelDialplan' && event.channel.id === surveyLeg) {
        const application = event.dialplan_app.toLowerCase();
        if (isPromptApplication(application)) {
          lastSounds = event.dialplan_app_data.split(',')[0]?.split('&').map(soundName) ?? [];
          prompts.push(...lastSounds);
        }
        if (application === 'waitexten' && actions[0]?.prompt === lastSounds.at(-1)) {
          const key = actions.shift()?.key;
          if (key) void sim.ari.sendDtmf(callerLeg, key, { duration: 120 }).catch((error: unknown) => (problem ??= `key ${key} not sent: ${String(error)}`));
        }
      }
      if (event.type === 'ChannelUserevent' && event.channel?.id === surveyLeg && event.eventname === SURVEY_ENDED_EVENT) {
        const fields = event.userevent as Record<string, string>;
        ended = { path: decodePath(fields.path ?? ''), variables: decodeSurveyVariables(fields.vars ?? '') };
      }
      if (event.type === 'ChannelDestroyed' && event.channel.id === surveyLeg) done();
    };
    sim.ari.on('event', onEvent);
    try {
      // The seed as the server sets it: language, app, facts, no path yet (the inheriting `_` reaches the dialplan's half).
      await sim.ari.originate({ endpoint: `Local/${menus.survey}@${surveyArrivalContext(menus.version)}`, app: SIM_APP, channelId: callerLeg, otherChannelId: surveyLeg, callerId: '"Citizen" <13811110000>', variables: { _HOTLINE_IVR_SEED: `zh-CN^${COMPILED_APP}^/dialed:12345/^` } }, { timeoutMs: 10_000 });
      if (await Promise.race([finished.then(() => false), sleep(CALL_LIMIT_MS).then(() => true)])) problem ??= `the survey did not end within ${CALL_LIMIT_MS} ms`;
    } catch (error) {
      problem ??= `originate failed: ${String(error)}`;
    } finally {
      sim.ari.off('event', onEvent);
      await sim.ari.hangup(callerLeg).catch(() => undefined);
    }
    const result = ended as { path: IvrStep[] | null; variables: Record<string, string> } | null;
    return { prompts, path: result?.path ?? null, variables: result?.variables ?? {}, problem: problem ?? (result ? null : 'no end event') };
  }

  it('walks every path of the survey through its compiled contexts, with the prompts, path and rating the engine gives', async () => {
    const surveyPaths = everyPath({ flows: shippedFlowSet(), isOpen: () => true }, caller, 'survey');
    expect(surveyPaths.length).toBeGreaterThan(10);
    const walked = await inPool([...surveyPaths.keys()], LINES, async (i) => walkSurvey(surveyPaths[i]!, i));
    // A key that reached a menu after its wait ran out (a loaded machine) is walked once more.
    for (const [i, result] of walked.entries()) {
      const want = surveyPaths[i]!;
      if (result.path && keyTooLate({ callId: '', prompts: result.prompts, queue: null, path: result.path, problem: null, via: [], keyToGoneChannel: false, arrival: null }, want)) walked[i] = await walkSurvey(want, i + surveyPaths.length);
    }
    const strip = (path: readonly IvrStep[] | null): unknown => path?.map(({ at: _at, ...rest }) => rest) ?? null;
    const found = surveyPaths.flatMap((want, i) => {
      const got = walked[i]!;
      const heard = want.heard;
      const differs: string[] = [];
      if (got.problem) differs.push(`[${label(want)}] ${got.problem}`);
      if (JSON.stringify(got.prompts) !== JSON.stringify(heard)) differs.push(`[${label(want)}] prompts: ${got.prompts.join(' ')} ≠ ${heard.join(' ')}`);
      if (JSON.stringify(strip(got.path)) !== JSON.stringify(strip(want.path))) differs.push(`[${label(want)}] path: ${JSON.stringify(strip(got.path))} ≠ ${JSON.stringify(strip(want.path))}`);
      if (JSON.stringify(got.variables) !== JSON.stringify(want.variables)) differs.push(`[${label(want)}] variables: ${JSON.stringify(got.variables)} ≠ ${JSON.stringify(want.variables)}`);
      return differs;
    });
    expect(found).toEqual([]);
    // Every rating, and no rating, among the paths.
    expect(new Set(walked.map((w) => w.variables['satisfaction'] ?? 'none'))).toEqual(new Set(['satisfied', 'basically-satisfied', 'dissatisfied', 'none']));
  }, 120_000);
});
