import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../src/domain/calendar/china-calendar.js';
import {
  addWorkingDays,
  addWorkingMs,
  isOverdue,
  milestones1345,
  slaDue,
  workingMsBetween,
} from '../../../src/domain/calendar/working-time.js';
import { cst, shippedCalendar } from './calendar-fixtures.js';

const calendar = shippedCalendar();
// The deadline "24:00 on D" is the instant the next day begins.
const endOf = (date: string): number => cst(date) + 24 * HOUR_MS;

describe('due times in working days', () => {
  it('a consultation on the Friday evening before the 2026 Spring Festival is due at the end of the make-up Saturday', () => {
    const due = slaDue(calendar, 'consultation', cst('2026-02-13', '18:00'));
    expect(due).toEqual({ dueAt: endOf('2026-02-14'), dueDate: '2026-02-14', workingDays: 1, outsideCalendar: false });
  });

  it('a consultation on the make-up Saturday itself is due at the end of the first day after the break', () => {
    expect(slaDue(calendar, 'consultation', cst('2026-02-14', '09:00')).dueDate).toBe('2026-02-24');
  });

  it('other requests take 4 working days, skipping the break', () => {
    // 02-14 (make-up), 02-24, 02-25, 02-26.
    expect(slaDue(calendar, 'complaint', cst('2026-02-13', '18:00'))).toMatchObject({ dueAt: endOf('2026-02-26'), workingDays: 4 });
    // The week after: 02-27, then the make-up Saturday 02-28, 03-02, 03-03.
    expect(slaDue(calendar, 'help', cst('2026-02-26', '10:00')).dueDate).toBe('2026-03-03');
  });

  it('across 国庆 in 2025 and 2026', () => {
    expect(slaDue(calendar, 'consultation', cst('2025-09-30', '15:00')).dueDate).toBe('2025-10-09');
    // 10-09, 10-10, 10-11 (make-up Saturday), 10-13.
    expect(slaDue(calendar, 'complaint', cst('2025-09-30', '15:00')).dueDate).toBe('2025-10-13');
    // Friday 2025-09-26 evening: Saturday is off, Sunday 09-28 is a make-up day.
    expect(slaDue(calendar, 'consultation', cst('2025-09-26', '18:00')).dueDate).toBe('2025-09-28');
    // 2026: 中秋 09-25..27 then make-up Sunday 09-20 before it; 国庆 10-01..07, make-up Saturday 10-10.
    expect(slaDue(calendar, 'consultation', cst('2026-09-18', '18:00')).dueDate).toBe('2026-09-20');
    expect(slaDue(calendar, 'consultation', cst('2026-09-24', '18:00')).dueDate).toBe('2026-09-28');
    expect(slaDue(calendar, 'report', cst('2026-09-30', '11:00')).dueDate).toBe('2026-10-12'); // 10-08, 10-09, 10-10, 10-12
  });

  it('never counts the day of receipt, whatever the hour', () => {
    expect(addWorkingDays(calendar, cst('2026-03-09', '00:00'), 1)).toBe(endOf('2026-03-10'));
    expect(addWorkingDays(calendar, cst('2026-03-09', '23:59'), 1)).toBe(endOf('2026-03-10'));
    // Received on an ordinary Saturday: Monday.
    expect(addWorkingDays(calendar, cst('2026-03-07', '10:00'), 1)).toBe(endOf('2026-03-09'));
    // The instant near China midnight decides the day: 15:59 UTC Monday is Monday 23:59 in Beijing.
    expect(addWorkingDays(calendar, Date.UTC(2026, 2, 9, 15, 59), 1)).toBe(endOf('2026-03-10'));
    expect(addWorkingDays(calendar, Date.UTC(2026, 2, 9, 16, 0), 1)).toBe(endOf('2026-03-11'));
  });

  it('crosses New Year onto the make-up Sunday 2026-01-04', () => {
    expect(slaDue(calendar, 'consultation', cst('2025-12-31', '20:00')).dueDate).toBe('2026-01-04');
  });

  it('can end at a close-of-business cutoff instead of 24:00', () => {
    expect(addWorkingDays(calendar, cst('2026-02-13', '18:00'), 1, { cutoffMinute: 17 * 60 + 30 })).toBe(cst('2026-02-14', '17:30'));
    const policy = { defaultDays: 4, byType: { consultation: 1 }, cutoffMinute: 18 * 60 };
    expect(slaDue(calendar, 'consultation', cst('2026-02-13', '18:00'), policy).dueAt).toBe(cst('2026-02-14', '18:00'));
  });

  it('takes days per type from a configurable policy', () => {
    const policy = { defaultDays: 5, byType: { consultation: 2, complaint: 3 } };
    expect(slaDue(calendar, 'consultation', cst('2026-03-09', '10:00'), policy).dueDate).toBe('2026-03-11');
    expect(slaDue(calendar, 'complaint', cst('2026-03-09', '10:00'), policy).dueDate).toBe('2026-03-12');
    expect(slaDue(calendar, 'suggestion', cst('2026-03-09', '10:00'), policy).dueDate).toBe('2026-03-16');
  });

  it('flags a due time computed beyond the calendar data', () => {
    expect(slaDue(calendar, 'consultation', cst('2026-12-31', '10:00'))).toMatchObject({ dueDate: '2027-01-01', outsideCalendar: true });
    expect(slaDue(calendar, 'consultation', cst('2026-12-30', '10:00'))).toMatchObject({ dueDate: '2026-12-31', outsideCalendar: false });
  });

  it('refuses a count that is not a whole number ≥ 1 or a bad cutoff', () => {
    expect(() => addWorkingDays(calendar, cst('2026-03-09'), 0)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, cst('2026-03-09'), 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, cst('2026-03-09'), 1, { cutoffMinute: 0 })).toThrow(RangeError);
  });

  it('is overdue from the deadline instant on', () => {
    const { dueAt } = slaDue(calendar, 'consultation', cst('2026-02-13', '18:00'));
    expect(isOverdue(dueAt, dueAt - 1)).toBe(false);
    expect(isOverdue(dueAt, dueAt)).toBe(true);
  });
});

