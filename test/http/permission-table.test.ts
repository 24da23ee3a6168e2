// Walks the permission table (src/domain/auth/permissions.ts) through the API: for every action,
// every role and every relation a user can have to what they act on, the route answers a permission
// refusal (403) exactly when the table says no. A request the table allows may still be refused for
// another reason (a version read long ago, a state that does not allow it), but never with a 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, permits, relationsToAgent, relationsToArticle, relationsToPhone, relationsToReturnVisits, relationsToTicket, type Action, type Relation } from '../../src/domain/auth/permissions.js';
import type { AuthUser } from '../../src/domain/auth/roles.js';
import { callFacts, T0 } from '../helpers/call-facts.js';
import { startHttpTestApp, type HttpTestApp, type Inject } from '../helpers/http-app.js';

const FORBIDDEN = ['AUTH_FORBIDDEN', 'TICKET_NOT_YOURS', 'CALL_NOT_YOURS', 'KNOWLEDGE_NOT_YOURS'];
/** Unit users: the main unit of the 'own' ticket, its assisting unit, and a unit with nothing to do with it. */
const UNIT_USERS = ['housing', 'dongcheng', 'urban'];

/** One probe of an action: who, on what, and the request the route takes. */
interface Probe {
  readonly user: string;
  readonly subject: string;
  readonly request: (as: Inject) => ReturnType<Inject>;
  readonly relations: ReadonlySet<Relation>;
}

