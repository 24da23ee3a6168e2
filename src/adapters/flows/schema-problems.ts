// Schema errors as operators can read them: one per mistake, with a dotted path. A value that fails a
// union (a node, a target, a condition) is checked against the variant it was meant to be (by its
// `type`, else by its shape) so the error says what is wrong inside it, not just "no variant matched".
import type { TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { FLOW_ID_PATTERN } from '../../domain/ivr/flow-problems.js';
import { KEY_PATTERN, LANGUAGE_PATTERN, PROMPT_ID_PATTERN } from './flow-schema.js';

/** The patterns of the flow files, in words. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  [FLOW_ID_PATTERN]: "an id: lower-case letters, digits and '-', starting with a letter",
  [KEY_PATTERN]: 'one key: 0-9, * or #',
  [PROMPT_ID_PATTERN]: "a prompt id: lower-case letters, digits, '_' and '-'",
  [LANGUAGE_PATTERN]: 'a language tag such as zh-CN',
};

function patternWords(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? `text matching ${pattern}`;
}

export interface SchemaIssue {
  /** Dotted path, e.g. nodes.menu.options.3.next ('' for the whole file). */
  readonly path: string;
  readonly message: string;
  /** The path names a required field that is missing. */
  readonly missing: boolean;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function acceptsType(schema: TSchema, type: string): boolean {
  const declared = schema.const !== undefined ? jsonType(schema.const) : schema.type;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as TSchema[]).some((s) => acceptsType(s, type));
  return declared === type || (declared === 'number' && type === 'integer');
}

function typeLiteral(schema: TSchema): unknown {
  return (schema.properties as Record<string, TSchema> | undefined)?.type?.const;
}

function countErrors(schema: TSchema, value: unknown): number {
  let count = 0;
  for (const _ of Value.Errors(schema, value)) count += 1;
  return count;
}

/** The variant a value was meant to be, or an issue saying why none can be chosen. */
type Choice = { readonly schema: TSchema } | { readonly issue: SchemaIssue };

function chooseVariant(variants: readonly TSchema[], value: unknown, path: string): Choice {
  if (variants.every((v) => v.const !== undefined)) {
    return { issue: { path, message: `expected one of ${variants.map((v) => String(v.const)).join(', ')}, got ${JSON.stringify(value)}`, missing: false } };
  }
  const typed = variants.filter((v) => acceptsType(v, jsonType(value)));
  const tagged = typed.filter((v) => typeLiteral(v) !== undefined);
  if (tagged.length > 0 && typeof value === 'object' && value !== null) {
    const tag = (value as Record<string, unknown>).type;
    const match = tagged.find((v) => typeLiteral(v) === tag);
    if (match) return { schema: match };
    const allowed = tagged.map(typeLiteral).join(', ');
    const missing = tag === undefined;
    const message = missing ? `missing required field 'type' (one of ${allowed})` : `unknown node type '${String(tag)}' (one of ${allowed})`;
    return { issue: { path: join(path, 'type'), message, missing } };
  }
  if (typed.length === 0) {
    const expected = [...new Set(variants.map((v) => (v.const !== undefined ? JSON.stringify(v.const) : String(v.type))))].join(' or ');
    return { issue: { path, message: `expected ${expected}, got ${JSON.stringify(value)}`, missing: false } };
  }
  return { schema: typed.reduce((best, v) => (countErrors(v, value) < countErrors(best, value) ? v : best)) };
}

function join(base: string, more: string): string {
  return base === '' ? more : more === '' ? base : `${base}.${more}`;
}

function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describe(error: ValueError, path: string): SchemaIssue {
  const field = path.split('.').pop() ?? '';
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { path, message: `missing required field '${field}'`, missing: true };
    case ValueErrorType.ObjectAdditionalProperties: {
      const keyPattern = Object.keys((error.schema.patternProperties as object | undefined) ?? {})[0];
      const message = keyPattern ? `'${field}' is not allowed as a key here: expected ${patternWords(keyPattern)}` : `unknown field '${field}' (not allowed here)`;
      return { path, message, missing: false };
    }
    case ValueErrorType.StringPattern:
      return { path, message: `expected ${patternWords(String(error.schema.pattern))}, got ${JSON.stringify(error.value)}`, missing: false };
    default:
      return { path, message: `${error.message}${error.value === undefined ? '' : `, got ${JSON.stringify(error.value)}`}`, missing: false };
  }
}

function collect(schema: TSchema, value: unknown, base: string, out: SchemaIssue[]): void {
  const missing = new Set<string>();
  for (const error of Value.Errors(schema, value)) {
    const path = join(base, dotted(error.path));
    if (missing.has(path)) continue;
    if (error.type === ValueErrorType.Union && Array.isArray(error.schema.anyOf)) {
      const chosen = chooseVariant(error.schema.anyOf as TSchema[], error.value, path);
      if ('issue' in chosen) out.push(chosen.issue);
      else collect(chosen.schema, error.value, path, out);
      continue;
    }
    const issue = describe(error, path);
    if (issue.missing) missing.add(path);
    out.push(issue);
  }
}

/** Every schema error of a value, in a stable order (by path, then message). */
export function schemaIssues(schema: TSchema, value: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  collect(schema, value, '', out);
  const unique = [...new Map(out.map((i) => [`${i.path}\u0000${i.message}`, i])).values()];
  return unique.sort((a, b) => (a.path === b.path ? cmp(a.message, b.message) : cmp(a.path, b.path)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
