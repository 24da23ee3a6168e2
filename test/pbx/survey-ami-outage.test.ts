// The compiled survey's end reaches the server over AMI only (it does not watch the caller's channel
// while Asterisk runs the survey). With the AMI link down as the caller hangs up, that end is lost:
// when the link is back, the server lists Asterisk's channels (the resync after an AMI reconnect)
// and closes the call whose line is gone, with its one ticket. The real Asterisk, the server's AMI
// through a proxy the test cuts.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callIntoCompiledSurvey } from '../helpers/compiled-survey-call.js';
import { startTcpCutProxy, type TcpCutProxy } from '../helpers/tcp-cut-proxy.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

describe('the AMI link down while a compiled survey ends (real Asterisk, AMI through a proxy)', () => {
  let proxy: TcpCutProxy;
  let server: TestServer;
  let sim: TestCaller;
  beforeAll(async () => {
    proxy = await startTcpCutProxy(runtime.ami.host, runtime.ami.port);
    server = await startTestServer({ ...runtime, ami: { ...runtime.ami, host: '127.0.0.1', port: proxy.port } }, 'survey-ami-outage', {
      HOTLINE_QUEUES_FILE: testQueuesFile(),
      HOTLINE_AUTO_LOGIN: '8003',
      HOTLINE_IVR_IN_DIALPLAN: 'on',
    });
    sim = await startTestCaller(runtime, 'citizen-sim-survey-ami');
  });
  afterAll(async () => {
    await sim?.stop();
    await server?.close();
    await proxy?.close();
  });

  it('the call whose survey ended unheard is closed with its one ticket once the link is back', async () => {
    await server.compiledMenus?.settled();
    await server.dialplanArrival?.settled();
    const { call, surveyAsked, callerLeg } = callIntoCompiledSurvey(sim, '13800000031');
    try {
      await surveyAsked;
      const before = proxy.connections();
      proxy.cutAndHold();
      // The caller hangs up during the question while nothing reaches the server over AMI.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sim.ari.hangup(callerLeg());
      const { callId } = await call;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(countTickets(server, callId)).toBe(0);
      expect(server.callService.knowsCall(callId)).toBe(true);
      proxy.release();
      await waitUntil(() => proxy.connections() > before, 15_000, 100);
      const ticket = await waitFor(() => getTicket(server, callId), 15_000);
      expect(countTickets(server, callId)).toBe(1);
      expect(ticket).toMatchObject({ agentId: '8003', endedBy: 'agent', satisfaction: null });
      expect(server.callService.knowsCall(callId)).toBe(false);
    } finally {
      proxy.release();
    }
  }, 90_000);
});
