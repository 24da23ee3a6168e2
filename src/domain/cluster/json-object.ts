// The first check of every message between servers: JSON text holding an object (not a list, not null).
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object a message holds, or why it holds none (each kind of message names the fault with its own code). */
export function jsonObjectOf(body: string): Readonly<Record<string, unknown>> | 'not-json' | 'not-object' {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'not-json';
  }
  return isObject(value) ? value : 'not-object';
}
