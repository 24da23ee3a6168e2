// Outbound task calls on a real Asterisk, dialing the simulated people of the dialplan (demo-outbound):
// an answered call runs its flow with the task's variables and hands back the flow's result; busy,
// missing, refusing and silent numbers end with the outcome of their hang-up cause after the retries
// their policy allows; the line limit holds. The calls that hold a line for seconds (the three flows and
// the phone nobody answers) are placed together, each on a line of its own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallTaskOutcome, CallTaskRequest } from '../../src/domain/outbound/outbound-protocol.js';
import { parseRetryPolicy } from '../../src/domain/outbound/retry-policy.js';
import { DEFAULT_TRUNK, DEFAULT_WINDOW } from '../../src/boot/outbound.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const LINES = 4;

const policy = (() => {
  const parsed = parseRetryPolicy('no-answer=1s; busy=1s; unreachable=; rejected=; failed=; unknown=; max=2');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
})();

let seq = 0;
const task = (number: string, over: Partial<CallTaskRequest> = {}): CallTaskRequest => ({
  taskId: `pbx-${Date.now()}-${(seq += 1)}`,
  purpose: 'return-visit',
  number,
  trunk: DEFAULT_TRUNK,
  // The after-call survey asks 1/2/3 and sets `satisfaction`: a return visit's question.
  flowId: 'survey',
  variables: { ticketNumber: 'T20261205-0001' },
  notBefore: 0,
  notAfter: null,
  window: DEFAULT_WINDOW,
  retry: policy,
  ...over,
});

describe('outbound task calls (real Asterisk, simulated people)', () => {
  let server: TestServer;
  const outcomes = new Map<string, CallTaskOutcome>();
  let mostLines = 0;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'outbound-calls', { HOTLINE_OUTBOUND_LINES: String(LINES), HOTLINE_OUTBOUND_RING_SECONDS: '3', HOTLINE_OUTBOUND_WINDOW: 'always' });
    server.outbound.onOutcome((taskId, _purpose, outcome) => outcomes.set(taskId, outcome));
    // Every line change passes through the engine; the most lines it ever held, sampled often.
    const sample = setInterval(() => (mostLines = Math.max(mostLines, server.outbound.linesInUse(DEFAULT_TRUNK))), 5);
    sample.unref();
  });
  afterAll(async () => {
    await server?.close();
  });

  const ended = (taskId: string, timeoutMs = 30_000): Promise<CallTaskOutcome> => waitFor(() => outcomes.get(taskId), timeoutMs, 50);

  // Placed at once in the order the tests read them; each test awaits its own outcome.
  const answered = task('13800000001');
  const secondKey = task('13800000003');
  const returnVisit = task('13800000002', { flowId: 'return-visit', variables: { ticketDate: '2026-12-03', summary: '小区电梯故障' } });
  const unanswered = task('10001110001');
  let answeredRequests: unknown[] = [];
  beforeAll(async () => {
    answeredRequests = [await server.outbound.request(answered), await server.outbound.request(answered)];
    for (const request of [secondKey, returnVisit, unanswered]) await server.outbound.request(request);
  });

  it('runs the flow on an answered call with the task variables, and hands back its result', async () => {
    expect(answeredRequests).toEqual([{ ok: true, created: true }, { ok: true, created: false }]);
    const outcome = await ended(answered.taskId);
    expect(outcome).toMatchObject({ kind: 'reached', attempts: 1, resultLost: false, variables: { ticketNumber: 'T20261205-0001', satisfaction: 'satisfied' } });
    const attempts = await server.storage.callTasks.attempts(answered.taskId);
    expect(attempts.map((a) => [a.attempt, a.status, a.number])).toEqual([[1, 'reached', '13800000001']]);
    expect((await server.storage.callTasks.get(answered.taskId))?.status.kind).toBe('done');
  });

  it('a second key gives the flow another answer', async () => {
    expect(await ended(secondKey.taskId)).toMatchObject({ kind: 'reached', variables: { satisfaction: 'dissatisfied' } });
  });

  it('runs the shipped return-visit flow (回访) with the ticket date and summary, and hands back the rating', async () => {
    const outcome = await ended(returnVisit.taskId, 40_000);
    expect(outcome).toMatchObject({ kind: 'reached', variables: { ticketDate: '2026-12-03', summary: '小区电梯故障', satisfaction: 'basically-satisfied' } });
  });

  it('a phone nobody answers rings out and is tried again once', async () => {
    expect(await ended(unanswered.taskId, 40_000)).toMatchObject({ kind: 'not-reached', cause: 'no-answer', attempts: 2 });
  });

  it.each([
    ['17011110001', 'busy', 17, 2],
    ['14041110001', 'unreachable', 1, 1],
    ['16031110001', 'rejected', 21, 1],
  ])('%s ends as %s (cause %i) after %i attempt(s)', async (number, cause, hangupCause, attempts) => {
    const request = task(number);
    await server.outbound.request(request);
    expect(await ended(request.taskId)).toMatchObject({ kind: 'not-reached', cause, attempts });
    const rows = await server.storage.callTasks.attempts(request.taskId);
    expect(rows.map((a) => [a.status, a.cause, a.hangupCause])).toEqual(Array.from({ length: attempts }, () => ['not-reached', cause, hangupCause]));
    expect(new Set(rows.map((a) => a.channelId)).size).toBe(attempts);
  });

  it('never holds more lines than the limit, and uses them all while tasks wait', async () => {
    mostLines = 0;
    const requests = ['13800000011', '13800000012', '13800000013', '13800000021', '13800000022'].map((number) => task(number));
    for (const request of requests) await server.outbound.request(request);
    // Right after the requests, every line is taken and the rest wait.
    expect(server.outbound.linesInUse(DEFAULT_TRUNK)).toBe(LINES);
    const results = await Promise.all(requests.map((request) => ended(request.taskId, 60_000)));
    expect(results.map((r) => r.kind)).toEqual(['reached', 'reached', 'reached', 'reached', 'reached']);
    expect(mostLines).toBe(LINES);
    // Asterisk's side of it: the attempts' channels never overlapped more than the limit.
    const spans = (await Promise.all(requests.map((r) => server.storage.callTasks.attempts(r.taskId)))).flat().map((a) => [a.startedAt, a.endedAt ?? Infinity] as const);
    const overlapAt = (t: number): number => spans.filter(([from, to]) => from <= t && t < to).length;
    expect(Math.max(...spans.map(([from]) => overlapAt(from)))).toBeLessThanOrEqual(LINES);
  });
});
