// Asterisk's time stamps (`2026-11-22T19:26:22.254+0000`) to epoch milliseconds, read digit by digit:
// every ARI event carries one and its delay is measured on each, so no regular expression, no
// intermediate string and no Date object per event. Date.parse would also want `+00:00`.

const ZERO = 48;

/** The number written by `length` digits at `from`, or NaN if any is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Where the digits from `at` end. */
function digitsEnd(text: string, at: number): number {
  let end = at;
  for (let digit = text.charCodeAt(end) - ZERO; digit >= 0 && digit <= 9; digit = text.charCodeAt(end) - ZERO) end += 1;
  return end;
}

/** Milliseconds written by the fraction digits in [from, end) (`254`, `2`, `254000`). */
function fractionMs(text: string, from: number, end: number): number {
  let ms = 0;
  let scale = 100;
  for (let i = from; i < end && scale >= 1; i += 1) {
    ms += (text.charCodeAt(i) - ZERO) * scale;
    scale /= 10;
  }
  return ms;
}

/** The offset (`+0000`, `+08:00`, `Z`) in minutes east of UTC, or NaN. */
function offsetMinutes(text: string, at: number): number {
  const sign = text.charCodeAt(at);
  if (sign === 90 /* Z */ && text.length === at + 1) return 0;
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return Number.NaN;
  const colon = text.charCodeAt(at + 3) === 58 ? 1 : 0;
  if (text.length !== at + 5 + colon) return Number.NaN;
  const minutes = digits(text, at + 1, 2) * 60 + digits(text, at + 3 + colon, 2);
  return sign === 45 ? -minutes : minutes;
}

/** `2026-11-22T19:26:22.254+0000` → epoch ms; NaN for anything else. */
export function ariTimestampMs(text: string): number {
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return Number.NaN;
  const dotted = text.charCodeAt(19) === 46; /* . */
  const end = dotted ? digitsEnd(text, 20) : 19;
  const ms = dotted ? fractionMs(text, 20, end) : 0;
  const utc = Date.UTC(digits(text, 0, 4), digits(text, 5, 2) - 1, digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), ms);
  return utc - offsetMinutes(text, end) * 60_000;
}

/** Epoch milliseconds written as ARI writes a time (`2026-12-07T12:57:07.181+0000`): an event the server rebuilds. */
export function ariTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
