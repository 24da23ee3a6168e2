// Business hours for the IVR's `hours` nodes: ivr-flows/schedules.yaml on China's working-day
// calendar (fixtures/calendar/*.yaml). Problems come back as data, never thrown.
import fs from 'node:fs';
import path from 'node:path';
import { isOpen, nextChange, parseScheduleSet, type BusinessHoursSpec } from '../../domain/calendar/business-hours.js';
import { loadWorkingCalendar, type WorkingCalendar } from '../../domain/calendar/china-calendar.js';
import type { DataFileProblem } from '../files/data-file-problem.js';
import { readDataFile } from '../files/data-file.js';

/** A problem of the calendar or the schedules: the reader's or the pure parsers', in one shape. */
export type ScheduleProblem = DataFileProblem;

export interface Schedules {
  readonly calendar: WorkingCalendar;
  readonly specs: Readonly<Record<string, BusinessHoursSpec>>;
  isOpen(scheduleId: string, at: number): boolean;
  /** When the schedule next opens or closes after `at`; null when not within two weeks. */
  nextChange(scheduleId: string, at: number): number | null;
}

/** The one data-file reader (limits, UTF-8, duplicate keys, aliases); problems keep the reader's codes. */
function readYaml(file: string, problems: ScheduleProblem[]): unknown {
  const read = readDataFile(file);
  problems.push(...read.problems);
  return read.value;
}

export function loadCalendar(calendarDir: string): { calendar?: WorkingCalendar; problems: ScheduleProblem[] } {
  const problems: ScheduleProblem[] = [];
  const files = fs.existsSync(calendarDir) ? fs.readdirSync(calendarDir).filter((name) => /^\d{4}\.yaml$/.test(name)).sort() : [];
  const data = files.map((name) => ({ file: path.join(calendarDir, name), data: readYaml(path.join(calendarDir, name), problems) }));
  if (problems.length > 0) return { problems };
  const loaded = loadWorkingCalendar(data);
  if (!loaded.ok) return { problems: loaded.problems.map((p) => ({ file: p.file, path: p.path, code: p.code, message: p.message })) };
  return { calendar: loaded.value, problems };
}

export function loadSchedules(schedulesFile: string, calendarDir: string): { schedules?: Schedules; problems: ScheduleProblem[] } {
  const { calendar, problems } = loadCalendar(calendarDir);
  if (!calendar) return { problems };
  // No schedules file: no hours nodes can name one (the flow checker says so if one does).
  const raw = fs.existsSync(schedulesFile) ? (readYaml(schedulesFile, problems) as { schedules?: unknown } | undefined) : { schedules: {} };
  if (problems.length > 0) return { problems };
  const parsed = parseScheduleSet(raw?.schedules, { knownHolidays: calendar.holidayNames });
  if (!parsed.ok) return { problems: parsed.problems.map((p) => ({ file: schedulesFile, path: `schedules.${p.path}`, code: p.code, message: p.message })) };
  const specs = parsed.value;
  return {
    problems: [],
    schedules: {
      calendar,
      specs,
      isOpen: (scheduleId, at) => {
        const spec = specs[scheduleId];
        // The checker refuses flows naming an unknown schedule; open is the safe side for a caller.
        return spec === undefined ? true : isOpen(spec, calendar, at);
      },
      nextChange: (scheduleId, at) => {
        const spec = specs[scheduleId];
        return spec === undefined ? null : nextChange(spec, calendar, at);
      },
    },
  };
}
