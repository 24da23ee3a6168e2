// Strict reading of what a request carries, before the route's schema checks it. The schema
// validator coerces nothing (a JSON `true` is not the version 1); query and path values, which
// are always text, become numbers or booleans here only when the text is exactly one: `Infinity`,
// `1e309`, `0x10`, ` 12` and `1_000` stay text and fail the schema. Text with control characters
// (NUL included) or broken UTF-16 is refused wherever it comes: no store or search engine sees it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpError } from './http-error.js';

/** The parts of a JSON schema this reads (TypeBox emits plain JSON schema). */
interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
}

const INTEGER = /^-?(0|[1-9]\d*)$/;
const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
// Query and path text: no control character at all. Bodies may carry tab and line breaks (a description has paragraphs).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_BODY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Half of a surrogate pair without its other half: not a character, and not storable as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The number or boolean a query value spells exactly, or the text unchanged for the schema to refuse. */
export function strictScalar(text: string, type: string | readonly string[] | undefined): string | number | boolean {
  if (type === 'integer' && INTEGER.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : text;
  }
  if (type === 'number' && DECIMAL.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  }
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** A query or path object read as its schema declares: a repeated key is an array only where the schema has one. */
export function strictQuery(schema: SchemaNode | undefined, input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const properties = schema?.properties ?? {};
  // No prototype: a key named __proto__ stays a key, for the schema to refuse.
  const output: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(input)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property?.type === 'array') {
      const items = Array.isArray(raw) ? raw : [raw];
      output[key] = items.map((item) => (typeof item === 'string' ? strictScalar(item, property.items?.type) : item));
    } else {
      output[key] = typeof raw === 'string' ? strictScalar(raw, property?.type) : raw;
    }
  }
  return output;
}

/** Where in `value` a string has a character it may not have, e.g. "body.description", or null. */
export function badTextAt(value: unknown, where: string, control: RegExp): string | null {
  if (typeof value === 'string') return control.test(value) || LONE_SURROGATE.test(value) ? where : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = badTextAt(item, `${where}[${index}]`, control);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = badTextAt(key, `${where} key`, control) ?? badTextAt(item, `${where}.${key}`, control);
      if (found) return found;
    }
  }
  return null;
}

function refuseBadText(request: FastifyRequest): void {
  const where =
    badTextAt(request.params, 'path', CONTROL_IN_LINE) ?? badTextAt(request.query, 'query', CONTROL_IN_LINE) ?? badTextAt(request.body, 'body', CONTROL_IN_BODY);
  if (where) throw httpError('REQUEST_TEXT_INVALID', `Control characters or broken Unicode in ${where}`);
}

/** Installs the strict reading on every route: it runs after the body is parsed and before the schema. */
export function installStrictInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseBadText(request);
    const schema = request.routeOptions.schema as { querystring?: SchemaNode; params?: SchemaNode } | undefined;
    if (request.query && typeof request.query === 'object') request.query = strictQuery(schema?.querystring, request.query as Record<string, unknown>);
    if (request.params && typeof request.params === 'object') request.params = strictQuery(schema?.params, request.params as Record<string, unknown>);
  });
}
