// Live calls over HTTP: the calls the server handles now, one call with its ticket, and what an
// agent does to a live conversation (transfer, three-way call). Numbers are masked here: these
// views are for monitoring; the full number is on the ticket, for the roles allowed to see it.
import type { FastifyInstance } from 'fastify';
import type { CallRecords } from '../../app/ports/call-records.js';
import type { TicketRecords } from '../../app/ports/ticket-records.js';
import type { CallActionResult, LiveCalls } from '../../app/calls/live-calls.js';
import { localCallControl } from '../../app/calls/local-call-control.js';
import type { CallControl } from '../../app/ports/call-control.js';
import { AcceptedReply, ActiveCallsReply, CallDetailReply, CallIdParams, PartyBody, TransferBody } from '../../contract/api/calls.js';
import type { IvrStep } from '../../domain/calls/call-facts.js';
import type { TransferTarget } from '../../domain/calls/call-protocol.js';
import { describeIvrPath } from '../../domain/calls/ivr-path-words.js';
import { permits, relationsToCall } from '../../domain/auth/permissions.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import { allow, userOf } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';
import { iso } from './ticket-view.js';

export interface CallRoutesDeps {
  readonly callService: LiveCalls;
  /** Who answers for live calls: this server's own (the default), or in a cluster the server running the PBX. */
  readonly callControl?: CallControl;
  readonly calls: CallRecords;
  readonly tickets: TicketRecords;
}

function actionReply(result: CallActionResult): { accepted: true } {
  if (!result.ok) throw httpError(result.code);
  return { accepted: true };
}

const ACTION_REFUSALS = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'CALL_NOT_YOURS', 'CALL_NOT_FOUND', 'CALL_NOT_IN_CONVERSATION', 'CALL_TRANSFER_PENDING', 'AGENT_NOT_AVAILABLE', 'CALLS_UNAVAILABLE'] as const;

export function callRoutes(app: FastifyInstance, deps: CallRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const control = deps.callControl ?? localCallControl(deps.callService);
  const liveCalls = async () => {
    const calls = await control.activeCalls();
    if (calls === null) throw httpError('CALLS_UNAVAILABLE');
    return calls;
  };
  // An agent moves only the call they are talking on; an unknown call is left to the service (CALL_NOT_FOUND).
  const mayTransfer = async (callId: string, user: AuthUser): Promise<void> => {
    const live = (await liveCalls()).find((call) => call.callId === callId);
    if (live && !permits('call.transfer', user, relationsToCall(live.agentId, user))) throw httpError('CALL_NOT_YOURS');
  };
  api.get('/api/calls/active', { config: allow('call.read'), schema: { tags: ['calls'], response: replies({ 200: ActiveCallsReply }, ['CALLS_UNAVAILABLE']) } }, async () => ({
    calls: (await liveCalls()).map((call) => ({
      callId: call.callId,
      callerNumber: maskPhone(call.callerNumber),
      dialedNumber: call.dialedNumber,
      phase: call.phase,
      startedAt: iso(call.startedAt),
      answeredAt: iso(call.answeredAt),
    })),
  }));

  const one = { params: CallIdParams, tags: ['calls'], response: replies({ 200: CallDetailReply }, ['REQUEST_INVALID', 'CALL_NOT_FOUND']) };
  api.get('/api/calls/:id', { config: allow('call.read'), schema: one }, async (request) => {
    const { id } = request.params;
    const call = await deps.calls.get(id);
    if (!call) throw httpError('CALL_NOT_FOUND', `No call with id ${id}`);
    const ticket = await deps.tickets.getByCall(id);
    return {
      call: {
        callId: call.id,
        callerNumber: maskPhone(call.callerNumber),
        dialedNumber: call.dialedNumber,
        state: call.state,
        startedAt: iso(call.startedAt),
        answeredAt: iso(call.answeredAt),
        endedAt: iso(call.endedAt),
        hangupCause: call.hangupCause,
        endedBy: call.endedBy,
        ivrPath: call.ivrPath,
        ivrPathWords: describeIvrPath(call.ivrPath as IvrStep[]),
      },
      ticket: ticket ? { number: ticket.number, status: ticket.status, talkMs: ticket.talkMs, totalMs: ticket.totalMs } : null,
    };
  });

  // Transfer of a live conversation to another queue or a named agent, blind or attended (the agent
  // stays until the new agent has joined); the answer comes before the transfer is done.
  const transfer = { params: CallIdParams, body: TransferBody, tags: ['calls'], response: replies({ 202: AcceptedReply }, [...ACTION_REFUSALS, 'QUEUE_UNKNOWN', 'AGENT_UNKNOWN']) };
  api.post('/api/calls/:id/transfer', { config: allow('call.transfer'), schema: transfer }, async (request, reply) => {
    await mayTransfer(request.params.id, userOf(request));
    void reply.status(202);
    const body = request.body;
    const target: TransferTarget = 'queue' in body ? { queue: body.queue } : { agent: body.agent };
    return actionReply(await control.transfer(request.params.id, target, body.mode ?? 'blind'));
  });

  // The agent ends the conversation from the desktop (挂断); the caller stays for the survey.
  const hangup = { params: CallIdParams, tags: ['calls'], response: replies({ 202: AcceptedReply }, ACTION_REFUSALS) };
  api.post('/api/calls/:id/hangup', { config: allow('call.hangup'), schema: hangup }, async (request, reply) => {
    const live = (await liveCalls()).find((call) => call.callId === request.params.id);
    const user = userOf(request);
    if (live && !permits('call.hangup', user, relationsToCall(live.agentId, user))) throw httpError('CALL_NOT_YOURS');
    void reply.status(202);
    return actionReply(await control.hangUp(request.params.id));
  });

  // Three-way call (三方通话): rings a responsible unit's number into the conversation.
  const party = { params: CallIdParams, body: PartyBody, tags: ['calls'], response: replies({ 202: AcceptedReply }, ACTION_REFUSALS) };
  api.post('/api/calls/:id/parties', { config: allow('call.transfer'), schema: party }, async (request, reply) => {
    await mayTransfer(request.params.id, userOf(request));
    void reply.status(202);
    return actionReply(await control.addParty(request.params.id, request.body.number));
  });
}
