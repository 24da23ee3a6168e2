// Supervisors on calls over HTTP (监听 / 密语 / 强插 / 拦截 / 强拆): start a session on a call in
// conversation, change its mode, take the caller over from it, end it, list them; end a conversation. The supervisor's phone rings; the answers come before it is
// answered (202), and the session's progress is in GET /api/monitors.
import type { FastifyInstance } from 'fastify';
import type { MonitorControl, MonitorResult } from '../../app/ports/monitor-control.js';
import { CallIdParams } from '../../contract/api/calls.js';
import { CallReleasedReply, MonitorBody, MonitorIdParams, MonitorsReply, MonitorStartedReply } from '../../contract/api/monitoring.js';
import { allow, userOf } from '../auth-guard.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';
import { iso } from './ticket-view.js';

export interface MonitorRoutesDeps {
  /** This server's sessions, or a cluster's (relayed to the server running the call); absent: every request is CALLS_UNAVAILABLE. */
  readonly monitoring?: MonitorControl;
}

const REFUSALS = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'CALLS_UNAVAILABLE'] as const;

export function monitorRoutes(app: FastifyInstance, deps: MonitorRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const service = (): MonitorControl => {
    if (!deps.monitoring) throw httpError('CALLS_UNAVAILABLE');
    return deps.monitoring;
  };
  const answer = (result: MonitorResult): { monitorId: string } => {
    if (!result.ok) throw httpError(result.code);
    return { monitorId: result.monitorId };
  };

  const start = { params: CallIdParams, body: MonitorBody, tags: ['monitoring'], response: replies({ 202: MonitorStartedReply }, [...REFUSALS, 'CALL_NOT_FOUND', 'CALL_NOT_IN_CONVERSATION', 'MONITOR_ALREADY_ON', 'MONITOR_BARGE_TAKEN', 'MONITOR_NO_PHONE']) };
  api.post('/api/calls/:id/monitor', { config: allow('call.monitor'), schema: start }, async (request, reply) => {
    const result = await service().start(request.params.id, userOf(request), request.body.mode);
    void reply.status(202);
    return answer(result);
  });

  const change = { params: MonitorIdParams, body: MonitorBody, tags: ['monitoring'], response: replies({ 202: MonitorStartedReply }, [...REFUSALS, 'MONITOR_NOT_FOUND', 'MONITOR_NOT_YOURS', 'MONITOR_BARGE_TAKEN']) };
  api.patch('/api/monitors/:id', { config: allow('call.monitor'), schema: change }, async (request, reply) => {
    const result = await service().change(request.params.id, userOf(request), request.body.mode);
    void reply.status(202);
    return answer(result);
  });

  const end = { params: MonitorIdParams, tags: ['monitoring'], response: replies({ 202: MonitorStartedReply }, [...REFUSALS, 'MONITOR_NOT_FOUND', 'MONITOR_NOT_YOURS']) };
  api.delete('/api/monitors/:id', { config: allow('call.monitor'), schema: end }, async (request, reply) => {
    const result = await service().stop(request.params.id, userOf(request));
    void reply.status(202);
    return answer(result);
  });

  const takeOver = { params: MonitorIdParams, tags: ['monitoring'], response: replies({ 202: MonitorStartedReply }, [...REFUSALS, 'MONITOR_NOT_FOUND', 'MONITOR_NOT_YOURS', 'MONITOR_NOT_HEARING', 'CALL_NOT_IN_CONVERSATION']) };
  api.post('/api/monitors/:id/take-over', { config: allow('call.monitor'), schema: takeOver }, async (request, reply) => {
    const result = await service().takeOver(request.params.id, userOf(request));
    void reply.status(202);
    return answer(result);
  });

  const release = { params: CallIdParams, tags: ['monitoring'], response: replies({ 202: CallReleasedReply }, [...REFUSALS, 'CALL_NOT_FOUND', 'CALL_NOT_IN_CONVERSATION']) };
  api.post('/api/calls/:id/release', { config: allow('call.monitor'), schema: release }, async (request, reply) => {
    const result = await service().forceRelease(request.params.id, userOf(request));
    if (!result.ok) throw httpError(result.code);
    void reply.status(202);
    return { released: true as const };
  });

  api.get('/api/monitors', { config: allow('call.monitor'), schema: { tags: ['monitoring'], response: replies({ 200: MonitorsReply }, ['CALLS_UNAVAILABLE']) } }, async () => {
    const views = await service().list();
    if (views === null) throw httpError('CALLS_UNAVAILABLE');
    return { monitors: views.map((view) => ({ ...view, startedAt: iso(view.startedAt) as string })) };
  });
}
