// Hostile requests for every operation of the OpenAPI document (/docs/json): a valid baseline built
// from each route's schemas, then every parameter (path, query, body, nested body fields) replaced in
// turn by hostile values chosen from its schema, or dropped, repeated, or joined by unknown ones.
// Driven by the document, so a route is attacked the day it is added.
import fc from 'fast-check';
import { bodyValues, listedValues, textValues, typeOf, type Hostile } from './hostile-values.js';
import { define, isRecord, type Key, type Location, type Operation, type RequestParts } from './request-parts.js';
import { schemaAccepts, type JsonSchema } from './schema-oracle.js';

/** Where a value goes, for the table of known-good values (`path id` of `/api/tickets/{id}` is a ticket). */
export interface Slot {
  readonly location: Location;
  readonly route: string;
  /** The parameter's name, or for a body the keys down to the field. */
  readonly pointer: readonly Key[];
}

/** A known-good value for a slot (may be a Live), or undefined to let the schema choose one. */
export type KnownGood = (slot: Slot) => unknown;

export interface Variant {
  readonly label: string;
  readonly parts: RequestParts;
}

interface OpenApiOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly required?: boolean; readonly schema?: JsonSchema }[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): Operation => ({
        method,
        path,
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in as Location, required: p.required === true, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

function sampleMatching(pattern: string, schema: JsonSchema): string | undefined {
  const samples = fc.sample(fc.stringMatching(new RegExp(pattern, 'u')), { numRuns: 50, seed: 17 });
  return samples.find((text) => schemaAccepts(schema, text));
}

/** A value the schema accepts: the known-good one for the slot, else the first listed, else one made to fit. */
export function validValue(schema: JsonSchema, slot: Slot, known: KnownGood): unknown {
  const chosen = known(slot);
  if (chosen !== undefined) return chosen;
  const listed = listedValues(schema);
  if (listed.length > 0) return listed[0];
  if (schema.anyOf?.[0]) return validValue(schema.anyOf[0], slot, known);
  const at = (key: Key): Slot => ({ ...slot, pointer: [...slot.pointer, key] });
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'date-time') return '2026-11-23T02:00:00Z';
      if (schema.format === 'date') return '2026-11-23';
      if (schema.pattern !== undefined) return sampleMatching(schema.pattern, schema);
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, schema.minimum ?? 1), schema.maximum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) => validValue(schema.items ?? {}, at(i), known));
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const key of schema.required ?? []) define(object, key, validValue(schema.properties?.[key] ?? {}, at(key), known));
      return object;
    }
    default:
      return null;
  }
}

/** The request every variant starts from: each required parameter with a valid value. */
export function baselineOf(operation: Operation, known: KnownGood): RequestParts {
  const valid = (location: Location, name: string, schema: JsonSchema): unknown => validValue(schema, { location, route: operation.path, pointer: [name] }, known);
  const path: Record<string, unknown> = {};
  for (const p of operation.parameters.filter((p) => p.in === 'path')) path[p.name] = valid('path', p.name, p.schema);
  const query = operation.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, valid('query', p.name, p.schema)] as const);
  const body = operation.body === undefined ? undefined : validValue(bodyBranches(operation.body)[0] ?? operation.body, { location: 'body', route: operation.path, pointer: [] }, known);
  return { path, query, body };
}

/** A body that is one of several objects (anyOf) is attacked branch by branch, each from its own baseline. */
function bodyBranches(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf?.every((branch) => typeOf(branch) === 'object') ? [...schema.anyOf] : [schema];
}

function getAt(root: unknown, pointer: readonly Key[]): unknown {
  return pointer.reduce<unknown>((value, key) => (Array.isArray(value) ? value[key as number] : isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined), root);
}

