// Human-friendly ticket numbers: the China calendar day and a daily sequence, e.g. 20261123-000042.
// China has kept UTC+8 all year since 1991, so a fixed offset is exact.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The China calendar day (YYYYMMDD) of an instant. */
export function chinaDay(epochMs: number): string {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  const yyyy = String(shifted.getUTCFullYear()).padStart(4, '0');
  const mm = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(shifted.getUTCDate()).padStart(2, '0');
  return `${yyyy}${mm}${dd}`;
}

export function formatTicketNumber(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`day must be YYYYMMDD, got ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`sequence out of range: ${sequence}`);
  return `${day}-${String(sequence).padStart(6, '0')}`;
}
