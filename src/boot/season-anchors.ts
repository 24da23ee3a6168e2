// The festivals and harvest seasons the season rule warns ahead of, read once at start: the festivals
// from the calendar's years (fixtures/calendar, already checked by the back office's files), the
// harvests from HOTLINE_SEASONS_FILE; a seasons file that cannot be read or is wrong stops the start
// with HOTSPOT_SEASONS_INVALID naming the file and the problem.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseCalendarYear, type CalendarYear } from '../domain/calendar/china-calendar.js';
import type { SeasonAnchor } from '../domain/hotspots/hotspot-facts.js';
import { parseSeasons, seasonAnchors, SeasonsError, type Harvest } from '../domain/hotspots/season-anchors.js';
import { StartupError } from './startup-error.js';

function calendarYears(calendarDir: string): CalendarYear[] {
  const files = fs.existsSync(calendarDir) ? fs.readdirSync(calendarDir).filter((name) => /^\d{4}\.yaml$/.test(name)).sort() : [];
  return files.flatMap((name) => {
    const parsed = parseCalendarYear(parse(fs.readFileSync(path.join(calendarDir, name), 'utf8')));
    return parsed.ok ? [parsed.value] : [];
  });
}

function harvests(seasonsFile: string): Harvest[] {
  try {
    return parseSeasons(parse(fs.readFileSync(seasonsFile, 'utf8')));
  } catch (error) {
    const why = error instanceof SeasonsError ? error.message : error instanceof Error ? error.message : String(error);
    throw new StartupError('HOTSPOT_SEASONS_INVALID', `${seasonsFile}: ${why}`, { cause: error });
  }
}

/** Every festival and harvest anchor of the calendar's years (the rule and the input span pick the ones due). */
export function loadSeasonAnchors(seasonsFile: string, calendarDir: string): readonly SeasonAnchor[] {
  return seasonAnchors(calendarYears(calendarDir), harvests(seasonsFile));
}
