// The built agent desktop, wallboard, QA page, handling units' page, knowledge page, analysis page and report page (agent-ui/, `npm run ui:build`). The pages are
// public: each asks for a sign-in itself and every API call it makes is checked by the auth guard.
// The citizen phone page (/phone) is the demo's: served only when the citizen phone exists (demo
// mode, the embedded Asterisk), otherwise 404 CITIZEN_PHONE_OFF.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { sendError } from './http-error.js';

const PAGES = [
  ['/', 'index.html'],
  ['/wallboard', 'wallboard.html'],
  ['/qa', 'qa.html'],
  ['/unit', 'unit.html'],
  ['/knowledge', 'knowledge.html'],
  ['/analysis', 'analysis.html'],
  // The printable analysis report; the server's PDF printer opens it too, by either name.
  ['/report', 'report.html'],
  ['/report.html', 'report.html'],
] as const;
const CITIZEN_PAGE = '/phone';

export interface UiOptions {
  /** Demo mode: the citizen phone page is served. */
  readonly citizenPage?: boolean;
}

export function uiRoutes(app: FastifyInstance, distDir: string, options: UiOptions = {}): void {
  // No root here: the build may appear after the server started (a 503 until then).
  void app.register(fastifyStatic, { serve: false });
  const notBuilt = (reply: FastifyReply): FastifyReply => sendError(reply, 'UI_NOT_BUILT');

  for (const [url, file] of [...PAGES, [CITIZEN_PAGE, 'phone.html'] as const]) {
    app.get(url, { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      if (url === CITIZEN_PAGE && !options.citizenPage) return sendError(reply, 'CITIZEN_PHONE_OFF');
      if (!fs.existsSync(path.join(distDir, file))) return notBuilt(reply);
      // The pages are small and change with each build; the hashed assets are cached instead.
      return reply.header('cache-control', 'no-cache').sendFile(file, distDir, { cacheControl: false });
    });
  }
  app.get<{ Params: { '*': string } }>('/assets/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    return reply.sendFile(request.params['*'], path.join(distDir, 'assets'), { maxAge: 31_536_000_000, immutable: true });
  });
}
