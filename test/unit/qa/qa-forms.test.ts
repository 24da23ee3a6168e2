import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseQaForms } from '../../../src/domain/qa/qa-forms.js';

const codes = (raw: unknown): { code: string; path: string }[] => {
  const result = parseQaForms(raw);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

const item = (id: string, weight: number): Record<string, unknown> => ({ id, name: id, weight });

describe('QA review forms', () => {
  it('fixtures/qa-forms.yaml has the standard 12345 form as default and the 企业服务专席 form, each weighing 100', () => {
    const result = parseQaForms(parse(fs.readFileSync('fixtures/qa-forms.yaml', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { forms, defaultForm, byId } = result.value;
    expect(forms.map((f) => f.id)).toEqual(['standard', 'enterprise']);
    expect(defaultForm.id).toBe('standard');
    for (const form of forms) expect(form.items.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
    const standard = byId.get('standard');
    expect(standard?.items.filter((i) => i.fatal).map((i) => i.name)).toEqual(['泄露来电人隐私', '辱骂或与群众争吵', '推诿拒绝受理']);
    expect(standard?.items.map((i) => i.name)).toEqual(expect.arrayContaining(['政策解答准确', '工单分类与派单正确', '通话时长控制']));
    expect(byId.get('enterprise')?.items.find((i) => i.id === 'policy-answer')).toMatchObject({ name: '惠企政策解答准确', weight: 30, fatal: false });
  });

  it('gives fatal items weight 0 and keeps a description only when one is written', () => {
    const raw = { forms: [{ id: 'f', name: 'F', default: true, items: [item('a', 100), { id: 'leak', name: '泄露', fatal: true, description: '说明' }] }] };
    const result = parseQaForms(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.defaultForm.items).toEqual([
      { id: 'a', name: 'a', weight: 100, fatal: false },
      { id: 'leak', name: '泄露', weight: 0, fatal: true, description: '说明' },
    ]);
  });

  it('reports duplicates, bad weights and ids, unknown fields, empty forms and a second default, all at once', () => {
    const raw = {
      forms: [
        { id: 'standard', name: 'A', default: true, items: [item('greeting', 50), item('greeting', 40), { id: 'leak', name: 'l', fatal: true, weight: 5 }] },
        { id: 'standard', name: 'B', default: true, colour: 'red', items: [] },
        { id: 'Bad Id', name: 'C', items: [item('x', 0), { id: 'y', weight: 100, fatal: 'yes' }] },
      ],
    };
    expect(codes(raw)).toEqual([
      { code: 'QA_FORM_DUPLICATE_ID', path: 'forms[0].items[1].id' },
      { code: 'QA_FORM_INVALID_FIELD', path: 'forms[0].items[2].weight' },
      { code: 'QA_FORM_WEIGHTS_NOT_100', path: 'forms[0].items' },
      { code: 'QA_FORM_UNKNOWN_FIELD', path: 'forms[1].colour' },
      { code: 'QA_FORM_DUPLICATE_ID', path: 'forms[1].id' },
      { code: 'QA_FORM_MISSING_FIELD', path: 'forms[1].items' },
      { code: 'QA_FORM_INVALID_ID', path: 'forms[2].id' },
      { code: 'QA_FORM_INVALID_FIELD', path: 'forms[2].items[0].weight' },
      { code: 'QA_FORM_MISSING_FIELD', path: 'forms[2].items[1].name' },
      { code: 'QA_FORM_INVALID_FIELD', path: 'forms[2].items[1].fatal' },
      { code: 'QA_FORM_MULTIPLE_DEFAULTS', path: 'forms[1].default' },
    ]);
  });

  it('needs exactly one default and weights that reach 100 without counting fatal items', () => {
    expect(codes({ forms: [{ id: 'f', name: 'F', items: [item('a', 100)] }] })).toEqual([{ code: 'QA_FORM_NO_DEFAULT', path: 'forms' }]);
    const onlyFatal = { forms: [{ id: 'f', name: 'F', default: true, items: [{ id: 'leak', name: 'l', fatal: true }] }] };
    expect(codes(onlyFatal)).toEqual([{ code: 'QA_FORM_WEIGHTS_NOT_100', path: 'forms[0].items' }]);
    const over = { forms: [{ id: 'f', name: 'F', default: true, items: [item('a', 60), item('b', 41)] }] };
    expect(codes(over)).toEqual([{ code: 'QA_FORM_WEIGHTS_NOT_100', path: 'forms[0].items' }]);
  });

  it('refuses a file that is not a set of forms at all', () => {
    expect(codes(null)).toEqual([{ code: 'QA_FORM_INVALID_FIELD', path: '' }]);
    expect(codes({ forms: [] })).toEqual([{ code: 'QA_FORM_MISSING_FIELD', path: 'forms' }]);
    expect(codes({ forms: 'standard' })).toEqual([{ code: 'QA_FORM_INVALID_FIELD', path: 'forms' }]);
    expect(codes({ forms: [{ id: 'f', name: 'F', default: true, items: [item('a', 100)] }], version: 2 })).toEqual([{ code: 'QA_FORM_UNKNOWN_FIELD', path: 'version' }]);
  });
});
