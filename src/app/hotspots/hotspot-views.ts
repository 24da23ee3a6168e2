// A stored warning as the API, the wallboard and the analysis page see it (the shapes of
// contract/api/hotspots.ts, which the routes' schemas hold these to): the category's zh-CN name and the
// proactive order's number added, times as ISO text.
import type { HotspotFinding } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotState, HotspotStep } from '../../domain/hotspots/hotspot-states.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { StoredHotspot } from '../ports/hotspot-records.js';
import type { TicketRecords } from '../ports/ticket-records.js';

/** The finding's own fields (but its evidence, which the detail lists) and what keeping it added. */
export interface HotspotView extends Omit<HotspotFinding, 'orderIds' | 'select'> {
  readonly id: number;
  readonly state: HotspotState;
  readonly categoryName: string | null;
  readonly orderCount: number;
  readonly unitId: string | null;
  readonly proactiveTicket: { readonly id: number; readonly number: string } | null;
  readonly raisedAt: string;
  readonly updatedAt: string;
}

/** One order behind a warning, as a supervisor opens it. */
export interface HotspotOrderView {
  readonly id: number;
  readonly number: string;
  readonly createdAt: string;
  readonly status: string;
  readonly categoryCode: string | null;
  readonly area: string | null;
  readonly location: string | null;
  readonly title: string | null;
}

export interface HotspotDetailView {
  readonly warning: HotspotView;
  readonly orders: HotspotOrderView[];
  readonly history: { readonly step: HotspotStep | 'raised' | 'order'; readonly by: string | null; readonly at: string; readonly unitId: string | null; readonly note: string | null }[];
}

/** The subcategory's name, or the major category's when the code names one. */
export function categoryName(taxonomy: Taxonomy, code: string | null): string | null {
  if (code === null) return null;
  const found = taxonomy.byCode.get(code);
  if (found) return found.sub.name;
  return taxonomy.categories.find((major) => major.code === code)?.name ?? null;
}

export async function hotspotView(stored: StoredHotspot, taxonomy: Taxonomy, tickets: Pick<TicketRecords, 'get'>): Promise<HotspotView> {
  const { finding } = stored;
  const ticket = stored.proactiveTicketId === null ? undefined : await tickets.get(stored.proactiveTicketId);
  return {
    id: stored.id,
    key: finding.key,
    kind: finding.kind,
    state: stored.state,
    categoryCode: finding.categoryCode,
    categoryName: categoryName(taxonomy, finding.categoryCode),
    area: finding.area,
    place: finding.place,
    from: finding.from,
    to: finding.to,
    observed: finding.observed,
    expected: finding.expected,
    score: finding.score,
    reason: finding.reason,
    orderCount: stored.orderCount,
    unitId: stored.unitId,
    proactiveTicket: ticket ? { id: ticket.id, number: ticket.number } : null,
    raisedAt: new Date(stored.raisedAt).toISOString(),
    updatedAt: new Date(stored.updatedAt).toISOString(),
  };
}
