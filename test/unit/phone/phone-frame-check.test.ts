// What the /sip relay lets a browser phone send to Asterisk, judged frame by frame.
import { describe, expect, it } from 'vitest';
import { checkPhoneFrame, forbiddenReply } from '../../../src/domain/phone/phone-frame-check.js';
import { readSipHead, sipUserOf } from '../../../src/domain/phone/sip-message-head.js';

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
