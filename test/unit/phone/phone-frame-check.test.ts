// What the /sip relay lets a browser phone send to Asterisk, judged frame by frame.
import { describe, expect, it } from 'vitest';
import { checkPhoneFrame, forbiddenReply } from '../../../src/domain/phone/phone-frame-check.js';
import { readSipHead, sipUserOf } from '../../../src/domain/phone/sip-message-head.js';
import { supervisorEndpointName, webPhoneEndpoint, webPhoneOwnerOf } from '../../../src/domain/phone/web-phone.js';
import type { Role } from '../../../src/domain/auth/roles.js';

const OWN = 'agent-8001-web';

function request(method: string, from: string, to: string, extra: string[] = []): string {
  return [
    `${method} sip:127.0.0.1 SIP/2.0`,
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    'Via: SIP/2.0/WSS def.invalid;branch=z9hG4bK0',
    `From: ${from};tag=f1`,
    `To: ${to}`,
    'Call-ID: c1@x',
    `CSeq: 7 ${method}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('a SIP message head', () => {
  it('tells requests from responses and reads compact and folded headers', () => {
    expect(readSipHead('SIP/2.0 200 OK\r\n\r\n')).toEqual({ kind: 'response', status: 200 });
    const head = readSipHead('INVITE sip:12345@127.0.0.1 SIP/2.0\r\nf: <sip:agent-8001-web@x>\r\n  ;tag=1\r\nt: <sip:12345@x>\r\n\r\nv=0');
    expect(head?.kind === 'request' && [head.method, head.headers.get('from'), head.headers.get('to')]).toEqual(['INVITE', ['<sip:agent-8001-web@x> ;tag=1'], ['<sip:12345@x>']]);
    expect(readSipHead('hello')).toBeNull();
    expect(readSipHead('GET / HTTP/1.1\r\n\r\n')).toBeNull();
  });

  it("reads the user of a From or To, decoded as a SIP stack compares it", () => {
    expect(sipUserOf('"王丽" <sip:agent-8001-web@127.0.0.1>;tag=x')).toBe('agent-8001-web');
    expect(sipUserOf('sip:agent-8001-web@127.0.0.1;tag=x')).toBe('agent-8001-web');
    expect(sipUserOf('<sips:agent%2D8002-web@h>')).toBe('agent-8002-web');
    expect(sipUserOf('<sip:127.0.0.1>')).toBeNull();
    expect(sipUserOf('<sip:%E0%A4%A@h>')).toBeNull();
  });
});

describe('what a browser phone may send', () => {
  it('passes its own requests, answers to Asterisk and keep-alives', () => {
    expect(checkPhoneFrame(request('REGISTER', `<sip:${OWN}@h>`, `<sip:${OWN}@h>`), OWN)).toEqual({ pass: true });
    expect(checkPhoneFrame(request('INVITE', `<sip:${OWN}@h>`, '<sip:12345@h>'), OWN)).toEqual({ pass: true });
    expect(checkPhoneFrame('SIP/2.0 180 Ringing\r\nVia: x\r\n\r\n', OWN)).toEqual({ pass: true });
    expect(checkPhoneFrame('\r\n\r\n', OWN)).toEqual({ pass: true });
  });

  it('refuses another agent, its own handset, an unknown user (the citizen trunk) and what is not SIP', () => {
    const reason = (text: string): string | null => {
      const verdict = checkPhoneFrame(text, OWN);
      return verdict.pass ? null : verdict.reason;
    };
    expect(reason(request('REGISTER', '<sip:agent-8002-web@h>', '<sip:agent-8002-web@h>'))).toBe('from-other-user');
    expect(reason(request('REGISTER', `<sip:${OWN}@h>`, '<sip:agent-8002-web@h>'))).toBe('registers-other-user');
    expect(reason(request('REGISTER', '<sip:agent-8001@h>', '<sip:agent-8001@h>'))).toBe('from-other-user');
    expect(reason(request('INVITE', '<sip:13800001111@h>', '<sip:12345@h>'))).toBe('from-other-user');
    expect(reason(request('INVITE', '<sip:h>', '<sip:12345@h>'))).toBe('from-other-user');
    expect(reason(request('INVITE', `<sip:${OWN}@h>`, '<sip:12345@h>', [`From: <sip:agent-8002-web@h>`]))).toBe('from-other-user');
    expect(reason('{"type":"hello"}')).toBe('not-sip');
  });

  it('answers a refused request with a 403 that ends its transaction, but never an ACK', () => {
    const refused = readSipHead(request('REGISTER', '<sip:agent-8002-web@h>', '<sip:agent-8002-web@h>'));
    if (refused?.kind !== 'request') throw new Error('not a request');
    expect(forbiddenReply(refused)).toBe(
      [
        'SIP/2.0 403 Forbidden',
        'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
        'Via: SIP/2.0/WSS def.invalid;branch=z9hG4bK0',
        'From: <sip:agent-8002-web@h>;tag=f1',
        'To: <sip:agent-8002-web@h>;tag=hotline-relay',
        'Call-ID: c1@x',
        'CSeq: 7 REGISTER',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    const ack = readSipHead(request('ACK', '<sip:agent-8002-web@h>', '<sip:x@h>;tag=9'));
    expect(ack?.kind === 'request' && forbiddenReply(ack)).toBeNull();
  });
});

describe("what a supervisor's wallboard phone may send", () => {
  const SUPERVISOR = supervisorEndpointName('supervisor');
  const reason = (text: string): string | null => {
    const verdict = checkPhoneFrame(text, SUPERVISOR);
    return verdict.pass ? null : verdict.reason;
  };

  it("passes its own REGISTER, its answers and its requests inside a monitoring call", () => {
    expect(SUPERVISOR).toBe('supervisor-supervisor-web');
    expect(reason(request('REGISTER', `<sip:${SUPERVISOR}@h>`, `<sip:${SUPERVISOR}@h>`))).toBeNull();
    for (const method of ['ACK', 'BYE', 'INVITE']) expect(reason(request(method, `<sip:${SUPERVISOR}@h>`, '<sip:12345@h>;tag=9'))).toBeNull();
    expect(reason('SIP/2.0 200 OK\r\nVia: x\r\n\r\n')).toBeNull();
  });

  it("refuses it as an agent's phone, as another supervisor's and registering another's", () => {
    expect(reason(request('REGISTER', '<sip:agent-8001-web@h>', '<sip:agent-8001-web@h>'))).toBe('from-other-user');
    expect(reason(request('REGISTER', '<sip:supervisor-admin-web@h>', '<sip:supervisor-admin-web@h>'))).toBe('from-other-user');
    expect(reason(request('REGISTER', `<sip:${SUPERVISOR}@h>`, '<sip:agent-8001-web@h>'))).toBe('registers-other-user');
    expect(reason(request('INVITE', '<sip:13800001111@h>', '<sip:12345@h>'))).toBe('from-other-user');
  });

  it('is the phone of supervisors and admins naming no agent; an admin naming one has that agent\'s; QA has none', () => {
    const user = (id: string, role: Role, agentId: string | null = null) => ({ id, role, agentId });
    expect(webPhoneOwnerOf(user('supervisor', 'supervisor'))).toEqual({ kind: 'supervisor', userId: 'supervisor' });
    expect(webPhoneOwnerOf(user('admin', 'admin'))).toEqual({ kind: 'supervisor', userId: 'admin' });
    expect(webPhoneOwnerOf(user('boss', 'admin', '8002'))).toEqual({ kind: 'agent', agentId: '8002' });
    expect(webPhoneOwnerOf(user('qa', 'qa'))).toBeNull();
    expect(webPhoneEndpoint({ kind: 'agent', agentId: '8001' })).toBe('agent-8001-web');
  });
});

describe("what the demo citizen's phone may send (a /sip/citizen socket)", () => {
  const CITIZEN = 'citizen-web';
  const judge = (text: string) => checkPhoneFrame(text, CITIZEN, 'citizen');
  const reason = (text: string): string | null => {
    const verdict = judge(text);
    return verdict.pass ? null : verdict.reason;
  };

  it('passes its calls, with or without one plain caller number asserted, and every answer', () => {
    expect(judge(request('INVITE', `<sip:${CITIZEN}@h>`, '<sip:12345@h>'))).toEqual({ pass: true });
    expect(judge(request('INVITE', `<sip:${CITIZEN}@h>`, '<sip:123452@h>', ['P-Asserted-Identity: <sip:13900000065@h>']))).toEqual({ pass: true });
    for (const method of ['ACK', 'BYE', 'CANCEL', 'INFO']) expect(judge(request(method, `<sip:${CITIZEN}@h>`, '<sip:12345@h>'))).toEqual({ pass: true });
    expect(judge('SIP/2.0 200 OK\r\nVia: x\r\n\r\n')).toEqual({ pass: true });
  });

  it('refuses requests as any other endpoint: an agent, the trunk, a caller number', () => {
    for (const from of ['<sip:agent-8001-web@h>', '<sip:agent-8001@h>', '<sip:13800001111@h>', '<sip:anonymous@h>', '<sip:citizen-web-2@h>']) {
      expect(reason(request('INVITE', from, '<sip:12345@h>')), from).toBe('from-other-user');
    }
  });

  it('refuses a REGISTER, even of its own endpoint, and any identity but one plain number', () => {
    expect(reason(request('REGISTER', `<sip:${CITIZEN}@h>`, `<sip:${CITIZEN}@h>`))).toBe('citizen-registers');
    for (const asserted of [['P-Asserted-Identity: <sip:agent-8001-web@h>'], ['P-Asserted-Identity: <sip:139000@h>, <sip:138000@h>'], ['P-Asserted-Identity: <sip:1@h>', 'P-Asserted-Identity: <sip:2@h>'], ['P-Asserted-Identity: <tel:13900000065>'], ['Remote-Party-ID: <sip:13900000065@h>']]) {
      expect(reason(request('INVITE', `<sip:${CITIZEN}@h>`, '<sip:12345@h>', asserted)), asserted.join(' | ')).toBe('asserts-other-identity');
    }
  });

  it("leaves an agent's phone as it was: an asserted identity is Asterisk's to ignore there", () => {
    expect(checkPhoneFrame(request('INVITE', `<sip:${OWN}@h>`, '<sip:12345@h>', ['P-Asserted-Identity: <sip:x@h>']), OWN)).toEqual({ pass: true });
    expect(checkPhoneFrame(request('REGISTER', `<sip:${OWN}@h>`, `<sip:${OWN}@h>`), OWN)).toEqual({ pass: true });
  });
});
