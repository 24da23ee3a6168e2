// Outbound task calls over SIP to SIPp as the called party (PJSIP, RFC 4733 keys): outcomes by the
// SIP answer (486 busy, 404, 603 declined, a phone that rings out), the flow's result from the key a person sent,
// and SIPp's own count of the INVITEs each number received against the attempt rows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_TRUNK, DEFAULT_WINDOW } from '../../src/boot/outbound.js';
import type { CallTaskOutcome, CallTaskRequest } from '../../src/domain/outbound/outbound-protocol.js';
import { parseRetryPolicy } from '../../src/domain/outbound/retry-policy.js';
import { startCalledParty, type CalledParty } from '../helpers/sipp-called-party.js';
import { TEST_PORT_SHIFT } from '../helpers/test-pbx-settings.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const SIP_PORT = 16700 + TEST_PORT_SHIFT;
const MEDIA_PORT = 16710 + TEST_PORT_SHIFT;
/** The trunk to SIPp: the citizens' PJSIP endpoint (ulaw, RFC 4733) with SIPp's address as the target. */
export const SIPP_TRUNK = `PJSIP/citizen-trunk/sip:{number}@127.0.0.1:${SIP_PORT}`;

const policy = (() => {
  const parsed = parseRetryPolicy('no-answer=1s; busy=1s,1s; unreachable=; rejected=; failed=; unknown=; max=3');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
})();

const task = (taskId: string, number: string): CallTaskRequest => ({
  taskId, purpose: 'return-visit', number, trunk: DEFAULT_TRUNK, flowId: 'survey', variables: { ticketNumber: 'T20261205-0002' }, notBefore: 0, notAfter: null, window: DEFAULT_WINDOW, retry: policy,
});

describe('outbound task calls to SIPp over a PJSIP trunk (real Asterisk)', () => {
  let server: TestServer;
  let callee: CalledParty;
  const outcomes = new Map<string, CallTaskOutcome>();
  const ended = (taskId: string, timeoutMs = 40_000): Promise<CallTaskOutcome> => waitFor(() => outcomes.get(taskId), timeoutMs, 50);
  const run = `${Date.now()}`;

  beforeAll(async () => {
    callee = startCalledParty(runtime.rootDir, 'outbound-callee', SIP_PORT, MEDIA_PORT);
    server = await startTestServer(runtime, 'outbound-sipp', { HOTLINE_OUTBOUND_ENDPOINT: SIPP_TRUNK, HOTLINE_OUTBOUND_LINES: '4', HOTLINE_OUTBOUND_RING_SECONDS: '3', HOTLINE_OUTBOUND_WINDOW: 'always' });
    server.outbound.onOutcome((taskId, _purpose, outcome) => outcomes.set(taskId, outcome));
  });
  afterAll(async () => {
    await server?.close();
    await callee?.stop();
  });

  it('reads the key a person sent (RFC 4733) into the flow, one INVITE per attempt', async () => {
    const answers = [task(`${run}-a1`, '13900000001'), task(`${run}-a2`, '13900000002'), task(`${run}-a3`, '13900000003')];
    for (const request of answers) await server.outbound.request(request);
    const results = await Promise.all(answers.map((request) => ended(request.taskId)));
    expect(results.map((r) => (r.kind === 'reached' ? r.variables['satisfaction'] : r.kind))).toEqual(['satisfied', 'basically-satisfied', 'dissatisfied']);
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 1]);
    for (const number of ['13900000001', '13900000002', '13900000003']) expect(callee.invites().get(number)).toBe(1);
  });

  it.each([
    ['busy', '17019990001', 'busy', 17, 3],
    ['404', '14049990001', 'unreachable', 1, 1],
    ['603 declined', '16039990001', 'rejected', 21, 1],
    ['rings out', '10009990001', 'no-answer', null, 2],
  ])('%s: the outcome follows the cause, each retry a new INVITE', async (name, number, cause, hangupCause, attempts) => {
    const request = task(`${run}-${name.replace(/ /g, '-')}`, number);
    await server.outbound.request(request);
    expect(await ended(request.taskId)).toMatchObject({ kind: 'not-reached', cause, attempts });
    const rows = await server.storage.callTasks.attempts(request.taskId);
    expect(rows.map((a) => a.cause)).toEqual(Array.from({ length: attempts }, () => cause));
    if (hangupCause !== null) expect(rows.map((a) => a.hangupCause)).toEqual(Array.from({ length: attempts }, () => hangupCause));
    expect(callee.invites().get(number)).toBe(attempts);
  });
});
