// China calendar days as the pages count them (YYYY-MM-DD), free of the browser so the tests read them.

/** The day `days` after a YYYY-MM-DD day (before, when negative); as UTC dates, so no local zone shifts it. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}
