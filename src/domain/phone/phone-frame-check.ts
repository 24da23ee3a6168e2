// What a browser phone may send to Asterisk through the relay: answers to Asterisk's requests, and
// requests made as its own endpoint only. The relay's socket reaches Asterisk from loopback, where
// a request from an unknown user would be taken for the citizen trunk (identified by address), and
// a REGISTER for another agent's endpoint would at least try that agent's password: neither passes.
// The demo citizen's phone (demo mode only) calls and never registers, and the one identity it may
// assert besides its endpoint is a plain caller number (P-Asserted-Identity, trusted by Asterisk
// from that endpoint alone).
import { isPlainNumber } from './citizen-endpoint.js';
import { readSipHead, sipUserOf, type SipRequestHead } from './sip-message-head.js';

export type PhoneFrameVerdict =
  | { readonly pass: true }
  | { readonly pass: false; readonly reason: PhoneFrameRefusal; readonly request: SipRequestHead | null };

export type PhoneFrameRefusal = 'not-sip' | 'from-other-user' | 'registers-other-user' | 'citizen-registers' | 'asserts-other-identity';

/** Whose phone the socket is: a signed-in user's browser phone (an agent's, or a supervisor's on the wallboard; the same rules), or the demo citizen's. */
export type PhoneSocketKind = 'agent' | 'citizen';

const PASS: PhoneFrameVerdict = { pass: true };

function userOf(request: SipRequestHead, header: 'from' | 'to'): string | null {
  const values = request.headers.get(header) ?? [];
  // Two From headers are malformed; the relay will not guess which one Asterisk would read.
  return values.length === 1 && values[0] !== undefined ? sipUserOf(values[0]) : null;
}

/** Judges one frame from the browser phone of `ownEndpoint` (e.g. agent-8001-web, supervisor-supervisor-web, or citizen-web for a citizen socket). */
export function checkPhoneFrame(text: string, ownEndpoint: string, kind: PhoneSocketKind = 'agent'): PhoneFrameVerdict {
  // Keep-alive blank lines (RFC 5626) carry no message.
  if (text.trim() === '') return PASS;
  const head = readSipHead(text);
  if (!head) return { pass: false, reason: 'not-sip', request: null };
  if (head.kind === 'response') return PASS;
  if (userOf(head, 'from') !== ownEndpoint) return { pass: false, reason: 'from-other-user', request: head };
  if (kind === 'citizen') return checkCitizenRequest(head);
  if (head.method === 'REGISTER' && userOf(head, 'to') !== ownEndpoint) return { pass: false, reason: 'registers-other-user', request: head };
  return PASS;
}

/** The citizen's phone only calls (nothing rings it), and asserts at most one plain caller number. */
function checkCitizenRequest(head: SipRequestHead): PhoneFrameVerdict {
  if (head.method === 'REGISTER') return { pass: false, reason: 'citizen-registers', request: head };
  if (head.headers.has('remote-party-id')) return { pass: false, reason: 'asserts-other-identity', request: head };
  const asserted = head.headers.get('p-asserted-identity');
  if (asserted === undefined) return PASS;
  const number = asserted.length === 1 && asserted[0] !== undefined && !asserted[0].includes(',') ? sipUserOf(asserted[0]) : null;
  return number !== null && isPlainNumber(number) ? PASS : { pass: false, reason: 'asserts-other-identity', request: head };
}

/**
 * The `403 Forbidden` a refused request gets back, so the phone's SIP stack ends its transaction at
 * once instead of retrying; null for an ACK, which is never answered, or a request missing the
 * headers an answer must copy.
 */
export function forbiddenReply(request: SipRequestHead): string | null {
  if (request.method === 'ACK') return null;
  const one = (name: string): string | undefined => request.headers.get(name)?.[0];
  const via = request.headers.get('via') ?? [];
  const [from, to, callId, cseq] = [one('from'), one('to'), one('call-id'), one('cseq')];
  if (via.length === 0 || !from || !to || !callId || !cseq) return null;
  const toTagged = /;\s*tag=/i.test(to) ? to : `${to};tag=hotline-relay`;
  return ['SIP/2.0 403 Forbidden', ...via.map((hop) => `Via: ${hop}`), `From: ${from}`, `To: ${toTagged}`, `Call-ID: ${callId}`, `CSeq: ${cseq}`, 'Content-Length: 0', '', ''].join('\r\n');
}
