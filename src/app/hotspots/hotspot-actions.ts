// What supervisors do with hotspot warnings: list them, open one with its orders and history, take a
// step (send to a unit, handle, dismiss with a note, reopen) and make a proactive order (主动治理) from
// one. Each step is written conditionally on the version read, audited, and told to the wallboards.
import type { AuthUser } from '../../domain/auth/roles.js';
import type { HotspotKind } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotState, HotspotStep } from '../../domain/hotspots/hotspot-states.js';
import { hotspotStepTarget, mayOrderFrom } from '../../domain/hotspots/hotspot-steps.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { HotspotRecords, StoredHotspot } from '../ports/hotspot-records.js';
import type { TicketRecords, TicketRow } from '../ports/ticket-records.js';
import type { TicketService } from '../ticket-service.js';
import { hotspotView, type HotspotDetailView, type HotspotOrderView, type HotspotView } from './hotspot-views.js';
import { openProactiveOrder, proactiveCategory, type ProactiveText } from './proactive-order.js';

/** Enough of a warning's orders to tell which subcategory most of them are. */
const EVIDENCE_READ_FOR_CATEGORY = 50;

export type HotspotActionError = 'HOTSPOT_NOT_FOUND' | 'HOTSPOT_CONFLICT' | 'HOTSPOT_STEP_INVALID' | 'HOTSPOT_UNIT_UNKNOWN' | 'HOTSPOT_NOTE_REQUIRED' | 'HOTSPOT_ORDER_EXISTS';
/** A refusal of the ticket path itself (e.g. a unit the dispatch refuses) is passed on with its own code. */
export type HotspotResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: HotspotActionError | string };

export interface HotspotActionsDeps {
  readonly store: HotspotRecords;
  readonly tickets: TicketRecords;
  readonly ticketService: TicketService;
  readonly taxonomy: Taxonomy;
  /** The declared handling units (the dispatch rules'). */
  readonly units: ReadonlySet<string>;
  readonly audit: AuditLog;
  readonly now: () => number;
  /** Told of every warning whose state changed (the wallboards' hotspot:changed). */
  readonly changed: (view: HotspotView) => void;
}

const fail = (code: HotspotActionError | string): { ok: false; code: HotspotActionError | string } => ({ ok: false, code });

export class HotspotActions {
  constructor(private readonly deps: HotspotActionsDeps) {}

  view(stored: StoredHotspot): Promise<HotspotView> {
    return hotspotView(stored, this.deps.taxonomy, this.deps.tickets);
  }

