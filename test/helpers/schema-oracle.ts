// An independent judge of what a route's OpenAPI schema accepts: a strict reading of the JSON Schema
// subset the API uses (no type coercion in JSON bodies; query and path text read as a number only
// when it spells one exactly). The hostile-request tests use it to know which requests a route must
// refuse, without trusting the server's own validator, the thing under test.

/** The parts of a JSON schema (as @fastify/swagger emits it into /docs/json) the oracle reads. */
export interface JsonSchema {
  readonly type?: string;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
}

// Words that describe and never constrain; any other keyword the oracle does not know stops the test,
// so a new kind of schema gets a judge before it gets attacked.
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly', '$id']);
const KNOWN = new Set(['type', 'nullable', 'enum', 'const', 'anyOf', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'items', 'minItems', 'maxItems', 'uniqueItems', 'properties', 'required', 'additionalProperties']);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export class UnknownSchemaKeyword extends Error {}

function checkKeywords(schema: JsonSchema): void {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key) && !ANNOTATIONS.has(key)) throw new UnknownSchemaKeyword(`the schema oracle does not know '${key}': teach test/helpers/schema-oracle.ts`);
  }
  if (schema.format !== undefined && schema.format !== 'date' && schema.format !== 'date-time') throw new UnknownSchemaKeyword(`the schema oracle does not know format '${schema.format}'`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(type: string | undefined, value: unknown): boolean {
  switch (type) {
    case undefined: return true;
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: throw new UnknownSchemaKeyword(`the schema oracle does not know type '${type}'`);
  }
}

/** Same as `a === b` for JSON values, arrays and objects compared by content. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function stringAccepted(schema: JsonSchema, text: string): boolean {
  // Lengths count code points, as JSON Schema (and Ajv) do: an emoji is one character.
  const length = [...text].length;
  if (schema.minLength !== undefined && length < schema.minLength) return false;
  if (schema.maxLength !== undefined && length > schema.maxLength) return false;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(text)) return false;
  if (schema.format === 'date-time') return DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
  if (schema.format === 'date') return DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
  return true;
}

function numberAccepted(schema: JsonSchema, value: number): boolean {
  if (schema.minimum !== undefined && value < schema.minimum) return false;
  if (schema.maximum !== undefined && value > schema.maximum) return false;
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  return schema.multipleOf === undefined || Number.isInteger(value / schema.multipleOf);
}

function arrayAccepted(schema: JsonSchema, list: readonly unknown[]): boolean {
  if (schema.minItems !== undefined && list.length < schema.minItems) return false;
  if (schema.maxItems !== undefined && list.length > schema.maxItems) return false;
  if (schema.uniqueItems && list.some((item, i) => list.findIndex((other) => sameJson(item, other)) !== i)) return false;
  const items = schema.items;
  return items === undefined || list.every((item) => schemaAccepts(items, item));
}

function objectAccepted(schema: JsonSchema, object: Record<string, unknown>): boolean {
  const properties = schema.properties ?? {};
  if ((schema.required ?? []).some((key) => !Object.hasOwn(object, key))) return false;
  for (const [key, value] of Object.entries(object)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property !== undefined) {
      if (!schemaAccepts(property, value)) return false;
    } else if (schema.additionalProperties === false) {
      return false;
    } else if (isObject(schema.additionalProperties) && !schemaAccepts(schema.additionalProperties, value)) {
      return false;
    }
  }
  return true;
}

/** Whether `value` (a parsed JSON value) is one the schema allows. */
export function schemaAccepts(schema: JsonSchema, value: unknown): boolean {
  checkKeywords(schema);
  if (value === undefined) return false;
  if (value === null && schema.nullable === true) return true;
  if (schema.anyOf && !schema.anyOf.some((branch) => schemaAccepts(branch, value))) return false;
  if (!hasType(schema.type, value)) return false;
  if (schema.enum && !schema.enum.some((allowed) => sameJson(allowed, value))) return false;
  if (Object.hasOwn(schema, 'const') && !sameJson(schema.const, value)) return false;
  if (typeof value === 'string') return stringAccepted(schema, value);
  if (typeof value === 'number') return numberAccepted(schema, value);
  if (Array.isArray(value)) return arrayAccepted(schema, value);
  if (isObject(value)) return objectAccepted(schema, value);
  return true;
}

const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;
const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** The scalar type a schema asks for, looking through a single-type anyOf. */
function scalarType(schema: JsonSchema): string | undefined {
  if (schema.type !== undefined) return schema.type;
  const types = new Set((schema.anyOf ?? []).map((branch) => branch.type));
  return types.size === 1 ? [...types][0] : undefined;
}

/** The value a query or path text stands for under a strict reading: a number only if it spells one exactly. */
export function textValue(schema: JsonSchema, text: string): unknown {
  const type = scalarType(schema);
  if (type === 'integer' && INTEGER_TEXT.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (type === 'number' && DECIMAL_TEXT.test(text) && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** The value of a query key sent `texts.length` times: an array only where the schema has one. */
export function queryValue(schema: JsonSchema, texts: readonly string[]): unknown {
  if (schema.type === 'array') return texts.map((text) => textValue(schema.items ?? {}, text));
  if (texts.length === 1) return textValue(schema, texts[0] as string);
  return texts.map((text) => textValue(schema, text));
}
