import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { QaForm } from '../../../src/domain/qa/qa-forms.js';
import { parseQaForms } from '../../../src/domain/qa/qa-forms.js';
import type { QaAnswer } from '../../../src/domain/qa/qa-scoring.js';
import { QA_GRADE_THRESHOLDS, gradeOf, scoreReview } from '../../../src/domain/qa/qa-scoring.js';

function standardForm(): QaForm {
  const result = parseQaForms(parse(fs.readFileSync('fixtures/qa-forms.yaml', 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.defaultForm;
}

// greeting 10, listening 15, record 15, policy-answer 20, dispatch 15, attitude 15, duration 10.
const GOOD_CALL: QaAnswer[] = [
  { itemId: 'greeting', points: 9 },
  { itemId: 'listening', points: 14 },
  { itemId: 'record', points: 12, comment: '地址未写门牌号' },
  { itemId: 'policy-answer', points: 18 },
  { itemId: 'dispatch', points: 15 },
  { itemId: 'attitude', points: 13 },
  { itemId: 'duration', points: 8 },
];

const codes = (form: QaForm, answers: QaAnswer[]): { code: string; path: string }[] => {
  const result = scoreReview(form, answers);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

describe('scoring a review', () => {
  it('adds the points of the weighted items and grades the total', () => {
    const result = scoreReview(standardForm(), GOOD_CALL);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toMatchObject({ total: 89, fatalFailed: [], grade: 'good' });
    expect(result.value.items).toHaveLength(10);
    expect(result.value.items[2]).toEqual({ itemId: 'record', name: '信息记录准确完整', weight: 15, fatal: false, points: 12, failed: false, comment: '地址未写门牌号' });
    expect(result.value.items[8]).toEqual({ itemId: 'abuse', name: '辱骂或与群众争吵', weight: 0, fatal: true, points: 0, failed: false });
  });

  it('a failed fatal item zeroes the total but keeps the points given, for the record', () => {
    const answers = [...GOOD_CALL, { itemId: 'abuse', failed: true, comment: '与来电人争吵' }, { itemId: 'shirking', failed: false }];
    const result = scoreReview(standardForm(), answers);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toMatchObject({ total: 0, fatalFailed: ['abuse'], grade: 'fail' });
    expect(result.value.items.find((i) => i.itemId === 'policy-answer')?.points).toBe(18);
    expect(result.value.items.find((i) => i.itemId === 'abuse')).toMatchObject({ failed: true, comment: '与来电人争吵' });
  });

  it('lists every failed fatal item in form order', () => {
    const answers = [...GOOD_CALL, { itemId: 'shirking', failed: true }, { itemId: 'privacy-leak', failed: true }];
    const result = scoreReview(standardForm(), answers);
    expect(result.ok && result.value.fatalFailed).toEqual(['privacy-leak', 'shirking']);
  });

  it('full marks are 100 and excellent', () => {
    const full = standardForm().items.filter((i) => !i.fatal).map((i) => ({ itemId: i.id, points: i.weight }));
    const result = scoreReview(standardForm(), full);
    expect(result.ok && [result.value.total, result.value.grade]).toEqual([100, 'excellent']);
  });

  it('grades at 90, 80 and 60', () => {
    expect(QA_GRADE_THRESHOLDS.map((t) => [t.grade, t.min])).toEqual([['excellent', 90], ['good', 80], ['pass', 60], ['fail', 0]]);
    expect([100, 90, 89, 80, 79, 60, 59, 0].map(gradeOf)).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'pass', 'fail', 'fail']);
  });

  it('reports every bad answer at once', () => {
    const answers: QaAnswer[] = [
      { itemId: 'greeting', points: 11 },
      { itemId: 'greeting', points: 5 },
      { itemId: 'smile', points: 5 },
      { itemId: 'listening', points: 7.5 },
      { itemId: 'record', points: -1 },
      { itemId: 'policy-answer' },
      { itemId: 'abuse', points: 0 },
      { itemId: 'attitude', points: 10, failed: true },
    ];
    expect(codes(standardForm(), answers)).toEqual([
      { code: 'QA_SCORE_DUPLICATE_ITEM', path: 'answers[1].itemId' },
      { code: 'QA_SCORE_UNKNOWN_ITEM', path: 'answers[2].itemId' },
      { code: 'QA_SCORE_OUT_OF_RANGE', path: 'answers[0].points' },
      { code: 'QA_SCORE_OUT_OF_RANGE', path: 'answers[3].points' },
      { code: 'QA_SCORE_OUT_OF_RANGE', path: 'answers[4].points' },
      { code: 'QA_SCORE_MISSING_ITEM', path: 'answers[5].points' },
      { code: 'QA_SCORE_MISSING_ITEM', path: 'items.dispatch' },
      { code: 'QA_SCORE_INVALID_ANSWER', path: 'answers[7].failed' },
      { code: 'QA_SCORE_MISSING_ITEM', path: 'items.duration' },
      { code: 'QA_SCORE_INVALID_ANSWER', path: 'answers[6].points' },
    ]);
  });

  it('accepts 0 and the full weight as points, and unanswered fatal items as passed', () => {
    const answers = GOOD_CALL.map((a) => (a.itemId === 'greeting' ? { itemId: 'greeting', points: 0 } : a.itemId === 'dispatch' ? { itemId: 'dispatch', points: 15 } : a));
    const result = scoreReview(standardForm(), answers);
    expect(result.ok && [result.value.total, result.value.grade]).toEqual([80, 'good']);
  });
});
