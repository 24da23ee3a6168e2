// Per-agent roll-up of scored reviews for the QA report: how many, how good, and how many had a fatal
// failure (those matter more than the average, which a single 0 can hide among good scores).
import type { QaGrade } from './qa-scoring.js';

export interface ReviewOutcome {
  readonly agentId: string;
  readonly total: number;
  readonly fatalFailed: readonly string[];
  readonly grade: QaGrade;
}

export interface AgentQaSummary {
  readonly agentId: string;
  readonly reviews: number;
  /** Mean total, rounded half up to one decimal. */
  readonly average: number;
  readonly min: number;
  readonly max: number;
  /** Reviews with at least one failed fatal item (a review failing two counts once). */
  readonly fatalCount: number;
  readonly byGrade: Readonly<Record<QaGrade, number>>;
}

/** One row per agent with reviews, sorted by agent id (code-unit order, locale-independent). */
export function summarizeByAgent(reviews: readonly ReviewOutcome[]): AgentQaSummary[] {
  const byAgent = new Map<string, ReviewOutcome[]>();
  for (const review of reviews) {
    const list = byAgent.get(review.agentId);
    if (list) list.push(review);
    else byAgent.set(review.agentId, [review]);
  }
  const ids = [...byAgent.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((id) => summarize(id, byAgent.get(id) ?? []));
}

function summarize(agentId: string, reviews: readonly ReviewOutcome[]): AgentQaSummary {
  const totals = reviews.map((r) => r.total);
  const sum = totals.reduce((a, b) => a + b, 0);
  const byGrade: Record<QaGrade, number> = { excellent: 0, good: 0, pass: 0, fail: 0 };
  for (const r of reviews) byGrade[r.grade] += 1;
  return {
    agentId,
    reviews: reviews.length,
    average: Math.round((sum * 10) / reviews.length) / 10,
    min: Math.min(...totals),
    max: Math.max(...totals),
    fatalCount: reviews.filter((r) => r.fatalFailed.length > 0).length,
    byGrade,
  };
}
