import type Manager from 'asterisk-manager';

/** One header value as asterisk-manager parses it: repeated keys become arrays, Variable lines a map. */
export type AmiValue = string | readonly string[] | Readonly<Record<string, string>>;

/** A parsed AMI message; keys are lower-case as the library gives them (`actionid`, `eventlist`). */
export type AmiMessage = Readonly<Record<string, AmiValue>>;

/** An unsolicited (or list) event, normalised: name and ActionID lifted out, the raw map kept. */
export interface AmiEvent {
  /** The `Event:` value as Asterisk spells it, e.g. `QueueCallerJoin`. */
  readonly name: string;
  readonly actionId: string | undefined;
  readonly fields: AmiMessage;
}

/** The first string value of a key (AMI may repeat keys), or undefined. */
export function fieldString(message: AmiMessage, key: string): string | undefined {
  const value = message[key.toLowerCase()];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0] as string | undefined;
  return undefined;
}

/** Every string value of a key as a list: absent → [], single → [value]. */
export function fieldLines(message: AmiMessage, key: string): string[] {
  const value = message[key.toLowerCase()];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return [...(value as readonly string[])];
  return [];
}

export function toAmiEvent(raw: Manager.RawAmiMessage): AmiEvent | undefined {
  const name = fieldString(raw, 'event');
  if (name === undefined) return undefined;
  return { name, actionId: fieldString(raw, 'actionid'), fields: raw };
}
