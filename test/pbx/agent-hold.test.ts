// The agent holds the caller from their phone, on the real Asterisk: a SIP handset (agent-8003 over
// UDP, written by hand) answers the offer, puts the call on hold with a re-INVITE (sendonly) and
// takes it off again; Asterisk tells the server (ChannelHold/ChannelUnhold), and the ticket carries
// the time held and the path says who held when.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { agentSipCredential } from '../../src/adapters/sip/agent-sip-credential.js';
import { dialogOf, inDialogRequest, phoneSdp, type SipDialog } from '../helpers/sip-dialog.js';
import { registerOn, udpLine, type SipLine } from '../helpers/sip-line.js';
import { newCallId } from '../helpers/sip-register.js';
import { startTestCaller, type TestCaller } from '../helpers/test-caller.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const HANDSET = 'agent-8003';
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the agent holds the caller from a SIP handset (real Asterisk)', () => {
  let server: TestServer;
  let sim: TestCaller;
  let line: SipLine;
  let local = '';
  const password = (): string => agentSipCredential(runtime.sip.agentSecret, '8003', 'handset').password;
  const register = (expires: number) => registerOn(line, { user: HANDSET, domain: '127.0.0.1', transport: 'UDP', via: local, callId: newCallId(), expires }, password());

  beforeAll(async () => {
    server = await startTestServer(runtime, 'agent-hold', { HOTLINE_AUTO_LOGIN: '8003', HOTLINE_AGENT_PHONES: 'pjsip' });
    sim = await startTestCaller(runtime, 'citizen-sim-agent-hold');
    ({ line, local } = await udpLine(runtime.sip.host, runtime.sip.port));
    line.answerWith({ sdp: phoneSdp('sendrecv', 1), contact: `sip:${HANDSET}@${local}` });
    expect((await register(120)).status).toBe(200);
  });
  afterAll(async () => {
    if (line) await register(0).catch(() => undefined);
    await line?.close();
    await sim?.stop();
    await server?.close();
  });

  /** A re-INVITE from the phone with this media direction, answered 200 and ACKed. */
  async function reInvite(dialog: SipDialog, cseq: number, direction: 'sendonly' | 'sendrecv'): Promise<void> {
    line.send(inDialogRequest(dialog, 'INVITE', cseq, phoneSdp(direction, cseq + 1)));
    const reply = await line.reply(dialog.callId, cseq);
    expect(reply.status).toBe(200);
    line.send(inDialogRequest(dialog, 'ACK', cseq, '', reply.header('To')[0]));
  }

  it('plays hold music to the caller while held (Asterisk takes the requests), and the ticket has the time held and the held/resumed steps', async () => {
    // The main menu (~6 s) and its 1 s wait, the offer, then the conversation.
    const call = sim.caller.call({ from: '13800009202', to: '12345', holdSeconds: 22 });
    await waitUntil(() => line.invites.length > 0, 15_000);
    const dialog = dialogOf(line.invites[0] ?? '', local, HANDSET);
    await waitUntil(() => line.requests.some((request) => request.startsWith('ACK ')), 5000);
    // Connected once the server has the agent on the call.
    await waitUntil(() => server.callService.activeCalls().some((active) => active.callerNumber === '13800009202' && active.agentId === '8003'), 5000);
    await reInvite(dialog, 1, 'sendonly');
    await pause(2000);
    await reInvite(dialog, 2, 'sendrecv');
    await pause(500);
    line.send(inDialogRequest(dialog, 'BYE', 3));
    expect((await line.reply(dialog.callId, 3)).status).toBe(200);
    const outcome = await call;
    // The hold music: asked for while held and stopped at the resume, both taken by Asterisk (the
    // queue's music is asked for and stopped the same way: once each, the stop at the connection).
    const moh = (route: string) => server.ari.metrics.summaries().find((summary) => summary.name === route);
    expect(moh('DELETE /channels/{id}/moh')).toMatchObject({ count: 2, errors: 0, timeouts: 0 });
    expect(moh('POST /channels/{id}/moh')).toMatchObject({ errors: 0, timeouts: 0 });
    expect(moh('POST /channels/{id}/moh')?.count).toBeGreaterThanOrEqual(2);
    const ticket = await waitFor(() => getTicket(server, outcome.callId));
    expect(ticket.agentId).toBe('8003');
    expect(ticket.holdMs).toBeGreaterThanOrEqual(1500);
    expect(ticket.holdMs).toBeLessThan(ticket.talkMs);
    const steps = (ticket.ivrPath as { kind: string; outcome?: string; detail?: string }[]).filter((step) => step.outcome === 'held' || step.outcome === 'resumed');
    expect(steps.map((step) => `${step.outcome}:${step.detail}`)).toEqual(['held:8003', 'resumed:8003']);
  });
});