/** A copy of root with the value at pointer replaced (or removed, for `remove`). */
function setAt(root: unknown, pointer: readonly Key[], value: unknown, remove = false): unknown {
  const [head, ...rest] = pointer;
  if (head === undefined) return value;
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? setAt(item, rest, value, remove) : item));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(isRecord(root) ? root : {})) if (key !== head || rest.length > 0 || !remove) define(copy, key, item);
  if (!remove || rest.length > 0) define(copy, String(head), setAt(getAt(root, [head]), rest, value, remove));
  return copy;
}

/** One body field, reached through pointer in a body built from `base`. */
interface BodyField {
  readonly schema: JsonSchema;
  readonly base: unknown;
  readonly pointer: readonly Key[];
  readonly required: boolean;
}

/** Every field of a body schema, depth first; a nested array is entered through one valid item. */
function bodyFields(schema: JsonSchema, base: unknown, pointer: readonly Key[], required: boolean, slot: (pointer: readonly Key[]) => Slot, known: KnownGood): BodyField[] {
  const here: BodyField = { schema, base, pointer, required };
  const type = typeOf(schema);
  if (type === 'object' && schema.properties) {
    const own = isRecord(getAt(base, pointer)) ? base : setAt(base, pointer, validValue(schema, slot(pointer), known));
    return [here, ...Object.entries(schema.properties).flatMap(([key, property]) => bodyFields(property, own, [...pointer, key], (schema.required ?? []).includes(key), slot, known))];
  }
  if (type === 'array' && schema.items) {
    const item = validValue(schema.items, slot([...pointer, 0]), known);
    return [here, ...bodyFields(schema.items, setAt(base, pointer, [item]), [...pointer, 0], true, slot, known)];
  }
  return [here];
}

const where = (pointer: readonly Key[]): string => `/${pointer.join('/')}`;

/** The hostile values of a body field; an array's are built around one valid item. */
function fieldValues(field: BodyField, slot: (pointer: readonly Key[]) => Slot, known: KnownGood): Hostile[] {
  const { schema, base, pointer } = field;
  const valid = typeOf(schema) === 'array' ? validValue(schema.items ?? {}, slot([...pointer, 0]), known) : (getAt(base, pointer) ?? validValue(schema, slot(pointer), known));
  return bodyValues(schema, valid);
}

function bodyVariants(field: BodyField, baseline: RequestParts, slot: (pointer: readonly Key[]) => Slot, known: KnownGood): Variant[] {
  const { schema, base, pointer } = field;
  const valid = getAt(base, pointer) ?? validValue(schema, slot(pointer), known);
  const body = (label: string, value: unknown): Variant => ({ label: `body ${where(pointer)} ${label}`, parts: { ...baseline, body: value } });
  const variants = fieldValues(field, slot, known).map((h) => body(`= ${h.label}`, setAt(base, pointer, h.value)));
  if (pointer.length === 0) variants.push(body('absent', undefined));
  else if (field.required) variants.push(body('missing', setAt(base, pointer, undefined, true)));
  if (typeOf(schema) === 'object') {
    const object = isRecord(valid) ? valid : {};
    for (const [key, value] of [['unknownField', 1], ['__proto__', { polluted: true }], ['constructor', { prototype: { polluted: true } }]] as const) {
      const extended: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(object)) define(extended, k, v);
      define(extended, key, value);
      variants.push(body(`+ ${key}`, setAt(base, pointer, extended)));
    }
  }
  return variants;
}

