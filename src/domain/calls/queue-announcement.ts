// What a waiting caller hears about their place in line, as prompt ids: "您现在排在第N位，预计等待约M分钟"
// and, once the queue allows it, the callback offer. Numbers are spoken from digit prompts the way
// Mandarin reads them (十, 百; 两 before a measure word), so no sentence has to be recorded per number.

/** Prompts this module may ask for; the prompt files must have a text and audio for each. */
export const QUEUE_PROMPTS = [
  'queue_position_is',
  'queue_position_unit',
  'queue_wait_about',
  'queue_wait_minutes',
  'queue_wait_under_minute',
  'queue_wait_long',
  'queue_callback_offer',
  'callback_confirmed',
  'callback_greeting',
  'num_0',
  'num_1',
  'num_2',
  'num_2_liang',
  'num_3',
  'num_4',
  'num_5',
  'num_6',
  'num_7',
  'num_8',
  'num_9',
  'num_10',
  'num_100',
] as const;

export type QueuePrompt = (typeof QUEUE_PROMPTS)[number];

/** Past this many minutes an estimate means little to a caller; they hear "the wait is long". */
const LONGEST_SPOKEN_WAIT_MINUTES = 60;
const LARGEST_SPOKEN_NUMBER = 999;

function digit(d: number): QueuePrompt {
  return `num_${d}` as QueuePrompt;
}

/**
 * A whole number from 1 to 999 as prompts. `measure`: the number counts something (两分钟), so a
 * leading 2 is read 两; an ordinal (第二位) keeps 二.
 */
export function spokenNumber(n: number, measure: boolean): QueuePrompt[] {
  const value = Math.min(Math.max(Math.trunc(n), 0), LARGEST_SPOKEN_NUMBER);
  if (value === 0) return ['num_0'];
  const hundreds = Math.trunc(value / 100);
  const tens = Math.trunc((value % 100) / 10);
  const ones = value % 10;
  const words: QueuePrompt[] = [];
  if (hundreds > 0) words.push(hundreds === 2 && measure ? 'num_2_liang' : digit(hundreds), 'num_100');
  if (tens > 0) {
    // 十五, not 一十五, when the number starts with its tens; 一百一十 keeps the 一.
    if (hundreds > 0 || tens > 1) words.push(digit(tens));
    words.push('num_10');
  } else if (hundreds > 0 && ones > 0) {
    words.push('num_0');
  }
  if (ones > 0) words.push(value === 2 && measure ? 'num_2_liang' : digit(ones));
  return words;
}

export interface QueueAnnouncementInput {
  /** 1 = next in line. */
  readonly position: number;
  readonly estimatedWaitSeconds: number;
  readonly callbackOffered: boolean;
}

export function queueAnnouncement(input: QueueAnnouncementInput): QueuePrompt[] {
  const prompts: QueuePrompt[] = ['queue_position_is', ...spokenNumber(Math.max(1, input.position), false), 'queue_position_unit'];
  const minutes = Math.ceil(input.estimatedWaitSeconds / 60);
  if (input.estimatedWaitSeconds < 60) prompts.push('queue_wait_under_minute');
  else if (minutes > LONGEST_SPOKEN_WAIT_MINUTES) prompts.push('queue_wait_long');
  else prompts.push('queue_wait_about', ...spokenNumber(minutes, true), 'queue_wait_minutes');
  if (input.callbackOffered) prompts.push('queue_callback_offer');
  return prompts;
}

/** A number we can ring back: digits only (an optional leading +), long enough to be a phone. */
export function canCallBack(callerNumber: string): boolean {
  return /^\+?\d{5,20}$/.test(callerNumber);
}
