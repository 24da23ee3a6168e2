// Numbers, digit strings and dates as recorded prompt ids, composed the way Mandarin reads them, so no
// sentence has to be recorded per value: 十二月三日 is num_10 num_2 date_month num_3 date_day.

/** The number words (一 … 十, 百, 零 and 两 before a measure word). */
export const NUMBER_PROMPTS = ['num_0', 'num_1', 'num_2', 'num_2_liang', 'num_3', 'num_4', 'num_5', 'num_6', 'num_7', 'num_8', 'num_9', 'num_10', 'num_100'] as const;

/**
 * Digits read one by one (an order number, a phone number). 1 is read 幺 (yāo), as numbers are read
 * on the phone: 一 and 七 are easily confused on an 8 kHz line.
 */
export const DIGIT_PROMPTS = ['digit_0', 'digit_1', 'digit_2', 'digit_3', 'digit_4', 'digit_5', 'digit_6', 'digit_7', 'digit_8', 'digit_9'] as const;

/** 月 and 日, after the number words of a date. */
export const DATE_PROMPTS = ['date_month', 'date_day', ...NUMBER_PROMPTS] as const;

export type NumberPrompt = (typeof NUMBER_PROMPTS)[number];

/** Larger quantities are read digit by digit: nobody waits for 一万两千三百 on a phone menu. */
export const LARGEST_SPOKEN_NUMBER = 999;

/** The most digits read one by one: a longer value is a mistake in the data, not something to say. */
export const LONGEST_SPOKEN_DIGITS = 32;

function word(d: number): NumberPrompt {
  return `num_${d}` as NumberPrompt;
}

/**
 * A whole number from 0 to 999 as prompts. `measure`: the number counts something (两分钟), so a
 * leading 2 is read 两; an ordinal or a date (第二位, 二月) keeps 二.
 */
export function spokenNumber(n: number, measure: boolean): NumberPrompt[] {
  const value = Math.min(Math.max(Math.trunc(n), 0), LARGEST_SPOKEN_NUMBER);
  if (value === 0) return ['num_0'];
  const hundreds = Math.trunc(value / 100);
  const tens = Math.trunc((value % 100) / 10);
  const ones = value % 10;
  const words: NumberPrompt[] = [];
  if (hundreds > 0) words.push(hundreds === 2 && measure ? 'num_2_liang' : word(hundreds), 'num_100');
  if (tens > 0) {
    // 十五, not 一十五, when the number starts with its tens; 一百一十 keeps the 一.
    if (hundreds > 0 || tens > 1) words.push(word(tens));
    words.push('num_10');
  } else if (hundreds > 0 && ones > 0) {
    words.push('num_0');
  }
  if (ones > 0) words.push(value === 2 && measure ? 'num_2_liang' : word(ones));
  return words;
}

/** Each digit of a value, one prompt each; anything but digits (spaces, dashes) is skipped. Null: no digit. */
export function spokenDigits(value: string): string[] | null {
  const digits = value.replace(/[^0-9]/g, '').slice(0, LONGEST_SPOKEN_DIGITS);
  return digits.length === 0 ? null : [...digits].map((d) => `digit_${d}`);
}

/** A quantity: up to 999 in words, a larger whole number digit by digit; null when it is no whole number. */
export function spokenQuantity(value: string): string[] | null {
  const trimmed = value.trim();
  if (!/^[0-9]{1,15}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= LARGEST_SPOKEN_NUMBER ? spokenNumber(n, true) : spokenDigits(trimmed);
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * A calendar day in China from a variable: `YYYY-MM-DD` (a day as the hotline's records write it)
 * or epoch milliseconds (an instant, taken in China time, UTC+8 with no daylight saving). Null when
 * the value is neither or names no real day.
 */
export function chinaDay(value: string): { readonly month: number; readonly day: number } | null {
  const trimmed = value.trim();
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (calendar) {
    const [year, month, day] = [Number(calendar[1]), Number(calendar[2]), Number(calendar[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { month, day };
  }
  if (!/^[0-9]{1,15}$/.test(trimmed)) return null;
  const inChina = new Date(Number(trimmed) + CHINA_OFFSET_MS);
  return { month: inChina.getUTCMonth() + 1, day: inChina.getUTCDate() };
}

/** 十二月三日 as prompts; null when the value is no day. */
export function spokenDate(value: string): string[] | null {
  const day = chinaDay(value);
  if (!day) return null;
  return [...spokenNumber(day.month, false), 'date_month', ...spokenNumber(day.day, false), 'date_day'];
}
