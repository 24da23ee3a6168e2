// A call placed to run a flow with a say node, through its executor (CallSession) with the real
// espeak-ng: the order number goes out as digit prompts, the summary as a file made for this call;
// text that cannot be made in time is left out, and a request with nothing left is not sent at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EspeakSpeech } from '../../../src/adapters/speech/espeak-speech.js';
import { CallSession, type SessionOwner } from '../../../src/app/calls/call-session.js';
import type { SpeechPort } from '../../../src/app/ports/speech.js';
import { UNKNOWN_CALLER } from '../../../src/domain/callers/caller-info.js';
import type { CallMachineEvent } from '../../../src/domain/calls/call-protocol.js';
import type { FlowSet } from '../../../src/domain/ivr/flow-types.js';
import type { FlowStart } from '../../../src/domain/ivr/ivr-protocol.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTelephony, settle } from '../../helpers/fake-telephony.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const T0 = Date.UTC(2026, 11, 5, 2, 0, 0);
const CH = 'ch-out-1';
const shipped = shippedFlowSet();
const owner: SessionOwner = { routeChannel: () => undefined, routeAcdId: () => undefined, closed: () => undefined, moved: () => undefined, started: () => undefined, answered: () => undefined };

function placedCall(flows: FlowSet, speech: SpeechPort | null, flowStart: FlowStart): { session: CallSession; telephony: FakeTelephony; arrive: () => Promise<void> } {
  const telephony = new FakeTelephony();
  const arrival: Extract<CallMachineEvent, { type: 'CallArrived' }> = { type: 'CallArrived', channelId: CH, callId: 'out-1', callerNumber: '02088886666', callerName: null, dialedNumber: '02088886666', answered: true, at: T0, flowStart };
  const session = new CallSession(arrival, UNKNOWN_CALLER, null, {
    setup: { ivr: { flows, isOpen: () => true }, language: 'zh-CN', afterCallFlow: null },
    telephony,
    speech,
    timers: new FakeTimers(),
    now: () => T0,
    logger: createLogger('silent'),
    phoneFor: () => ({ kind: 'demo', answerAfterSeconds: 0 }),
    tellAcd: () => undefined,
    notifyAgent: () => undefined,
    owner,
  });
  return {
    session,
    telephony,
    arrive: async () => {
      void session.handle(arrival);
      // Long enough for espeak-ng and sox to finish (settle() alone lets only promise callbacks run).
      for (let i = 0; i < 200 && telephony.argsOf('playPrompts').length === 0 && session.state.phase.kind === 'ivr'; i += 1) await new Promise((r) => setTimeout(r, 20));
      await settle();
    },
  };
}

describe('a placed call speaking its order (call session + real espeak-ng)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-call-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ORDER: FlowStart = { flow: 'sign-reminder', variables: { ticketNumber: '2026120500', summary: '小区电梯故障' } };

  it('plays the digit prompts of the number and the summary as a file the synthesizer made', async () => {
    const call = placedCall(shipped, new EspeakSpeech({ dir, soundPrefix: 'hotline/speech' }), ORDER);
    await call.arrive();
    const [channel, sounds, language] = call.telephony.argsOf('playPrompts')[0] ?? [];
    expect([channel, language]).toEqual([CH, 'zh-CN']);
    expect(sounds?.slice(0, 12)).toEqual(['sign_new_order', ...[...'2026120500'].map((d) => `digit_${d}`), 'sign_order_content']);
    const spoken = sounds?.[12] as { sound: string };
    expect(spoken.sound).toMatch(/^hotline\/speech\/zh-CN-/);
    expect(fs.existsSync(path.join(dir, `${spoken.sound.slice('hotline/speech/'.length)}.wav`))).toBe(true);
    expect(call.session.state.ivr?.state.variables).toMatchObject(ORDER.variables);
  });

  it('leaves the summary out when it cannot be made in time; the rest plays', async () => {
    const call = placedCall(shipped, new EspeakSpeech({ dir, soundPrefix: 'hotline/speech', timeoutMs: 1 }), ORDER);
    await call.arrive();
    const [, sounds] = call.telephony.argsOf('playPrompts')[0] ?? [];
    expect(sounds).toEqual(['sign_new_order', ...[...'2026120500'].map((d) => `digit_${d}`), 'sign_order_content']);
  });

  it('with nothing left to play (no synthesizer here), sends no request and goes on to the next node', async () => {
    const textOnly: FlowSet = {
      ...shipped,
      flows: new Map([...shipped.flows, ['spoken', { id: 'spoken', name: '只读文字', start: 'say', variables: ['summary'], nodes: { say: { type: 'say', parts: [{ text: 'summary' }], next: { flow: 'sign-reminder', node: 'confirm' } } } }]]),
    };
    const call = placedCall(textOnly, null, { flow: 'spoken', variables: { summary: '路灯不亮' } });
    await call.arrive();
    expect(call.telephony.argsOf('playPrompts').map(([, sounds]) => sounds)).toEqual([['sign_confirm']]);
    expect(call.session.state.ivr?.state.nodeId).toBe('confirm');
  });
});
