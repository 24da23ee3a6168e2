// One request as its parts (path values, query pairs, JSON body), turned into an inject() call, and
// judged against the route's OpenAPI description: which of its parts the route must refuse.
import type { InjectOptions } from 'fastify';
import { queryValue, schemaAccepts, type JsonSchema } from './schema-oracle.js';
import { Live, RawJson } from './hostile-values.js';

export type Location = 'path' | 'query' | 'body';

/** One operation of the OpenAPI document: a method on a path, with what it takes. */
export interface Operation {
  readonly method: string;
  /** The OpenAPI path, `/api/tickets/{id}`. */
  readonly path: string;
  readonly parameters: readonly { readonly name: string; readonly in: Location; readonly required: boolean; readonly schema: JsonSchema }[];
  readonly body: JsonSchema | undefined;
}


export type Key = string | number;

export interface RequestParts {
  readonly path: Readonly<Record<string, unknown>>;
  /** In order, a key possibly repeated. */
  readonly query: readonly (readonly [string, unknown])[];
  /** undefined: no body at all. */
  readonly body: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof Live);
}

/** Sets `key` as an own property, `__proto__` included (plain assignment would change the prototype instead). */
export function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The parts with every Live value read now. */
export function resolveLive(value: unknown): unknown {
  if (value instanceof Live) return resolveLive(value.read());
  if (Array.isArray(value)) return value.map(resolveLive);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) define(copy, key, resolveLive(item));
  return copy;
}

/** JSON text for a body, RawJson numbers written as they are. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (isRecord(value)) return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  return JSON.stringify(value);
}

/** Percent-encoding, where a lone surrogate (which has no UTF-8) becomes the bytes a broken client would send. */
function encodeText(text: string): string {
  return [...text]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

/** What the server decodes from encodeText: a lone surrogate arrives as U+FFFD at best. */
function decodedText(text: string): string {
  return [...text].map((char) => (/^[\ud800-\udfff]$/.test(char) ? '\ufffd' : char)).join('');
}

export function injectOptions(operation: Operation, parts: RequestParts): InjectOptions {
  const url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeText(String(parts.path[name] ?? '')));
  const search = parts.query.map(([key, value]) => `${encodeText(key)}=${encodeText(String(value))}`).join('&');
  const method = operation.method.toUpperCase() as InjectOptions['method'];
  const request: InjectOptions = { method, url: search ? `${url}?${search}` : url };
  return parts.body === undefined ? request : { ...request, payload: jsonText(parts.body), headers: { 'content-type': 'application/json' } };
}

// Issue 17 (b): query and path text is one line of words; a control character (C0 or DEL) in it is refused.
const hasControl = (text: string): boolean => [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

function textReasons(where: string, schema: JsonSchema, texts: readonly string[]): string[] {
  const decoded = texts.map(decodedText);
  const reasons = schemaAccepts(schema, queryValue(schema, decoded)) ? [] : [`${where} does not match its schema`];
  return decoded.some(hasControl) ? [...reasons, `${where} has a control character`] : reasons;
}

/** The reasons the route must refuse these parts; none when its description allows them. */
export function refusalReasons(operation: Operation, parts: RequestParts): string[] {
  const reasons: string[] = [];
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const text = String(parts.path[parameter.name] ?? '');
    reasons.push(...textReasons(`path ${parameter.name}`, parameter.schema, [text]));
  }
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const sent = new Map<string, string[]>();
  for (const [key, value] of parts.query) sent.set(key, [...(sent.get(key) ?? []), String(value)]);
  for (const parameter of queryParameters) {
    const texts = sent.get(parameter.name);
    if (texts === undefined) {
      if (parameter.required) reasons.push(`query ${parameter.name} is required`);
    } else reasons.push(...textReasons(`query ${parameter.name}`, parameter.schema, texts));
  }
  // build-app.ts: unknown query keys are errors, where a route describes its query at all.
  const unknown = [...sent.keys()].filter((key) => !queryParameters.some((p) => p.name === key));
  if (queryParameters.length > 0 && unknown.length > 0) reasons.push(`query key ${unknown.join(', ')} is unknown`);
  if (operation.body !== undefined && !schemaAccepts(operation.body, parts.body === undefined ? undefined : JSON.parse(jsonText(parts.body)))) {
    reasons.push('body does not match its schema');
  }
  return reasons;
}
