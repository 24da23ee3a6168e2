// No ring-no-answer while the phone system lags: with overload protection shedding new callers, a
// phone's answer can reach the server after the ring time has run out, so the server counts no ring
// time. On the real Asterisk: a proxy makes the server's requests slow (as a saturated Asterisk
// would) until overload protection sheds; then a caller who arrived before is offered to agent
// 8003, whose demo phone answers 6 s after it rings, past the queue's 4 s ring time. The agent takes
// the call and is never paused; the call has one ticket.
import { describe, expect, it } from 'vitest';
import type { MetricsReply } from '../../src/contract/api/metrics.js';
import { useAgentBehindProxy } from '../helpers/agent-behind-proxy.js';
import { getTicket } from '../helpers/ticket-rows.js';
import { waitFor, waitForAsync, waitUntil } from '../helpers/wait.js';

describe('ring time while the phone system lags (real Asterisk behind a fault proxy)', () => {
  // Ring time 4 s (the test queues'); the demo phone answers 6 s after it rings. Lines low enough
  // for one slowed request to cross them, as in test/pbx/overload-protection.test.ts.
  const ctx = useAgentBehindProxy('acd-lagging', {
    HOTLINE_DEMO_ANSWER_AFTER: '6',
    HOTLINE_ADMISSION: 'auto',
    HOTLINE_ADMISSION_SHED_ABOVE_MS: '150',
    HOTLINE_ADMISSION_ADMIT_BELOW_MS: '50',
    HOTLINE_ADMISSION_SHED_AFTER_SECONDS: '1',
    // Shedding lasts while the call is offered, however quiet the server is meanwhile.
    HOTLINE_ADMISSION_ADMIT_AFTER_SECONDS: '60',
  });

  const admission = async (): Promise<MetricsReply['admission']> => {
    const reply = await ctx.server.as('admin')({ method: 'GET', url: '/api/metrics' });
    return (reply.json() as MetricsReply).admission;
  };

  it('an answer that comes after the ring time while the system sheds still takes the call, and the agent is never paused', async () => {
    await waitUntil(() => ctx.server.acd.agentState('8003')?.state === 'available', 15_000, 50);
    // Away until the server sheds, so the offer is made while it does.
    await ctx.server.acd.logout('8003');
    let callerLeg = '';
    let slowed = false;
    let offeredAt = 0;
    let answeredAt = 0;
    const offered = waitForAsync(async () => {
      if (ctx.server.acd.agentState('8003')?.state !== 'offered') return undefined;
      offeredAt = Date.now();
      return (await admission()).mode;
    }, 40_000, 20);
    const outcome = await ctx.sim.caller.call({ from: '13800009401', to: '12345', holdSeconds: 40 }, (event) => {
      if (event.event === 'dialing') callerLeg = event.callId;
      // In the server's hands (its first prompt): from now on its requests are slow, and it falls
      // behind; once it sheds, the agent comes back and the waiting caller is offered to them.
      if (event.event === 'prompt' && !slowed) {
        slowed = true;
        ctx.proxy.inject({ match: () => true, delayMs: 300 });
        void waitForAsync(async () => ((await admission()).mode === 'shed' ? true : undefined), 30_000, 100).then(() => ctx.server.acd.login('8003'));
      }
      if (event.event === 'answered') {
        answeredAt = Date.now();
        setTimeout(() => void ctx.sim.ari.hangup(callerLeg).catch(() => undefined), 1000);
      }
    });
    const modeWhenOffered = await offered;
    ctx.proxy.clear();
    expect(modeWhenOffered).toBe('shed');
    // Answered 6 s after the phone rang: past the 4 s ring time, which was not counted.
    expect(answeredAt - offeredAt).toBeGreaterThan(5000);
    expect(outcome.events.filter((event) => event.event === 'answered').map((event) => (event as { agent?: string }).agent)).toEqual(['8003']);
    const ticket = await waitFor(() => getTicket(ctx.server, outcome.callId));
    expect(ticket).toMatchObject({ agentId: '8003', queue: 'general' });
    expect(ctx.server.database.sqlite.prepare('select count(*) as n from tickets where call_id = ?').get(outcome.callId)).toEqual({ n: 1 });
    expect(ctx.server.acd.queueStats().find((queue) => queue.queueId === 'general')?.counters).toMatchObject({ ringNoAnswer: 0 });
    expect([...ctx.statesSeen].filter((state) => state.startsWith('paused'))).toEqual([]);
  });
});