describe('the permission table, walked through the API', () => {
  let http: HttpTestApp;
  const users = new Map<string, AuthUser>();
  const tickets: Record<'own' | 'missed' | 'others', { id: number; agentId: string | null; filedBy: string | null; mainUnit: string | null; assistingUnits: string[] }> = {} as never;
  /** A draft article of the housing bureau's, written by the kb-editor: the housing user's own unit's, not urban's. */
  let article = { id: 0, ownerUnit: 'housing-bureau' };

  beforeAll(async () => {
    http = await startHttpTestApp({ now: () => T0 + 3_600_000 });
    const answered = (callId: string, agentId: string) => callFacts(callId, { queue: 'general', queuedAt: T0 + 5_000, agentId, agentAnsweredAt: T0 + 10_000, endedAt: T0 + 70_000 });
    await http.tickets.closeCallWithTicket(answered('own', '8001'), T0 + 70_010);
    await http.tickets.closeCallWithTicket(callFacts('missed'), T0 + 80_000);
    await http.tickets.closeCallWithTicket(answered('others', '8002'), T0 + 90_000);
    const own = await http.tickets.getByCall('own');
    await http.tickets.update(own?.id ?? 0, null, { status: 'dispatched', requestType: 'complaint', categoryCode: '0201', mainUnit: 'housing-bureau', assistingUnits: ['dongcheng-subdistrict'], replyBy: T0 + 86_400_000 }, []);
    for (const name of ['own', 'missed', 'others'] as const) {
      const row = await http.tickets.getByCall(name);
      if (!row) throw new Error(`no ticket for ${name}`);
      tickets[name] = row;
      http.database.sqlite
        .prepare("insert into recordings (id, call_id, kind, format, file, state, created_at, updated_at) values (?, ?, 'call', 'wav', ?, 'missing', 0, 0)")
        .run(`rec-${name}`, name, `${name}.wav`);
    }
    const written = await http.as('editor')({ method: 'POST', url: '/api/knowledge/articles', payload: { title: '物业费收费标准', body: '按物业服务合同约定的标准收取。', kind: 'faq', categoryCode: '0201', sourceDocument: null, sourceNumber: null, ownerUnit: 'housing-bureau', validFrom: null, validTo: null, reviewDue: null } });
    article = { id: written.json().article.id, ownerUnit: 'housing-bureau' };
    for (const id of ['8001', '8002', '8004', 'supervisor', 'qa', 'admin', 'editor', ...UNIT_USERS]) {
      const me = await http.as(id)({ method: 'GET', url: '/api/auth/me' });
      users.set(id, me.json().user);
    }
  });
  afterAll(async () => http.close());

  const user = (id: string): AuthUser => {
    const found = users.get(id);
    if (!found) throw new Error(`no user ${id}`);
    return found;
  };

  /** Each user, on each ticket: every relation the table knows for tickets comes up. */
  const ticketProbes = (request: (id: number) => (as: Inject) => ReturnType<Inject>): Probe[] =>
    ['8001', '8004', 'supervisor', 'qa', 'admin', ...UNIT_USERS].flatMap((who) =>
      (['own', 'missed', 'others'] as const).map((name) => ({ user: who, subject: `ticket ${name}`, request: request(tickets[name].id), relations: relationsToTicket(tickets[name], user(who)) })),
    );
  const write = (path: string, body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST') => (id: number) => (as: Inject) =>
    as({ method, url: `/api/tickets/${id}${path}`, payload: { version: 999, ...body } });
  const read = (url: string): Probe[] => ['8001', 'supervisor', 'qa', 'admin', 'housing', 'editor'].map((who) => ({ user: who, subject: url, request: (as) => as({ method: 'GET', url }), relations: new Set<Relation>(['other']) }));

  /** Each user on the housing bureau's article: its own unit's for the housing user, another's for urban. */
  const articleProbes = (request: (as: Inject) => ReturnType<Inject>): Probe[] =>
    ['8001', 'supervisor', 'qa', 'admin', 'editor', 'housing', 'urban'].map((who) => ({ user: who, subject: 'the housing bureau\'s article', request, relations: relationsToArticle(article.ownerUnit, user(who)) }));
  const articleFields = { title: '物业费收费标准', body: '按合同约定收取。', kind: 'faq', categoryCode: '0201', sourceDocument: null, sourceNumber: null, ownerUnit: 'housing-bureau', validFrom: null, validTo: null, reviewDue: null };

  const probes: Record<Action, () => Probe[]> = {
    'knowledge.read': () => [...read('/api/knowledge/articles'), ...read('/api/knowledge/responsibilities'), ...read('/api/categories'), ...articleProbes((as) => as({ method: 'GET', url: `/api/knowledge/articles/${article.id}` }))],
    // Version 99 does not exist: an allowed writer gets 404, a refused one 403 before the version is looked at.
    'knowledge.edit': () => [
      ...articleProbes((as) => as({ method: 'PUT', url: `/api/knowledge/articles/${article.id}/versions/99`, payload: articleFields })),
      ...articleProbes((as) => as({ method: 'POST', url: `/api/knowledge/articles/${article.id}/steps`, payload: { version: 99, step: 'submit' } })),
    ],
    'knowledge.review': () => articleProbes((as) => as({ method: 'POST', url: `/api/knowledge/articles/${article.id}/steps`, payload: { version: 99, step: 'approve' } })),
    'ticket.read': () => [...ticketProbes((id) => (as) => as({ method: 'GET', url: `/api/tickets/${id}` })), ...read('/api/tickets'), ...read('/api/units')],
    'ticket.file': () => ticketProbes(write('', { title: '停水' }, 'PATCH')),
    'ticket.status': () => ticketProbes(write('/status', { to: 'closed' })),
    'ticket.dispatch': () => ticketProbes(write('/dispatch', { mainUnit: 'water-group' })),
    'ticket.feedback': () => ticketProbes(write('/feedback', { kind: 'progress' })),
    'ticket.sign': () => ticketProbes(write('/sign', {})),
    'ticket.unit-request': () => ticketProbes(write('/unit-request', { kind: 'return', reason: '不属于本单位职责' })),
    'ticket.decide': () => [...ticketProbes(write('/unit-request/decision', { decision: 'reject', reason: '属于贵单位职责' })), ...read('/api/unit-requests')],
    'unit.orders': () => [...ticketProbes((id) => (as) => as({ method: 'GET', url: `/api/unit/orders/${id}` })), ...read('/api/unit/orders?unit=housing-bureau').map((probe) => (probe.user === 'housing' ? { ...probe, subject: 'their own orders', relations: new Set<Relation>(['main-unit']) } : probe))],
    'ticket.rate': () => ticketProbes(write('/satisfaction', { rating: 'satisfied' })),
    'ticket.return-visit-list': () =>
      ['8001', '8004', 'supervisor', 'qa', 'admin', 'housing'].map((who) => ({ user: who, subject: 'the return-visit list', request: (as: Inject) => as({ method: 'GET', url: '/api/return-visits' }), relations: relationsToReturnVisits(user(who)) })),
    'recording.play': () =>
      ['8001', '8004', 'supervisor', 'qa', 'admin'].flatMap((who) =>
        (['own', 'missed', 'others'] as const).map((name) => ({
          user: who,
          subject: `recording of ${name}`,
          request: (as: Inject) => as({ method: 'GET', url: `/api/recordings/rec-${name}` }),
          relations: relationsToTicket(tickets[name], user(who)),
        })),
      ),
    'call.read': () => read('/api/calls/active'),
    // No call is live over this app: the relation to a live call is walked in test/pbx/transfer.test.ts.
    'call.transfer': () =>
      ['8001', 'supervisor', 'qa', 'admin'].map((who) => ({
        user: who,
        subject: 'a call no one talks on',
        request: (as: Inject) => as({ method: 'POST', url: '/api/calls/nobody/transfer', payload: { queue: 'general' } }),
        relations: new Set<Relation>(['took-call']),
      })),
    'call.hangup': () =>
      ['8001', 'supervisor', 'qa', 'admin'].map((who) => ({
        user: who,
        subject: 'a call no one talks on',
        request: (as: Inject) => as({ method: 'POST', url: '/api/calls/nobody/hangup' }),
        relations: new Set<Relation>(['took-call']),
      })),
    // Likewise for a call's draft: its relation to a live call is walked in test/http/call-drafts.test.ts.
    'call.draft': () =>
      ['8001', 'supervisor', 'qa', 'admin'].map((who) => ({
        user: who,
        subject: 'the draft of a call no one talks on',
        request: (as: Inject) => as({ method: 'PUT', url: '/api/calls/nobody/draft', payload: { title: '停水' } }),
        relations: new Set<Relation>(['took-call']),
      })),
    // Likewise for monitoring: the sessions themselves are walked in test/pbx/call-monitoring.test.ts.
    'call.monitor': () => [
      ...['8001', 'supervisor', 'qa', 'admin'].map((who) => ({
        user: who,
        subject: 'monitoring a call no one talks on',
        request: (as: Inject) => as({ method: 'POST', url: '/api/calls/nobody/monitor', payload: { mode: 'listen' } }),
        relations: new Set<Relation>(['other']),
      })),
      ...read('/api/monitors'),
    ],
    'agent.read': () => [...read('/api/agents'), ...read('/api/queues')],
    'agent.state': () =>
      ['8001', 'supervisor', 'qa', 'admin'].flatMap((who) =>
        ['8001', '8003'].map((agent) => ({ user: who, subject: `agent ${agent}`, request: (as: Inject) => as({ method: 'POST', url: `/api/agents/${agent}/resume` }), relations: relationsToAgent(agent, user(who)) })),
      ),
    'qa.review': () => [...read('/api/qa/forms'), ...read('/api/qa/calls'), ...read('/api/qa/summary?from=2026-11-23&to=2026-11-23')],
    'report.read': () => read('/api/reports/daily?day=2026-11-23'),
    'analysis.read': () => [...read('/api/analysis?from=2026-11-01&to=2026-11-23'), ...read('/api/reports/analysis?period=week&start=2026-11-16'), ...read('/api/reports/analysis.csv?period=month&start=2026-11-01&table=units')],
    'audit.read': () => [...read('/api/audit'), ...read('/api/audit.csv')],
    'ops.metrics': () => read('/api/metrics'),
    'hotspot.read': () => [...read('/api/hotspots'), ...read('/api/hotspots/999')],
    // No warning 999: an allowed supervisor gets 404, a refused role 403 before it is looked up.
    'hotspot.act': () => [
      ...['8001', 'supervisor', 'qa', 'admin', 'housing', 'editor'].map((who) => ({ user: who, subject: 'a step on a warning', request: (as: Inject) => as({ method: 'POST', url: '/api/hotspots/999/steps', payload: { step: 'dismiss', note: '误报' } }), relations: new Set<Relation>(['other']) })),
      ...['8001', 'supervisor', 'qa', 'admin', 'housing', 'editor'].map((who) => ({ user: who, subject: 'a proactive order', request: (as: Inject) => as({ method: 'POST', url: '/api/hotspots/999/orders', payload: { unitId: 'housing-bureau' } }), relations: new Set<Relation>(['other']) })),
    ],
    'ops.cluster': () => read('/api/cluster'),
    // The /sip socket shares the route's decision (relationsToPhone); its refusals are walked in test/pbx/agent-phone-socket.test.ts.
    'phone.use': () =>
      ['8001', 'supervisor', 'qa', 'admin'].map((who) => ({ user: who, subject: 'their phone', request: (as: Inject) => as({ method: 'GET', url: '/api/phone/credentials' }), relations: relationsToPhone(user(who)) })),
  };

  it('has a walk for every action of the table, and each walk meets every relation the action grants', () => {
    expect(Object.keys(probes).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const granted = new Set(['agent', 'supervisor', 'qa', 'unit', 'kb-editor'].flatMap((role) => {
        const grant = PERMISSIONS[action][role as 'agent'];
        return Array.isArray(grant) ? grant : [];
      }));
      const met = new Set(probes[action]().flatMap((probe) => [...probe.relations]));
      for (const relation of granted) expect(met.has(relation), `${action} never meets ${relation}`).toBe(true);
    }
  });

  for (const action of ACTIONS) {
    it(`${action}: refused with a 403 exactly where the table says no`, async () => {
      for (const probe of probes[action]()) {
        const allowed = permits(action, user(probe.user), probe.relations);
        const reply = await probe.request(http.as(probe.user));
        const label = `${probe.user} on ${probe.subject} (${[...probe.relations].join(', ')}): ${reply.statusCode} ${reply.body.slice(0, 120)}`;
        expect(reply.statusCode, label).toBeLessThan(500);
        if (allowed) expect(reply.statusCode, label).not.toBe(403);
        // A unit is told another unit's order does not exist: the same answer as for a ticket that does not.
        else if (reply.statusCode === 404 && user(probe.user).role === 'unit' && reply.json().error.code === 'TICKET_NOT_FOUND') expect(probe.relations.has('main-unit') || probe.relations.has('assisting-unit'), label).toBe(false);
        else expect([reply.statusCode, FORBIDDEN.includes(reply.json().error.code)], label).toEqual([403, true]);
      }
    });
  }
});
