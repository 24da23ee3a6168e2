// The request taxonomy (诉求分类) as data: major categories and their subcategories with stable codes
// (two digits for a major; the major's two plus two more for a subcategory). Validated here once,
// from plain data (fixtures/categories.yaml), so tickets and reports can trust every code.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';

export interface Subcategory {
  readonly code: string;
  readonly name: string;
  readonly en: string;
}

export interface Category extends Subcategory {
  readonly children: readonly Subcategory[];
}

export interface Taxonomy {
  readonly categories: readonly Category[];
  /** Every subcategory by code, with its major. */
  readonly byCode: ReadonlyMap<string, { readonly major: Category; readonly sub: Subcategory }>;
}

type Obj = Readonly<Record<string, unknown>>;

const FIELDS = ['code', 'name', 'en', 'children'];

export function parseCategories(raw: unknown): ParseResult<Taxonomy> {
  const r = new FieldReader('CATEGORY');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['categories']);
  const seen = new Set<string>();
  const categories = r.list(top.categories, 'categories').flatMap((item, i) => {
    const major = readMajor(r, item, join('categories', i), seen);
    return major ? [major] : [];
  });
  if (categories.length === 0 && r.errors.length === 0) r.fail('MISSING_FIELD', 'categories', 'at least one category is needed');
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  const byCode = new Map(categories.flatMap((major) => major.children.map((sub) => [sub.code, { major, sub }] as const)));
  return { ok: true, value: { categories, byCode } };
}

function readEntry(r: FieldReader, o: Obj, path: string, digits: 2 | 4, seen: Set<string>): Subcategory {
  const code = r.string(o, 'code', path);
  if (code !== '' && !new RegExp(`^\\d{${digits}}$`).test(code)) r.fail('INVALID_CODE', join(path, 'code'), `'${code}' is not a ${digits}-digit code`);
  if (code !== '' && seen.has(code)) r.fail('DUPLICATE_CODE', join(path, 'code'), `code '${code}' is used twice`);
  seen.add(code);
  return { code, name: r.string(o, 'name', path), en: r.string(o, 'en', path, '') };
}

function readMajor(r: FieldReader, raw: unknown, path: string, seen: Set<string>): Category | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, FIELDS);
  const entry = readEntry(r, o, path, 2, seen);
  const children = r.list(o.children, join(path, 'children')).flatMap((item, i) => {
    const childPath = join(join(path, 'children'), i);
    const c = r.object(item, childPath);
    if (!c) return [];
    r.onlyFields(c, childPath, ['code', 'name', 'en']);
    const sub = readEntry(r, c, childPath, 4, seen);
    if (/^\d{4}$/.test(sub.code) && entry.code !== '' && !sub.code.startsWith(entry.code)) {
      r.fail('CODE_NOT_UNDER_MAJOR', join(childPath, 'code'), `'${sub.code}' does not start with its major's code '${entry.code}'`);
    }
    return [sub];
  });
  if (children.length === 0) r.fail('MISSING_FIELD', join(path, 'children'), 'a major category needs at least one subcategory');
  return { ...entry, children };
}
