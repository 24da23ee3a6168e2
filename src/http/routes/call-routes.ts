import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { CallStore } from '../../adapters/db/call-store.js';
import type { TicketStore } from '../../adapters/db/ticket-store.js';
import type { CallService } from '../../app/call-service.js';
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

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

// Caller numbers are masked in these answers until the API has authentication and roles.
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
}
