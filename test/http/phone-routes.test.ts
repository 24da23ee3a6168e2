// GET /api/phone/credentials: a signed-in agent reads their own browser phone's credential (a
// supervisor their wallboard's), never cached, each reading in the audit log; users without a phone
// are refused with codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSipCredential, webPhoneCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import type { AuditReply } from '../../src/contract/api/audit.js';
import type { PhoneCredentialsReply } from '../../src/contract/api/phone.js';
import { HTTP_TEST_AGENT_SIP_SECRET, startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';
import { ringsWallboardPhone } from '../../src/domain/phone/web-phone.js';

const URL = '/api/phone/credentials';

describe('the agent phone credential over HTTP', () => {
  let http: HttpTestApp;
  let unconfigured: HttpTestApp;

  beforeAll(async () => {
    http = await startHttpTestApp();
    // A server against an external Asterisk without HOTLINE_AGENT_SIP_SECRET: it cannot derive passwords.
    unconfigured = await startHttpTestApp({
      phoneLines: { pbxSocketUrl: 'ws://127.0.0.1:1/ws', sipDomain: '127.0.0.1', hasAgent: (id) => id !== '8002', supervisorPhones: true, credential: () => null, citizen: null },
    });
  });
  afterAll(async () => {
    await http.close();
    await unconfigured.close();
  });

  it("gives an agent their own browser phone's credential, uncached, with the cookie as with the bearer token", async () => {
    const reply = await http.as('8001')({ method: 'GET', url: URL });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const expected: PhoneCredentialsReply = {
      endpoint: 'agent-8001-web',
      sipUri: 'sip:agent-8001-web@127.0.0.1',
      authUser: 'agent-8001-web',
      password: agentSipCredential(HTTP_TEST_AGENT_SIP_SECRET, '8001', 'web').password,
      socketPath: '/sip',
      socketProtocol: 'sip',
    };
    expect(reply.json()).toEqual(expected);
    const byCookie = await http.app.inject({ method: 'GET', url: URL, headers: { cookie: `hotline_token=${http.tokenOf('8002')}` } });
    expect(byCookie.json<PhoneCredentialsReply>().endpoint).toBe('agent-8002-web');
    expect(byCookie.json<PhoneCredentialsReply>().password).not.toBe(expected.password);
  });

  it("gives a supervisor (and an admin naming no agent) the wallboard's phone, supervisor-<user id>-web", async () => {
    for (const who of ['supervisor', 'admin']) {
      const reply = await http.as(who)({ method: 'GET', url: URL });
      expect(reply.statusCode).toBe(200);
      const expected: PhoneCredentialsReply = {
        endpoint: `supervisor-${who}-web`,
        sipUri: `sip:supervisor-${who}-web@127.0.0.1`,
        authUser: `supervisor-${who}-web`,
        password: webPhoneCredential(HTTP_TEST_AGENT_SIP_SECRET, { kind: 'supervisor', userId: who }).password,
        socketPath: '/sip',
        socketProtocol: 'sip',
      };
      expect(reply.json()).toEqual(expected);
    }
    expect((await unconfigured.as('supervisor')({ method: 'GET', url: URL })).statusCode).toBe(503);
  });

  it('gives supervisors no phone where monitoring rings another (the demo handset, a SIP handset): their wallboard asks for no microphone', async () => {
    const handsets = await startHttpTestApp({
      phoneLines: { pbxSocketUrl: 'ws://127.0.0.1:1/ws', sipDomain: '127.0.0.1', hasAgent: () => true, supervisorPhones: false, credential: () => null, citizen: null },
    });
    try {
      const reply = await handsets.as('supervisor')({ method: 'GET', url: URL });
      expect([reply.statusCode, reply.json().error.code]).toEqual([404, 'PHONE_NOT_ASSIGNED']);
    } finally {
      await handsets.close();
    }
    expect(ringsWallboardPhone('PJSIP/supervisor-{supervisor}-web')).toBe(true);
    expect(ringsWallboardPhone('Local/{supervisor}@demo-supervisor-phones')).toBe(false);
    expect(ringsWallboardPhone('PJSIP/supervisor-{supervisor}')).toBe(false);
  });

  it('refuses who has no phone of their own: no sign-in 401, QA 403, an agent agents.yaml lacks 404', async () => {
    const code = async (reply: Promise<{ statusCode: number; json: () => { error: { code: string } } }>): Promise<[number, string]> => {
      const answered = await reply;
      return [answered.statusCode, answered.json().error.code];
    };
    expect(await code(http.app.inject({ method: 'GET', url: URL }))).toEqual([401, 'AUTH_REQUIRED']);
    expect(await code(http.as('qa')({ method: 'GET', url: URL }))).toEqual([403, 'AUTH_FORBIDDEN']);
    expect(await code(unconfigured.as('8002')({ method: 'GET', url: URL }))).toEqual([404, 'PHONE_NOT_ASSIGNED']);
    expect(await code(unconfigured.as('8001')({ method: 'GET', url: URL }))).toEqual([503, 'PHONE_NOT_CONFIGURED']);
  });

  it('writes every reading to the audit log, allowed or not, and never the password', async () => {
    await http.as('8003')({ method: 'GET', url: URL });
    await http.as('supervisor')({ method: 'GET', url: URL });
    const audit = (await http.as('qa')({ method: 'GET', url: '/api/audit?action=phone.credentials' })).json<AuditReply>();
    const seen = audit.entries.map((entry) => `${entry.actor} ${entry.result} ${entry.object}`);
    expect(seen).toEqual(expect.arrayContaining(['8003 ok phone:8003', 'supervisor ok phone:supervisor-supervisor-web']));
    expect(JSON.stringify(audit)).not.toContain(agentSipCredential(HTTP_TEST_AGENT_SIP_SECRET, '8003', 'web').password);
  });
});
