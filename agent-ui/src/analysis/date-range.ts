// The analysis page's ranges as China days: the last 7, 30 or 90 days up to today, or this month so
// far. Pure day arithmetic on YYYY-MM-DD.
import { addDays } from '../days.js';

export const RANGE_PRESETS = ['last7', 'last30', 'last90', 'thisMonth'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export function presetRange(preset: RangePreset, today: string): DayRange {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A range typed by hand: both days well formed and in order, else null (the page says so before asking). */
export function customRange(from: string, to: string): DayRange | null {
  if (!DAY.test(from) || !DAY.test(to) || addDays(from, 0) !== from || addDays(to, 0) !== to) return null;
  return from <= to ? { from, to } : null;
}
