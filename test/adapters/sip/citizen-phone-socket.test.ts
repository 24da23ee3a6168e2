// The citizen phone page's socket (/sip/citizen): there in demo mode only, opened without a sign-in,
// and passing to Asterisk only requests made as citizen-web. A stand-in for Asterisk's SIP WebSocket
// records what reaches it, so a refusal is seen not to pass; the real Asterisk takes the page's calls
// in test/e2e/citizen-phone-webrtc.test.ts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/app/ports/audit-log.js';
import type { AuthUser } from '../../../src/domain/auth/roles.js';
import { phoneLines } from '../../../src/boot/phone-lines.js';
import { PhoneSockets } from '../../../src/http/phone-socket.js';
import { createLogger } from '../../../src/logging/logger.js';
import { waitUntil } from '../../helpers/wait.js';

const AGENT: AuthUser = { id: '8001', name: '王丽', role: 'agent', agentId: '8001', duties: [] };
const SECRET = 'adapters-tier-agent-sip-secret';

interface Rig {
  readonly url: string;
  readonly audit: AuditEntry[];
  readonly logs: string[];
  close(): Promise<void>;
}

async function rig(pbxSocketUrl: string, demo: boolean): Promise<Rig> {
  const server = http.createServer((_request, response) => response.end());
  const audit: AuditEntry[] = [];
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void logs.push(chunk.toString())) });
  const sockets = new PhoneSockets({
    auth: { userForToken: async (token) => (token === 'agent-token' ? AGENT : null) },
    lines: phoneLines({ webSocketUrl: pbxSocketUrl, agentSecret: SECRET }, new Set(['8001']), { citizenPhone: demo }),
    audit: { write: async (entry) => void audit.push(entry) },
    logger: createLogger('info', sink),
    now: Date.now,
    pbxTimeoutMs: 500,
  });
  sockets.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    audit,
    logs,
    close: async () => {
      sockets.closeAll();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens a socket; resolves with it, or with the refusal's status and code. */
function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket | { status: number; code: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'sip', { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, code: (JSON.parse(body) as { error: { code: string } }).error.code }));
    });
    socket.once('error', () => undefined);
  });
}

function invite(from: string, extra: string[] = []): string {
  return [
    'INVITE sip:12345@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK-citizen',
    'Max-Forwards: 69',
    `From: <sip:${from}@127.0.0.1>;tag=c1`,
    'To: <sip:12345@127.0.0.1>',
    `Call-ID: ${Math.random().toString(36).slice(2)}@citizen-test`,
    'CSeq: 1 INVITE',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Sends a frame and resolves with the relay's answer to it (the first frame back). */
const answerTo = (socket: WebSocket, frame: string): Promise<string> =>
  new Promise((resolve) => {
    socket.once('message', (data: Buffer) => resolve(data.toString()));
    socket.send(frame);
  });

describe('the citizen phone socket (/sip/citizen)', () => {
  let pbx: WebSocketServer;
  /** Every frame the stand-in Asterisk received. */
  const received: string[] = [];
  let pbxUrl = '';
  let demo: Rig;

  beforeAll(async () => {
    pbx = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    pbx.on('connection', (socket) => socket.on('message', (data: Buffer) => received.push(data.toString())));
    await new Promise((resolve) => pbx.once('listening', resolve));
    pbxUrl = `ws://127.0.0.1:${(pbx.address() as AddressInfo).port}/ws`;
    demo = await rig(pbxUrl, true);
  });
  afterAll(async () => {
    await demo.close();
    await new Promise((resolve) => pbx.close(resolve));
  });

  it('is not there outside demo mode: 404 CITIZEN_PHONE_OFF before the upgrade, with or without a sign-in', async () => {
    const external = await rig(pbxUrl, false);
    expect(await open(`${external.url}/sip/citizen`)).toEqual({ status: 404, code: 'CITIZEN_PHONE_OFF' });
    expect(await open(`${external.url}/sip/citizen`, { cookie: 'hotline_token=agent-token' })).toEqual({ status: 404, code: 'CITIZEN_PHONE_OFF' });
    // The agents' socket is as it was.
    expect(await open(`${external.url}/sip`)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    await external.close();
  });

  it("opens without a sign-in in demo mode, from this server's pages with the sip subprotocol only; /sip still asks for one", async () => {
    expect(await open(`${demo.url}/sip`)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    expect(await open(`${demo.url}/sip/citizen`, { origin: 'http://elsewhere.example' })).toEqual({ status: 403, code: 'PHONE_SOCKET_ORIGIN' });
    const socket = await open(`${demo.url}/sip/citizen`);
    expect(socket).toBeInstanceOf(WebSocket);
    (socket as WebSocket).close();
    // Nobody signed in: nothing for the audit log, whose entries name a user.
    expect(demo.audit).toEqual([]);
  });

  it('answers 403 to a request made as any other endpoint, and passes none of them to Asterisk', async () => {
    // An agent's sign-in on the citizen's socket makes it no agent's phone.
    const socket = (await open(`${demo.url}/sip/citizen`, { cookie: 'hotline_token=agent-token' })) as WebSocket;
    const before = received.length;
    for (const from of ['agent-8001-web', 'agent-8001', '13800001111', 'citizen-trunk']) {
      expect((await answerTo(socket, invite(from))).split('\r\n')[0], from).toBe('SIP/2.0 403 Forbidden');
    }
    const register = invite('citizen-web').replace('INVITE sip:12345@', 'REGISTER sip:').replace('CSeq: 1 INVITE', 'CSeq: 1 REGISTER').replace('To: <sip:12345@', 'To: <sip:citizen-web@');
    expect((await answerTo(socket, register)).split('\r\n')[0]).toBe('SIP/2.0 403 Forbidden');
    expect((await answerTo(socket, invite('citizen-web', ['P-Asserted-Identity: <sip:agent-8001-web@127.0.0.1>']))).split('\r\n')[0]).toBe('SIP/2.0 403 Forbidden');
    expect(received.length).toBe(before);

    // Its own calls pass, with the caller number it presents.
    socket.send(invite('citizen-web', ['P-Asserted-Identity: <sip:13900000065@127.0.0.1>']));
    await waitUntil(() => received.length === before + 1);
    expect(received.at(-1)).toMatch(/^INVITE sip:12345@127\.0\.0\.1 SIP\/2\.0\r\n[\s\S]*From: <sip:citizen-web@/);
    socket.close();

    // The refusals are logged, never with a caller number in full.
    const refused = demo.logs.filter((line) => line.includes('phone frame refused'));
    expect(refused).toHaveLength(6);
    expect(refused.join('\n')).not.toMatch(/13800001111|13900000065/);
  });
});
