// The work order typed during a call, over HTTP: read the call's draft back (after a reload) and
// replace it as the agent types (the page saves about a second after the last key and on leaving a
// field). Only the agent talking on the call; once the call's ticket is written, CALL_DRAFT_CLOSED.
import type { FastifyInstance } from 'fastify';
import type { CallDrafts, DraftResult } from '../../app/calls/call-drafts.js';
import type { AuditLog } from '../../app/ports/audit-log.js';
import { CallIdParams } from '../../contract/api/calls.js';
import { DraftBody, DraftReply, type CallDraftView } from '../../contract/api/drafts.js';
import type { CallDraft } from '../../domain/tickets/call-draft.js';
import { allow, userOf } from '../auth-guard.js';
import type { HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface DraftRoutesDeps {
  readonly drafts: CallDrafts;
  readonly audit: AuditLog;
  readonly now: () => number;
}

const REFUSALS: readonly HttpErrorCode[] = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'CALL_NOT_FOUND', 'CALL_NOT_YOURS', 'CALL_DRAFT_CLOSED'];

function draftView(draft: CallDraft): CallDraftView {
  const { agentId: _agent, dueAt: _due, submittedBy: _by, submittedAt, updatedAt, ...fields } = draft;
  return { ...fields, submittedAt: submittedAt === null ? null : new Date(submittedAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

function answer(result: DraftResult): DraftReply {
  if (!result.ok) throw httpError(result.code);
  return { draft: result.draft === null ? null : draftView(result.draft) };
}

export function draftRoutes(app: FastifyInstance, deps: DraftRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const read = { params: CallIdParams, tags: ['calls'], response: replies({ 200: DraftReply }, REFUSALS) };
  api.get('/api/calls/:id/draft', { config: allow('call.draft'), schema: read }, async (request) => answer(await deps.drafts.read(request.params.id, userOf(request))));

  const write = { params: CallIdParams, body: DraftBody, tags: ['calls'], response: replies({ 200: DraftReply }, [...REFUSALS, 'TICKET_CATEGORY_UNKNOWN']) };
  api.put('/api/calls/:id/draft', { config: allow('call.draft'), schema: write }, async (request) => {
    const user = userOf(request);
    const callId = request.params.id;
    const result = await deps.drafts.save(callId, request.body, user);
    // Saves while typing are not audited one by one; a submit files a work order, so it is, like filing on a ticket.
    if (request.body.submit) {
      const outcome = result.ok ? { result: 'ok' as const } : { result: 'denied' as const, detail: { code: result.code } };
      await deps.audit.write({ at: deps.now(), actor: user.id, role: user.role, action: 'call.draft.submit', target: `call:${callId}`, ...outcome });
      if (result.ok) request.log.info({ callId, agentId: user.agentId }, 'work order submitted during the call');
    }
    return answer(result);
  });
}
