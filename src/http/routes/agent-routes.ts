// Agents as the ACD sees them, and the state changes an agent (or a supervisor for them) asks for:
// log in, pause with a reason code, resume, log out, and "ticket filed" (ends wrap-up where the
// queue allows it). Refusals carry the ACD's own code, e.g. ACD_WRONG_AGENT_STATE.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AcdService } from '../../app/acd-service.js';
import { userOf } from '../auth-guard.js';
import { HttpError } from '../http-error.js';

const AgentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' }) });
// Reason codes are short words the wallboard can translate (break, meal, training, meeting…).
const PauseBody = Type.Object({ reason: Type.String({ pattern: '^[a-z][a-z_]{0,31}$' }) }, { additionalProperties: false });
const TicketFiledBody = Type.Object({ callId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:~-]+$' })) }, { additionalProperties: false });

/** Pauses only the ACD itself may set: an agent cannot fake a ring-no-answer. */
const SYSTEM_REASONS = new Set(['no_answer']);

export function agentRoutes(app: FastifyInstance, acd: AcdService): void {
  // An agent changes only their own state; supervisors (and admins) change anyone's.
  const known = (id: string, request: FastifyRequest): void => {
    if (!acd.agents.has(id)) throw new HttpError(404, 'AGENT_NOT_FOUND', `No agent with id ${id}`);
    const user = userOf(request);
    if (user.role === 'agent' && user.agentId !== id) throw new HttpError(403, 'AUTH_FORBIDDEN', 'Agents change their own state only');
    if (user.role === 'qa') throw new HttpError(403, 'AUTH_FORBIDDEN', 'QA staff do not change agent states');
  };
  const outcome = (refusal: string | null): { ok: true } => {
    if (refusal !== null) throw new HttpError(409, refusal, 'The agent is not in a state that allows this');
    return { ok: true };
  };

  app.get('/api/agents', async () => ({
    agents: [...acd.agents.values()].map((profile) => {
      const view = acd.agentState(profile.id);
      return {
        id: profile.id,
        name: profile.name,
        skills: profile.skills,
        queues: profile.queues,
        state: view?.state ?? 'logged_out',
        reason: view?.reason ?? null,
        reachable: view?.reachable ?? true,
        callId: view?.callId ?? null,
      };
    }),
  }));

  app.post('/api/agents/:id/login', { schema: { params: AgentParams } }, async (request) => {
    const { id } = request.params as { id: string };
    known(id, request);
    return outcome(acd.login(id));
  });

  app.post('/api/agents/:id/logout', { schema: { params: AgentParams } }, async (request) => {
    const { id } = request.params as { id: string };
    known(id, request);
    return outcome(acd.logout(id));
  });

  app.post('/api/agents/:id/pause', { schema: { params: AgentParams, body: PauseBody } }, async (request) => {
    const { id } = request.params as { id: string };
    const { reason } = request.body as { reason: string };
    known(id, request);
    if (SYSTEM_REASONS.has(reason)) throw new HttpError(400, 'PAUSE_REASON_RESERVED', `'${reason}' is set by the ACD only`);
    return outcome(acd.pause(id, reason));
  });

  app.post('/api/agents/:id/resume', { schema: { params: AgentParams } }, async (request) => {
    const { id } = request.params as { id: string };
    known(id, request);
    return outcome(acd.resume(id));
  });

  app.post('/api/agents/:id/ticket-filed', { schema: { params: AgentParams, body: TicketFiledBody } }, async (request) => {
    const { id } = request.params as { id: string };
    const { callId } = request.body as { callId?: string };
    known(id, request);
    return outcome(acd.ticketFiled(id, callId ?? null));
  });
}
