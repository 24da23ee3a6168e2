// The dispatch suggestion with the units' responsibility lists (职责清单): the entry a request
// matches raises the unit that leads on it and, less, those that assist, and every candidate cites
// the entry it follows (id, matter, basis); without the lists nothing is cited.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCategories } from '../../../src/adapters/tickets/category-file.js';
import { parseResponsibilities, type ResponsibilityList } from '../../../src/domain/knowledge/responsibility-list.js';
import { parseDispatchRules, type DispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';
import { suggestUnits } from '../../../src/domain/tickets/dispatch-suggestion.js';

const taxonomy = loadCategories('fixtures/categories.yaml');
const ok = <T>(result: { ok: true; value: T } | { ok: false; errors: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const city: DispatchRules = ok(parseDispatchRules(parse(fs.readFileSync('fixtures/dispatch-rules.yaml', 'utf8')), taxonomy));
const lists: ResponsibilityList = ok(parseResponsibilities(parse(fs.readFileSync('fixtures/knowledge/responsibilities.yaml', 'utf8')), city.unitsById, taxonomy));

describe('the dispatch suggestion citing the responsibility lists', () => {
  it('cites the property entry for the housing bureau and raises the sub-district that assists on it', () => {
    const s = suggestUnits(city, { text: '小区物业不作为，保洁一周没来', categoryCode: '0201', area: null }, [], { responsibilities: lists });
    const housing = s.candidates.find((c) => c.unitId === 'housing-bureau');
    expect(housing?.responsibility).toEqual({ id: 'housing-0201-01', matter: '物业服务纠纷', basis: '《物业管理条例》第五条' });
    expect(housing?.reasons).toContainEqual({ kind: 'responsibility', entryId: 'housing-0201-01', role: 'lead', points: 7 });
    expect(s.main).toBe('housing-bureau');
    const subdistrict = s.candidates.find((c) => c.unitId === 'dongcheng-subdistrict');
    expect(subdistrict).toMatchObject({ responsibility: { id: 'housing-0201-01' }, reasons: [{ kind: 'responsibility', role: 'assisting' }] });
    // Without the lists, the same request cites nothing and the sub-district has no points.
    const plain = suggestUnits(city, { text: '小区物业不作为，保洁一周没来', categoryCode: '0201', area: null }, []);
    expect(plain.candidates.every((c) => c.responsibility === null)).toBe(true);
    expect(plain.candidates.map((c) => c.unitId)).not.toContain('dongcheng-subdistrict');
  });

  it('brings in a unit no dispatch rule names when its duty matches: flying-line charging goes to the fire service', () => {
    const s = suggestUnits(city, { text: '楼里有人飞线充电，电瓶车充电很危险', categoryCode: '1001', area: null }, [], { responsibilities: lists });
    const fire = s.candidates.find((c) => c.unitId === 'fire-rescue');
    expect(fire?.responsibility?.id).toBe('fire-1001-01');
    expect(fire?.responsibility?.basis).toBe('《中华人民共和国消防法》第二十八条');
  });

  it('gives the same ranking for the same input', () => {
    const request = { text: '施工扰民，夜间施工噪音大', categoryCode: '0102', area: null };
    expect(suggestUnits(city, request, [], { responsibilities: lists })).toEqual(suggestUnits(city, request, [], { responsibilities: lists }));
  });
});
