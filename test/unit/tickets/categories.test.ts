import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCategories } from '../../../src/domain/tickets/categories.js';

const codes = (raw: unknown): { code: string; path: string }[] => {
  const result = parseCategories(raw);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

describe('the request taxonomy', () => {
  it('fixtures/categories.yaml has 21 majors, every subcategory under its major, with the hot topics of the domain', () => {
    const result = parseCategories(parse(fs.readFileSync('fixtures/categories.yaml', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.categories).toHaveLength(21);
    const names = [...result.value.byCode.values()].map(({ sub }) => sub.name);
    for (const topic of ['物业管理', '消费维权', '停车管理', '施工扰民', '违法建设', '农民工工资', '屋顶漏水', '电梯故障', '飞线充电']) expect(names).toContain(topic);
    expect(result.value.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['适老化服务', '新就业群体保障']));
    expect(result.value.byCode.get('0601')?.major.code).toBe('06');
  });

  it('reports bad codes, duplicates, codes outside their major, empty majors and unknown fields, all at once', () => {
    const raw = {
      categories: [
        { code: '01', name: 'a', children: [{ code: '0101', name: 'x' }, { code: '0201', name: 'y' }, { code: '101', name: 'z' }] },
        { code: '01', name: 'b', children: [{ code: '0101', name: 'dup', colour: 'red' }] },
        { code: '03', name: 'c', children: [] },
      ],
    };
    expect(codes(raw)).toEqual([
      { code: 'CATEGORY_CODE_NOT_UNDER_MAJOR', path: 'categories[0].children[1].code' },
      { code: 'CATEGORY_INVALID_CODE', path: 'categories[0].children[2].code' },
      { code: 'CATEGORY_DUPLICATE_CODE', path: 'categories[1].code' },
      { code: 'CATEGORY_UNKNOWN_FIELD', path: 'categories[1].children[0].colour' },
      { code: 'CATEGORY_DUPLICATE_CODE', path: 'categories[1].children[0].code' },
      { code: 'CATEGORY_MISSING_FIELD', path: 'categories[2].children' },
    ]);
  });

  it('refuses a file that is not a taxonomy at all', () => {
    expect(codes(null)).toEqual([{ code: 'CATEGORY_INVALID_FIELD', path: '' }]);
    expect(codes({ categories: [] })).toEqual([{ code: 'CATEGORY_MISSING_FIELD', path: 'categories' }]);
  });
});
