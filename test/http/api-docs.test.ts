// The OpenAPI document (/docs/json) says what every route answers: a schema for its success, and
// the error body under each error status, listing the codes of the one error catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_ERRORS, isHttpErrorCode } from '../../src/http/error-catalogue.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';

interface Operation {
  readonly responses?: Record<string, { readonly description?: string; readonly content?: Record<string, { readonly schema?: Record<string, unknown> }> }>;
}

describe('the API description and the error catalogue', () => {
  let http: HttpTestApp;
  let operations: [string, Operation][];

  beforeAll(async () => {
    http = await startHttpTestApp();
    const doc = (await http.app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
    operations = Object.entries(doc.paths).flatMap(([url, methods]) => Object.entries(methods).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${url}`, op]));
  });
  afterAll(async () => http.close());

  it('lists every API route', () => {
    const routes = operations.map(([route]) => route);
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'POST /api/auth/login', 'GET /api/tickets', 'GET /api/calls/active', 'GET /api/recordings/{id}', 'GET /api/qa/reviews.csv', 'GET /api/reports/daily']));
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('gives every route a schema for its success answer, JSON or a named content type', () => {
    for (const [route, op] of operations) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${route} documents no success answer`).toBeGreaterThan(0);
      for (const [status, answer] of success) {
        const [type, media] = Object.entries(answer.content ?? {})[0] ?? [];
        expect(media?.schema, `${route} ${status} has no schema`).toBeDefined();
        if (type === 'application/json') expect(media?.schema?.type, `${route} ${status}`).toBe('object');
      }
    }
  });

  it('gives every error status of a route the error body, naming catalogued codes of that status', () => {
    for (const [route, op] of operations) {
      for (const [status, answer] of Object.entries(op.responses ?? {})) {
        if (!/^[45]/.test(status) || (route === 'GET /health' && status === '503')) continue;
        const schema = answer.content?.['application/json']?.schema;
        expect(schema?.required, `${route} ${status}`).toEqual(['error']);
        if (status === '4XX') continue;
        const codes = (answer.description ?? '').match(/\b[A-Z][A-Z0-9_]+(?=:)/g) ?? [];
        expect(codes.length, `${route} ${status} names no code`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(isHttpErrorCode(code), `${route} ${status} names ${code}`).toBe(true);
          if (isHttpErrorCode(code)) expect(HTTP_ERRORS[code].status, `${route}: ${code}`).toBe(Number(status));
        }
      }
    }
  });

  it('names only routes that sign in with AUTH_REQUIRED, and every signed-in route does', () => {
    for (const [route, op] of operations) {
      // The citizen phone's credential is public as its page is (demo mode only); GET /metrics has its own token.
      const open = route === 'GET /health' || route === 'POST /api/auth/login' || route === 'GET /api/phone/citizen-credentials' || route === 'GET /metrics';
      expect(op.responses?.['401']?.description?.includes('AUTH_REQUIRED') ?? false, route).toBe(!open);
    }
  });

  it('keeps each code to one 4xx or 5xx status and a message, in the stable code format', () => {
    for (const [code, entry] of Object.entries(HTTP_ERRORS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.message.length, code).toBeGreaterThan(0);
    }
  });
});
