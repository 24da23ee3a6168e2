// Scores one review against its form. A reviewer gives points to every weighted item and marks fatal
// items (致命项) failed only when they happened; any failed fatal item makes the whole review 0,
// because a privacy leak or abuse of a caller is not offset by good manners elsewhere.
import type { ConfigError, ParseResult } from '../acd/acd-config.js';
import type { QaForm, QaItem } from './qa-forms.js';

export type QaGrade = 'excellent' | 'good' | 'pass' | 'fail';

/** Lowest total for each grade, best first; the first one a total reaches wins. */
export const QA_GRADE_THRESHOLDS: readonly { readonly grade: QaGrade; readonly min: number }[] = [
  { grade: 'excellent', min: 90 },
  { grade: 'good', min: 80 },
  { grade: 'pass', min: 60 },
  { grade: 'fail', min: 0 },
];

export interface QaAnswer {
  readonly itemId: string;
  /** Required for a weighted item (0..weight); not allowed on a fatal item. */
  readonly points?: number;
  /** Only for a fatal item; unanswered fatal items count as not failed. */
  readonly failed?: boolean;
  readonly comment?: string;
}

export interface QaScoredItem {
  readonly itemId: string;
  readonly name: string;
  readonly weight: number;
  readonly fatal: boolean;
  /** Points given; always 0 for a fatal item. */
  readonly points: number;
  readonly failed: boolean;
  readonly comment?: string;
}

export interface QaScore {
  readonly total: number;
  readonly fatalFailed: readonly string[];
  readonly items: readonly QaScoredItem[];
  readonly grade: QaGrade;
}

interface Indexed {
  readonly answer: QaAnswer;
  readonly path: string;
}

export function gradeOf(total: number): QaGrade {
  return QA_GRADE_THRESHOLDS.find((t) => total >= t.min)?.grade ?? 'fail';
}

/**
 * Error paths point into `answers` (e.g. `answers[2].points`); a weighted item nobody answered is
 * reported at `items.<itemId>`.
 */
export function scoreReview(form: QaForm, answers: readonly QaAnswer[]): ParseResult<QaScore> {
  const errors: ConfigError[] = [];
  const byItem = indexAnswers(form, answers, errors);
  for (const item of form.items) checkItem(item, byItem.get(item.id), errors);
  if (errors.length > 0) return { ok: false, errors };
  const items = form.items.map((item) => scoredItem(item, byItem.get(item.id)?.answer));
  const fatalFailed = items.filter((i) => i.fatal && i.failed).map((i) => i.itemId);
  const total = fatalFailed.length > 0 ? 0 : items.reduce((sum, i) => sum + i.points, 0);
  return { ok: true, value: { total, fatalFailed, items, grade: gradeOf(total) } };
}

function indexAnswers(form: QaForm, answers: readonly QaAnswer[], errors: ConfigError[]): Map<string, Indexed> {
  const known = new Set(form.items.map((i) => i.id));
  const byItem = new Map<string, Indexed>();
  answers.forEach((answer, i) => {
    const path = `answers[${i}]`;
    const fail = (code: string, message: string): void => void errors.push({ code: `QA_SCORE_${code}`, path: `${path}.itemId`, message });
    if (!known.has(answer.itemId)) fail('UNKNOWN_ITEM', `form '${form.id}' has no item '${answer.itemId}'`);
    else if (byItem.has(answer.itemId)) fail('DUPLICATE_ITEM', `item '${answer.itemId}' is answered twice`);
    else byItem.set(answer.itemId, { answer, path });
  });
  return byItem;
}

type Fail = (code: string, path: string, message: string) => void;

function checkItem(item: QaItem, found: Indexed | undefined, errors: ConfigError[]): void {
  const fail: Fail = (code, path, message) => void errors.push({ code: `QA_SCORE_${code}`, path, message });
  if (!found) {
    if (!item.fatal) fail('MISSING_ITEM', `items.${item.id}`, `'${item.id}' needs points`);
  } else if (item.fatal) {
    if (found.answer.points !== undefined) fail('INVALID_ANSWER', `${found.path}.points`, `'${item.id}' is a fatal item: mark it failed instead of giving points`);
  } else {
    checkPoints(item, found, fail);
  }
}

function checkPoints(item: QaItem, { answer, path }: Indexed, fail: Fail): void {
  if (answer.failed !== undefined) fail('INVALID_ANSWER', `${path}.failed`, `'${item.id}' is scored by points, not pass/fail`);
  const points = answer.points;
  if (points === undefined) fail('MISSING_ITEM', `${path}.points`, `'${item.id}' needs points`);
  else if (!Number.isInteger(points) || points < 0 || points > item.weight) {
    fail('OUT_OF_RANGE', `${path}.points`, `points for '${item.id}' must be an integer in 0..${item.weight}`);
  }
}

function scoredItem(item: QaItem, answer: QaAnswer | undefined): QaScoredItem {
  const base = { itemId: item.id, name: item.name, weight: item.weight, fatal: item.fatal };
  const comment = answer?.comment === undefined ? {} : { comment: answer.comment };
  if (item.fatal) return { ...base, points: 0, failed: answer?.failed === true, ...comment };
  return { ...base, points: answer?.points ?? 0, failed: false, ...comment };
}
