// The work order while the citizen speaks: the agent's fields saved as the call's draft as they
// type, read back after a reload, and submitted during the call if the agent is done before the
// caller. Only the agent talking on the call writes it (the permission table's `call.draft`); the
// ticket written at hang-up takes the draft in (adapters/db/ticket-store.ts), after which the draft
// is refused (CALL_DRAFT_CLOSED) and the agent files on the ticket as before.
import { permits, relationsToCall } from '../../domain/auth/permissions.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { WorkingCalendar } from '../../domain/calendar/china-calendar.js';
import type { SlaPolicy } from '../../domain/calendar/working-time.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import type { CallDraft, DraftFields } from '../../domain/tickets/call-draft.js';
import { filingChanges } from '../../domain/tickets/ticket-filing.js';
import { usedArticles } from '../../domain/tickets/used-articles.js';
import type { DraftRecords } from '../ports/draft-records.js';

/** A call this server is handling now, as far as a draft cares: who talks on it, when it began. */
export interface CallOnLine {
  readonly agentId: string | null;
  readonly startedAt: number;
}

export type DraftError = 'CALL_NOT_FOUND' | 'CALL_NOT_YOURS' | 'CALL_DRAFT_CLOSED' | 'TICKET_CATEGORY_UNKNOWN';
export type DraftResult = { readonly ok: true; readonly draft: CallDraft | null } | { readonly ok: false; readonly code: DraftError };

/** What a save carries: the whole form as it is now (a field left out is empty), and whether it is submitted. */
export type DraftInput = Partial<DraftFields> & { readonly submit?: boolean };

export interface CallDraftsDeps {
  readonly store: DraftRecords;
  /** The live call with this id, or null when it is not live (ended, unknown); in a cluster, asked of the server running it. */
  readonly lineOf: (callId: string) => CallOnLine | null | Promise<CallOnLine | null>;
  /** Whether the call's ticket is written (the call is over). */
  readonly ticketWritten: (callId: string) => Promise<boolean>;
  readonly taxonomy: Taxonomy;
  readonly calendar: WorkingCalendar;
  readonly slaPolicy?: SlaPolicy;
  readonly now: () => number;
}

const refuse = (code: DraftError): DraftResult => ({ ok: false, code });

export class CallDrafts {
  constructor(private readonly deps: CallDraftsDeps) {}

  async read(callId: string, user: AuthUser): Promise<DraftResult> {
    const line = await this.lineFor(callId, user);
    return 'ok' in line ? line : { ok: true, draft: (await this.deps.store.get(callId)) ?? null };
  }

  async save(callId: string, input: DraftInput, user: AuthUser): Promise<DraftResult> {
    const line = await this.lineFor(callId, user);
    if ('ok' in line) return line;
    if (input.categoryCode != null && !this.deps.taxonomy.byCode.has(input.categoryCode)) return refuse('TICKET_CATEGORY_UNKNOWN');
    const now = this.deps.now();
    const before = await this.deps.store.get(callId);
    // Submitted once, submitted for good: later saves during the call still change the fields.
    const submitted = before?.submittedAt != null ? { submittedAt: before.submittedAt, submittedBy: before.submittedBy } : input.submit ? { submittedAt: now, submittedBy: user.id } : { submittedAt: null, submittedBy: null };
    const fields = fieldsOf(input);
    const dueAt = fields.requestType === null ? null : (filingChanges({ requestType: fields.requestType }, line.startedAt, this.deps.calendar, this.deps.slaPolicy).dueAt ?? null);
    const outcome = await this.deps.store.save({ callId, agentId: line.agentId, writtenBy: user.id, ...fields, dueAt, ...submitted }, now);
    return outcome.saved ? { ok: true, draft: outcome.draft } : refuse('CALL_DRAFT_CLOSED');
  }

  /** The call on the line, if this user may touch its draft now; otherwise why not. */
  private async lineFor(callId: string, user: AuthUser): Promise<CallOnLine | (DraftResult & { readonly ok: false })> {
    const line = await this.deps.lineOf(callId);
    if (!line) return { ok: false, code: (await this.deps.ticketWritten(callId)) ? 'CALL_DRAFT_CLOSED' : 'CALL_NOT_FOUND' };
    return permits('call.draft', user, relationsToCall(line.agentId, user)) ? line : { ok: false, code: 'CALL_NOT_YOURS' };
  }
}

function fieldsOf(input: DraftInput): DraftFields {
  return {
    requestType: input.requestType ?? null,
    categoryCode: input.categoryCode ?? null,
    title: input.title ?? '',
    description: input.description ?? '',
    location: input.location ?? '',
    area: input.area ?? '',
    urgency: input.urgency ?? null,
    confidential: input.confidential ?? false,
    returnVisitDeclined: input.returnVisitDeclined ?? false,
    callerName: input.callerName ?? '',
    enterpriseName: input.enterpriseName ?? '',
    enterpriseCreditCode: input.enterpriseCreditCode ?? '',
    articlesUsed: usedArticles(input.articlesUsed ?? []),
  };
}
