// Dispatch rules (派单规则) as data: the handling units (承办单位) a ticket can go to, and the keyword and
// category rules that point at them. Validated once, from plain data (fixtures/dispatch-rules.yaml), so
// the suggestion can trust every unit id, code and weight.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';
import type { Taxonomy } from './categories.js';

export const UNIT_KINDS = ['bureau', 'subdistrict', 'town', 'state-firm', 'community', 'grid'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The unit's contact (联络员): who is messaged, then called, when an order waits unsigned. */
export interface UnitContact {
  readonly name: string;
  /** Digits only: the outbound engine dials it as it is. */
  readonly number: string;
}

export interface HandlingUnit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly contact?: UnitContact;
  /** The unit above it (上级单位), told when an order stays unsigned after the reminders. */
  readonly superior?: string;
}

export interface DispatchRule {
  /** The id of a declared unit. */
  readonly unit: string;
  /** Found as substrings of the request text; Latin letters ignore case. */
  readonly keywords: readonly string[];
  /** 4-digit subcategories, or 2-digit majors standing for all their subcategories. */
  readonly categories: readonly string[];
  /** Empty = everywhere; otherwise the rule applies only to requests from these areas (街道, 镇). */
  readonly areas: readonly string[];
  /** 1..10. */
  readonly weight: number;
  readonly urgent: boolean;
}

export interface DispatchRules {
  readonly units: readonly HandlingUnit[];
  readonly unitsById: ReadonlyMap<string, HandlingUnit>;
  readonly rules: readonly DispatchRule[];
}

type Obj = Readonly<Record<string, unknown>>;

const UNIT_FIELDS = ['id', 'name', 'kind', 'contact', 'superior'];
const CONTACT_NUMBER = /^\d{3,20}$/;
const RULE_FIELDS = ['unit', 'keywords', 'categories', 'areas', 'weight', 'urgent'];

/** With a taxonomy, category codes must also exist in it (DISPATCH_UNKNOWN_CATEGORY). */
export function parseDispatchRules(raw: unknown, taxonomy?: Taxonomy): ParseResult<DispatchRules> {
  const r = new FieldReader('DISPATCH');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['units', 'rules']);
  const units = readUnits(r, top);
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  checkSuperiors(r, units, unitsById);
  const rules = requiredList(r, top, 'rules').flatMap((item, i) => readRule(r, item, join('rules', i), unitsById, taxonomy) ?? []);
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { units, unitsById, rules } };
}

function requiredList(r: FieldReader, o: Obj, key: string): readonly unknown[] {
  if (o[key] !== undefined) return r.list(o[key], key);
  r.fail('MISSING_FIELD', key, `'${key}' is required`);
  return [];
}

function readUnits(r: FieldReader, top: Obj): HandlingUnit[] {
  const seen = new Set<string>();
  const units = requiredList(r, top, 'units').flatMap((item, i) => {
    const unit = readUnit(r, item, join('units', i));
    if (!unit) return [];
    if (seen.has(unit.id)) r.fail('DUPLICATE_UNIT', join(join('units', i), 'id'), `unit '${unit.id}' is declared twice`);
    if (unit.id !== '') seen.add(unit.id);
    return [unit];
  });
  if (units.length === 0 && r.errors.length === 0) r.fail('MISSING_FIELD', 'units', 'at least one unit is needed');
  return units;
}

function readUnit(r: FieldReader, raw: unknown, path: string): HandlingUnit | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, UNIT_FIELDS);
  const id = r.string(o, 'id', path);
  const name = r.string(o, 'name', path);
  const kind = r.string(o, 'kind', path);
  if (!isKind(kind) && kind !== '') r.fail('INVALID_FIELD', join(path, 'kind'), `'${kind}' is not one of ${UNIT_KINDS.join(', ')}`);
  const contact = o.contact === undefined ? undefined : readContact(r, o.contact, join(path, 'contact'));
  const superior = o.superior === undefined ? undefined : r.string(o, 'superior', path);
  return { id, name, kind: isKind(kind) ? kind : 'bureau', ...(contact ? { contact } : {}), ...(superior ? { superior } : {}) };
}

