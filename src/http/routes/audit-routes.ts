// GET /api/audit and /api/audit.csv: the audit log (who played a recording, changed a ticket,
// signed in; allowed or not), newest first, for QA staff and admins. Reading it changes nothing.
import type { FastifyInstance } from 'fastify';
import { allow } from '../auth-guard.js';
import type { AuditFilter, AuditRow, AuditTrail } from '../../app/ports/audit-log.js';
import type { RecordingRecords } from '../../app/ports/recording-records.js';
import type { TicketRecords } from '../../app/ports/ticket-records.js';
import { AuditCsvQuery, AuditQuery, AuditReply, type AuditEntry } from '../../contract/api/audit.js';
import { chinaDate } from '../../domain/calendar/china-calendar.js';
import { csvAttachment, csvReply } from '../csv-reply.js';
import { instantOf } from '../day-param.js';
import { httpError } from '../http-error.js';
import { replies } from '../route-replies.js';
import type { TypeBoxProvider } from '../typebox-provider.js';

export interface AuditRoutesDeps {
  readonly audit: AuditTrail;
  readonly recordings: RecordingRecords;
  readonly tickets: TicketRecords;
  readonly now: () => number;
}

// Supervisors steer the hotline but do not read who listened to what: that is QA's and the admin's.
const AUDIT = allow('audit.read');
const DEFAULT_LIMIT = 100;
/** The most rows one CSV holds; `x-audit-truncated: true` says there were more. */
export const AUDIT_CSV_ROWS = 10_000;
const CSV_HEADER = ['编号 id', '时间 time', '用户 actor', '角色 role', '操作 action', '对象 object', '结果 result', '详情 detail'];

const entryView = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  actor: row.actor,
  role: row.role,
  action: row.action,
  object: row.target,
  result: row.result,
  detail: row.detail ?? null,
});

export function auditRoutes(app: FastifyInstance, deps: AuditRoutesDeps): void {
  const api = app.withTypeProvider<TypeBoxProvider>();
  const filterOf = (query: AuditCsvQuery): Promise<Omit<AuditFilter, 'limit'>> => auditFilter(query, (callId) => callObjects(deps, callId));

  const list = { querystring: AuditQuery, tags: ['audit'], response: replies({ 200: AuditReply }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN', 'AUDIT_CURSOR_INVALID']) };
  api.get('/api/audit', { config: AUDIT, schema: list }, async (request) => {
    const { limit, cursor } = request.query;
    const page = await deps.audit.page({ ...(await filterOf(request.query)), cursor, limit: limit ?? DEFAULT_LIMIT });
    if (!page) throw httpError('AUDIT_CURSOR_INVALID');
    return { entries: page.rows.map(entryView), nextCursor: page.nextCursor };
  });

  const csv = { querystring: AuditCsvQuery, tags: ['audit'], response: replies({ 200: csvReply(`The newest ${AUDIT_CSV_ROWS} entries at most`) }, ['REQUEST_INVALID', 'AUTH_FORBIDDEN']) };
  api.get('/api/audit.csv', { config: AUDIT, schema: csv }, async (request, reply) => {
    const q = request.query;
    // The filters hold no cursor, so there is always a page.
    const page = (await deps.audit.page({ ...(await filterOf(q)), limit: AUDIT_CSV_ROWS })) ?? { rows: [], nextCursor: null };
    if (page.nextCursor !== null) void reply.header('x-audit-truncated', 'true');
    const rows = page.rows.map(entryView).map((e) => [e.id, e.at, e.actor, e.role, e.action, e.object, e.result, e.detail === null ? null : JSON.stringify(e.detail)]);
    return csvAttachment(reply, `audit-${fileDate(q.from ?? 'start')}-${fileDate(q.to ?? chinaDate(deps.now()))}.csv`, CSV_HEADER, rows);
  });
}

/** The store's filter from the query's: `call` and `object` both given means the objects in both. */
async function auditFilter(query: AuditCsvQuery, objectsOfCall: (callId: string) => Promise<string[]>): Promise<Omit<AuditFilter, 'limit'>> {
  const ofCall = query.call === undefined ? undefined : await objectsOfCall(query.call);
  const targets = ofCall && query.object ? query.object.filter((object) => ofCall.includes(object)) : (ofCall ?? query.object);
  return { actor: query.actor, targets, action: query.action, result: query.result, from: instantOf(query.from, false), to: instantOf(query.to, true) };
}

/** What the log names a call's things by: the call itself (its draft, its monitoring), its recordings (as GET /api/recordings/:id writes) and its ticket. */
async function callObjects(deps: AuditRoutesDeps, callId: string): Promise<string[]> {
  const [ticket, recordings] = await Promise.all([deps.tickets.getByCall(callId), deps.recordings.ofCall(callId)]);
  return [`call:${callId}`, ...recordings.map((recording) => `recording:${recording.id}`), ...(ticket ? [`ticket:${ticket.id}`] : [])];
}

/** A day or an instant as a file name part: an instant's colons and dots are not welcome in file names. */
const fileDate = (value: string): string => value.replace(/[^0-9A-Za-z-]/g, '');
