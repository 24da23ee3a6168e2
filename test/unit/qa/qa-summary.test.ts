import { describe, expect, it } from 'vitest';
import type { ReviewOutcome } from '../../../src/domain/qa/qa-summary.js';
import { summarizeByAgent } from '../../../src/domain/qa/qa-summary.js';

const review = (agentId: string, total: number, grade: ReviewOutcome['grade'], fatalFailed: string[] = []): ReviewOutcome => ({ agentId, total, grade, fatalFailed });

describe('QA summary by agent', () => {
  it('counts, averages to one decimal, min, max, fatal reviews and grades, sorted by agent id', () => {
    const rows = summarizeByAgent([
      review('1002', 85, 'good'),
      review('1001', 95, 'excellent'),
      review('1001', 0, 'fail', ['abuse', 'shirking']),
      review('1002', 86, 'good'),
      review('1001', 88, 'good'),
      review('1001', 71, 'pass'),
      review('1002', 86, 'good'),
    ]);
    expect(rows).toEqual([
      { agentId: '1001', reviews: 4, average: 63.5, min: 0, max: 95, fatalCount: 1, byGrade: { excellent: 1, good: 1, pass: 1, fail: 1 } },
      { agentId: '1002', reviews: 3, average: 85.7, min: 85, max: 86, fatalCount: 0, byGrade: { excellent: 0, good: 3, pass: 0, fail: 0 } },
    ]);
  });

  it('rounds a half up', () => {
    const rows = summarizeByAgent([review('7', 80, 'good'), review('7', 81, 'good'), review('7', 81, 'good'), review('7', 81, 'good')]);
    expect(rows[0]?.average).toBe(80.8);
  });

  it('has no rows without reviews', () => {
    expect(summarizeByAgent([])).toEqual([]);
  });
});
