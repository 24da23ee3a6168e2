// The requests relayed to the server running a PBX: each op with its fields, the reply stream only
// a reply stream, a deadline; anything else refused with a stable code and the field at fault.
import { describe, expect, it } from 'vitest';
import { callReplyStream, parseCallReply, parseCallRequest } from '../../../src/domain/cluster/call-messages.js';

const request = (ask: unknown, more: Record<string, unknown> = {}): string => JSON.stringify({ request: 'r1', reply: callReplyStream('web-1'), expiresAt: 5, ask, ...more });

describe('relayed call requests', () => {
  it('takes each op with its fields', () => {
    expect(parseCallRequest(request({ op: 'activeCalls' }))).toEqual({ ok: true, message: { request: 'r1', reply: 'calls:replies:web-1', expiresAt: 5, ask: { op: 'activeCalls' } } });
    expect(parseCallRequest(request({ op: 'transfer', callId: 'c1', target: { agent: '8002' }, mode: 'attended' }))).toMatchObject({ ok: true, message: { ask: { op: 'transfer', target: { agent: '8002' } } } });
    expect(parseCallRequest(request({ op: 'addParty', callId: 'c1', number: '12319' })).ok).toBe(true);
    expect(parseCallRequest(request({ op: 'hangUp', callId: 'c1' })).ok).toBe(true);
    const actor = { id: 'supervisor', role: 'supervisor' };
    expect(parseCallRequest(request({ op: 'monitor', callId: 'c1', actor, mode: 'whisper' }))).toMatchObject({ ok: true, message: { ask: { op: 'monitor', callId: 'c1', actor, mode: 'whisper' } } });
    expect(parseCallRequest(request({ op: 'monitorChange', monitorId: 'mon-1-c1', actor, mode: 'barge' })).ok).toBe(true);
    expect(parseCallRequest(request({ op: 'monitorTakeOver', monitorId: 'mon-1-c1', actor }))).toMatchObject({ ok: true, message: { ask: { op: 'monitorTakeOver' } } });
    expect(parseCallRequest(request({ op: 'release', callId: 'c1', actor })).ok).toBe(true);
    expect(parseCallRequest(request({ op: 'monitors' })).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{', 'CALL_MESSAGE_NOT_JSON', 'JSON'],
    ['a reply to another kind of stream', request({ op: 'hangUp', callId: 'c1' }, { reply: 'acd:commands:pbx-1' }), 'CALL_MESSAGE_INVALID', 'reply'],
    ['no deadline', request({ op: 'hangUp', callId: 'c1' }, { expiresAt: 'soon' }), 'CALL_MESSAGE_INVALID', 'expiresAt'],
    ['an unknown op', request({ op: 'teleport', callId: 'c1' }), 'CALL_MESSAGE_INVALID', 'ask.op'],
    ['a transfer to two targets', request({ op: 'transfer', callId: 'c1', target: { queue: 'q', agent: 'a' }, mode: 'blind' }), 'CALL_MESSAGE_INVALID', 'target'],
    ['a hang-up without a call', request({ op: 'hangUp' }), 'CALL_MESSAGE_INVALID', 'callId'],
    ['a monitoring mode nobody knows', request({ op: 'monitor', callId: 'c1', actor: { id: 's', role: 'supervisor' }, mode: 'shout' }), 'CALL_MESSAGE_INVALID', 'mode'],
    ['a supervisor\'s request without who asks', request({ op: 'release', callId: 'c1', actor: { id: 's' } }), 'CALL_MESSAGE_INVALID', 'actor'],
  ])('refuses %s', (_what, body, code, field) => {
    const parsed = parseCallRequest(body);
    expect(parsed).toMatchObject({ ok: false, code });
    if (!parsed.ok) expect(parsed.detail).toContain(field);
  });

  it('takes an answer of any shape under its request id (the asker checks its shape)', () => {
    expect(parseCallReply('{"request":"r1","answer":{"ok":true}}')).toEqual({ ok: true, message: { request: 'r1', answer: { ok: true } } });
    expect(parseCallReply('{"answer":1}')).toMatchObject({ ok: false, code: 'CALL_MESSAGE_INVALID' });
  });
});