describe('the 1345 milestones', () => {
  it('from a dispatch on the Friday before the 2026 Spring Festival', () => {
    // 02-14 (make-up), 02-24, 02-25, 02-26, 02-27.
    expect(milestones1345(calendar, cst('2026-02-13', '16:00'))).toEqual({
      signBy: endOf('2026-02-14'),
      replyBy: endOf('2026-02-25'),
      followUpBy: endOf('2026-02-26'),
      closeBy: endOf('2026-02-27'),
      outsideCalendar: false,
    });
  });

  it('from a dispatch the day before 国庆 2026', () => {
    // 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13.
    expect(milestones1345(calendar, cst('2026-09-30', '09:00'))).toMatchObject({
      signBy: endOf('2026-10-08'),
      replyBy: endOf('2026-10-10'),
      followUpBy: endOf('2026-10-12'),
      closeBy: endOf('2026-10-13'),
    });
  });

  it('with other day counts', () => {
    const m = milestones1345(calendar, cst('2026-03-09', '09:00'), { sign: 1, reply: 2, followUp: 2, close: 3 });
    expect([m.signBy, m.replyBy, m.followUpBy, m.closeBy]).toEqual([endOf('2026-03-10'), endOf('2026-03-11'), endOf('2026-03-11'), endOf('2026-03-12')]);
  });
});

describe('working-hours arithmetic', () => {
  it('counts only time on working days', () => {
    // Friday 2026-02-13 16:00 → Tuesday 02-24 10:00: 8 h Friday, 24 h make-up Saturday, 10 h Tuesday.
    expect(workingMsBetween(calendar, cst('2026-02-13', '16:00'), cst('2026-02-24', '10:00'))).toBe(42 * HOUR_MS);
    expect(workingMsBetween(calendar, cst('2026-02-16', '10:00'), cst('2026-02-18', '10:00'))).toBe(0);
    expect(workingMsBetween(calendar, cst('2026-03-10'), cst('2026-03-09'))).toBe(0);
  });

  it('adds working time, skipping weekends and holidays', () => {
    expect(addWorkingMs(calendar, cst('2026-03-06', '10:00'), 24 * HOUR_MS)).toBe(cst('2026-03-09', '10:00')); // Fri → Mon
    expect(addWorkingMs(calendar, cst('2026-02-14', '17:00'), 24 * HOUR_MS)).toBe(cst('2026-02-24', '17:00'));
    expect(addWorkingMs(calendar, cst('2026-02-16', '10:00'), HOUR_MS)).toBe(cst('2026-02-24', '01:00')); // starts in the break
    expect(addWorkingMs(calendar, cst('2026-02-16', '10:00'), 0)).toBe(cst('2026-02-16', '10:00'));
    const start = cst('2026-02-13', '16:00');
    expect(workingMsBetween(calendar, start, addWorkingMs(calendar, start, 42 * HOUR_MS))).toBe(42 * HOUR_MS);
  });
});
