import { describe, expect, it } from 'vitest';
import { computeWarnings, warningColour, type SatisfactionRating, type WarningHistory } from '../../../src/domain/tickets/ticket-warnings.js';
import { cst, shippedCalendar } from '../calendar/calendar-fixtures.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T = cst('2026-03-09', '10:00'); // dispatch: Monday 10:00

const history = (overrides: Partial<WarningHistory> = {}): WarningHistory => ({
  dispatchedAt: T,
  firstResponseAt: null,
  progressReportsAt: [],
  handledAt: null,
  satisfaction: [],
  ...overrides,
});
const colours = (h: WarningHistory, now: number): string[] => computeWarnings(h, now).warnings.map((w) => w.colour);
const ratings = (...list: SatisfactionRating[]): WarningHistory['satisfaction'] => list.map((rating, i) => ({ at: T + (i + 1) * DAY, rating }));

describe('red: no response 24 hours after dispatch', () => {
  it('turns red exactly at 24 h, not a millisecond before', () => {
    expect(colours(history(), T + 24 * HOUR - 1)).toEqual([]);
    const at24 = computeWarnings(history(), T + 24 * HOUR);
    expect(at24.warnings).toEqual([{ colour: 'red', since: T + 24 * HOUR, reason: 'no response 24 hours after dispatch' }]);
  });

  it('stays clear when the unit responded in time, and clears once a late response arrives', () => {
    expect(colours(history({ firstResponseAt: T + HOUR }), T + 30 * HOUR)).toEqual([]);
    const late = history({ firstResponseAt: T + 25 * HOUR });
    expect(colours(late, T + 24.5 * HOUR)).toEqual(['red']); // the response has not happened yet at this now
    expect(colours(late, T + 25 * HOUR)).toEqual([]);
  });

  it('says when to look again', () => {
    expect(computeWarnings(history(), T + HOUR).nextCheckAt).toBe(T + 24 * HOUR);
    expect(computeWarnings(history({ firstResponseAt: T + HOUR }), T + 2 * HOUR).nextCheckAt).toBe(T + 3 * DAY);
  });

  it('does not apply before a dispatch or after the order was handled', () => {
    expect(computeWarnings(history({ dispatchedAt: null }), T + 10 * DAY)).toEqual({ warnings: [], nextCheckAt: null });
    expect(colours(history({ handledAt: T + 2 * HOUR }), T + 10 * DAY)).toEqual([]);
    expect(colours(history({ dispatchedAt: T + DAY }), T + 2 * HOUR)).toEqual([]); // dispatched in the future of now
  });
});

describe('yellow: no progress report for 3 days', () => {
  const responded = history({ firstResponseAt: T + HOUR });

  it('turns yellow exactly 3 days after the dispatch', () => {
    expect(colours(responded, T + 3 * DAY - 1)).toEqual([]);
    expect(computeWarnings(responded, T + 3 * DAY).warnings).toEqual([{ colour: 'yellow', since: T + 3 * DAY, reason: 'no progress report for 3 days' }]);
  });

  it('restarts the 3 days at each progress report', () => {
    const reported = history({ firstResponseAt: T + HOUR, progressReportsAt: [T + 2 * DAY, T + DAY] });
    expect(colours(reported, T + 3 * DAY)).toEqual([]);
    expect(colours(reported, T + 5 * DAY - 1)).toEqual([]);
    expect(colours(reported, T + 5 * DAY)).toEqual(['yellow']);
    expect(computeWarnings(reported, T + 4 * DAY).nextCheckAt).toBe(T + 5 * DAY);
  });

  it('ignores reports after now and reports from before this dispatch', () => {
    expect(colours(history({ firstResponseAt: T + HOUR, progressReportsAt: [T + 4 * DAY] }), T + 3 * DAY)).toEqual(['yellow']);
    expect(colours(history({ firstResponseAt: T + HOUR, progressReportsAt: [T - DAY] }), T + 3 * DAY)).toEqual(['yellow']);
  });

  it('shows red and yellow together, red first, when nothing happened for 3 days', () => {
    expect(colours(history(), T + 3 * DAY)).toEqual(['red', 'yellow']);
    expect(warningColour(history(), T + 3 * DAY)).toBe('red');
    expect(warningColour(responded, T + 3 * DAY)).toBe('yellow');
    expect(warningColour(responded, T + DAY)).toBeNull();
  });
});

