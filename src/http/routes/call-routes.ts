import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { CallStore } from '../../adapters/db/call-store.js';
import type { TicketStore } from '../../adapters/db/ticket-store.js';
import type { CallActionResult, CallService } from '../../app/call-service.js';
import type { TransferMode, TransferTarget } from '../../app/call-session.js';
import type { IvrStep } from '../../domain/calls/call-facts.js';
import { describeIvrPath } from '../../domain/calls/ivr-path-words.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import { HttpError } from '../http-error.js';

export interface CallRoutesDeps {
  readonly callService: CallService;
  readonly calls: CallStore;
  readonly tickets: TicketStore;
}

const CallIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' }) });

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
// Exactly one target: another queue, or a named agent.
const Mode = Type.Optional(Type.Union([Type.Literal('blind'), Type.Literal('attended')]));
const TransferBody = Type.Union([
  Type.Object({ queue: Id, mode: Mode }, { additionalProperties: false }),
  Type.Object({ agent: Id, mode: Mode }, { additionalProperties: false }),
]);
// A unit's number as dialed from the hotline: digits, optionally a leading +.
const PartyBody = Type.Object({ number: Type.String({ pattern: '^\\+?[0-9]{3,20}$' }) }, { additionalProperties: false });

const ACTION_STATUS = { CALL_NOT_FOUND: 404, CALL_NOT_IN_CONVERSATION: 409, CALL_TRANSFER_PENDING: 409, QUEUE_UNKNOWN: 400, AGENT_UNKNOWN: 400, AGENT_NOT_AVAILABLE: 409 } as const;
const ACTION_MESSAGE = {
  AGENT_UNKNOWN: 'No agent with this id',
  CALL_TRANSFER_PENDING: 'An attended transfer of this call is already under way',
  AGENT_NOT_AVAILABLE: 'The agent is not logged in, or is the one on the call',
  CALL_NOT_FOUND: 'No live call with this id',
  CALL_NOT_IN_CONVERSATION: 'The call has no agent talking with the caller right now',
  QUEUE_UNKNOWN: 'No queue with this id',
} as const;

function actionReply(result: CallActionResult): { accepted: true } {
  if (!result.ok) throw new HttpError(ACTION_STATUS[result.code], result.code, ACTION_MESSAGE[result.code]);
  return { accepted: true };
}

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

// Live call views are for monitoring: numbers stay masked here; the full number is on the ticket,
// for the roles allowed to see it.
export function callRoutes(app: FastifyInstance, deps: CallRoutesDeps): void {
  app.get('/api/calls/active', async () => ({
    calls: deps.callService.activeCalls().map((call) => ({
      callId: call.callId,
      callerNumber: maskPhone(call.callerNumber),
      dialedNumber: call.dialedNumber,
      phase: call.phase,
      startedAt: iso(call.startedAt),
      answeredAt: iso(call.answeredAt),
    })),
  }));

  app.get('/api/calls/:id', { schema: { params: CallIdParams } }, async (request) => {
    const { id } = request.params as { id: string };
    const call = deps.calls.get(id);
    if (!call) throw new HttpError(404, 'CALL_NOT_FOUND', `No call with id ${id}`);
    const ticket = deps.tickets.getByCall(id);
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
  app.post('/api/calls/:id/transfer', { config: { roles: ['agent', 'supervisor'] }, schema: { params: CallIdParams, body: TransferBody } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    void reply.status(202);
    const body = request.body as TransferTarget & { mode?: TransferMode };
    const target: TransferTarget = 'queue' in body ? { queue: body.queue } : { agent: body.agent };
    return actionReply(deps.callService.transfer(id, target, body.mode ?? 'blind'));
  });

  // Three-way call (三方通话): rings a responsible unit's number into the conversation.
  app.post('/api/calls/:id/parties', { config: { roles: ['agent', 'supervisor'] }, schema: { params: CallIdParams, body: PartyBody } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { number } = request.body as { number: string };
    void reply.status(202);
    return actionReply(deps.callService.addParty(id, number));
  });
}
