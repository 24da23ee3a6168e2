// Loads the shipped calendar data (fixtures/calendar/*.yaml) the way the server does: read, parse the
// YAML, hand the value to the pure parser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadWorkingCalendar, parseCalendarYear, type CalendarYear, type WorkingCalendar } from '../../../src/domain/calendar/china-calendar.js';

export const CALENDAR_DIR = path.resolve('fixtures/calendar');

export function calendarFiles(): { file: string; data: unknown }[] {
  return readdirSync(CALENDAR_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, data: parse(readFileSync(path.join(CALENDAR_DIR, file), 'utf8')) as unknown }));
}

export function shippedYear(year: number): CalendarYear {
  const data = parse(readFileSync(path.join(CALENDAR_DIR, `${year}.yaml`), 'utf8')) as unknown;
  const parsed = parseCalendarYear(data);
  if (!parsed.ok) throw new Error(`fixtures/calendar/${year}.yaml is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

export function shippedCalendar(): WorkingCalendar {
  const loaded = loadWorkingCalendar(calendarFiles());
  if (!loaded.ok) throw new Error(`fixtures/calendar is invalid: ${JSON.stringify(loaded.problems)}`);
  return loaded.value;
}

/** Epoch ms of a China local time, written independently of the code under test (UTC+8 by hand). */
export function cst(date: string, time = '00:00'): number {
  return Date.parse(`${date}T${time}:00.000+08:00`);
}
