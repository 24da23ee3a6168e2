// Requests no route schema describes, refused before any route runs or outside its schema: unknown
// routes, broken or oversized or mistyped bodies (on every route of /docs/json that takes a body),
// a request line or headers past Node's limit (raw bytes over a socket: inject() has no such limit),
// and Range headers (RFC 9110). Each answers in the product's error shape with a catalogued code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { errorAnswerProblems, type Answer } from '../helpers/error-answer.js';
import { baselineOf, operationsOf, type OpenApiDocument } from '../helpers/hostile-requests.js';
import { startHttpTestApp, type HttpTestApp } from '../helpers/http-app.js';
import { rawHttp } from '../helpers/raw-http.js';
import { injectOptions, type Operation } from '../helpers/request-parts.js';
import { tableFingerprint } from '../helpers/table-fingerprint.js';
import { seedRecording } from '../helpers/wav-recording.js';

const MIB = 1024 * 1024;
const RECORDING = '/api/recordings/call-c-1';

describe('requests no route schema describes', () => {
  let http: HttpTestApp;
  let recordingsDir: string;
  let audio: Buffer;
  let fingerprint: () => Readonly<Record<string, string>>;
  let bodyRoutes: Operation[];

  beforeAll(async () => {
    recordingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-unschemaed-'));
    http = await startHttpTestApp({ now: () => T0 + 3_600_000, recordingsDir });
    await http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings: [{ name: 'call-c-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_000 }] }), T0 + 70_010);
    audio = await seedRecording(http, recordingsDir, 'call-c-1', 1500);
    // No timed job may change data while a refused request is in flight (see openapi-hostile.test.ts).
    http.office.stop();
    fingerprint = tableFingerprint(http.database.sqlite, ['audit_log']);
    const doc = (await http.app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
    bodyRoutes = operationsOf(doc).filter((operation) => operation.body !== undefined);
  });
  afterAll(async () => {
    await http.close();
    fs.rmSync(recordingsDir, { recursive: true, force: true });
  });

  const asAdmin = (options: InjectOptions): Promise<LightMyRequestResponse> => http.as('admin')(options);
  /** Sends each request and lists what is wrong with its answer: not `status`, not the product's error, or data changed. */
  async function refusals(status: number, requests: readonly { label: string; send: () => Promise<Answer> }[]): Promise<string[]> {
    const problems: string[] = [];
    for (const { label, send } of requests) {
      const before = fingerprint();
      const answer = await send();
      const found = [...(answer.statusCode === status ? [] : [`status ${answer.statusCode}, not ${status}`]), ...errorAnswerProblems(answer)];
      if (JSON.stringify(fingerprint()) !== JSON.stringify(before)) found.push('stored data changed');
      problems.push(...found.map((problem) => `${label} → ${answer.statusCode} ${answer.body.slice(0, 160)} — ${problem}`));
    }
    return problems;
  }

  /** One request per body-taking route of the document: its valid URL, this body and content type. */
  const toEveryBodyRoute = (label: string, payload: string | Buffer, contentType: string | undefined) =>
    bodyRoutes.map((operation) => {
      const { method, url } = injectOptions(operation, { ...baselineOf(operation, () => undefined), body: undefined });
      return { label: `${operation.method.toUpperCase()} ${operation.path} ${label}`, send: () => asAdmin({ method, url, payload, headers: contentType ? { 'content-type': contentType } : {} }) };
    });

  it('finds the routes that take a body in the document', () => {
    expect(bodyRoutes.length).toBeGreaterThan(5);
  });

  it('answers unknown routes and methods 404 in the product shape, signed in or not', async () => {
    const requests = (['/api/nothing-here', '/api/tickets/1/nothing', '/nothing', '/api/tickets/1/status/extra'] as const).flatMap((url) =>
      (['GET', 'POST', 'DELETE', 'PUT'] as const).flatMap((method) => [
        { label: `${method} ${url}`, send: () => asAdmin({ method, url }) },
        { label: `${method} ${url} (anonymous)`, send: () => http.app.inject({ method, url }) },
      ]),
    );
    const problems = await refusals(404, [...requests, { label: 'DELETE /api/tickets/1', send: () => asAdmin({ method: 'DELETE', url: '/api/tickets/1' }) }]);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('refuses bodies that are not JSON with 400, on every route that takes one', async () => {
    const broken = ['{', '{"version":', '[1,]', '{"version":1}}', 'nul', '\u0000', '{"note":"raw\u0000control"}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', ''];
    const problems = await refusals(400, broken.flatMap((payload) => toEveryBodyRoute(`with body ${JSON.stringify(payload)}`, payload, 'application/json')));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('refuses a body over 1 MiB with 413, on every route that takes one', async () => {
    const huge = JSON.stringify({ version: 1, note: 'x'.repeat(MIB) });
    const problems = await refusals(413, toEveryBodyRoute(`with a ${huge.length}-byte body`, huge, 'application/json'));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('refuses bodies of other content types with 415, on every route that takes one', async () => {
    const types = [['text/plain', '[]'], ['application/x-www-form-urlencoded', 'version=1'], ['multipart/form-data; boundary=x', '--x--'], ['application/xml', '<version>1</version>'], ['application/octet-stream', '{}']] as const;
    const problems = await refusals(415, types.flatMap(([type, payload]) => toEveryBodyRoute(`as ${type}`, payload, type)));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('refuses a request line or headers past Node’s header limit with 431 in the product shape', async () => {
    const address = await http.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const token = http.tokenOf('admin');
    const problems = await refusals(431, [
      { label: 'a 32 kB header', send: () => rawHttp(port, `GET /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nX-Big: ${'a'.repeat(32_000)}\r\nConnection: close\r\n\r\n`) },
      { label: 'a 32 kB request line', send: () => rawHttp(port, `GET /api/tickets?q=${'a'.repeat(32_000)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`) },
      { label: '500 headers', send: () => rawHttp(port, `GET /api/tickets HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 500 }, (_, i) => `X-H${i}: ${'v'.repeat(60)}\r\n`).join('')}Connection: close\r\n\r\n`) },
    ]);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  describe('Range on a recording (RFC 9110 §14)', () => {
    const range = (header: string) => asAdmin({ method: 'GET', url: RECORDING, headers: { range: header } });

    it('answers a range past the end 416, Content-Range bytes */<size>, in the product shape', async () => {
      const size = audio.length;
      const unsatisfiable = [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0'];
      const problems = await refusals(416, unsatisfiable.map((header) => ({ label: `Range: ${header}`, send: () => range(header) })));
      for (const header of unsatisfiable) {
        const answer = await range(header);
        if (answer.headers['content-range'] !== `bytes */${size}`) problems.push(`Range: ${header} → Content-Range ${String(answer.headers['content-range'])}, not bytes */${size}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('ignores an invalid Range (last before first, not bytes, not numbers) and sends the whole recording', async () => {
      const problems: string[] = [];
      for (const header of ['bytes=5-1', 'bytes=abc', 'bytes=1-2-3', 'items=0-5', 'bytes=0x10-', 'bytes=1e3-', 'bytes=-', 'bytes= 5 - 1']) {
        const answer = await range(header);
        const whole = answer.statusCode === 200 && answer.rawPayload.equals(audio) && answer.headers['content-range'] === undefined;
        if (!whole) problems.push(`Range: ${header} → ${answer.statusCode} ${String(answer.headers['content-range'])} (${answer.rawPayload.length} bytes), not 200 with the whole ${audio.length} bytes`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    it('serves a satisfiable range as 206 with its bytes, and several ranges as 200 or 206', async () => {
      const size = audio.length;
      for (const [header, start, end] of [['bytes=0-0', 0, 0], ['bytes=-10', size - 10, size - 1], ['bytes=0-', 0, size - 1], [`bytes=10-${size * 2}`, 10, size - 1]] as const) {
        const answer = await range(header);
        expect([answer.statusCode, answer.headers['content-range']], header).toEqual([206, `bytes ${start}-${end}/${size}`]);
        expect(answer.rawPayload.equals(audio.subarray(start, end + 1)), header).toBe(true);
      }
      expect([200, 206]).toContain((await range('bytes=0-1,4-5')).statusCode);
    });
  });
});
