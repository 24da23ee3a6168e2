// The seasons the season rule looks ahead to: the festivals of China's holiday calendar (each year's first
// holiday date against the year before's, so 春节 on 2026-02-15 is compared with 2025-01-28) and the
// harvest seasons kept as data in fixtures/seasons.yaml (夏收, 秋收: when migrant workers' wages fall due).
// Pure: the adapter reads the YAML and the calendar files; parseSeasons checks the harvest data.
import type { CalendarYear } from '../calendar/china-calendar.js';
import { addDays, isLocalDate, type LocalDate } from '../calendar/china-time.js';
import type { SeasonAnchor } from './hotspot-facts.js';

/** The festivals warned of; the calendar names some together (国庆节、中秋节 in 2025), each counts on its own. */
export const SEASON_FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** A harvest season as data: its name and the month-day it starts and ends each year. */
export interface Harvest {
  readonly name: string;
  /** `MM-DD` */
  readonly start: string;
  /** `MM-DD` */
  readonly end: string;
}

export type SeasonsErrorCode = 'SEASONS_INVALID' | 'SEASONS_BAD_DATE' | 'SEASONS_DUPLICATE';

export class SeasonsError extends Error {
  constructor(
    readonly code: SeasonsErrorCode,
    /** Where in the document, e.g. `harvests[1].start`. */
    readonly path: string,
    message: string,
  ) {
    super(`${code} at ${path === '' ? 'the document' : path}: ${message}`);
    this.name = 'SeasonsError';
  }
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A month-day is real when it exists in a leap year (02-29 is refused: it has no date most years).
const realMonthDay = (text: string): boolean => MONTH_DAY.test(text) && text !== '02-29' && isLocalDate(`2024-${text}`);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the parsed value of fixtures/seasons.yaml (`harvests: [{ name, start, end }]`); throws a SeasonsError. */
export function parseSeasons(value: unknown): Harvest[] {
  if (!isRecord(value) || !Array.isArray(value['harvests'])) throw new SeasonsError('SEASONS_INVALID', '', 'seasons data must be a mapping with a list `harvests`');
  for (const key of Object.keys(value)) if (key !== 'harvests') throw new SeasonsError('SEASONS_INVALID', key, `unknown field '${key}'`);
  const names = new Set<string>();
  return value['harvests'].map((entry: unknown, i): Harvest => {
    const path = `harvests[${i}]`;
    if (!isRecord(entry)) throw new SeasonsError('SEASONS_INVALID', path, 'a harvest must be a mapping with name, start and end');
    for (const key of Object.keys(entry)) {
      if (!['name', 'start', 'end'].includes(key)) throw new SeasonsError('SEASONS_INVALID', `${path}.${key}`, `unknown field '${key}'`);
    }
    const { name, start, end } = entry;
    if (typeof name !== 'string' || name.trim() === '') throw new SeasonsError('SEASONS_INVALID', `${path}.name`, 'name must be a non-empty string');
    if (names.has(name)) throw new SeasonsError('SEASONS_DUPLICATE', `${path}.name`, `harvest '${name}' is listed twice`);
    names.add(name);
    for (const [field, text] of [['start', start], ['end', end]] as const) {
      if (typeof text !== 'string' || !realMonthDay(text)) {
        throw new SeasonsError('SEASONS_BAD_DATE', `${path}.${field}`, `${field} must be a real MM-DD month-day, got ${JSON.stringify(text)}`);
      }
    }
    if ((end as string) < (start as string)) throw new SeasonsError('SEASONS_BAD_DATE', `${path}.end`, `end ${String(end)} is before start ${String(start)}`);
    return { name, start: start as string, end: end as string };
  });
}

/**
 * The anchors of the calendar's festivals and of each harvest, for the years given. A festival needs
 * the year before in the calendar too (its start moves: 春节, 端午节, 中秋节 follow the lunar calendar);
 * a harvest is on the same month-day each year, so it is anchored for every year given.
 */
export function seasonAnchors(calendarYears: readonly CalendarYear[], harvests: readonly Harvest[], harvestYears?: readonly number[]): SeasonAnchor[] {
  const anchors: SeasonAnchor[] = [];
  const starts = festivalStarts(calendarYears);
  for (const [name, list] of starts) {
    for (const start of list) {
      // Last year's is the one that started 10 to 14 months earlier (a lunar year is 354–385 days).
      const earlier = list.find((other) => other < start && other >= addDays(start, -430) && other <= addDays(start, -300));
      if (earlier !== undefined) anchors.push({ name, kind: 'festival', start, lastYearStart: earlier });
    }
  }
  for (const year of harvestYears ?? calendarYears.map((y) => y.year)) {
    for (const harvest of harvests) anchors.push({ name: harvest.name, kind: 'harvest', start: `${year}-${harvest.start}`, lastYearStart: `${year - 1}-${harvest.start}` });
  }
  return anchors.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.name < b.name ? -1 : 1));
}

/** Each festival's starts: the first day of each run of its holiday dates, runs joined across year files (元旦 over New Year). */
function festivalStarts(calendarYears: readonly CalendarYear[]): Map<string, LocalDate[]> {
  const dates = new Map<string, Set<LocalDate>>();
  for (const year of calendarYears) {
    for (const holiday of year.holidays) {
      for (const part of holiday.name.split(/[、,，]/)) {
        const name = part.trim();
        if (!(SEASON_FESTIVALS as readonly string[]).includes(name)) continue;
        const set = dates.get(name) ?? new Set<LocalDate>();
        for (const date of holiday.dates) set.add(date);
        dates.set(name, set);
      }
    }
  }
  const starts = new Map<string, LocalDate[]>();
  for (const [name, set] of dates) {
    const sorted = [...set].sort();
    starts.set(name, sorted.filter((date, i) => i === 0 || sorted[i - 1] !== addDays(date, -1)));
  }
  return starts;
}
