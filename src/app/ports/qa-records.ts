// What call-quality review keeps: the reviews QA staff score, and each day's random sample of
// answered calls to review. The db adapter implements it.

/** A scored review as kept. */
export interface QaReviewRow {
  readonly id: number;
  readonly callId: string;
  readonly agentId: string | null;
  readonly formId: string;
  readonly reviewer: string;
  readonly total: number;
  readonly grade: string;
  readonly fatalFailed: string[];
  readonly items: unknown[];
  readonly comment: string | null;
  readonly createdAt: number;
}

export type NewQaReview = Omit<QaReviewRow, 'id' | 'agentId' | 'comment'> & { readonly agentId?: string | null; readonly comment?: string | null };

/** A call an agent answered (what a day's sample is drawn from), or one picked for review. */
export interface AnsweredCall {
  readonly callId: string;
  readonly agentId: string;
}

export interface QaRecords {
  addReview(review: NewQaReview): Promise<QaReviewRow>;
  /** Reviews written in [from, to), oldest first; of one agent when named. */
  reviews(filter: { from: number; to: number; agentId?: string }): Promise<QaReviewRow[]>;
  reviewsOfCalls(callIds: readonly string[]): Promise<QaReviewRow[]>;
  /** Calls an agent answered that started in [from, to): what a day's sample is drawn from. */
  answeredCalls(from: number, to: number): Promise<AnsweredCall[]>;
  /** Keeps an existing sample: drawing the same day twice must not change what QA already works on. */
  saveSample(day: string, picks: readonly AnsweredCall[], percent: number, now: number): Promise<void>;
  sample(day: string): Promise<(AnsweredCall & { percent: number })[]>;
}
