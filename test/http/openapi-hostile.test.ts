// Every operation of the OpenAPI document (/docs/json) attacked parameter by parameter with hostile
// values chosen from its schema, then with random ones (fast-check): never a 5xx, every refusal in
// the product's error shape with a catalogued code, a request the schema forbids refused, and a
// refused request leaves every table (but the audit log) exactly as it was.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { AliyunSmsGateway } from '../../src/adapters/aliyun-sms/aliyun-sms-gateway.js';
import { TextMessageStore } from '../../src/adapters/db/text-message-store.js';
import { TokenStore } from '../../src/adapters/db/token-store.js';
import { loadTextTemplates } from '../../src/adapters/messages/template-file.js';
import { TextMessageService } from '../../src/app/messages/text-message-service.js';
import { createLogger } from '../../src/logging/logger.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import type { Role } from '../../src/domain/auth/roles.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { answerProblems } from '../helpers/error-answer.js';
import { hostileVariants, operationsOf, randomVariant, type KnownGood, type OpenApiDocument, type Variant } from '../helpers/hostile-requests.js';
import { startHttpTestApp } from '../helpers/http-app.js';
import { Live } from '../helpers/hostile-values.js';
import { injectOptions, refusalReasons, resolveLive, type Operation, type RequestParts } from '../helpers/request-parts.js';
import { tableFingerprint, type Fingerprint } from '../helpers/table-fingerprint.js';
import { seedRecording } from '../helpers/wav-recording.js';

const NOW = T0 + 3_600_000;
const recordingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-hostile-'));
// Top-level await: the operations must be known when the tests are declared, one test per operation.
// The SMS platform's report route too, over the real chain (gateway, service, store) built below.
const REPORT_TOKEN = 'hostile-report-token-1';
const reportsTo: { gateway?: AliyunSmsGateway } = {};
const http = await startHttpTestApp({ now: () => NOW, recordingsDir, textReports: { token: REPORT_TOKEN, accept: (items) => reportsTo.gateway?.acceptReports(items) ?? Promise.resolve(false) } });
reportsTo.gateway = new AliyunSmsGateway({ endpoint: 'http://127.0.0.1:9/', accessKeyId: 'LTAI-unused', accessKeySecret: 'unused-secret', regionId: 'cn-hangzhou', timeoutMs: 500, logger: createLogger('silent'), now: () => NOW });
const texts = new TextMessageService({ records: new TextMessageStore(http.database.db), gateway: reportsTo.gateway, templates: loadTextTemplates('fixtures/sms-templates.yaml'), timers: new FakeTimers(), now: () => NOW, newId: randomUUID, logger: createLogger('silent') });
await http.tickets.closeCallWithTicket(callFacts('c-1', { queue: 'general', queuedAt: T0 + 5_000, agentId: '8001', agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000, recordings: [{ name: 'call-c-1', kind: 'conversation', format: 'wav', startedAt: T0 + 10_000 }] }), T0 + 70_010);
await http.tickets.closeCallWithTicket(callFacts('c-2', { callerNumber: '13900002222' }), T0 + 80_000);
await seedRecording(http, recordingsDir, 'call-c-1', 1500);
// The back office's timed jobs (SLA warnings every 30 s) would change tickets while a refused request
// is in flight and pass for its doing: stopped, so every change in the data is a request's.
http.office.stop();
const doc = (await http.app.inject({ url: '/docs/json' })).json<OpenApiDocument>();
const units = (await http.as('admin')({ url: '/api/units' })).json<{ units: { id: string }[] }>().units.map((unit) => unit.id);

afterAll(async () => {
  texts.stop();
  await reportsTo.gateway?.close();
  await http.close();
  fs.rmSync(recordingsDir, { recursive: true, force: true });
});

/** The API description itself and the UI's pages and assets are no API of data: not attacked here. */
const isSkipped = (operation: Operation): boolean => operation.path.startsWith('/docs') || /^\/(wallboard|qa|assets\/.*)?$/.test(operation.path);
const allOperations = operationsOf(doc);
const operations = allOperations.filter((operation) => !isSkipped(operation));

