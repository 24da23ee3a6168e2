// The built pages are served without a sign-in (each page asks for one itself), the API behind
// them stays closed, and a server started before the build answers 503 UI_NOT_BUILT.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { installAuthGuard } from '../../src/http/auth-guard.js';
import { handleError } from '../../src/http/http-error.js';
import { uiRoutes } from '../../src/http/ui-routes.js';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function appWith(distDir: string): Promise<FastifyInstance> {
  app = Fastify();
  app.setErrorHandler(handleError);
  installAuthGuard(app, { userForToken: async () => null });
  await app.register(async (api) => {
    uiRoutes(api, distDir);
    api.get('/api/closed', async () => ({ ok: true }));
  });
  return app;
}

describe('ui routes', () => {
  it('answers 503 UI_NOT_BUILT while agent-ui/dist is missing', async () => {
    const ui = await appWith(path.join(os.tmpdir(), 'hotline-no-such-dist'));
    const response = await ui.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: { code: 'UI_NOT_BUILT' } });
  });

  it('serves the pages and the assets publicly, and nothing outside the build', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    for (const page of ['index', 'wallboard', 'qa', 'analysis', 'report']) fs.writeFileSync(path.join(dist, `${page}.html`), `<title>${page}</title>`);
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'export {};');
    const ui = await appWith(dist);
    const pages = [['/', 'index'], ['/wallboard', 'wallboard'], ['/qa', 'qa'], ['/analysis', 'analysis'], ['/report', 'report'], ['/report.html', 'report']];
    for (const [url, page] of pages) {
      const response = await ui.inject({ method: 'GET', url });
      expect([response.statusCode, response.body, response.headers['content-type'], response.headers['cache-control']]).toEqual([200, `<title>${page}</title>`, 'text/html; charset=utf-8', 'no-cache']);
    }
    const asset = await ui.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect([asset.statusCode, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await ui.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await ui.inject({ method: 'GET', url: '/assets/..%2findex.html' })).statusCode).not.toBe(200);
    expect((await ui.inject({ method: 'GET', url: '/api/closed' })).statusCode).toBe(401);
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
