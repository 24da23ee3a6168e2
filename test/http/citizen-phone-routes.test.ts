// The citizen phone page (/phone) and its credential (GET /api/phone/citizen-credentials) are the
// demo's: without a sign-in in demo mode (the embedded Asterisk), 404 CITIZEN_PHONE_OFF otherwise,
// whoever asks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSipCredential, citizenSipCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import { phoneLines } from '../../src/boot/phone-lines.js';
import type { CitizenPhoneReply } from '../../src/contract/api/phone.js';
import { installAuthGuard } from '../../src/http/auth-guard.js';
import { handleError } from '../../src/http/http-error.js';
import { uiRoutes } from '../../src/http/ui-routes.js';
import { HTTP_TEST_AGENT_SIP_SECRET, startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

const URL = '/api/phone/citizen-credentials';
const codeOf = (body: string): string => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('the citizen phone over HTTP', () => {
  let external: HttpTestApp;
  let demo: HttpTestApp;

  beforeAll(async () => {
    // The HTTP test app is not in demo mode unless its phone lines say so (main.ts: HOTLINE_PBX=local).
    external = await startHttpTestApp();
    demo = await startHttpTestApp({ phoneLines: phoneLines({ webSocketUrl: 'ws://127.0.0.1:1/ws', agentSecret: HTTP_TEST_AGENT_SIP_SECRET }, new Set(['8001']), { citizenPhone: true }) });
  });
  afterAll(async () => {
    await external.close();
    await demo.close();
  });

  it('answers 404 CITIZEN_PHONE_OFF outside demo mode, for the page and the credential, signed in or not', async () => {
    for (const inject of [external.app.inject.bind(external.app), external.as('admin'), external.as('8001')]) {
      for (const url of [URL, '/phone']) {
        const reply = await inject({ method: 'GET', url });
        expect([url, reply.statusCode, codeOf(reply.body)]).toEqual([url, 404, 'CITIZEN_PHONE_OFF']);
      }
    }
  });

  it("gives the citizen phone's credential without a sign-in in demo mode, uncached, and no agent's", async () => {
    const reply = await demo.app.inject({ method: 'GET', url: URL });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const body = reply.json<CitizenPhoneReply>();
    expect(body).toEqual({
      endpoint: 'citizen-web',
      sipUri: 'sip:citizen-web@127.0.0.1',
      authUser: 'citizen-web',
      password: citizenSipCredential(HTTP_TEST_AGENT_SIP_SECRET).password,
      socketPath: '/sip/citizen',
      socketProtocol: 'sip',
    });
    expect(body.password).not.toBe(agentSipCredential(HTTP_TEST_AGENT_SIP_SECRET, '8001', 'web').password);
    // The agents' credential is as it was: a sign-in first.
    expect((await demo.app.inject({ method: 'GET', url: '/api/phone/credentials' })).statusCode).toBe(401);
  });

  it('serves the page publicly in demo mode only, beside the others', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-dist-'));
    for (const page of ['index', 'phone']) fs.writeFileSync(path.join(dist, `${page}.html`), `<title>${page}</title>`);
    for (const citizenPage of [true, false]) {
      const app = Fastify();
      app.setErrorHandler(handleError);
      installAuthGuard(app, { userForToken: async () => null });
      await app.register(async (api) => uiRoutes(api, dist, { citizenPage }));
      const page = await app.inject({ method: 'GET', url: '/phone' });
      expect([citizenPage, page.statusCode]).toEqual([citizenPage, citizenPage ? 200 : 404]);
      if (citizenPage) expect(page.body).toBe('<title>phone</title>');
      else expect(codeOf(page.body)).toBe('CITIZEN_PHONE_OFF');
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
      await app.close();
    }
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
