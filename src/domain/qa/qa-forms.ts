// Call-quality review forms (质检评分表) as data (fixtures/qa-forms.yaml). Validated here once, from
// plain data, so scoring can trust that every form's weighted items add up to exactly 100 points and
// that reviewers always have one default form to start from.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';

export interface QaItem {
  readonly id: string;
  readonly name: string;
  /** Points this item is worth; 0 for a fatal item, which is pass/fail and not weighed. */
  readonly weight: number;
  /** A failed fatal item (致命项) zeroes the whole review. */
  readonly fatal: boolean;
  readonly description?: string;
}

export interface QaForm {
  readonly id: string;
  readonly name: string;
  readonly default: boolean;
  readonly items: readonly QaItem[];
}

export interface QaForms {
  readonly forms: readonly QaForm[];
  readonly defaultForm: QaForm;
  readonly byId: ReadonlyMap<string, QaForm>;
}

type Obj = Readonly<Record<string, unknown>>;

export const QA_TOTAL_POINTS = 100;
const FORM_FIELDS = ['id', 'name', 'default', 'items'];
const ITEM_FIELDS = ['id', 'name', 'weight', 'fatal', 'description'];
// Ids end up in stored reviews, URLs and CSV headers, so keep them plain.
const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

export function parseQaForms(raw: unknown): ParseResult<QaForms> {
  const r = new FieldReader('QA_FORM');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', ['forms']);
  const seen = new Set<string>();
  const forms = r.list(top.forms, 'forms').flatMap((item, i) => {
    const form = readForm(r, item, join('forms', i), seen);
    return form ? [form] : [];
  });
  if (forms.length === 0 && r.errors.length === 0) r.fail('MISSING_FIELD', 'forms', 'at least one form is needed');
  const defaultForm = forms.length > 0 ? pickDefault(r, forms) : undefined;
  if (r.errors.length > 0 || !defaultForm) return { ok: false, errors: r.errors };
  return { ok: true, value: { forms, defaultForm, byId: new Map(forms.map((f) => [f.id, f])) } };
}

function readId(r: FieldReader, o: Obj, path: string, seen: Set<string>, what: string): string {
  const id = r.string(o, 'id', path);
  if (id === '') return id;
  if (!ID_PATTERN.test(id)) r.fail('INVALID_ID', join(path, 'id'), `'${id}' is not a lowercase id like 'policy-answer'`);
  if (seen.has(id)) r.fail('DUPLICATE_ID', join(path, 'id'), `${what} id '${id}' is used twice`);
  seen.add(id);
  return id;
}

function readForm(r: FieldReader, raw: unknown, path: string, seen: Set<string>): QaForm | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, FORM_FIELDS);
  const id = readId(r, o, path, seen, 'form');
  const name = r.string(o, 'name', path);
  const isDefault = r.bool(o, 'default', path, false);
  return { id, name, default: isDefault, items: readItems(r, o.items, join(path, 'items')) };
}

function readItems(r: FieldReader, raw: unknown, path: string): QaItem[] {
  const seen = new Set<string>();
  const read = r.list(raw, path).flatMap((item, i) => {
    const parsed = readItem(r, item, join(path, i), seen);
    return parsed ? [parsed] : [];
  });
  if (Array.isArray(raw) && raw.length === 0) r.fail('MISSING_FIELD', path, 'a form needs at least one item');
  else if (Array.isArray(raw)) checkWeights(r, read, path);
  return read.map(({ item }) => item);
}

interface ReadItem {
  readonly item: QaItem;
  /** False when the weight could not be read; the sum check would only repeat that error. */
  readonly weightOk: boolean;
}

function readItem(r: FieldReader, raw: unknown, path: string, seen: Set<string>): ReadItem | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, ITEM_FIELDS);
  const id = readId(r, o, path, seen, 'item');
  const name = r.string(o, 'name', path);
  const fatal = r.bool(o, 'fatal', path, false);
  const description = r.string(o, 'description', path, '');
  const weight = fatal ? fatalWeight(r, o, path) : r.int(o, 'weight', path, { min: 1, max: QA_TOTAL_POINTS });
  const weightOk = fatal || weight === o.weight;
  const item: QaItem = { id, name, weight, fatal, ...(description === '' ? {} : { description }) };
  return { item, weightOk };
}

function fatalWeight(r: FieldReader, o: Obj, path: string): number {
  if (o.weight !== undefined) r.fail('INVALID_FIELD', join(path, 'weight'), 'a fatal item is pass/fail and carries no weight');
  return 0;
}

function checkWeights(r: FieldReader, items: readonly ReadItem[], path: string): void {
  if (!items.every((i) => i.weightOk)) return;
  const sum = items.reduce((total, { item }) => total + item.weight, 0);
  if (sum !== QA_TOTAL_POINTS) r.fail('WEIGHTS_NOT_100', path, `weights of the scored items add up to ${sum}, not ${QA_TOTAL_POINTS}`);
}

function pickDefault(r: FieldReader, forms: readonly QaForm[]): QaForm | undefined {
  const defaults = forms.flatMap((form, i) => (form.default ? [{ form, i }] : []));
  if (defaults.length === 0) r.fail('NO_DEFAULT', 'forms', "exactly one form needs 'default: true'");
  for (const { i } of defaults.slice(1)) r.fail('MULTIPLE_DEFAULTS', join(join('forms', i), 'default'), 'another form is already the default');
  return defaults[0]?.form;
}
