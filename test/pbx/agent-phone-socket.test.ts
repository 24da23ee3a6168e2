// The agent's phone against the real Asterisk: a browser phone's SIP over the hotline's /sip
// WebSocket (signed in with the login cookie) registers with its own derived credential, and so
// does a supervisor's wallboard phone; nobody else opens the socket; an agent's session cannot register as another agent, nor open its phone
// with another agent's password; a handset still registers over UDP with its own credential; a
// signed-in agent's registered phone is called as their line, and one that refuses it is retried,
// then its agent paused phone_lost.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { agentSipCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import type { PhoneCredentialsReply } from '../../src/contract/api/phone.js';
import { LINE_CALL_HEADER, LINE_CALL_HEADER_VALUE } from '../../src/contract/phone-line.js';
import { registerOn, udpLine, webSocketLine, type SipLine } from '../helpers/sip-line.js';
import { newCallId, registerRequest } from '../helpers/sip-register.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const DOMAIN = '127.0.0.1';

/** Whether Asterisk has a reachable contact for the endpoint (ARI: online). */
async function endpointState(endpoint: string): Promise<string> {
  const auth = Buffer.from(`${runtime.ari.user}:${runtime.ari.password}`).toString('base64');
  const reply = await fetch(`${runtime.ari.url}/endpoints/PJSIP/${endpoint}`, { headers: { authorization: `Basic ${auth}` } });
  return ((await reply.json()) as { state: string }).state;
}

