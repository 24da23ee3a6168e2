// Calls placed to run the sign-reminder and return-visit flows with an order's values, on the real
// Asterisk: the number is heard digit by digit from recorded prompts, the day from number words and the
// summary from a file espeak-ng made during the call (inside Asterisk's root); 1 signs, 0 reaches a queue.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallFacts } from '../../src/domain/calls/call-facts.js';
import type { CallerEvent, CallOutcome } from '../../src/tools/citizen-caller.js';
import { testFlowsDir } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

const of = <T extends CallerEvent['event']>(outcome: CallOutcome, type: T): Extract<CallerEvent, { event: T }>[] =>
  outcome.events.filter((event): event is Extract<CallerEvent, { event: T }> => event.event === type);

describe('say nodes on a real Asterisk (a placed sign-reminder call)', () => {
  let server: TestServer;
  let sim: TestCaller;
  const closed: CallFacts[] = [];

  beforeAll(async () => {
    server = await startTestServer(runtime, 'ivr-say', { HOTLINE_FLOWS_DIR: testFlowsDir('open') });
    server.callService.onCallClosed((facts) => closed.push(facts));
    sim = await startTestCaller(runtime, 'citizen-sim-say');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
  });

  // A summary of its own per run, so the file is made during the first call rather than found in the
  // cache; short, as every second of it is heard twice.
  const summary = `电梯${Date.now() % 1000}`;
  let spokenFirst = '';

  it('reads the number from digit prompts and the summary from a spoken file, and 1 signs the order', async () => {
    let callerLeg = '';
    const outcome = await sim.caller.call({ from: '02088886666', to: '13900001234', holdSeconds: 45 }, (event) => {
      if (event.event === 'dialing') {
        callerLeg = event.callId;
        // The outbound engine's part: the hotline leg's id is chosen before dialing and given its flow.
        server.callService.runFlowOnArrival(`${event.callId}-2`, { flow: 'sign-reminder', variables: { ticketNumber: '2026120500', summary } });
      }
      if (event.event === 'prompt' && event.prompt === 'sign_confirm') setTimeout(() => void sim.ari.sendDtmf(callerLeg, '1', { duration: 150 }).catch(() => undefined), 300);
    });
    const heard = of(outcome, 'prompt').map((e) => e.media);
    const spoken = heard.find((media) => media.startsWith('sound:hotline/speech/'));
    expect(heard.slice(0, 12)).toEqual(['sound:hotline/zh-CN/sign_new_order', ...[...'2026120500'].map((d) => `sound:hotline/zh-CN/digit_${d}`), 'sound:hotline/zh-CN/sign_order_content']);
    expect(spoken).toMatch(/^sound:hotline\/speech\/zh-CN-[0-9a-f]{24}$/);
    expect(heard.slice(12)).toEqual([spoken, 'sound:hotline/zh-CN/sign_confirm', 'sound:hotline/zh-CN/sign_thanks']);
    // The file Asterisk played is inside its root, beside the prompts.
    expect(fs.existsSync(path.join(runtime.soundsDir, 'speech', `${(spoken ?? '').split('/').pop()}.wav`))).toBe(true);
    expect(of(outcome, 'hangup')[0]?.by).toBe('hotline');
    spokenFirst = spoken ?? '';

    const facts = await waitFor(() => closed.find((f) => f.callId === outcome.callId));
    expect(facts.flowResult).toEqual({ flow: 'sign-reminder', variables: { ticketNumber: '2026120500', summary, signed: 'yes' } });
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    const path_ = ticket.ivrPath as { kind: string; key?: string; label?: string; prompt?: string }[];
    expect(path_.filter((s) => s.kind === 'key')).toEqual([expect.objectContaining({ key: '1', label: '确认签收' })]);
    // The path names the prompts, never the summary or the number.
    expect(JSON.stringify(path_)).not.toContain('电梯');
    expect(JSON.stringify(path_)).not.toContain('2026120500');
  });

  it('a return visit says the day in China time and the same summary from the cache; 0 reaches the general queue', async () => {
    const speechDir = path.join(runtime.soundsDir, 'speech');
    const filesBefore = fs.readdirSync(speechDir).length;
    let callerLeg = '';
    const outcome = await sim.caller.call({ from: '13800005555', to: '13800005555', holdSeconds: 24 }, (event) => {
      if (event.event === 'dialing') {
        callerLeg = event.callId;
        // 16:30 UTC on 2 December 2026 is 3 December in China.
        server.callService.runFlowOnArrival(`${event.callId}-2`, { flow: 'return-visit', variables: { ticketDate: String(Date.UTC(2026, 11, 2, 16, 30)), summary } });
      }
      if (event.event === 'prompt' && event.prompt === 'visit_question') setTimeout(() => void sim.ari.sendDtmf(callerLeg, '0', { duration: 150 }).catch(() => undefined), 300);
      // Once queued the flow's part is over: the caller leaves rather than hold on for the whole call.
      if (event.event === 'queued') void sim.ari.hangup(callerLeg).catch(() => undefined);
    });
    const heard = of(outcome, 'prompt').map((e) => e.prompt);
    expect(heard.slice(0, 9)).toEqual(['visit_intro', 'num_10', 'num_2', 'date_month', 'num_3', 'date_day', 'visit_subject', spokenFirst.split('/').pop(), 'visit_replied']);
    expect(fs.readdirSync(speechDir).length).toBe(filesBefore);
    expect(of(outcome, 'queued').map((e) => e.queue)).toEqual(['general']);
    const facts = await waitFor(() => closed.find((f) => f.callId === outcome.callId));
    expect(facts.flowResult?.flow).toBe('return-visit');
  });
});
