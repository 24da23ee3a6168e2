// A failure inside one call never leaves that caller in silence: the call's error boundary hands
// them to the human fallback queue, on the real Asterisk, and the other calls go on. A prompt that
// never begins is looked at on the real Asterisk and asked for again (the prompt guard).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TelephonyPort } from '../../src/app/ports/telephony.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const FAULTY_CALLER = '13800006666';
/** Its first prompt's request is swallowed: Asterisk never hears of it, as with a playback lost in a dissolving bridge. */
const STALLED_CALLER = '13800006767';

describe('per-call error boundary (real Asterisk, injected fault)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let faulted = 0;
  const swallowed: string[] = [];
  const played: string[] = [];

  beforeAll(async () => {
    // The fault: playing a prompt fails for one caller, as a lost ARI request would.
    const arrivals = new Map<string, string>();
    server = await startTestServer(runtime, 'error-boundary', {}, {
      wrapTelephony: (real): TelephonyPort => {
        const playPrompts: TelephonyPort['playPrompts'] = async (channelId, prompts, language, playbackId) => {
          const caller = arrivals.get(channelId) ?? server.callService.activeCalls().find((call) => call.channelId === channelId)?.callerNumber;
          if (caller) arrivals.set(channelId, caller);
          if (caller === FAULTY_CALLER) {
            faulted += 1;
            throw new Error('injected: playback request lost');
          }
          if (caller === STALLED_CALLER && swallowed.length === 0) {
            swallowed.push(playbackId);
            return;
          }
          if (caller === STALLED_CALLER) played.push(playbackId);
          return real.playPrompts(channelId, prompts, language, playbackId);
        };
        // Everything else goes to the real Asterisk unchanged.
        return new Proxy(real, {
          get: (target, property) => {
            if (property === 'playPrompts') return playPrompts;
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    });
    sim = await startTestCaller(runtime);
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  /** The stalled caller's call, placed beside the first test's (they share the time, not the assertions). */
  let stalledCall: ReturnType<TestCaller['caller']['call']> | undefined;

  it('sends the caller to the fallback queue, keeps the server up, and still writes the ticket', async () => {
    // The main menu: 3 s until its guard finds Asterisk does not know it, then ~6 s played, 1 s wait.
    stalledCall = sim.caller.call({ from: STALLED_CALLER, to: '12345', holdSeconds: 14 });
    const [faulty, healthy] = await Promise.all([
      sim.caller.call({ from: FAULTY_CALLER, to: '12345', holdSeconds: 9 }),
      sim.caller.call({ from: '13800007777', to: '12345', holdSeconds: 9 }),
    ]);
    expect(faulted).toBe(1);
    expect(faulty.events.map((event) => event.event)).toEqual(['dialing', 'connected', 'queued', 'hangup']);
    expect(healthy.events.find((event) => event.event === 'prompt_finished')).toMatchObject({ prompt: 'main_menu', state: 'done' });
    expect(healthy.events.find((event) => event.event === 'queued')).toMatchObject({ queue: 'general' });
    // Both callers hung up at about the same time; the tickets follow within moments.
    const query = server.database.sqlite.prepare('select caller_number as caller, ivr_path as path from tickets order by caller_number');
    const rows = await waitFor(() => {
      const found = (query.all() as { caller: string; path: string }[]).filter((row) => row.caller !== STALLED_CALLER);
      return found.length === 2 ? found : undefined;
    });
    expect(rows.map((row) => row.caller)).toEqual([FAULTY_CALLER, '13800007777']);
    const path = JSON.parse(rows[0]?.path ?? '[]') as { kind: string; prompt?: string; outcome?: string }[];
    expect(path).toContainEqual(expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'failed' }));
    expect(path.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'human-fallback' });
    const health = await server.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });

  it('a prompt Asterisk never began is found by its guard, asked for again, heard, and the call goes on to its queue', async () => {
    if (!stalledCall) throw new Error('the stalled caller was not placed');
    const stalled = await stalledCall;
    expect(swallowed).toHaveLength(1);
    expect(played[0]).not.toBe(swallowed[0]);
    const menus = stalled.events.filter((event) => event.event === 'prompt_finished' && event.prompt === 'main_menu');
    expect(menus).toEqual([expect.objectContaining({ state: 'done' })]);
    expect(stalled.events.find((event) => event.event === 'queued')).toMatchObject({ queue: 'general' });
    const row = await waitFor(() => server.database.sqlite.prepare('select ivr_path as path from tickets where caller_number = ?').get(STALLED_CALLER) as { path: string } | undefined);
    const prompts = (JSON.parse(row.path) as { kind: string; prompt?: string; outcome?: string }[]).filter((step) => step.kind === 'prompt');
    expect(prompts).toEqual([expect.objectContaining({ prompt: 'main_menu', outcome: 'played' })]);
  });
});