  async list(filter: { state?: HotspotState | undefined; kind?: HotspotKind | undefined; limit?: number | undefined }): Promise<HotspotView[]> {
    const rows = await this.deps.store.list({ ...(filter.state ? { state: filter.state } : {}), ...(filter.kind ? { kind: filter.kind } : {}), limit: filter.limit ?? 50 });
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async detail(id: number): Promise<HotspotResult<HotspotDetailView>> {
    const stored = await this.deps.store.get(id);
    if (!stored) return fail('HOTSPOT_NOT_FOUND');
    const [ids, history] = await Promise.all([this.deps.store.evidence(id), this.deps.store.history(id)]);
    const tickets = (await Promise.all(ids.map((ticketId) => this.deps.tickets.get(ticketId)))).filter((t): t is TicketRow => t !== undefined);
    const orders = tickets.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map(orderOf);
    const steps = history.map((h) => ({ step: h.step, by: h.by, at: new Date(h.at).toISOString(), unitId: h.unitId, note: h.note }));
    return { ok: true, value: { warning: await this.view(stored), orders, history: steps } };
  }

  async step(id: number, body: { step: HotspotStep; unitId?: string | undefined; note?: string | undefined }, user: AuthUser): Promise<HotspotResult<HotspotView>> {
    const stored = await this.deps.store.get(id);
    if (!stored) return fail('HOTSPOT_NOT_FOUND');
    const note = body.note?.trim() || null;
    if (body.step === 'send' && (body.unitId === undefined || !this.deps.units.has(body.unitId))) return fail('HOTSPOT_UNIT_UNKNOWN');
    if (body.step === 'dismiss' && note === null) return fail('HOTSPOT_NOTE_REQUIRED');
    const to = hotspotStepTarget(stored.state, body.step);
    if (to === null) return this.refused(stored, user, body.step, 'HOTSPOT_STEP_INVALID');
    const at = this.deps.now();
    const unitId = body.step === 'send' ? (body.unitId ?? null) : body.step === 'reopen' ? null : stored.unitId;
    const moved = await this.deps.store.step(id, stored.version, { state: to, unitId, entry: { step: body.step, by: user.id, at, unitId: body.step === 'send' ? unitId : null, note } });
    if (!moved) return this.refused(stored, user, body.step, 'HOTSPOT_CONFLICT');
    await this.deps.audit.write({ at, actor: user.id, role: user.role, action: `hotspot.${body.step}`, target: `hotspot:${id}`, result: 'ok', detail: { from: stored.state, to, unitId, note } });
    return this.told(moved);
  }

  async order(id: number, body: { unitId: string } & ProactiveText, user: AuthUser): Promise<HotspotResult<{ warning: HotspotView; ticket: { id: number; number: string } }>> {
    const stored = await this.deps.store.get(id);
    if (!stored) return fail('HOTSPOT_NOT_FOUND');
    if (!this.deps.units.has(body.unitId)) return fail('HOTSPOT_UNIT_UNKNOWN');
    if (stored.proactiveTicketId !== null) return this.refused(stored, user, 'order', 'HOTSPOT_ORDER_EXISTS');
    if (!mayOrderFrom(stored.state)) return this.refused(stored, user, 'order', 'HOTSPOT_STEP_INVALID');
    const at = this.deps.now();
    const evidence = (await this.deps.store.evidence(id)).slice(0, EVIDENCE_READ_FOR_CATEGORY);
    const categories = await Promise.all(evidence.map(async (ticketId) => (await this.deps.tickets.get(ticketId))?.categoryCode ?? null));
    const categoryCode = proactiveCategory(stored.finding, categories, this.deps.taxonomy);
    const made = await openProactiveOrder(this.deps, { ...stored, categoryCode }, body.unitId, body, user, at);
    if (!made.ok) return made.code === 'exists' ? this.refused(stored, user, 'order', 'HOTSPOT_ORDER_EXISTS') : fail(made.code);
    const ticket = made.ticket;
    const moved = await this.recordOrder(id, body.unitId, ticket, user, at);
    await this.deps.audit.write({ at, actor: user.id, role: user.role, action: 'hotspot.order', target: `hotspot:${id}`, result: 'ok', detail: { ticketId: ticket.id, number: ticket.number, unitId: body.unitId } });
    const told = await this.told(moved);
    return { ok: true, value: { warning: told.value, ticket: { id: ticket.id, number: ticket.number } } };
  }

  /** The order is made: the warning must say so even when a step landed meanwhile, so it is read again and retried. */
  private async recordOrder(id: number, unitId: string, ticket: TicketRow, user: AuthUser, at: number): Promise<StoredHotspot> {
    for (;;) {
      const current = await this.deps.store.get(id);
      if (!current) throw new Error(`hotspot ${id} vanished while its order was made`);
      const moved = await this.deps.store.step(id, current.version, { state: 'sent', unitId, proactiveTicketId: ticket.id, entry: { step: 'order', by: user.id, at, unitId, note: ticket.number } });
      if (moved) return moved;
    }
  }

  private async refused(stored: StoredHotspot, user: AuthUser, step: string, code: HotspotActionError): Promise<{ ok: false; code: HotspotActionError }> {
    await this.deps.audit.write({ at: this.deps.now(), actor: user.id, role: user.role, action: `hotspot.${step}`, target: `hotspot:${stored.id}`, result: 'failed', detail: { code, state: stored.state } });
    return { ok: false, code };
  }

  private async told(stored: StoredHotspot): Promise<{ ok: true; value: HotspotView }> {
    const view = await this.view(stored);
    this.deps.changed(view);
    return { ok: true, value: view };
  }
}

function orderOf(ticket: TicketRow): HotspotOrderView {
  return { id: ticket.id, number: ticket.number, createdAt: new Date(ticket.createdAt).toISOString(), status: ticket.status, categoryCode: ticket.categoryCode, area: ticket.area, location: ticket.location, title: ticket.title };
}
