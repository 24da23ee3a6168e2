// The responsibility lists: the shipped file checked against the shipped units and taxonomy, each
// kind of mistake refused with its code and path, and the matching of a request to its entries (best
// first, each with the category and words that made it).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import { parseResponsibilities, type ResponsibilityList } from '../../../src/domain/knowledge/responsibility-list.js';
import { filterResponsibilities, matchResponsibilities } from '../../../src/domain/knowledge/responsibility-match.js';
import { parseDispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';

const taxonomy = loadCategories('fixtures/categories.yaml');
const rules = parseDispatchRules(parse(fs.readFileSync('fixtures/dispatch-rules.yaml', 'utf8')), taxonomy);
if (!rules.ok) throw new Error('the shipped dispatch rules are valid');
const units = rules.value.unitsById;

function shipped(): ResponsibilityList {
  const result = parseResponsibilities(parse(fs.readFileSync('fixtures/knowledge/responsibilities.yaml', 'utf8')), units, taxonomy);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const entry = (over: Record<string, unknown>) => ({ id: 'housing-0201-01', matter: '物业服务纠纷', lead: 'housing-bureau', categories: ['0201'], keywords: ['物业'], ...over });
const codesOf = (raw: unknown) => {
  const result = parseResponsibilities(raw, units, taxonomy);
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
};

describe('the responsibility lists', () => {
  it('ships 60+ entries naming only declared units and known categories, and every unit leads or assists somewhere', () => {
    const list = shipped();
    expect(list.entries.length).toBeGreaterThanOrEqual(60);
    const named = new Set(list.entries.flatMap((e) => [e.leadUnit, ...e.assistingUnits]));
    expect([...units.keys()].filter((unit) => !named.has(unit))).toEqual([]);
    expect(list.byId.get('housing-0201-01')).toMatchObject({ matter: '物业服务纠纷', leadUnit: 'housing-bureau', boundary: '业主之间的民事纠纷不在此列，由街道调解或诉讼解决' });
  });

  it('refuses an unknown unit, an unknown category, a duplicate id and a field it does not know, each at its path', () => {
    expect(codesOf({ entries: [entry({ lead: 'police' })] })).toEqual(['entries[0].lead RESPONSIBILITY_UNKNOWN_UNIT']);
    expect(codesOf({ entries: [entry({ assisting: ['housing-bureau'] })] })).toEqual(['entries[0].assisting RESPONSIBILITY_INVALID_FIELD']);
    expect(codesOf({ entries: [entry({ assisting: ['nobody'] })] })).toEqual(['entries[0].assisting[0] RESPONSIBILITY_UNKNOWN_UNIT']);
    expect(codesOf({ entries: [entry({ categories: ['0299'] })] })).toEqual(['entries[0].categories[0] RESPONSIBILITY_UNKNOWN_CATEGORY']);
    expect(codesOf({ entries: [entry({}), entry({ matter: '另一条' })] })).toEqual(['entries[1].id RESPONSIBILITY_DUPLICATE_ID']);
    expect(codesOf({ entries: [entry({ basiss: 'x' })] })).toEqual(['entries[0].basiss RESPONSIBILITY_UNKNOWN_FIELD']);
    expect(codesOf({ entries: [entry({ categories: [], keywords: [] })] })).toEqual(['entries[0].keywords RESPONSIBILITY_MISSING_FIELD']);
  });

  it('matches a property complaint to the property entry first, saying which category and words made it', () => {
    const [best, ...rest] = matchResponsibilities(shipped(), { categoryCode: '0201', text: '小区物业费上涨，保洁不到位' });
    expect(best).toMatchObject({ entry: { id: 'housing-0201-01' }, category: '0201', keywords: ['物业费', '保洁'] });
    expect(rest.every((m) => m.score <= (best?.score ?? 0))).toBe(true);
  });

  it('counts a word inside a longer hit once, prefers an exact subcategory to its major, and breaks ties by id', () => {
    const list: ResponsibilityList = (() => {
      const r = parseResponsibilities({ entries: [entry({ id: 'b-exact', keywords: ['电梯', '电梯故障'], categories: ['0203'] }), entry({ id: 'a-major', keywords: ['电梯故障'], categories: ['02'] }), entry({ id: 'c-none', keywords: ['燃气'], categories: ['0303'] })] }, units, taxonomy);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value;
    })();
    const matches = matchResponsibilities(list, { categoryCode: '0203', text: '电梯故障三天没人修' });
    expect(matches.map((m) => [m.entry.id, m.score, m.category, m.keywords])).toEqual([
      ['b-exact', 5, '0203', ['电梯故障']],
      ['a-major', 3, '02', ['电梯故障']],
    ]);
    expect(matchResponsibilities(list, { categoryCode: null, text: '无关的话' })).toEqual([]);
  });

  it('lists the entries a unit leads or assists on', () => {
    const fire = filterResponsibilities(shipped(), { unit: 'fire-rescue' });
    expect(fire.length).toBeGreaterThan(2);
    expect(fire.every((e) => e.leadUnit === 'fire-rescue' || e.assistingUnits.includes('fire-rescue'))).toBe(true);
  });
});
