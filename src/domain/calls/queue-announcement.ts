// What a waiting caller hears about their place in line, as prompt ids: "您现在排在第N位，预计等待约M分钟"
// and, once the queue allows it, the callback offer. Numbers are spoken from digit prompts the way
// Mandarin reads them (十, 百; 两 before a measure word), so no sentence has to be recorded per number.
import { NUMBER_PROMPTS, spokenNumber } from '../ivr/spoken-numbers.js';

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
  ...NUMBER_PROMPTS,
] as const;

export type QueuePrompt = (typeof QUEUE_PROMPTS)[number];

/** Past this many minutes an estimate means little to a caller; they hear "the wait is long". */
const LONGEST_SPOKEN_WAIT_MINUTES = 60;

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
