// Validity on China calendar days and the owners' reminder flags: both ends included, open ends,
// expired the day after valid-to, expiring soon within 30 days, review due on its day.
import { describe, expect, it } from 'vitest';
import { pastValidity, reminderFlags, validOn } from '../../../src/domain/knowledge/article-validity.js';

const article = (validFrom: string | null, validTo: string | null, reviewDue: string | null = null) => ({ validFrom, validTo, reviewDue });

describe('article validity', () => {
  it('is valid from its first day to its last, both included, and open when a day is not given', () => {
    const a = article('2026-03-01', '2026-03-31');
    expect(['2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01'].map((day) => validOn(a, day))).toEqual([false, true, true, false]);
    expect(validOn(article(null, null), '1999-01-01')).toBe(true);
    expect(validOn(article('2026-03-01', null), '2099-12-31')).toBe(true);
    expect(validOn(article(null, '2026-03-31'), '2000-01-01')).toBe(true);
  });

  it('is past its validity only from the day after valid-to', () => {
    expect(pastValidity(article(null, '2026-12-04'), '2026-12-05')).toBe(true);
    expect(pastValidity(article(null, '2026-12-05'), '2026-12-05')).toBe(false);
    expect(pastValidity(article(null, null), '2099-01-01')).toBe(false);
  });

  it('flags what an owner should look at on the day', () => {
    const today = '2026-12-05';
    expect(reminderFlags(article('2026-01-01', '2026-12-04'), today)).toEqual(['expired']);
    expect(reminderFlags(article('2026-12-06', null), today)).toEqual(['not-yet-valid']);
    expect(reminderFlags(article(null, null, '2026-12-05'), today)).toEqual(['review-due']);
    expect(reminderFlags(article(null, null, '2026-12-06'), today)).toEqual([]);
    // 30 days ahead (2027-01-04) still expires soon; 31 days ahead does not.
    expect(reminderFlags(article(null, '2027-01-04'), today)).toEqual(['expires-soon']);
    expect(reminderFlags(article(null, '2027-01-05'), today)).toEqual([]);
    expect(reminderFlags(article('2027-01-01', '2027-01-02', '2026-01-01'), today)).toEqual(['not-yet-valid', 'review-due', 'expires-soon']);
  });
});
