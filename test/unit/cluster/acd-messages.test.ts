// The messages between workers and the ACD leader: every field checked before the ACD sees it, each
// command routed to the PBX its call is on, and a deposed leader's epoch refused.
import { describe, expect, it } from 'vitest';
import { ACD_AGENTS_STREAM, acdReplyStream, parseCommandMessage, parseEventMessage, parseReplyMessage, travels } from '../../../src/domain/cluster/acd-messages.js';
import { AcdRoutes } from '../../../src/domain/cluster/acd-routes.js';
import { EpochFence } from '../../../src/domain/cluster/epoch-fence.js';

describe('ACD event messages', () => {
  it('takes a request with its reply address and a sender\'s stamp', () => {
    const login = { pbx: 'web-1', event: { type: 'AgentLoggedIn', agentId: '8001', at: 5 }, reply: { stream: acdReplyStream('web-1'), request: 'web-1:x:1' }, sent: { run: 'web-1:x', seq: 1 } };
    expect(parseEventMessage(JSON.stringify(login))).toEqual({ ok: true, message: login });
  });

  it('takes a reply with the ACD\'s answer, null or a code, and refuses a malformed one', () => {
    expect(parseReplyMessage('{"epoch":2,"request":"r1","code":null}')).toEqual({ ok: true, message: { epoch: 2, request: 'r1', code: null } });
    expect(parseReplyMessage('{"epoch":2,"request":"r1","code":"ACD_WRONG_AGENT_STATE"}').ok).toBe(true);
    expect(parseReplyMessage('{"epoch":2,"request":"r1","code":7}')).toMatchObject({ ok: false, code: 'ACD_MESSAGE_INVALID' });
    expect(parseReplyMessage('{"epoch":0,"request":"r1","code":null}')).toMatchObject({ ok: false, code: 'ACD_MESSAGE_INVALID' });
    expect(parseReplyMessage('nope')).toMatchObject({ ok: false, code: 'ACD_MESSAGE_NOT_JSON' });
  });

  it('takes every event type with its fields', () => {
    const queued = { pbx: 'pbx-a', event: { type: 'CallQueued', callId: 'c1', queueId: 'general', at: 5, priorityClass: null, skills: ['lang-en'] } };
    expect(parseEventMessage(JSON.stringify(queued))).toEqual({ ok: true, message: queued });
    const filed = { pbx: 'pbx-a', event: { type: 'TicketFiled', agentId: '8001', callId: null, at: 5 } };
    expect(parseEventMessage(JSON.stringify(filed)).ok).toBe(true);
    expect(parseEventMessage(JSON.stringify({ pbx: 'leader', event: { type: 'TimerFired', timerId: 't', at: 1 } })).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{pbx', 'ACD_MESSAGE_NOT_JSON', 'not JSON'],
    ['a list', '[]', 'ACD_MESSAGE_INVALID', 'expected an object'],
    ['no PBX', '{"event":{"type":"CallEnded","callId":"c1","at":1}}', 'ACD_MESSAGE_INVALID', 'pbx'],
    ['an unknown type', '{"pbx":"a","event":{"type":"CallTeleported","at":1}}', 'ACD_MESSAGE_INVALID', 'event.type'],
    ['a number for an id', '{"pbx":"a","event":{"type":"CallEnded","callId":7,"at":1}}', 'ACD_MESSAGE_INVALID', 'event.callId'],
    ['a missing time', '{"pbx":"a","event":{"type":"CallEnded","callId":"c1"}}', 'ACD_MESSAGE_INVALID', 'event.at'],
    ['an unknown field', '{"pbx":"a","event":{"type":"CallEnded","callId":"c1","at":1,"x":1}}', 'ACD_MESSAGE_INVALID', 'event.x'],
    ['skills that are not strings', '{"pbx":"a","event":{"type":"CallQueued","callId":"c1","queueId":"q","at":1,"skills":[1]}}', 'ACD_MESSAGE_INVALID', 'event.skills'],
    ['a reply to a stream that is not a reply stream', '{"pbx":"a","event":{"type":"AgentLoggedIn","agentId":"8001","at":1},"reply":{"stream":"acd:commands:a","request":"r1"}}', 'ACD_MESSAGE_INVALID', 'reply.stream'],
    ['a reply without a request', '{"pbx":"a","event":{"type":"AgentLoggedIn","agentId":"8001","at":1},"reply":{"stream":"acd:replies:web-1"}}', 'ACD_MESSAGE_INVALID', 'reply.request'],
    ['a stamp without a whole number', '{"pbx":"a","event":{"type":"CallEnded","callId":"c1","at":1},"sent":{"run":"w:1","seq":1.5}}', 'ACD_MESSAGE_INVALID', 'sent.seq'],
  ])('refuses %s with a stable code and the field', (_what, body, code, field) => {
    const parsed = parseEventMessage(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.code).toBe(code);
      expect(parsed.detail).toContain(field);
    }
  });
});

describe('ACD command messages', () => {
  it('takes the commands that travel, and needs a positive whole epoch', () => {
    const offer = { epoch: 3, command: { type: 'OfferCall', callId: 'c1', agentId: '8001', queueId: 'general', ringTimeoutSeconds: 20 } };
    expect(parseCommandMessage(JSON.stringify(offer))).toEqual({ ok: true, message: offer });
    expect(parseCommandMessage(JSON.stringify({ ...offer, epoch: 0 })).ok).toBe(false);
    expect(parseCommandMessage(JSON.stringify({ ...offer, epoch: 1.5 })).ok).toBe(false);
    // Timers stay with the leader: a worker is never told to run one.
    expect(parseCommandMessage(JSON.stringify({ epoch: 1, command: { type: 'StartTimer', timerId: 't', at: 1 } })).ok).toBe(false);
    expect(travels({ type: 'StartTimer', timerId: 't', at: 1 })).toBe(false);
    expect(travels({ type: 'EventRejected', eventType: 'CallEnded', code: 'ACD_UNKNOWN_CALL', subject: 'c1' })).toBe(false);
  });
});

describe('where the leader sends a command', () => {
  it('to the PBX that queued the call, agents\' states to everyone, until the ACD lets the call go', () => {
    const routes = new AcdRoutes();
    routes.learn({ pbx: 'pbx-b', event: { type: 'CallQueued', callId: 'c1', queueId: 'general', at: 1 } });
    expect(routes.streamOf({ type: 'OfferCall', callId: 'c1', agentId: '8001', queueId: 'general', ringTimeoutSeconds: 20 })).toBe('acd:commands:pbx-b');
    expect(routes.streamOf({ type: 'AgentStateChanged', agentId: '8001', state: 'offered', reason: null, callId: 'c1' })).toBe(ACD_AGENTS_STREAM);
    expect(routes.streamOf({ type: 'CancelTimer', timerId: 't' })).toBeNull();
    // A second report of the same call from another box does not move it.
    routes.learn({ pbx: 'pbx-a', event: { type: 'CallQueued', callId: 'c1', queueId: 'general', at: 2 } });
    expect(routes.saved()).toEqual({ c1: 'pbx-b' });
    const ended = { pbx: 'pbx-b', event: { type: 'CallEnded', callId: 'c1', at: 3 } } as const;
    routes.settle(AcdRoutes.touched(ended, []), () => true);
    expect(routes.saved()).toEqual({ c1: 'pbx-b' });
    routes.settle(AcdRoutes.touched(ended, []), () => false);
    expect(routes.saved()).toEqual({});
    expect(new AcdRoutes({ c2: 'pbx-a' }).streamOf({ type: 'RejectCall', callId: 'c2', queueId: 'general', reason: 'queue_full' })).toBe('acd:commands:pbx-a');
  });
});

describe('the epoch fence', () => {
  it('admits the same or a later epoch, and refuses an earlier one once a later was seen', () => {
    const fence = new EpochFence();
    expect([fence.admit(1), fence.admit(1), fence.admit(2), fence.admit(1), fence.admit(3)]).toEqual([true, true, true, false, true]);
    expect(fence.epoch).toBe(3);
  });
});
