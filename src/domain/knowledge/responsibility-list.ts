// The units' responsibility lists (职责清单) as data: for each matter (事项), the unit that leads on it,
// those that assist, the document that assigns it (依据) and where it stops (边界), with the categories
// and words that recognise a request about it. Checked once, against the dispatch rules' units and the
// taxonomy, so the dispatch suggestion can cite any entry it follows.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';
import type { Taxonomy } from '../tickets/categories.js';
import { isKnownCode } from '../tickets/dispatch-rules.js';

export interface ResponsibilityEntry {
  /** Stable, e.g. housing-0201-01: the dispatch suggestion and the orders cite it. */
  readonly id: string;
  readonly matter: string;
  readonly leadUnit: string;
  readonly assistingUnits: readonly string[];
  readonly basis: string | null;
  readonly boundary: string | null;
  /** 4-digit subcategories or 2-digit majors. */
  readonly categoryCodes: readonly string[];
  readonly keywords: readonly string[];
}

export interface ResponsibilityList {
  readonly entries: readonly ResponsibilityEntry[];
  readonly byId: ReadonlyMap<string, ResponsibilityEntry>;
}

const FIELDS = ['id', 'matter', 'lead', 'assisting', 'basis', 'boundary', 'categories', 'keywords'];
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const NO_RESPONSIBILITIES: ResponsibilityList = { entries: [], byId: new Map() };

/** Codes: RESPONSIBILITY_UNKNOWN_UNIT, RESPONSIBILITY_UNKNOWN_CATEGORY, RESPONSIBILITY_DUPLICATE_ID, and the reader's field codes. */
export function parseResponsibilities(raw: unknown, units: ReadonlySet<string> | ReadonlyMap<string, unknown>, taxonomy?: Taxonomy): ParseResult<ResponsibilityList> {
  const r = new FieldReader('RESPONSIBILITY');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['entries']);
  if (top.entries === undefined) r.fail('MISSING_FIELD', 'entries', "'entries' is required");
  const seen = new Set<string>();
  const entries = (top.entries === undefined ? [] : r.list(top.entries, 'entries')).flatMap((item, i) => {
    const entry = readEntry(r, item, join('entries', i), units, taxonomy);
    if (!entry) return [];
    if (seen.has(entry.id)) r.fail('DUPLICATE_ID', join(join('entries', i), 'id'), `entry '${entry.id}' is listed twice`);
    seen.add(entry.id);
    return [entry];
  });
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) } };
}

function readEntry(r: FieldReader, raw: unknown, path: string, units: ReadonlySet<string> | ReadonlyMap<string, unknown>, taxonomy?: Taxonomy): ResponsibilityEntry | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, FIELDS);
  const id = r.string(o, 'id', path);
  if (id !== '' && !ID.test(id)) r.fail('INVALID_FIELD', join(path, 'id'), 'an id is lower-case letters, digits and dashes');
  const leadUnit = r.string(o, 'lead', path);
  const assistingUnits = r.strings(o, 'assisting', path, []);
  const unitAt = (unit: string, at: string): void => {
    if (unit !== '' && !units.has(unit)) r.fail('UNKNOWN_UNIT', at, `unit '${unit}' is not declared in the dispatch rules`);
  };
  unitAt(leadUnit, join(path, 'lead'));
  assistingUnits.forEach((unit, i) => unitAt(unit, join(join(path, 'assisting'), i)));
  if (assistingUnits.includes(leadUnit)) r.fail('INVALID_FIELD', join(path, 'assisting'), 'the lead unit does not also assist');
  const categoryCodes = r.strings(o, 'categories', path, []);
  categoryCodes.forEach((code, i) => {
    const at = join(join(path, 'categories'), i);
    if (!/^\d{2}(\d{2})?$/.test(code)) r.fail('INVALID_FIELD', at, `'${code}' is not a 2- or 4-digit category code`);
    else if (taxonomy && !isKnownCode(taxonomy, code)) r.fail('UNKNOWN_CATEGORY', at, `category '${code}' is not in the taxonomy`);
  });
  const keywords = r.strings(o, 'keywords', path, []);
  if (categoryCodes.length === 0 && keywords.length === 0) r.fail('MISSING_FIELD', join(path, 'keywords'), 'an entry needs categories or keywords to be found');
  const optional = (key: string): string | null => (o[key] === undefined ? null : r.string(o, key, path));
  return { id, matter: r.string(o, 'matter', path), leadUnit, assistingUnits, basis: optional('basis'), boundary: optional('boundary'), categoryCodes, keywords };
}
