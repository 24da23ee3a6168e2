// What an agent files on a ticket (the accept step, 受理): checked against the taxonomy and merged
// into the call's ticket. Pure: returns the changes and the problems; the store writes them.
import type { WorkingCalendar } from '../calendar/china-calendar.js';
import { slaDue, type SlaPolicy } from '../calendar/working-time.js';
import { isValidCreditCode } from '../callers/credit-code.js';
import type { Taxonomy } from './categories.js';
import { usedArticles, type ArticleRef } from './used-articles.js';
import { isRequestType, isUrgency, type RequestType, type Urgency } from './request-types.js';

export interface TicketFiling {
  readonly requestType?: string;
  readonly categoryCode?: string;
  readonly title?: string;
  readonly description?: string;
  readonly location?: string;
  readonly area?: string;
  readonly urgency?: string;
  readonly confidential?: boolean;
  /** The citizen says no to return visits (拒绝回访). */
  readonly returnVisitDeclined?: boolean;
  readonly callerName?: string;
  readonly enterpriseName?: string | null;
  readonly enterpriseCreditCode?: string | null;
  readonly articlesUsed?: readonly ArticleRef[];
}

export interface FilingProblem {
  readonly code: 'TICKET_TYPE_UNKNOWN' | 'TICKET_CATEGORY_UNKNOWN' | 'TICKET_URGENCY_UNKNOWN' | 'TICKET_CREDIT_CODE_INVALID';
  readonly field: string;
}

/** The columns a filing may change, already checked. */
export interface FilingChanges {
  requestType?: RequestType;
  categoryCode?: string;
  title?: string;
  description?: string;
  location?: string;
  area?: string;
  urgency?: Urgency;
  confidential?: boolean;
  returnVisitDeclined?: boolean;
  callerName?: string;
  enterpriseName?: string | null;
  enterpriseCreditCode?: string | null;
  /** The whole list, each article once. */
  articlesUsed?: ArticleRef[];
  dueAt?: number;
}

export function checkFiling(filing: TicketFiling, taxonomy: Taxonomy): FilingProblem[] {
  const problems: FilingProblem[] = [];
  if (filing.requestType !== undefined && !isRequestType(filing.requestType)) problems.push({ code: 'TICKET_TYPE_UNKNOWN', field: 'requestType' });
  // Agents pick a subcategory; a major alone is too coarse to dispatch on.
  if (filing.categoryCode !== undefined && !taxonomy.byCode.has(filing.categoryCode)) problems.push({ code: 'TICKET_CATEGORY_UNKNOWN', field: 'categoryCode' });
  if (filing.urgency !== undefined && !isUrgency(filing.urgency)) problems.push({ code: 'TICKET_URGENCY_UNKNOWN', field: 'urgency' });
  const code = filing.enterpriseCreditCode;
  if (code !== undefined && code !== null && !isValidCreditCode(code)) problems.push({ code: 'TICKET_CREDIT_CODE_INVALID', field: 'enterpriseCreditCode' });
  return problems;
}

/** The changes of a checked filing; the due time follows the request type from the call's start. */
export function filingChanges(filing: TicketFiling, receivedAt: number, calendar: WorkingCalendar, policy?: SlaPolicy): FilingChanges {
  const changes: FilingChanges = {};
  for (const key of ['categoryCode', 'title', 'description', 'location', 'area', 'confidential', 'returnVisitDeclined', 'callerName', 'enterpriseName', 'enterpriseCreditCode'] as const) {
    if (filing[key] !== undefined) Object.assign(changes, { [key]: filing[key] });
  }
  if (filing.articlesUsed !== undefined) changes.articlesUsed = usedArticles(filing.articlesUsed);
  if (filing.urgency !== undefined) changes.urgency = filing.urgency as Urgency;
  if (filing.requestType !== undefined && isRequestType(filing.requestType)) {
    changes.requestType = filing.requestType;
    changes.dueAt = slaDue(calendar, filing.requestType, receivedAt, policy).dueAt;
  }
  return changes;
}
