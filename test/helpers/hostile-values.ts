// The hostile values thrown at one parameter, chosen from its schema: type boundaries, wrong types,
// numeric text JavaScript would coerce, control characters, broken UTF-16, huge and empty text.
// JSON bodies get real JSON types (a boolean is `true`, not "true"); query and path values are text.
import fc from 'fast-check';
import type { JsonSchema } from './schema-oracle.js';

/** A number written into a JSON body exactly as given (`1e309` parses to Infinity; JSON.stringify cannot write it). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A value read when the request is sent (a ticket's current version), not when it is generated. */
export class Live {
  constructor(readonly read: () => unknown) {}

  // How fast-check prints a counterexample holding one.
  [fc.toStringMethod](): string {
    return 'Live(…)';
  }

  toJSON(): string {
    return '<read when sent>';
  }
}

export interface Hostile {
  readonly label: string;
  readonly value: unknown;
}

/** Text that `Number()` or a lax parser turns into a number (or NaN) although it is not a plain decimal. */
export const NUMERIC_TEXT = ['Infinity', '-Infinity', 'NaN', '1e309', '0x10', ' 12', '12 ', '+5', '1_000', '٣'] as const;
export const CONTROL_TEXT = ['\u0000', 'a\u0000b', '\u0007', '\u001b[2J', '\u007f', '\ud800', 'a\udc00'] as const;
const INJECTION_TEXT = ["' or 1=1 --", '"; drop table tickets; --', '<script>alert(1)</script>', '../../etc/passwd', '${jndi:ldap://x}', '{{7*7}}', '__proto__', 'constructor', '%00', '🙂'] as const;
export const HUGE_LENGTH = 100_000;

const text = (values: readonly string[]): Hostile[] => values.map((value) => ({ label: JSON.stringify(value), value }));
const show = (value: unknown): string => (value instanceof RawJson ? value.text : typeof value === 'string' && value.length > 40 ? `"${value.slice(0, 12)}…" (${value.length} chars)` : JSON.stringify(value));
const labelled = (values: readonly unknown[]): Hostile[] => values.map((value) => ({ label: show(value), value }));

/** The JSON-schema type a parameter takes, looking through anyOf of one type (TypeBox's literal unions). */
export function typeOf(schema: JsonSchema): string | undefined {
  if (schema.type !== undefined) return schema.type;
  const types = new Set((schema.anyOf ?? []).map((branch) => typeOf(branch)));
  return types.size === 1 ? [...types][0] : undefined;
}

/** The listed values of an enum, a const, or an anyOf of them. */
export function listedValues(schema: JsonSchema): unknown[] {
  if (schema.enum) return [...schema.enum];
  if (Object.hasOwn(schema, 'const')) return [schema.const];
  return (schema.anyOf ?? []).flatMap((branch) => listedValues(branch));
}

function stringText(schema: JsonSchema): string[] {
  const limit = schema.maxLength;
  const listed = listedValues(schema).filter((value): value is string => typeof value === 'string');
  const first = listed[0];
  return [
    '',
    'x'.repeat(HUGE_LENGTH),
    ...(limit !== undefined ? ['x'.repeat(limit + 1), '🙂'.repeat(limit)] : []),
    ...(schema.minLength !== undefined && schema.minLength > 1 ? ['x'.repeat(schema.minLength - 1)] : []),
    ...(first !== undefined ? [`${first}X`, first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(), ` ${first}`] : []),
    ...NUMERIC_TEXT,
    ...CONTROL_TEXT,
    ...INJECTION_TEXT,
  ];
}

function integerBounds(schema: JsonSchema): number[] {
  const bounds = [0, -1, 2 ** 53, 1.5];
  if (schema.minimum !== undefined) bounds.push(schema.minimum - 1, schema.minimum);
  if (schema.maximum !== undefined) bounds.push(schema.maximum + 1, schema.maximum);
  return bounds;
}

/** Values of every JSON type but `keep`, `valid` standing in for the right one inside an array. */
function wrongJsonTypes(keep: string | undefined, valid: unknown): unknown[] {
  const all: [string, unknown][] = [['string', 'x'], ['string', '1'], ['number', 5], ['number', 0], ['boolean', true], ['boolean', false], ['null', null], ['array', []], ['array', [valid]], ['object', {}]];
  const sameType = (type: string): boolean => type === keep || (type === 'number' && keep === 'integer');
  return all.filter(([type]) => !sameType(type)).map(([, value]) => value);
}

/** Hostile values for a JSON body field of this schema; `valid` is a value it accepts. */
export function bodyValues(schema: JsonSchema, valid: unknown): Hostile[] {
  const type = typeOf(schema);
  const wrong = labelled(wrongJsonTypes(type, valid));
  if (type === 'integer' || type === 'number') {
    const raw = ['1e309', '-1e309', '1e2', '-0'].map((value) => new RawJson(value));
    return [...labelled([...integerBounds(schema), ...raw]), ...text(NUMERIC_TEXT), ...wrong];
  }
  if (type === 'string') return [...text(stringText(schema)), ...wrong];
  if (type === 'boolean') return [...labelled(['true', 'false', 1, 0]), ...wrong];
  if (type === 'array') {
    const beyond = schema.maxItems !== undefined ? [Array.from({ length: schema.maxItems + 1 }, (_, i) => (typeof valid === 'string' ? `${valid}${i}` : valid))] : [];
    return [...labelled([...beyond, [valid, valid], [null], [[valid]]]), ...wrong];
  }
  return wrong;
}

/** Hostile text for a query or path parameter of this schema. */
export function textValues(schema: JsonSchema): Hostile[] {
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') {
    return text([...integerBounds(schema).map(String), ...NUMERIC_TEXT, 'true', 'false', 'null', '', 'x', ...CONTROL_TEXT, 'x'.repeat(HUGE_LENGTH)]);
  }
  if (type === 'boolean') return text(['1', '0', 'yes', 'TRUE', 'null', '', ...CONTROL_TEXT]);
  if (type === 'array') return textValues(schema.items ?? {});
  return text([...stringText(schema), 'true', 'null', '[]', '{}']);
}