/** Asterisk updates an endpoint's state a moment after the registration (and its first qualify). */
async function becomesOnline(endpoint: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await endpointState(endpoint)) !== 'online') {
    if (Date.now() > deadline) throw new Error(`${endpoint} did not come online`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the agent's phone through /sip and over UDP (real Asterisk)", () => {
  let server: TestServer;
  let cookie8001 = '';
  const lines: SipLine[] = [];

  const socketUrl = (): string => `${server.url.replace(/^http/, 'ws')}/sip`;
  const cookieOf = async (userId: string): Promise<string> => {
    const role = server.office.files.users.get(userId)?.role;
    if (!role) throw new Error(`no user ${userId}`);
    return `hotline_token=${(await new TokenStore(server.database.db).issue(userId, role, Date.now(), 3_600_000)).token}`;
  };
  const open = (headers: Record<string, string>, protocol = 'sip'): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(socketUrl(), protocol, { headers });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  /** The HTTP answer to an opening that is refused before the upgrade. */
  const refusal = (headers: Record<string, string>, protocol = 'sip'): Promise<{ status: number; code: string }> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(socketUrl(), protocol, { headers });
      socket.once('open', () => reject(new Error('the socket opened')));
      socket.once('error', () => undefined);
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, code: (JSON.parse(body) as { error: { code: string } }).error.code }));
      });
    });
  const phoneOf = async (cookie: string): Promise<SipLine> => {
    const line = webSocketLine(await open({ cookie }));
    lines.push(line);
    return line;
  };
  const wsRegister = (line: SipLine, user: string, password: string, expires = 120) =>
    registerOn(line, { user, domain: DOMAIN, transport: 'WS', via: 'phone-test.invalid', callId: newCallId(), expires }, password);

  beforeAll(async () => {
    // Nobody is signed in at the ACD at first: a browser phone of an earlier test may still be
    // registered in the shared Asterisk (its contact outlives its page until qualify), and a
    // signed-in agent's line would be dialed to it.
    // Monitoring rings the wallboards' browser phones: supervisors have one.
    server = await startTestServer(runtime, 'agent-phone-socket', { HOTLINE_AUTO_LOGIN: 'none', HOTLINE_SUPERVISOR_ENDPOINT: 'PJSIP/supervisor-{supervisor}-web' });
    // The real sign-in, for its HttpOnly cookie: what a browser's WebSocket carries.
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '8001', password: 'hotline-demo' }) });
    cookie8001 = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie8001).toMatch(/^hotline_token=./);
  });
  afterAll(async () => {
    for (const line of lines) await line.close();
    await server?.close();
  });

  it("registers a signed-in agent's browser phone with the credential the API gives it, and closes Asterisk's side with the phone's", async () => {
    const reply = await fetch(`${server.url}/api/phone/credentials`, { headers: { cookie: cookie8001 } });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const credential = (await reply.json()) as PhoneCredentialsReply;
    expect(credential).toMatchObject({ endpoint: 'agent-8001-web', authUser: 'agent-8001-web', sipUri: `sip:agent-8001-web@${DOMAIN}`, socketPath: '/sip' });
    const line = await phoneOf(cookie8001);
    expect(server.phoneSockets.openCount).toBe(1);
    expect((await server.as('admin')({ method: 'GET', url: '/api/metrics' })).json<{ phoneSockets: number }>().phoneSockets).toBe(1);
    expect((await wsRegister(line, credential.authUser, credential.password)).status).toBe(200);
    await becomesOnline('agent-8001-web');
    expect((await wsRegister(line, credential.authUser, credential.password, 0)).status).toBe(200);
    await line.close();
    await waitUntil(() => server.phoneSockets.openCount === 0);
  });

  it("calls a signed-in agent's registered browser phone as their line (X-Hotline-Line, from 12345); a phone that refuses it is tried again after 1, 2 and 5 s, then its agent is paused phone_lost", async () => {
    const credential = (await (await fetch(`${server.url}/api/phone/credentials`, { headers: { cookie: cookie8001 } })).json()) as PhoneCredentialsReply;
    const line = await phoneOf(cookie8001);
    expect((await wsRegister(line, credential.authUser, credential.password)).status).toBe(200);
    await becomesOnline('agent-8001-web');
    // Signed in with the phone registered: the line is dialed to this phone (its registration
    // replaced any older one), which answers every INVITE busy: four tries in about 8 s.
    expect(await server.acd.login('8001')).toBeNull();
    await waitUntil(() => server.acd.agentState('8001')?.reason === 'phone_lost', 15_000);
    expect(server.acd.agentState('8001')?.state).toBe('paused');
    expect(line.invites).toHaveLength(4);
    for (const invite of line.invites) {
      expect(invite.split('\r\n')[0]).toMatch(/^INVITE sip:agent-8001-web@/);
      expect(invite).toMatch(new RegExp(`^${LINE_CALL_HEADER}: ${LINE_CALL_HEADER_VALUE}\\r?$`, 'm'));
      expect(invite).toMatch(/^From:.*<sip:12345@/m);
    }
    expect((await wsRegister(line, credential.authUser, credential.password, 0)).status).toBe(200);
    await line.close();
    await waitUntil(() => server.phoneSockets.openCount === 0);
  });

  it('refuses the socket before the upgrade: no sign-in (401), a QA user (403), no sip subprotocol (400), another site (403)', async () => {
    expect(await refusal({})).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    expect(await refusal({ cookie: 'hotline_token=not-a-token' })).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    expect(await refusal({ cookie: await cookieOf('qa') })).toEqual({ status: 403, code: 'AUTH_FORBIDDEN' });
    expect(await refusal({ cookie: cookie8001 }, 'chat')).toEqual({ status: 400, code: 'PHONE_SOCKET_PROTOCOL' });
    expect(await refusal({ cookie: cookie8001, origin: 'http://elsewhere.example' })).toEqual({ status: 403, code: 'PHONE_SOCKET_ORIGIN' });
    expect(server.phoneSockets.openCount).toBe(0);
  });

  it("keeps an agent's session from registering as another agent, or as its own handset", async () => {
    const line = await phoneOf(cookie8001);
    const other = agentSipCredential(runtime.sip.agentSecret, '8002', 'web');
    const callId = newCallId();
    line.send(registerRequest({ user: other.endpoint, domain: DOMAIN, transport: 'WS', via: 'phone-test.invalid', callId, cseq: 1 }));
    const refused = await line.reply(callId, 1);
    expect([refused.status, refused.header('To')[0]]).toEqual([403, expect.stringContaining('tag=hotline-relay')]);
    // Its own From, another agent's address of record.
    const sneaky = newCallId();
    line.send(registerRequest({ user: other.endpoint, fromUser: 'agent-8001-web', domain: DOMAIN, transport: 'WS', via: 'phone-test.invalid', callId: sneaky, cseq: 1 }));
    expect((await line.reply(sneaky, 1)).status).toBe(403);
    expect((await wsRegister(line, 'agent-8001', agentSipCredential(runtime.sip.agentSecret, '8001', 'handset').password)).status).toBe(403);
    expect(await endpointState(other.endpoint)).not.toBe('online');
  });

  it("registers a supervisor's wallboard phone (supervisor-<user id>-web) with its credential, and only that one", async () => {
    const cookie = await cookieOf('supervisor');
    const credential = (await (await fetch(`${server.url}/api/phone/credentials`, { headers: { cookie } })).json()) as PhoneCredentialsReply;
    expect(credential).toMatchObject({ endpoint: 'supervisor-supervisor-web', authUser: 'supervisor-supervisor-web', socketPath: '/sip' });
    const line = await phoneOf(cookie);
    expect((await wsRegister(line, credential.authUser, credential.password)).status).toBe(200);
    await becomesOnline('supervisor-supervisor-web');
    const callId = newCallId();
    line.send(registerRequest({ user: 'agent-8001-web', domain: DOMAIN, transport: 'WS', via: 'phone-test.invalid', callId, cseq: 1 }));
    expect((await line.reply(callId, 1)).status).toBe(403);
    // The admin's own wallboard phone does not take the supervisor's password.
    const admin = await phoneOf(await cookieOf('admin'));
    expect([401, 403]).toContain((await wsRegister(admin, 'supervisor-admin-web', credential.password)).status);
    expect((await wsRegister(line, credential.authUser, credential.password, 0)).status).toBe(200);
  });

  it("refuses another agent's password on this agent's phone (Asterisk answers)", async () => {
    const line = await phoneOf(cookie8001);
    const wrong = agentSipCredential(runtime.sip.agentSecret, '8002', 'web').password;
    expect([401, 403]).toContain((await wsRegister(line, 'agent-8001-web', wrong)).status);
  });

  it('registers a handset over UDP with its own credential, and not with the browser phone’s', async () => {
    const { line, local } = await udpLine(runtime.sip.host, runtime.sip.port);
    lines.push(line);
    const register = (password: string, expires = 120) => registerOn(line, { user: 'agent-8003', domain: DOMAIN, transport: 'UDP', via: local, callId: newCallId(), expires }, password);
    expect([401, 403]).toContain((await register(agentSipCredential(runtime.sip.agentSecret, '8003', 'web').password)).status);
    const own = agentSipCredential(runtime.sip.agentSecret, '8003', 'handset').password;
    expect((await register(own)).status).toBe(200);
    await becomesOnline('agent-8003');
    expect((await register(own, 0)).status).toBe(200);
  });
});
