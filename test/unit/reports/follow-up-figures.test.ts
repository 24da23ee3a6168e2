// The day's follow-up figures (domain/reports/follow-up-figures.ts): signed within 5 minutes, reminders, 回访率 and 回访满意率. Pure.
import { describe, expect, it } from 'vitest';
import { followUpFigures, type FollowUpCallRow } from '../../../src/domain/reports/follow-up-figures.js';

const MIN = 60_000;
const DAY_START = Date.UTC(2026, 11, 2, 16, 0); // 2026-12-03 00:00 China time
const T = DAY_START + 10 * 60 * MIN;

const visit = (over: Partial<FollowUpCallRow>): FollowUpCallRow => ({ createdAt: T, purpose: 'return-visit', dialed: true, reached: true, rating: null, ...over });

describe('the follow-up figures of a day', () => {
  it('counts dispatches signed within the target, on the day of the dispatch', () => {
    const f = followUpFigures({
      day: '20261203',
      signWithinMs: 5 * MIN,
      dispatches: [
        { dispatchedAt: T, signedAt: T + 5 * MIN },
        { dispatchedAt: T, signedAt: T + 5 * MIN + 1 },
        { dispatchedAt: T, signedAt: null },
        { dispatchedAt: DAY_START - 1, signedAt: DAY_START },
      ],
      messages: [],
      calls: [],
    });
    expect(f).toMatchObject({ dispatched: 3, signedWithinTarget: 1, signedWithinTargetRate: 0.3333 });
  });

  it('counts messages by their delivery report and reminder calls apart from visits', () => {
    const f = followUpFigures({
      day: '2026-12-03',
      signWithinMs: 5 * MIN,
      dispatches: [],
      messages: [
        { createdAt: T, status: 'delivered' },
        { createdAt: T, status: 'failed' },
        { createdAt: T, status: 'queued' },
        { createdAt: T, status: 'submitted' },
      ],
      calls: [
        { createdAt: T, purpose: 'sign-reminder', dialed: true, reached: true, rating: null },
        { createdAt: T, purpose: 'reply-reminder', dialed: false, reached: false, rating: null },
      ],
    });
    expect(f.messages).toEqual({ sent: 3, delivered: 1, failed: 1 });
    expect(f.reminderCalls).toEqual({ asked: 2, dialed: 1, reached: 1 });
    expect(f.signedWithinTargetRate).toBeNull();
  });

  it('gives 回访率 over the visits due and 回访满意率 over the ratings obtained', () => {
    const f = followUpFigures({
      day: '20261203',
      signWithinMs: 5 * MIN,
      dispatches: [],
      messages: [],
      calls: [
        visit({ rating: 'satisfied' }),
        visit({ rating: 'basically-satisfied' }),
        visit({ rating: 'dissatisfied' }),
        visit({ reached: true, rating: null }),
        visit({ reached: false }),
        visit({ dialed: false, reached: false }),
      ],
    });
    expect(f.returnVisits).toEqual({
      due: 6,
      dialed: 5,
      reached: 4,
      rate: 0.6667,
      ratings: { satisfied: 1, 'basically-satisfied': 1, dissatisfied: 1 },
      satisfactionRate: 0.6667,
    });
  });
});
