// The shapes of the REST answers the pages read (see src/http/routes/*.ts and ticket-view.ts).
// Only the fields the pages use are listed; shapes the server takes straight from the domain are
// imported from there (types only: nothing of the server goes into the bundle).
export type { QaForm, QaItem } from '../../src/domain/qa/qa-forms.js';
export type { AgentQaSummary } from '../../src/domain/qa/qa-summary.js';
export type { Category, Subcategory } from '../../src/domain/tickets/categories.js';

export interface TicketSummary {
  readonly id: number;
  readonly number: string;
  readonly version: number;
  readonly callId: string;
  readonly status: string;
  readonly requestType: string | null;
  readonly categoryCode: string | null;
  readonly title: string | null;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly confidential: boolean;
  readonly elderly: boolean;
  readonly enterpriseName: string | null;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly urgency: string | null;
  readonly satisfaction: string | null;
  readonly createdAt: string;
}

export interface RecordingView {
  readonly id: string;
  readonly kind: string;
  readonly format: string;
  readonly state: string;
  readonly durationMs: number | null;
  readonly startedAt: string | null;
  readonly url: string | null;
}

export interface TicketDetail extends TicketSummary {
  readonly description: string | null;
  readonly location: string | null;
  readonly area: string | null;
  readonly enterpriseCreditCode: string | null;
  readonly call: {
    readonly startedAt: string | null;
    readonly answeredAt: string | null;
    readonly agentAnsweredAt: string | null;
    readonly endedAt: string | null;
    readonly waitMs: number | null;
    readonly talkMs: number | null;
    readonly ivrPathWords: string;
  };
  readonly recordings: readonly RecordingView[];
}

export interface QaCall extends TicketSummary {
  readonly talkMs: number | null;
  readonly waitMs: number | null;
  readonly reviews: readonly { readonly id: number; readonly total: number; readonly grade: string; readonly reviewer: string }[];
}

export interface QaReview {
  readonly id: number;
  readonly callId: string;
  readonly total: number;
  readonly grade: string;
  readonly fatalFailed: readonly string[];
}

export interface QueueInfo {
  readonly queueId: string;
  readonly name: string;
}

export interface DispatchSuggestion {
  readonly candidates: readonly { readonly unitId: string; readonly name: string; readonly score: number }[];
  readonly main: string | null;
  readonly assisting: readonly string[];
}

export interface QueueDayReport {
  readonly queue: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly answerRate: number | null;
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
}

export interface DailyReportAnswer {
  readonly report: { readonly day: string; readonly queues: readonly QueueDayReport[]; readonly total: QueueDayReport };
  readonly connectionRate24h: number | null;
}
