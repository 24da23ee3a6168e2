// 主动治理: the order the hotline opens itself from a warning, with no call. It is written as a call of
// its own (id `proactive-<warning>`, dialed number PLACED_CALL_DIALED, the hotline's own number as the
// caller), so every reader that already leaves the hotline's own calls out of the calls offered (the
// daily report, the caller's call count) leaves it out too, and a second order from the same warning
// finds that call's ticket already there. It is then filed and dispatched through the agents' own path
// (the unit sees it on its page, the sign reminders apply); no return visit is made (no citizen called).
import { PLACED_CALL_DIALED, type CallFacts } from '../../domain/calls/call-facts.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { HotspotFinding } from '../../domain/hotspots/hotspot-facts.js';
import { proactiveRequestType } from '../../domain/hotspots/hotspot-steps.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { TicketFiling } from '../../domain/tickets/ticket-filing.js';
import type { TicketService } from '../ticket-service.js';
import type { TicketRecords, TicketRow } from '../ports/ticket-records.js';

/** The caller of a proactive order: the hotline itself. */
export const PROACTIVE_CALLER = '12345';
export const proactiveCallId = (warningId: number): string => `proactive-${warningId}`;

export interface ProactiveText {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
}

function callOf(warningId: number, at: number): CallFacts {
  // Answered "by the hotline" at once, so the order is accepted rather than a missed call on the callback list.
  return {
    callId: proactiveCallId(warningId), callerNumber: PROACTIVE_CALLER, callerName: '12345热线（主动治理）', dialedNumber: PLACED_CALL_DIALED,
    startedAt: at, answeredAt: at, endedAt: at, hangupCause: null, endedBy: 'system', ivrPath: [{ at, kind: 'outcome', outcome: 'proactive-order', detail: `hotspot:${warningId}` }],
    queue: null, queuedAt: null, agentId: null, agentAnsweredAt: at, conversationEndedAt: at, satisfaction: null, holdMs: 0, recordings: [], elderly: false, enterprise: null,
  };
}

/**
 * The order's subcategory: the finding's own when it names one; for a finding on a major category (the
 * rules roll surges up, clusters and caller repeats group by major) the subcategory most of its orders
 * were filed under, since an order is dispatched only with a subcategory.
 */
export function proactiveCategory(finding: HotspotFinding, evidenceCategories: readonly (string | null)[], taxonomy: Taxonomy): string | null {
  const own = finding.categoryCode;
  if (own !== null && taxonomy.byCode.has(own)) return own;
  const counts = new Map<string, number>();
  for (const code of evidenceCategories) {
    if (code !== null && taxonomy.byCode.has(code) && (own === null || code.startsWith(own))) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

export function proactiveFiling(finding: HotspotFinding, orderCount: number, categoryCode: string | null, text: ProactiveText): TicketFiling {
  const title = text.title ?? `主动治理：${finding.reason}`.slice(0, 200);
  const description = text.description ?? `${finding.reason}（${finding.from} 至 ${finding.to}，相关工单 ${orderCount} 件）。请承办单位主动排查处置。`;
  return {
    requestType: proactiveRequestType(finding.kind),
    ...(categoryCode !== null ? { categoryCode } : {}),
    title,
    description,
    ...(finding.place ? { location: finding.place } : {}),
    ...(finding.area ? { area: finding.area } : {}),
    returnVisitDeclined: true,
  };
}

export type ProactiveResult = { readonly ok: true; readonly ticket: TicketRow } | { readonly ok: false; readonly code: string };

/**
 * Opens, files and dispatches the order. An order an earlier request wrote but did not get filed or
 * dispatched (refused half-way) is carried on rather than left behind; one already dispatched is `exists`.
 */
export async function openProactiveOrder(
  deps: { readonly tickets: TicketRecords; readonly ticketService: TicketService },
  warning: { readonly id: number; readonly finding: HotspotFinding; readonly orderCount: number; readonly categoryCode: string | null },
  unitId: string,
  text: ProactiveText,
  user: AuthUser,
  at: number,
): Promise<ProactiveResult | { readonly ok: false; readonly code: 'exists' }> {
  let { ticket } = await deps.tickets.closeCallWithTicket(callOf(warning.id, at), at);
  if (ticket.mainUnit !== null) return { ok: false, code: 'exists' };
  if (ticket.requestType === null) {
    const filed = await deps.ticketService.file(ticket.id, ticket.version, proactiveFiling(warning.finding, warning.orderCount, warning.categoryCode, text), user);
    if (!filed.ok) return filed;
    ticket = filed.ticket;
  }
  return deps.ticketService.dispatch(ticket.id, ticket.version, { main: unitId, assisting: [] }, `主动治理（热点预警 ${warning.id}）`, user);
}
