// Who may do what, as one table: each action, for each role, is allowed always, never, or only
// for some relations of the user to the thing acted on (the ticket, the call, the agent). Routes
// take their role check from it and services their ownership check, so the README's table, the
// code and the test that walks it through the API cannot drift apart. Admin is allowed everything.
import { webPhoneOwnerOf } from '../phone/web-phone.js';
import type { AuthUser, Role } from './roles.js';

/**
 * How a user stands to what they act on:
 * - `took-call`: the agent who answered the call (of the ticket, the recording, the live call), or
 *   who took up a missed call by filing its request;
 * - `missed-call`: the ticket of a call no agent answered that nobody has taken up yet;
 * - `return-visit-list`: the user works the return-visit list (duty `return-visits`);
 * - `self`: the agent is the user;
 * - `own-phone`: the phone is the user's own: the one of the agent they are, or a supervisor's wallboard phone;
 * - `main-unit`: the user signs in for the ticket's main handling unit (主办单位);
 * - `assisting-unit`: the user signs in for one of the ticket's assisting units (协办单位);
 * - `own-unit`: the knowledge article is owned by the unit the user signs in for;
 * - `other`: none of these.
 */
export const RELATIONS = ['took-call', 'missed-call', 'return-visit-list', 'self', 'own-phone', 'main-unit', 'assisting-unit', 'own-unit', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

/** `yes` always, `no` never, or the relations that allow it. */
export type Grant = 'yes' | 'no' | readonly Relation[];

export interface Permission {
  /** The API routes the action is (for the README). */
  readonly routes: readonly string[];
  readonly agent: Grant;
  readonly supervisor: Grant;
  readonly qa: Grant;
  readonly unit: Grant;
  readonly 'kb-editor': Grant;
}

const TICKET_OWNER: Grant = ['took-call', 'missed-call'];
/** A unit reads and reports on the orders it is main or assisting unit of, and nothing else. */
const UNIT_OF_TICKET: Grant = ['main-unit', 'assisting-unit'];

export const PERMISSIONS = {
  'ticket.read': { routes: ['GET /api/tickets', 'GET /api/tickets/:id', 'GET /api/tickets/:id/dispatch-suggestion', 'GET /api/units'], agent: 'yes', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  // A unit reads its own orders through its own view: no call, agent or recording in it, the caller masked on confidential ones.
  'unit.orders': { routes: ['GET /api/unit/orders', 'GET /api/unit/orders/:id'], agent: 'no', supervisor: 'no', qa: 'no', unit: UNIT_OF_TICKET, 'kb-editor': 'no' },
  'ticket.file': { routes: ['PATCH /api/tickets/:id'], agent: TICKET_OWNER, supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'ticket.status': { routes: ['POST /api/tickets/:id/status'], agent: TICKET_OWNER, supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'ticket.dispatch': { routes: ['POST /api/tickets/:id/dispatch'], agent: ['took-call'], supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'ticket.feedback': { routes: ['POST /api/tickets/:id/feedback'], agent: 'no', supervisor: 'yes', qa: 'no', unit: UNIT_OF_TICKET, 'kb-editor': 'no' },
  // 签收: the main unit signs on its web page; a supervisor enters a sign made by phone (the reminder
  // call's sign goes through the same service method with no user at all).
  'ticket.sign': { routes: ['POST /api/tickets/:id/sign'], agent: 'no', supervisor: 'yes', qa: 'no', unit: ['main-unit'], 'kb-editor': 'no' },
  // 退单 / 延期: only the main unit asks (first-responsible rule); the hotline's supervisors decide.
  'ticket.unit-request': { routes: ['POST /api/tickets/:id/unit-request'], agent: 'no', supervisor: 'no', qa: 'no', unit: ['main-unit'], 'kb-editor': 'no' },
  'ticket.decide': { routes: ['GET /api/unit-requests', 'POST /api/tickets/:id/unit-request/decision'], agent: 'no', supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'ticket.rate': { routes: ['POST /api/tickets/:id/satisfaction'], agent: ['return-visit-list'], supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  // 人工回访: the orders every automatic return visit failed on, for those who call the citizens back.
  'ticket.return-visit-list': { routes: ['GET /api/return-visits'], agent: ['return-visit-list'], supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'recording.play': { routes: ['GET /api/recordings/:id'], agent: ['took-call'], supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'call.read': { routes: ['GET /api/calls/active', 'GET /api/calls/:id'], agent: 'yes', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'call.transfer': { routes: ['POST /api/calls/:id/transfer', 'POST /api/calls/:id/parties'], agent: ['took-call'], supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  // The agent ends their conversation from the desktop (a phone's own hang-up would end the agent's line).
  'call.hangup': { routes: ['POST /api/calls/:id/hangup'], agent: ['took-call'], supervisor: 'no', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  // A supervisor listens to, whispers into or barges into a conversation (监听 / 密语 / 强插), on their own phone,
  // takes the caller over (拦截) or ends the call (强拆).
  'call.monitor': { routes: ['POST /api/calls/:id/monitor', 'PATCH /api/monitors/:id', 'DELETE /api/monitors/:id', 'POST /api/monitors/:id/take-over', 'POST /api/calls/:id/release', 'GET /api/monitors'], agent: 'no', supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'call.draft': { routes: ['GET /api/calls/:id/draft', 'PUT /api/calls/:id/draft'], agent: ['took-call'], supervisor: 'no', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'agent.read': { routes: ['GET /api/agents', 'GET /api/queues'], agent: 'yes', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'agent.state': { routes: ['POST /api/agents/:id/login', '/logout', '/pause', '/resume', '/ticket-filed'], agent: ['self'], supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'qa.review': { routes: ['GET /api/qa/forms', 'GET /api/qa/calls', 'POST /api/qa/reviews', 'GET /api/qa/reviews', 'GET /api/qa/reviews.csv', 'GET /api/qa/summary', 'POST /api/qa/samples'], agent: 'no', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'report.read': { routes: ['GET /api/reports/daily'], agent: 'no', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  // 数据分析 and 民情分析报告: supervisors act on them; QA staff read the same quality figures (service level,
  // satisfaction, units' on-time rates) they review calls against. Units and agents see only their own work.
  'analysis.read': { routes: ['GET /api/analysis', 'GET /api/reports/analysis', 'GET /api/reports/analysis.csv', 'GET /api/reports/analysis.pdf'], agent: 'no', supervisor: 'yes', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'audit.read': { routes: ['GET /api/audit', 'GET /api/audit.csv'], agent: 'no', supervisor: 'no', qa: 'yes', unit: 'no', 'kb-editor': 'no' },
  'ops.metrics': { routes: ['GET /api/metrics'], agent: 'no', supervisor: 'no', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  // Supervisors watch the centre's condition on the wallboard, the cluster's servers and leases included.
  'ops.cluster': { routes: ['GET /api/cluster'], agent: 'no', supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'phone.use': { routes: ['GET /api/phone/credentials', 'GET /sip (WebSocket)'], agent: ['own-phone'], supervisor: ['own-phone'], qa: 'no', unit: 'no', 'kb-editor': 'no' },
  // 知识库: everyone who talks to citizens or answers for orders reads the published articles valid
  // today; units write their own unit's articles and submit them; kb-editors review and publish.
  'knowledge.read': { routes: ['GET /api/knowledge/articles', 'GET /api/knowledge/articles/:id', 'GET /api/knowledge/responsibilities', 'GET /api/categories'], agent: 'yes', supervisor: 'yes', qa: 'yes', unit: 'yes', 'kb-editor': 'yes' },
  'knowledge.edit': { routes: ['POST /api/knowledge/articles', 'POST /api/knowledge/articles/:id/versions', 'PUT /api/knowledge/articles/:id/versions/:version', 'POST /api/knowledge/articles/:id/steps (submit)', 'GET /api/knowledge/reminders'], agent: 'no', supervisor: 'no', qa: 'no', unit: ['own-unit'], 'kb-editor': 'yes' },
  'knowledge.review': { routes: ['POST /api/knowledge/articles/:id/steps (approve, reject, withdraw)'], agent: 'no', supervisor: 'no', qa: 'no', unit: 'no', 'kb-editor': 'yes' },
  // 热点预警: the hotline's supervisors watch the warnings and act on them (send to a unit, dismiss, a proactive order).
  'hotspot.read': { routes: ['GET /api/hotspots', 'GET /api/hotspots/:id'], agent: 'no', supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
  'hotspot.act': { routes: ['POST /api/hotspots/:id/steps', 'POST /api/hotspots/:id/orders'], agent: 'no', supervisor: 'yes', qa: 'no', unit: 'no', 'kb-editor': 'no' },
} as const satisfies Readonly<Record<string, Permission>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The grant of a role for an action; admin's is always yes. */
export function grantOf(action: Action, role: Role): Grant {
  return role === 'admin' ? 'yes' : PERMISSIONS[action][role];
}

/** The roles that may do the action in some relation: what a route lets past its door. */
export function rolesFor(action: Action): Role[] {
  return (['agent', 'supervisor', 'qa', 'unit', 'kb-editor'] as const).filter((role) => grantOf(action, role) !== 'no');
}

/** Whether the user may do the action, standing to its object in these relations. */
export function permits(action: Action, user: AuthUser, relations: ReadonlySet<Relation>): boolean {
  const grant = grantOf(action, user.role);
  if (grant === 'yes' || grant === 'no') return grant === 'yes';
  return grant.some((relation) => relations.has(relation));
}

/** What a ticket records of who handled it. */
export interface TicketHolder {
  /** The agent who answered the call, or null for a missed one. */
  readonly agentId: string | null;
  /** The user who first filed the request (for a missed call: who took it up). */
  readonly filedBy: string | null;
  /** The handling units it is dispatched to (absent: not known here, e.g. a recording's ticket). */
  readonly mainUnit?: string | null;
  readonly assistingUnits?: readonly string[];
}

/** How a user stands to a ticket (or to its call's recording). */
export function relationsToTicket(ticket: TicketHolder, user: AuthUser): ReadonlySet<Relation> {
  const relations = new Set<Relation>();
  if (user.agentId !== null && ticket.agentId === user.agentId) relations.add('took-call');
  if (ticket.agentId === null && ticket.filedBy !== null && ticket.filedBy === user.id) relations.add('took-call');
  if (ticket.agentId === null && ticket.filedBy === null) relations.add('missed-call');
  if (user.duties.includes('return-visits')) relations.add('return-visit-list');
  if (user.unitId !== undefined && ticket.mainUnit === user.unitId) relations.add('main-unit');
  if (user.unitId !== undefined && ticket.assistingUnits?.includes(user.unitId) === true) relations.add('assisting-unit');
  if (relations.size === 0) relations.add('other');
  return relations;
}

/** How a user stands to the return-visit list: they work it when they have the duty. */
export function relationsToReturnVisits(user: AuthUser): ReadonlySet<Relation> {
  return new Set<Relation>([user.duties.includes('return-visits') ? 'return-visit-list' : 'other']);
}

/** How a user stands to a knowledge article: their unit owns it. */
export function relationsToArticle(ownerUnit: string | null, user: AuthUser): ReadonlySet<Relation> {
  return new Set<Relation>([user.role === 'unit' && user.unitId !== undefined && ownerUnit === user.unitId ? 'own-unit' : 'other']);
}

/** The relations of a user to something that has no holder (e.g. a recording whose ticket is gone). */
export const NO_RELATION: ReadonlySet<Relation> = new Set<Relation>(['other']);

/** How a user stands to a live call: the agent talking on it took it. */
export function relationsToCall(callAgentId: string | null, user: AuthUser): ReadonlySet<Relation> {
  return new Set<Relation>([user.agentId !== null && callAgentId === user.agentId ? 'took-call' : 'other']);
}

/** How a user stands to an agent of the ACD. */
export function relationsToAgent(agentId: string, user: AuthUser): ReadonlySet<Relation> {
  return new Set<Relation>([user.agentId === agentId ? 'self' : 'other']);
}

/** How a user stands to the browser phone their sign-in would use: theirs when it names an agent, or a supervisor's own. */
export function relationsToPhone(user: AuthUser): ReadonlySet<Relation> {
  return new Set<Relation>([webPhoneOwnerOf(user) !== null ? 'own-phone' : 'other']);
}