describe('green: dissatisfied twice in a row', () => {
  const after = T + 30 * DAY;
  const withRatings = (s: WarningHistory['satisfaction']): WarningHistory => history({ firstResponseAt: T + HOUR, handledAt: T + 2 * HOUR, satisfaction: s });

  it('turns green on two dissatisfied results in a row', () => {
    const h = withRatings(ratings('dissatisfied', 'dissatisfied'));
    expect(computeWarnings(h, after).warnings).toEqual([{ colour: 'green', since: T + 2 * DAY, reason: 'dissatisfied 2 times in a row' }]);
    expect(colours(withRatings(ratings('satisfied', 'dissatisfied', 'dissatisfied')), after)).toEqual(['green']);
  });

  it('does not when they are not in a row or only once', () => {
    expect(colours(withRatings(ratings('dissatisfied', 'basically-satisfied', 'dissatisfied')), after)).toEqual([]);
    expect(colours(withRatings(ratings('dissatisfied', 'satisfied', 'dissatisfied')), after)).toEqual([]);
    expect(colours(withRatings(ratings('dissatisfied')), after)).toEqual([]);
    expect(colours(withRatings(ratings('dissatisfied', 'dissatisfied', 'satisfied')), after)).toEqual([]);
  });

  it('orders results by time and ignores those after now', () => {
    const shuffled = withRatings([
      { at: T + 3 * DAY, rating: 'dissatisfied' },
      { at: T + DAY, rating: 'satisfied' },
      { at: T + 2 * DAY, rating: 'dissatisfied' },
    ]);
    expect(colours(shuffled, after)).toEqual(['green']);
    const h = withRatings(ratings('dissatisfied', 'dissatisfied'));
    expect(colours(h, T + 2 * DAY - 1)).toEqual([]);
    expect(colours(h, T + 2 * DAY)).toEqual(['green']);
  });

  it('takes the number in a row from the rules', () => {
    const rules = { noResponseMs: DAY, noProgressMs: 3 * DAY, dissatisfiedInARow: 3 };
    expect(computeWarnings(withRatings(ratings('dissatisfied', 'dissatisfied')), after, { rules }).warnings).toEqual([]);
    expect(computeWarnings(withRatings(ratings('dissatisfied', 'dissatisfied', 'dissatisfied')), after, { rules }).warnings.map((w) => w.colour)).toEqual(['green']);
  });
});

describe('on a working-day clock', () => {
  const calendar = shippedCalendar();

  it('does not count the Spring Festival break', () => {
    // Dispatched on the make-up Saturday 2026-02-14 at 17:00: 7 h that day, then nothing until 02-24.
    const h = history({ dispatchedAt: cst('2026-02-14', '17:00') });
    expect(computeWarnings(h, cst('2026-02-15', '17:00'), { clock: { calendar } }).warnings).toEqual([]);
    expect(computeWarnings(h, cst('2026-02-15', '17:00')).warnings.map((w) => w.colour)).toEqual(['red']); // elapsed clock
    expect(computeWarnings(h, cst('2026-02-24', '17:00') - 1, { clock: { calendar } }).warnings).toEqual([]);
    expect(computeWarnings(h, cst('2026-02-24', '17:00'), { clock: { calendar } }).warnings.map((w) => w.since)).toEqual([cst('2026-02-24', '17:00')]);
    expect(computeWarnings(h, cst('2026-02-20', '12:00'), { clock: { calendar } }).nextCheckAt).toBe(cst('2026-02-24', '17:00'));
  });
});
