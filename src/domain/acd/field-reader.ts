// Reads fields of plain objects (parsed YAML/JSON) and collects every problem with its path, so one
// pass reports all mistakes in a file instead of the first one.
import type { ConfigError } from './acd-config.js';

type Obj = Readonly<Record<string, unknown>>;

export interface IntRule {
  readonly min: number;
  readonly max?: number;
  /** Omitted = the field is required. */
  readonly fallback?: number;
}

export class FieldReader {
  readonly errors: ConfigError[] = [];

  constructor(private readonly prefix: string) {}

  fail(code: string, path: string, message: string): void {
    this.errors.push({ code: `${this.prefix}_${code}`, path, message });
  }

  object(value: unknown, path: string): Obj | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Obj;
    this.fail('INVALID_FIELD', path, 'expected an object');
    return null;
  }

  list(value: unknown, path: string): readonly unknown[] {
    if (Array.isArray(value)) return value;
    this.fail('INVALID_FIELD', path, 'expected a list');
    return [];
  }

  /** Typos in optional fields would otherwise silently fall back to defaults. */
  onlyFields(obj: Obj, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail('UNKNOWN_FIELD', join(path, key), `unknown field '${key}'`);
    }
  }

  string(obj: Obj, key: string, path: string, fallback?: string): string {
    const value = obj[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined) this.fail('MISSING_FIELD', join(path, key), `'${key}' is required`);
    else if (typeof value !== 'string' || value.trim() === '') this.fail('INVALID_FIELD', join(path, key), 'expected a non-empty string');
    else return value;
    return '';
  }

  int(obj: Obj, key: string, path: string, rule: IntRule): number {
    const value = obj[key];
    if (value === undefined && rule.fallback !== undefined) return rule.fallback;
    if (value === undefined) this.fail('MISSING_FIELD', join(path, key), `'${key}' is required`);
    else if (!isIntIn(value, rule)) this.fail('INVALID_FIELD', join(path, key), `expected an integer ${range(rule)}`);
    else return value;
    return rule.fallback ?? rule.min;
  }

  bool(obj: Obj, key: string, path: string, fallback: boolean): boolean {
    const value = obj[key];
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail('INVALID_FIELD', join(path, key), 'expected true or false');
    return fallback;
  }

  strings(obj: Obj, key: string, path: string, fallback?: readonly string[]): readonly string[] {
    const value = obj[key];
    if (value === undefined && fallback !== undefined) return fallback;
    const ok = Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '');
    if (ok) return value as string[];
    this.fail(value === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', join(path, key), 'expected a list of non-empty strings');
    return [];
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function isIntIn(value: unknown, rule: IntRule): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return false;
  return value >= rule.min && (rule.max === undefined || value <= rule.max);
}

function range(rule: IntRule): string {
  return rule.max === undefined ? `>= ${rule.min}` : `in ${rule.min}..${rule.max}`;
}
