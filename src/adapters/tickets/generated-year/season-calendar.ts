// The calendar as the seasons see it: the day each festival of the calendar starts, the harvests, the
// natural seasons a generated year follows (which day is in which), and the festival and harvest
// anchors the season rule is given for a day.
import { addDays, type LocalDate, type WorkingCalendar } from '../../../domain/calendar/china-calendar.js';
import type { SeasonAnchor } from '../../../domain/hotspots/hotspot-facts.js';
import { HARVESTS, NATURAL_SEASONS, type NaturalSeason } from './year-data.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The first day of each holiday of a year the calendar covers (none for a year it does not). */
export function holidayStarts(calendar: WorkingCalendar, year: number): ReadonlyMap<string, LocalDate> {
  const starts = new Map<string, LocalDate>();
  if (!calendar.covers(year)) return starts;
  // A holiday spanning New Year starts in the year before; its days in this year still start "here".
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    const info = calendar.dayInfo(day);
    if (info.kind === 'holiday' && info.holiday !== null && !starts.has(info.holiday)) starts.set(info.holiday, day);
  }
  return starts;
}

export function harvestStart(harvest: (typeof HARVESTS)[number], year: number): LocalDate {
  return `${year}-${pad(harvest.month)}-${pad(harvest.day)}`;
}

/** Memoises the festivals' first days per year. */
export class SeasonCalendar {
  private readonly years = new Map<number, ReadonlyMap<string, LocalDate>>();

  constructor(readonly calendar: WorkingCalendar) {}

  startsOf(year: number): ReadonlyMap<string, LocalDate> {
    let starts = this.years.get(year);
    if (starts === undefined) {
      starts = holidayStarts(this.calendar, year);
      this.years.set(year, starts);
    }
    return starts;
  }

  start(holiday: string, year: number): LocalDate | undefined {
    return this.startsOf(year).get(holiday);
  }

  inSeason(season: NaturalSeason, day: LocalDate): boolean {
    const when = season.when;
    const year = Number(day.slice(0, 4));
    if ('months' in when) return when.months.includes(Number(day.slice(5, 7)));
    if ('harvest' in when) return HARVESTS.some((h) => day >= harvestStart(h, year) && day < addDays(harvestStart(h, year), h.days));
    return [year, year + 1].some((y) => {
      const start = this.start(when.beforeHoliday, y);
      return start !== undefined && day >= addDays(start, -when.days) && day < start;
    });
  }

  /** The multiplier of a category on a day from the natural seasons (1 when none concerns it). */
  factor(code: string, day: LocalDate): number {
    let factor = 1;
    for (const season of NATURAL_SEASONS) {
      if (season.categories.includes(code)) factor *= this.inSeason(season, day) ? season.factor : season.offFactor;
    }
    return factor;
  }

  /**
   * Festivals of the calendar and harvests starting after `day` and within `leadDays`, each with the
   * day it started the year before (when the calendar covers that year).
   */
  anchors(day: LocalDate, leadDays: number): SeasonAnchor[] {
    const last = addDays(day, leadDays);
    const year = Number(day.slice(0, 4));
    const found: SeasonAnchor[] = [];
    for (const y of [year, year + 1]) {
      for (const [name, start] of this.startsOf(y)) {
        const lastYearStart = this.start(name, y - 1);
        if (start > day && start <= last && lastYearStart !== undefined) found.push({ name, kind: 'festival', start, lastYearStart });
      }
      for (const harvest of HARVESTS) {
        const start = harvestStart(harvest, y);
        if (start > day && start <= last) found.push({ name: harvest.name, kind: 'harvest', start, lastYearStart: harvestStart(harvest, y - 1) });
      }
    }
    return found;
  }
}

/** The spans of each natural season between two days, for telling a natural rise from a finding's error. */
export function naturalSeasonSpans(seasons: SeasonCalendar, from: LocalDate, to: LocalDate): { name: string; categories: readonly string[]; from: LocalDate; to: LocalDate }[] {
  const spans: { name: string; categories: readonly string[]; from: LocalDate; to: LocalDate }[] = [];
  for (const season of NATURAL_SEASONS) {
    let open: LocalDate | null = null;
    for (let day = from; day <= addDays(to, 1); day = addDays(day, 1)) {
      const inside = day <= to && seasons.inSeason(season, day);
      if (inside && open === null) open = day;
      if (!inside && open !== null) {
        spans.push({ name: season.name, categories: season.categories, from: open, to: addDays(day, -1) });
        open = null;
      }
    }
  }
  return spans;
}
