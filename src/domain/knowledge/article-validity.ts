// When an article may be read by agents, and what its owners are reminded of: validity is a range of
// China calendar days (valid-from and valid-to both included, either open-ended), and the flags are
// computed on the day asked about, so nothing here reads a clock.
import { addDays, type LocalDate } from '../calendar/china-time.js';

export const REMINDER_FLAGS = ['expired', 'not-yet-valid', 'review-due', 'expires-soon'] as const;
export type ReminderFlag = (typeof REMINDER_FLAGS)[number];

/** Within this many days of its valid-to day an article expires soon (the owner has time to renew it). */
export const EXPIRES_SOON_DAYS = 30;

export interface Validity {
  readonly validFrom: LocalDate | null;
  readonly validTo: LocalDate | null;
  readonly reviewDue: LocalDate | null;
}

// YYYY-MM-DD strings compare as the days they name.
export function validOn(article: Pick<Validity, 'validFrom' | 'validTo'>, day: LocalDate): boolean {
  return (article.validFrom === null || article.validFrom <= day) && (article.validTo === null || day <= article.validTo);
}

/** Its valid-to day has passed: the back office marks a published version so. */
export function pastValidity(article: Pick<Validity, 'validTo'>, day: LocalDate): boolean {
  return article.validTo !== null && article.validTo < day;
}

/** Why an owner should look at the article on `day`. */
export function reminderFlags(article: Validity, day: LocalDate): ReminderFlag[] {
  const flags: ReminderFlag[] = [];
  if (pastValidity(article, day)) flags.push('expired');
  if (article.validFrom !== null && day < article.validFrom) flags.push('not-yet-valid');
  if (article.reviewDue !== null && article.reviewDue <= day) flags.push('review-due');
  if (article.validTo !== null && !pastValidity(article, day) && article.validTo <= addDays(day, EXPIRES_SOON_DAYS)) flags.push('expires-soon');
  return flags;
}
