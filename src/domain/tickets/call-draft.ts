// What an agent types on a work order while the citizen is still speaking (the call's draft), and
// how it meets the call's facts when the ticket is written at hang-up. Pure: the store keeps the
// draft and calls draftColumns inside the transaction that closes the call.
import { isValidCreditCode } from '../callers/credit-code.js';
import type { RequestType, Urgency } from './request-types.js';
import type { FilingChanges } from './ticket-filing.js';
import { usedArticles, type ArticleRef } from './used-articles.js';

/** The agent's fields as typed so far: text may be empty, a credit code may be half typed. */
export interface DraftFields {
  readonly requestType: RequestType | null;
  readonly categoryCode: string | null;
  readonly title: string;
  readonly description: string;
  readonly location: string;
  readonly area: string;
  readonly urgency: Urgency | null;
  readonly confidential: boolean;
  /** The citizen says no to return visits (拒绝回访). */
  readonly returnVisitDeclined: boolean;
  readonly callerName: string;
  readonly enterpriseName: string;
  readonly enterpriseCreditCode: string;
  /** The knowledge articles quoted so far (「引用此答案」). */
  readonly articlesUsed: ArticleRef[];
}

/** A call's draft as kept: the fields, who wrote them last, and whether the agent submitted them. */
export interface CallDraft extends DraftFields {
  readonly callId: string;
  readonly agentId: string | null;
  readonly writtenBy: string;
  /** The SLA due time the request type gives from the call's start (set when the type is). */
  readonly dueAt: number | null;
  /** When the agent pressed submit during the call (null: still a draft). */
  readonly submittedAt: number | null;
  readonly submittedBy: string | null;
  readonly updatedAt: number;
}

/**
 * The ticket columns a draft may set: the agent's side of the work order, never the call's facts.
 * A filing's columns, except that a draft never clears the enterprise (an empty field keeps the fact).
 */
export type DraftColumns = Omit<FilingChanges, 'enterpriseName' | 'enterpriseCreditCode'> & {
  enterpriseName?: string;
  enterpriseCreditCode?: string;
  filedAt?: number;
  filedBy?: string;
};

/** The history entry that says what the draft brought to the ticket. */
export interface DraftEvent {
  readonly kind: 'filed' | 'drafted';
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

const TEXTS = ['title', 'description', 'location', 'area', 'callerName', 'enterpriseName'] as const;

/**
 * The merge rule: what the agent recorded wins for the agent's fields (a non-empty text, a chosen
 * type, category or urgency, the boxes for confidentiality and declined return visits, the articles quoted); an empty
 * one leaves what the call measured (the caller's name from the network, the enterprise from the registry). The call's times, numbers,
 * IVR path, queue, agent and recordings are not in DraftColumns at all, so they cannot be overwritten.
 * A credit code that is not a valid one (half typed when the caller hung up) is not put on the
 * ticket but kept in the history entry, so nothing typed is lost.
 */
export function draftColumns(draft: CallDraft): { columns: DraftColumns; event: DraftEvent | null } {
  const columns: DraftColumns = {};
  for (const key of TEXTS) {
    const value = draft[key].trim();
    if (value !== '') columns[key] = value;
  }
  if (draft.requestType !== null) columns.requestType = draft.requestType;
  if (draft.categoryCode !== null) columns.categoryCode = draft.categoryCode;
  if (draft.urgency !== null) columns.urgency = draft.urgency;
  if (draft.confidential) columns.confidential = true;
  if (draft.returnVisitDeclined) columns.returnVisitDeclined = true;
  if (draft.articlesUsed.length > 0) columns.articlesUsed = usedArticles(draft.articlesUsed);
  if (draft.dueAt !== null && draft.requestType !== null) columns.dueAt = draft.dueAt;
  const code = draft.enterpriseCreditCode.trim();
  const codeKept = code !== '' && !isValidCreditCode(code);
  if (code !== '' && !codeKept) columns.enterpriseCreditCode = code;
  if (draft.submittedAt !== null && draft.submittedBy !== null) {
    columns.filedAt = draft.submittedAt;
    columns.filedBy = draft.submittedBy;
  }
  const fields = Object.keys(columns).filter((key) => key !== 'dueAt' && key !== 'filedAt' && key !== 'filedBy');
  if (fields.length === 0 && !codeKept && columns.filedAt === undefined) return { columns, event: null };
  const data: Record<string, unknown> = { fields, during: 'call', ...(columns.articlesUsed ? { articlesUsed: columns.articlesUsed } : {}), ...(codeKept ? { notCarried: { enterpriseCreditCode: code } } : {}) };
  if (columns.filedAt !== undefined && columns.filedBy !== undefined) return { columns, event: { kind: 'filed', actor: columns.filedBy, data: { ...data, submittedAt: columns.filedAt } } };
  return { columns, event: { kind: 'drafted', actor: draft.writtenBy, data } };
}