function textVariants(operation: Operation, baseline: RequestParts, known: KnownGood): Variant[] {
  const variants: Variant[] = [];
  const queryWith = (name: string, values: readonly unknown[]): RequestParts => ({ ...baseline, query: [...baseline.query.filter(([key]) => key !== name), ...values.map((value) => [name, value] as const)] });
  for (const p of operation.parameters) {
    const hostile: Hostile[] = textValues(p.schema);
    if (p.in === 'path') {
      variants.push(...hostile.map((h) => ({ label: `path ${p.name} = ${h.label}`, parts: { ...baseline, path: { ...baseline.path, [p.name]: h.value } } })));
      continue;
    }
    const valid = validValue(p.schema, { location: 'query', route: operation.path, pointer: [p.name] }, known);
    variants.push(...hostile.map((h) => ({ label: `query ${p.name} = ${h.label}`, parts: queryWith(p.name, [h.value]) })));
    variants.push({ label: `query ${p.name} repeated`, parts: queryWith(p.name, [valid, valid]) });
    if (p.schema.maxItems !== undefined) variants.push({ label: `query ${p.name} × ${p.schema.maxItems + 1}`, parts: queryWith(p.name, Array.from({ length: p.schema.maxItems + 1 }, () => valid)) });
    if (p.required) variants.push({ label: `query ${p.name} missing`, parts: queryWith(p.name, []) });
  }
  for (const key of ['unknownKey', '__proto__', 'constructor']) variants.push({ label: `query + ${key}`, parts: { ...baseline, query: [...baseline.query, [key, '1']] } });
  return variants;
}

/** The baseline and every hostile variant of it, each label once. */
export function hostileVariants(operation: Operation, known: KnownGood): { baseline: RequestParts; variants: Variant[] } {
  const baseline = baselineOf(operation, known);
  const variants = textVariants(operation, baseline, known);
  const slot = (pointer: readonly Key[]): Slot => ({ location: 'body', route: operation.path, pointer });
  if (operation.body !== undefined) {
    for (const branch of bodyBranches(operation.body)) {
      const base = validValue(branch, slot([]), known);
      const branchBaseline = { ...baseline, body: base };
      variants.push(...bodyFields(branch, base, [], true, slot, known).flatMap((field) => bodyVariants(field, branchBaseline, slot, known)));
    }
  } else if (operation.method !== 'get') {
    variants.push({ label: 'body where none is taken', parts: { ...baseline, body: { unknownField: 1 } } });
  }
  const seen = new Set<string>();
  return { baseline, variants: variants.filter((v) => !seen.has(v.label) && seen.add(v.label)) };
}

/** Random variants, for fast-check: a random value of a random kind in a random parameter. */
export function randomVariant(operation: Operation, known: KnownGood): fc.Arbitrary<Variant> {
  const baseline = baselineOf(operation, known);
  const text = (schema: JsonSchema): fc.Arbitrary<unknown> =>
    fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 50 }), ...(schema.pattern ? [fc.stringMatching(new RegExp(schema.pattern, 'u'))] : []), fc.constantFrom(...textValues(schema).map((h) => h.value)));
  const choices: fc.Arbitrary<Variant>[] = operation.parameters.map((p) =>
    text(p.schema).map((value): Variant =>
      p.in === 'path'
        ? { label: `path ${p.name} = ${JSON.stringify(value)}`, parts: { ...baseline, path: { ...baseline.path, [p.name]: value } } }
        : { label: `query ${p.name} = ${JSON.stringify(value)}`, parts: { ...baseline, query: [...baseline.query.filter(([key]) => key !== p.name), [p.name, value]] } },
    ),
  );
  const slot = (pointer: readonly Key[]): Slot => ({ location: 'body', route: operation.path, pointer });
  for (const branch of operation.body ? bodyBranches(operation.body) : []) {
    const base = validValue(branch, slot([]), known);
    for (const field of bodyFields(branch, base, [], true, slot, known)) {
      const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), text(field.schema), fc.integer(), fc.double(), fc.constantFrom(...fieldValues(field, slot, known).map((h) => h.value)));
      choices.push(value.map((v) => ({ label: `body ${where(field.pointer)} = ${JSON.stringify(v)}`, parts: { ...baseline, body: setAt(field.base, field.pointer, v) } })));
    }
  }
  return choices.length > 0 ? fc.oneof(...choices) : fc.constant({ label: 'baseline', parts: baseline });
}
