// A SIP REGISTER written by hand, with the MD5 digest answer to Asterisk's challenge (RFC 2617 /
// 3261 with qop=auth): enough of a phone for the pbx tier to register over UDP or WebSocket.
import { createHash, randomBytes } from 'node:crypto';

export interface SipReply {
  readonly status: number;
  readonly text: string;
  header(name: string): string[];
}

export function readSipReply(text: string): SipReply | null {
  const status = /^SIP\/2\.0 (\d{3}) /.exec(text);
  if (!status) return null;
  const lines = text.split('\r\n\r\n')[0]?.split('\r\n').slice(1) ?? [];
  return {
    status: Number(status[1]),
    text,
    header: (name) => lines.filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`)).map((line) => line.slice(name.length + 1).trim()),
  };
}

export interface RegisterParts {
  /** The endpoint registering (From and To user). */
  readonly user: string;
  /** The user of From when it should differ (a phone pretending to be someone else). */
  readonly fromUser?: string;
  readonly domain: string;
  readonly transport: 'UDP' | 'WS';
  /** Where replies come back: the UDP socket's address, or a made-up host for WebSocket (RFC 7118). */
  readonly via: string;
  readonly callId: string;
  readonly cseq: number;
  readonly expires?: number;
  readonly authorization?: string;
}

const random = (): string => randomBytes(6).toString('hex');

export function newCallId(): string {
  return `${random()}@hotline-test`;
}

export function registerRequest(parts: RegisterParts): string {
  const scheme = parts.transport === 'WS' ? ';transport=ws' : '';
  const lines = [
    `REGISTER sip:${parts.domain} SIP/2.0`,
    `Via: SIP/2.0/${parts.transport} ${parts.via};branch=z9hG4bK${random()};rport`,
    'Max-Forwards: 70',
    `From: <sip:${parts.fromUser ?? parts.user}@${parts.domain}>;tag=${random()}`,
    `To: <sip:${parts.user}@${parts.domain}>`,
    `Call-ID: ${parts.callId}`,
    `CSeq: ${parts.cseq} REGISTER`,
    `Contact: <sip:${parts.user}@${parts.via}${scheme}>`,
    `Expires: ${parts.expires ?? 120}`,
    ...(parts.authorization ? [`Authorization: ${parts.authorization}`] : []),
    'User-Agent: hotline-cti-test',
    'Content-Length: 0',
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function challengeParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=("([^"]*)"|[^,\s]+)/g)) {
    if (match[1]) params[match[1].toLowerCase()] = match[3] ?? match[2] ?? '';
  }
  return params;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** The Authorization header answering an MD5 challenge among the reply's WWW-Authenticate headers. */
export function digestAnswer(challenge: SipReply, user: string, password: string, uri: string): string {
  const header = challenge.header('WWW-Authenticate').find((value) => /algorithm=("?)MD5\1(,|$|\s)/i.test(value) || !/algorithm=/i.test(value));
  if (!header) throw new Error(`no MD5 digest challenge in:\n${challenge.text}`);
  const { realm = '', nonce = '', opaque, qop } = challengeParams(header);
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const cnonce = random();
  const nc = '00000001';
  const auth = qop?.split(',').map((q) => q.trim()).includes('auth');
  const response = auth ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  const fields = [`username="${user}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`, 'algorithm=MD5'];
  if (opaque !== undefined) fields.push(`opaque="${opaque}"`);
  if (auth) fields.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${fields.join(', ')}`;
}