const ticket = await http.tickets.getByCall('c-1');
if (!ticket) throw new Error('the seeded ticket is missing');
// Filed (type and category), so a dispatch can go through and the routes after it reach their own checks.
const filed = await http.as('admin')({ method: 'PATCH', url: `/api/tickets/${ticket.id}`, payload: { version: ticket.version, requestType: 'consultation', categoryCode: '0201' } });
if (filed.statusCode !== 200) throw new Error(`filing the seeded ticket failed: ${filed.body}`);
/** Path ids by the resource they follow: /api/<resource>/{id}. */
const PATH_IDS: Readonly<Record<string, string>> = { tickets: String(ticket.id), calls: 'c-1', agents: '8001', recordings: 'call-c-1' };
const QUERY: Readonly<Record<string, unknown>> = {
  token: REPORT_TOKEN, day: '2026-11-23', from: '2026-11-23', to: '2026-11-23', agent: '8001', queue: 'general', category: '02', caller: '13800001111', satisfaction: 'satisfied', q: 'water',
};
const BODY: Readonly<Record<string, unknown>> = {
  // The ticket's version as it is when the request goes: a valid write really writes.
  // Read from the file, as it is: Live values are read synchronously when the request is built.
  version: new Live(() => (http.database.sqlite.prepare("select version from tickets where call_id = 'c-1'").get() as { version: number } | undefined)?.version),
  queue: 'general', agent: '8001', number: '12319', reason: 'meal', callId: 'c-1', mainUnit: units[0], formId: 'standard', itemId: 'greeting', points: 8,
  day: '2026-11-23', username: 'supervisor', password: 'not-the-password', categoryCode: '0201', enterpriseCreditCode: '91320100MA1XY21231',
};
const knownGood: KnownGood = (slot) => {
  const [last] = slot.pointer.slice(-1);
  if (slot.location === 'path') return PATH_IDS[/^\/api\/([^/]+)\/\{/.exec(slot.route)?.[1] ?? ''];
  if (typeof last === 'number') return slot.pointer.at(-2) === 'assistingUnits' ? units[1] : undefined;
  const table = slot.location === 'query' ? QUERY : BODY;
  return last === undefined || !Object.hasOwn(table, last) ? undefined : table[last];
};

// Admin passes every role check; ticket routes also answer an agent, through other code (own tickets only).
const usersOf = (operation: Operation): string[] => (operation.path.startsWith('/api/tickets') ? ['admin', '8001'] : ['admin']);
const ROLES: Readonly<Record<string, Role>> = { admin: 'admin', supervisor: 'supervisor', qa: 'qa' };
const tokenStore = new TokenStore(http.database.db);
const tokens = new Map<string, string>();
const tokenOf = (user: string): string => tokens.get(user) ?? http.tokenOf(user);
/** A route that signs out (logout) revokes the token it came with: the next request gets a new one. */
const keepSignedIn = async (user: string): Promise<void> => {
  if (!(await tokenStore.verify(tokenOf(user), NOW))) tokens.set(user, (await tokenStore.issue(user, ROLES[user] ?? 'agent', NOW, 3_600_000)).token);
};

const fingerprint = tableFingerprint(http.database.sqlite, ['audit_log']);
/** The fingerprint left by the last request when it was a refusal, so the next one need not take it again. */
let unchanged: Fingerprint | undefined;
let sent = 0;

/** Sends one variant as `user`; the problems found, each naming the request and the answer. */
async function attack(operation: Operation, variant: Variant, user: string): Promise<string[]> {
  // Cast: resolveLive keeps the shape it is given, with Live values read.
  const parts = resolveLive(variant.parts) as RequestParts;
  const mustRefuse = refusalReasons(operation, parts);
  const request: InjectOptions = injectOptions(operation, parts);
  const before = unchanged ?? fingerprint();
  unchanged = undefined;
  const response = await http.app.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${tokenOf(user)}` } });
  sent += 1;
  const problems = answerProblems(response);
  // Every request carries a live token: a request answered as if it had none tests nothing past the guard.
  if (response.statusCode === 401 && response.body.includes('"AUTH_REQUIRED"')) problems.push('the token sent was not taken (test harness: signed out?)');
  if (mustRefuse.length > 0 && response.statusCode < 400) problems.push(`accepted, though ${mustRefuse.join('; ')}`);
  else if (mustRefuse.length > 0 && response.statusCode < 500 && !refusedAtTheEdge(response.body)) problems.push(`refused by the route's handler, so the value got through its schema (${mustRefuse.join('; ')})`);
  if (response.statusCode >= 400) {
    const after = fingerprint();
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
    if (changed.length > 0) problems.push(`refused but changed ${changed.join(', ')}`);
    // Nothing runs between two requests of one test: what a refusal left is what the next one starts from.
    unchanged = after;
  } else await keepSignedIn(user);
  const what = `${operation.method.toUpperCase()} ${operation.path} as ${user}: ${variant.label}`;
  return problems.map((problem) => `${what} → ${response.statusCode} ${response.body.slice(0, 160)} — ${problem}`);
}

/**
 * Whether a refusal came from before the route's handler: the URL, the schema or the text checks
 * (REQUEST_*), routing (ROUTE_NOT_FOUND) or the role guard (AUTH_*). A request its schema forbids that
 * is refused with a handler's code (`version: true` read as 1, then TICKET_VERSION_CONFLICT) was let in.
 */
function refusedAtTheEdge(body: string): boolean {
  const code = /"code":"([A-Z0-9_]+)"/.exec(body)?.[1] ?? '';
  // FST_ codes come from before the route too; that they are not the product's is answerProblems' finding.
  return /^(REQUEST_|AUTH_|FST_)/.test(code) || code === 'ROUTE_NOT_FOUND';
}

const covered = new Set<string>();
const keyOf = (operation: Operation): string => `${operation.method.toUpperCase()} ${operation.path}`;

describe('every operation of the OpenAPI document, attacked parameter by parameter', () => {
  for (const operation of operations) {
    it(`${keyOf(operation)}: hostile values in every parameter are refused cleanly, never with a 5xx`, async () => {
      const { baseline, variants } = hostileVariants(operation, knownGood);
      const baselineProblems = refusalReasons(operation, resolveLive(baseline) as RequestParts);
      expect(baselineProblems, `the generator's baseline for ${keyOf(operation)} is not valid: add a known-good value`).toEqual([]);
      const problems: string[] = [];
      for (const user of usersOf(operation)) {
        for (const variant of [{ label: 'baseline', parts: baseline }, ...variants]) problems.push(...(await attack(operation, variant, user)));
      }
      covered.add(keyOf(operation));
      expect(problems, problems.join('\n')).toEqual([]);
    }, 60_000);
  }

  it('attacks every operation in the document, skipping only /docs and the UI pages', () => {
    expect(allOperations.length).toBeGreaterThan(0);
    expect(operations.map(keyOf).filter((key) => !covered.has(key))).toEqual([]);
    expect(covered.size).toBe(allOperations.length - allOperations.filter(isSkipped).length);
  });
});

describe('every operation of the OpenAPI document, fed random values (fast-check)', () => {
  for (const operation of operations) {
    it(`${keyOf(operation)}: random values in a random parameter`, async () => {
      const user = usersOf(operation).at(-1) ?? 'admin';
      await fc.assert(
        fc.asyncProperty(randomVariant(operation, knownGood), async (variant) => {
          const problems = await attack(operation, variant, user);
          expect(problems, problems.join('\n')).toEqual([]);
        }),
        { numRuns: 25, seed: 20261124, endOnFailure: true },
      );
    }, 60_000);
  }

  it('sent a few thousand requests', () => {
    // Logged so the size of the attack is visible in the run's output.
    console.info(`openapi-hostile: ${sent} requests over ${operations.length} operations`);
    expect(sent).toBeGreaterThan(1000);
  });
});
