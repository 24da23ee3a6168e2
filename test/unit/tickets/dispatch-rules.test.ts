import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCategories, type Taxonomy } from '../../../src/domain/tickets/categories.js';
import { parseDispatchRules } from '../../../src/domain/tickets/dispatch-rules.js';

const taxonomy = (): Taxonomy => {
  const result = parseCategories(parse(fs.readFileSync('fixtures/categories.yaml', 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

const codes = (raw: unknown, withTaxonomy?: Taxonomy): { code: string; path: string }[] => {
  const result = parseDispatchRules(raw, withTaxonomy);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

describe('the dispatch rules', () => {
  it('fixtures/dispatch-rules.yaml parses against the taxonomy, every code in it exists, every utility is urgent', () => {
    const tax = taxonomy();
    const result = parseDispatchRules(parse(fs.readFileSync('fixtures/dispatch-rules.yaml', 'utf8')), tax);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { units, rules, unitsById } = result.value;
    expect(units.length).toBeGreaterThanOrEqual(15);
    expect(units.length).toBeLessThanOrEqual(20);
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['bureau', 'state-firm', 'subdistrict', 'town']));
    for (const code of rules.flatMap((rule) => rule.categories)) {
      const known = code.length === 2 ? tax.categories.some((c) => c.code === code) : tax.byCode.has(code);
      expect(known, code).toBe(true);
    }
    for (const rule of rules) expect(unitsById.has(rule.unit), rule.unit).toBe(true);
    const urgentCodes = rules.filter((rule) => rule.urgent).flatMap((rule) => rule.categories);
    expect(urgentCodes.sort()).toEqual(['0301', '0302', '0303', '0304']);
    expect(unitsById.get('water-group')).toEqual({ id: 'water-group', name: '市自来水公司', kind: 'state-firm' });
  });

  it('fills defaults: weight 1, not urgent, everywhere', () => {
    const result = parseDispatchRules({ units: [{ id: 'a', name: 'A', kind: 'community' }], rules: [{ unit: 'a', keywords: ['x'] }] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.rules).toEqual([{ unit: 'a', keywords: ['x'], categories: [], areas: [], weight: 1, urgent: false }]);
  });

  it('reports duplicates, undeclared units, bad kinds, codes, weights and unknown fields, all at once', () => {
    const raw = {
      units: [
        { id: 'a', name: 'A', kind: 'bureau' },
        { id: 'a', name: 'A2', kind: 'ministry' },
        { id: 'b', kind: 'town', colour: 'red' },
      ],
      rules: [
        { unit: 'ghost', keywords: ['x'] },
        { unit: 'a', keywords: ['ok', ''], categories: ['0301', '301', '03'] },
        { unit: 'b', weight: 11, urgent: 'yes' },
        { unit: 'b', categories: ['01'], weight: 2.5, area: ['东城街道'] },
      ],
    };
    expect(codes(raw)).toEqual([
      { code: 'DISPATCH_INVALID_FIELD', path: 'units[1].kind' },
      { code: 'DISPATCH_DUPLICATE_UNIT', path: 'units[1].id' },
      { code: 'DISPATCH_UNKNOWN_FIELD', path: 'units[2].colour' },
      { code: 'DISPATCH_MISSING_FIELD', path: 'units[2].name' },
      { code: 'DISPATCH_UNKNOWN_UNIT', path: 'rules[0].unit' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules[1].keywords' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules[1].categories[1]' },
      { code: 'DISPATCH_MISSING_FIELD', path: 'rules[2].keywords' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules[2].weight' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules[2].urgent' },
      { code: 'DISPATCH_UNKNOWN_FIELD', path: 'rules[3].area' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules[3].weight' },
    ]);
  });

  it('with a taxonomy, refuses codes that are well formed but not in it', () => {
    const raw = { units: [{ id: 'a', name: 'A', kind: 'bureau' }], rules: [{ unit: 'a', categories: ['99', '0299', '0203', '02'] }] };
    expect(codes(raw)).toEqual([]);
    expect(codes(raw, taxonomy())).toEqual([
      { code: 'DISPATCH_UNKNOWN_CATEGORY', path: 'rules[0].categories[0]' },
      { code: 'DISPATCH_UNKNOWN_CATEGORY', path: 'rules[0].categories[1]' },
    ]);
  });

  it('refuses unquoted codes in YAML, which arrive as numbers without their leading zero', () => {
    const raw = parse('units: [{ id: a, name: A, kind: bureau }]\nrules: [{ unit: a, categories: [0301] }]');
    expect(codes(raw)).toEqual([{ code: 'DISPATCH_INVALID_FIELD', path: 'rules[0].categories' }]);
  });

  it('refuses a file that is not a rule set at all', () => {
    expect(codes(null)).toEqual([{ code: 'DISPATCH_INVALID_FIELD', path: '' }]);
    expect(codes({})).toEqual([
      { code: 'DISPATCH_MISSING_FIELD', path: 'units' },
      { code: 'DISPATCH_MISSING_FIELD', path: 'rules' },
    ]);
    expect(codes({ units: [], rules: [] })).toEqual([{ code: 'DISPATCH_MISSING_FIELD', path: 'units' }]);
    expect(codes({ units: 'water', rules: {}, extra: 1 })).toEqual([
      { code: 'DISPATCH_UNKNOWN_FIELD', path: 'extra' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'units' },
      { code: 'DISPATCH_INVALID_FIELD', path: 'rules' },
    ]);
  });
});

describe('unit contacts and superiors', () => {
  const unit = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id, kind: 'bureau', ...extra });
  const rules = [{ unit: 'a', keywords: ['x'] }];

  it('the shipped demo units have a contact with a digit-string number and a superior that exists', () => {
    const result = parseDispatchRules(parse(fs.readFileSync('fixtures/dispatch-rules.yaml', 'utf8')));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    for (const id of ['housing-bureau', 'urban-management', 'dongcheng-subdistrict']) {
      const found = result.value.unitsById.get(id);
      expect(found?.contact?.number, id).toMatch(/^1\d{10}$/);
      expect(result.value.unitsById.has(found?.superior ?? ''), id).toBe(true);
    }
  });

  it('keeps a contact and a superior as given', () => {
    const result = parseDispatchRules({ units: [unit('a', { contact: { name: '刘', number: '20001' }, superior: 'b' }), unit('b')], rules });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.unitsById.get('a')).toEqual({ id: 'a', name: 'a', kind: 'bureau', contact: { name: '刘', number: '20001' }, superior: 'b' });
  });

  it('refuses a number that is not digits, a contact without a number, and a superior not declared', () => {
    expect(codes({ units: [unit('a', { contact: { name: '刘', number: '2000-1' } })], rules })).toEqual([{ code: 'DISPATCH_INVALID_CONTACT_NUMBER', path: 'units[0].contact.number' }]);
    expect(codes({ units: [unit('a', { contact: { name: '刘', number: 20001 } })], rules })).toEqual([{ code: 'DISPATCH_INVALID_FIELD', path: 'units[0].contact.number' }]);
    expect(codes({ units: [unit('a', { contact: { name: '刘' } })], rules })).toEqual([{ code: 'DISPATCH_MISSING_FIELD', path: 'units[0].contact.number' }]);
    expect(codes({ units: [unit('a', { superior: 'nobody' })], rules })).toEqual([{ code: 'DISPATCH_UNKNOWN_SUPERIOR', path: 'units[0].superior' }]);
  });

  it('refuses superiors that go round, at every unit of the circle', () => {
    expect(codes({ units: [unit('a', { superior: 'a' })], rules })).toEqual([{ code: 'DISPATCH_SUPERIOR_CYCLE', path: 'units[0].superior' }]);
    expect(codes({ units: [unit('a', { superior: 'b' }), unit('b', { superior: 'c' }), unit('c', { superior: 'b' })], rules })).toEqual([
      { code: 'DISPATCH_SUPERIOR_CYCLE', path: 'units[1].superior' },
      { code: 'DISPATCH_SUPERIOR_CYCLE', path: 'units[2].superior' },
    ]);
  });
});
