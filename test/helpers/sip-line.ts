// One phone's SIP line for the pbx tier: a WebSocket (through the hotline's /sip) or a UDP socket,
// sending requests and waiting for the reply to one of them (by Call-ID and CSeq). Asterisk's
// OPTIONS (qualifying the new contact) are answered 200, as a phone does, so it counts as reachable;
// an INVITE is kept for the test to read and declined (486 Busy Here), as a busy phone does, or,
// once the test says `answerWith(sdp)`, answered 200 OK with that SDP (then Asterisk ACKs it).
import dgram from 'node:dgram';
import type WebSocket from 'ws';
import { digestAnswer, readSipReply, registerRequest, type RegisterParts, type SipReply } from './sip-register.js';

export interface SipLine {
  send(text: string): void;
  /** The reply to the request with this Call-ID and CSeq number. */
  reply(callId: string, cseq: number, timeoutMs?: number): Promise<SipReply>;
  close(): Promise<void>;
  /** The INVITEs this phone received, as they came (each declined, or answered: see answerWith). */
  readonly invites: readonly string[];
  /** From now on an INVITE is answered 200 OK with this SDP, as `contact`; null: declined again. */
  answerWith(answer: { readonly sdp: string; readonly contact: string } | null): void;
  /** Requests other than OPTIONS and INVITE that reached the phone (ACK, BYE…), as they came. */
  readonly requests: readonly string[];
}

function lineOver(send: (text: string) => void, subscribe: (onText: (text: string) => void) => void, close: () => Promise<void>): SipLine {
  const replies: SipReply[] = [];
  const waiters = new Set<() => void>();
  const invites: string[] = [];
  const requests: string[] = [];
  let answer: { readonly sdp: string; readonly contact: string } | null = null;
  subscribe((text) => {
    if (text.startsWith('OPTIONS ')) return send(answerTo(text, '200 OK'));
    if (text.startsWith('INVITE ')) {
      invites.push(text);
      return send(answer ? answerTo(text, '200 OK', [`Contact: <${answer.contact}>`, 'Content-Type: application/sdp'], answer.sdp) : answerTo(text, '486 Busy Here'));
    }
    if (/^[A-Z]+ sip:/.test(text)) {
      requests.push(text);
      // A BYE (or anything else but an ACK) is answered 200, as a phone does.
      if (!text.startsWith('ACK ')) send(answerTo(text, '200 OK'));
      return;
    }
    const reply = readSipReply(text);
    if (!reply) return;
    replies.push(reply);
    for (const wake of waiters) wake();
  });
  const matches = (reply: SipReply, callId: string, cseq: number): boolean =>
    reply.status >= 200 && reply.header('Call-ID')[0] === callId && (reply.header('CSeq')[0] ?? '').startsWith(`${cseq} `);
  return {
    send,
    close,
    invites,
    requests,
    answerWith: (next) => {
      answer = next;
    },
    reply: (callId, cseq, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = replies.find((reply) => matches(reply, callId, cseq));
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no final reply to ${callId} CSeq ${cseq} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

function answerTo(request: string, status: string, extra: readonly string[] = [], body = ''): string {
  const head = request.split('\r\n\r\n')[0]?.split('\r\n') ?? [];
  const copied = head.filter((line) => /^(Via|From|Call-ID|CSeq):/i.test(line));
  const to = head.find((line) => /^To:/i.test(line)) ?? 'To: <sip:unknown@invalid>';
  return [`SIP/2.0 ${status}`, ...copied, /;tag=/.test(to) ? to : `${to};tag=test-phone`, ...extra, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
}

export function webSocketLine(socket: WebSocket): SipLine {
  return lineOver(
    (text) => socket.send(text),
    (onText) => socket.on('message', (data: Buffer) => onText(data.toString('utf8'))),
    () =>
      new Promise((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1000);
      }),
  );
}

export async function udpLine(host: string, port: number): Promise<{ line: SipLine; local: string }> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const line = lineOver(
    (text) => socket.send(text, port, host),
    (onText) => socket.on('message', (data) => onText(data.toString('utf8'))),
    () => new Promise((resolve) => socket.close(() => resolve())),
  );
  return { line, local: `127.0.0.1:${socket.address().port}` };
}

/** REGISTER, and when Asterisk challenges, again with the digest answer: the final reply. */
export async function registerOn(line: SipLine, parts: Omit<RegisterParts, 'cseq' | 'authorization'>, password: string): Promise<SipReply> {
  line.send(registerRequest({ ...parts, cseq: 1 }));
  const first = await line.reply(parts.callId, 1);
  if (first.status !== 401) return first;
  line.send(registerRequest({ ...parts, cseq: 2, authorization: digestAnswer(first, parts.user, password, `sip:${parts.domain}`) }));
  return line.reply(parts.callId, 2);
}
