// Calling windows: when the hotline may ring people, as business hours on China's working-day calendar
// (e.g. 08:30–20:30 China time on working days, make-up Saturdays included, holidays excluded).
import { nextOpening, parseBusinessHours, type BusinessHoursSpec, type HoursResult } from '../calendar/business-hours.js';
import type { WorkingCalendar } from '../calendar/china-calendar.js';

export type CallingWindow = BusinessHoursSpec;

/** The default window of return visits and reminders: decent hours on working days only. */
export const DEFAULT_CALLING_WINDOW_SPEC = { workingDay: ['08:30-20:30'], nonWorkingDay: [] } as const;

export function parseCallingWindow(raw: unknown, knownHolidays?: readonly string[]): HoursResult<CallingWindow> {
  return parseBusinessHours(raw, knownHolidays ? { knownHolidays } : {}, 'window');
}

/** The earliest instant at or after `t` inside the window; null when it does not open within a year. */
export function nextCallingTime(calendar: WorkingCalendar, window: CallingWindow, t: number): number | null {
  return nextOpening(window, calendar, t, 400);
}

/** The engine's view of windows: a name → next open instant (null: never opens). */
export type WindowLookup = (window: string, t: number) => number | null;

/** Binds named windows to a calendar for the engine; an unknown name never opens. */
export function windowLookup(calendar: WorkingCalendar, windows: Readonly<Record<string, CallingWindow>>): WindowLookup {
  return (name, t) => {
    const window = windows[name];
    return window === undefined ? null : nextCallingTime(calendar, window, t);
  };
}
