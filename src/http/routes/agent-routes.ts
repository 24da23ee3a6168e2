// Agents as the ACD sees them, and the state changes an agent (or a supervisor for them) asks for:
// log in, pause with a reason code, resume, log out, and "ticket filed" (ends wrap-up where the
// queue allows it). Refusals carry the ACD's own code, e.g. ACD_WRONG_AGENT_STATE.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Acd } from '../../app/ports/acd.js';
import { AgentActionReply, AgentParams, AgentsReply, PauseBody, TicketFiledBody, type AgentView } from '../../contract/api/agents.js';
import { SYSTEM_PAUSE_REASONS } from '../../contract/vocabulary.js';
import { permits, relationsToAgent } from '../../domain/auth/permissions.js';
import { allow, userOf } from '../auth-guard.js';
import { catalogued, type HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

const SYSTEM_REASONS: ReadonlySet<string> = new Set(SYSTEM_PAUSE_REASONS);

const REFUSALS: readonly HttpErrorCode[] = ['REQUEST_INVALID', 'AGENT_NOT_FOUND', 'AUTH_FORBIDDEN', 'ACD_WRONG_AGENT_STATE', 'ACD_UNKNOWN_AGENT', 'ACD_UNKNOWN_CALL', 'ACD_STOPPED', 'ACD_FAILED', 'ACD_UNAVAILABLE'];
const STATE = allow('agent.state');
const action = (more: readonly HttpErrorCode[] = []) => ({ params: AgentParams, tags: ['agents'], response: replies({ 200: AgentActionReply }, [...REFUSALS, ...more]) });

export function agentRoutes(app: FastifyInstance, acd: Acd): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  // An agent changes only their own state; supervisors (and admins) change anyone's.
  const known = (id: string, request: FastifyRequest): void => {
    if (!acd.agents.has(id)) throw httpError('AGENT_NOT_FOUND', `No agent with id ${id}`);
    const user = userOf(request);
    if (!permits('agent.state', user, relationsToAgent(id, user))) throw httpError('AUTH_FORBIDDEN', 'Agents change their own state only');
  };
  // The ACD answers null or its own refusal code; an unknown one is still a refusal by the ACD.
  const outcome = (refusal: string | null): { ok: true } => {
    if (refusal !== null) throw httpError(catalogued(refusal, 'ACD_FAILED'));
    return { ok: true };
  };

  api.get('/api/agents', { config: allow('agent.read'), schema: { tags: ['agents'], response: replies({ 200: AgentsReply }) } }, async () => ({ agents: agentViews(acd) }));

  api.post('/api/agents/:id/login', { config: STATE, schema: action() }, async (request) => {
    known(request.params.id, request);
    return outcome(await acd.login(request.params.id));
  });

  api.post('/api/agents/:id/logout', { config: STATE, schema: action() }, async (request) => {
    known(request.params.id, request);
    return outcome(await acd.logout(request.params.id));
  });

  api.post('/api/agents/:id/pause', { config: STATE, schema: { ...action(['PAUSE_REASON_RESERVED']), body: PauseBody } }, async (request) => {
    const { id } = request.params;
    const { reason } = request.body;
    known(id, request);
    if (SYSTEM_REASONS.has(reason)) throw httpError('PAUSE_REASON_RESERVED', `'${reason}' is set by the ACD only`);
    return outcome(await acd.pause(id, reason));
  });

  api.post('/api/agents/:id/resume', { config: STATE, schema: action() }, async (request) => {
    known(request.params.id, request);
    return outcome(await acd.resume(request.params.id));
  });

  api.post('/api/agents/:id/ticket-filed', { config: STATE, schema: { ...action(), body: TicketFiledBody } }, async (request) => {
    known(request.params.id, request);
    return outcome(await acd.ticketFiled(request.params.id, request.body.callId ?? null));
  });
}

/** Every agent of the roster with the ACD's view of them (logged out until the ACD knows them). */
export function agentViews(acd: Acd): AgentView[] {
  return [...acd.agents.values()].map((profile) => {
    const view = acd.agentState(profile.id);
    return {
      id: profile.id,
      name: profile.name,
      skills: profile.skills,
      queues: profile.queues === null ? null : [...profile.queues],
      state: view?.state ?? 'logged_out',
      reason: view?.reason ?? null,
      reachable: view?.reachable ?? true,
      callId: view?.callId ?? null,
    };
  });
}
