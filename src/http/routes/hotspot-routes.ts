// Hotspot warnings over HTTP (热点预警), for supervisors: the list (open ones first), one warning with
// its orders and history, a step on it, and the proactive order (主动治理) made from it.
import type { FastifyInstance } from 'fastify';
import type { HotspotActions, HotspotResult } from '../../app/hotspots/hotspot-actions.js';
import {
  HotspotDetailReply,
  HotspotIdParams,
  HotspotListQuery,
  HotspotListReply,
  HotspotStepBody,
  HotspotStepReply,
  ProactiveOrderBody,
  ProactiveOrderReply,
} from '../../contract/api/hotspots.js';
import { allow, userOf } from '../auth-guard.js';
import { HTTP_ERRORS, type HttpErrorCode } from '../error-catalogue.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface HotspotRoutesDeps {
  readonly hotspots: HotspotActions;
}

const tags = ['hotspots'];
const ON_WARNING: readonly HttpErrorCode[] = ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'HOTSPOT_NOT_FOUND'];
const STEP: readonly HttpErrorCode[] = [...ON_WARNING, 'HOTSPOT_CONFLICT', 'HOTSPOT_STEP_INVALID', 'HOTSPOT_UNIT_UNKNOWN', 'HOTSPOT_NOTE_REQUIRED'];
const ORDER: readonly HttpErrorCode[] = [...ON_WARNING, 'HOTSPOT_STEP_INVALID', 'HOTSPOT_UNIT_UNKNOWN', 'HOTSPOT_ORDER_EXISTS', 'TICKET_CATEGORY_UNKNOWN'];

const isCode = (code: string): code is HttpErrorCode => Object.hasOwn(HTTP_ERRORS, code);

function answer<T>(result: HotspotResult<T>): T {
  if (!result.ok) throw httpError(isCode(result.code) ? result.code : 'INTERNAL', isCode(result.code) ? undefined : `the order could not be made (${result.code})`);
  return result.value;
}

export function hotspotRoutes(app: FastifyInstance, deps: HotspotRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const { hotspots } = deps;

  const list = { querystring: HotspotListQuery, tags, response: replies({ 200: HotspotListReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN']) };
  api.get('/api/hotspots', { config: allow('hotspot.read'), schema: list }, async (request) => ({ items: await hotspots.list(request.query) }));

  const one = { params: HotspotIdParams, tags, response: replies({ 200: HotspotDetailReply }, ON_WARNING) };
  api.get('/api/hotspots/:id', { config: allow('hotspot.read'), schema: one }, async (request) => answer(await hotspots.detail(request.params.id)));

  const step = { params: HotspotIdParams, body: HotspotStepBody, tags, response: replies({ 200: HotspotStepReply }, STEP) };
  api.post('/api/hotspots/:id/steps', { config: allow('hotspot.act'), schema: step }, async (request) => ({ warning: answer(await hotspots.step(request.params.id, request.body, userOf(request))) }));

  const order = { params: HotspotIdParams, body: ProactiveOrderBody, tags, response: replies({ 201: ProactiveOrderReply }, ORDER) };
  api.post('/api/hotspots/:id/orders', { config: allow('hotspot.act'), schema: order }, async (request, reply) => {
    const made = answer(await hotspots.order(request.params.id, request.body, userOf(request)));
    return reply.code(201).send(made);
  });
}