function readContact(r: FieldReader, raw: unknown, path: string): UnitContact | undefined {
  const o = r.object(raw, path);
  if (!o) return undefined;
  r.onlyFields(o, path, ['name', 'number']);
  const name = r.string(o, 'name', path);
  const number = r.string(o, 'number', path);
  if (number !== '' && !CONTACT_NUMBER.test(number)) r.fail('INVALID_CONTACT_NUMBER', join(path, 'number'), 'a contact number is 3 to 20 digits, nothing else');
  return { name, number };
}

/** Every superior is a declared unit, and following superiors upwards never comes back (DISPATCH_SUPERIOR_CYCLE). */
function checkSuperiors(r: FieldReader, units: readonly HandlingUnit[], byId: ReadonlyMap<string, HandlingUnit>): void {
  units.forEach((unit, i) => {
    if (unit.superior === undefined) return;
    const at = join(join('units', i), 'superior');
    if (!byId.has(unit.superior)) return r.fail('UNKNOWN_SUPERIOR', at, `superior '${unit.superior}' is not declared under units`);
    const chain = superiorChain(unit.id, byId);
    if (chain.at(-1) === unit.id) r.fail('SUPERIOR_CYCLE', at, `superiors go round: ${[unit.id, ...chain].join(' → ')}`);
  });
}

/** The superiors above a unit, nearest first, stopping at the first unit seen twice. */
export function superiorChain(unitId: string, byId: ReadonlyMap<string, HandlingUnit>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>([unitId]);
  for (let next = byId.get(unitId)?.superior; next !== undefined; next = byId.get(next)?.superior) {
    chain.push(next);
    if (seen.has(next)) break;
    seen.add(next);
  }
  return chain;
}

function isKind(kind: string): kind is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(kind);
}

function readRule(r: FieldReader, raw: unknown, path: string, units: ReadonlyMap<string, HandlingUnit>, taxonomy?: Taxonomy): DispatchRule | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, RULE_FIELDS);
  const unit = r.string(o, 'unit', path);
  if (unit !== '' && !units.has(unit)) r.fail('UNKNOWN_UNIT', join(path, 'unit'), `unit '${unit}' is not declared under units`);
  const keywords = r.strings(o, 'keywords', path, []);
  const categories = readCodes(r, o, path, taxonomy);
  // A rule with neither could never match: almost certainly a typo in the file.
  if (isAbsentOrEmpty(o.keywords) && isAbsentOrEmpty(o.categories)) r.fail('MISSING_FIELD', join(path, 'keywords'), 'a rule needs keywords or categories');
  const weight = r.int(o, 'weight', path, { min: 1, max: 10, fallback: 1 });
  return { unit, keywords, categories, areas: r.strings(o, 'areas', path, []), weight, urgent: r.bool(o, 'urgent', path, false) };
}

function isAbsentOrEmpty(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

function readCodes(r: FieldReader, o: Obj, path: string, taxonomy?: Taxonomy): readonly string[] {
  const codes = r.strings(o, 'categories', path, []);
  codes.forEach((code, i) => {
    const at = join(join(path, 'categories'), i);
    if (!/^\d{2}(\d{2})?$/.test(code)) r.fail('INVALID_FIELD', at, `'${code}' is not a 2- or 4-digit category code`);
    else if (taxonomy && !isKnownCode(taxonomy, code)) r.fail('UNKNOWN_CATEGORY', at, `category '${code}' is not in the taxonomy`);
  });
  return codes;
}

export function isKnownCode(taxonomy: Taxonomy, code: string): boolean {
  return code.length === 2 ? taxonomy.categories.some((major) => major.code === code) : taxonomy.byCode.has(code);
}
