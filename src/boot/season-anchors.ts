// The festivals and harvest seasons the season rule warns ahead of, read once at start from
// HOTLINE_SEASONS_FILE and placed on the days of the calendar's years (a bad file stops the start with
// HOTSPOT_SEASONS_INVALID). Until the seasons file and its reader are in, no season is known and the
// season rule finds nothing; the other rules run as usual.
import type { WorkingCalendar } from '../domain/calendar/china-calendar.js';
import type { LocalDate } from '../domain/calendar/china-time.js';
import type { SeasonAnchor } from '../domain/hotspots/hotspot-facts.js';

export function loadSeasonAnchors(_file: string, _calendar: WorkingCalendar): (day: LocalDate) => readonly SeasonAnchor[] {
  return () => [];
}
