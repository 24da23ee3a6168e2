// The say node: what its parts sound like with the call's variables (recorded prompts for digits,
// numbers and dates; text for the speech synthesizer), and which variables and prompts it relies on,
// for the checker. A part whose variable is missing or unusable is left out: the caller hears the rest.
import type { Sound } from './ivr-protocol.js';
import type { SayNode, SayPart } from './flow-types.js';
import { DATE_PROMPTS, DIGIT_PROMPTS, NUMBER_PROMPTS, spokenDate, spokenDigits, spokenQuantity } from './spoken-numbers.js';

const DIGITS_LITERAL = /^[0-9]+$/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;

/** The kind of a part and the value it names (a variable or a literal). */
export function partKind(part: SayPart): { readonly kind: 'prompt' | 'digits' | 'number' | 'date' | 'text'; readonly value: string } {
  if ('prompt' in part) return { kind: 'prompt', value: part.prompt };
  if ('digits' in part) return { kind: 'digits', value: part.digits };
  if ('number' in part) return { kind: 'number', value: part.number };
  if ('date' in part) return { kind: 'date', value: part.date };
  return { kind: 'text', value: part.text };
}

/** The variable a part reads, or null when it holds a prompt or a literal value. */
export function partVariable(part: SayPart): string | null {
  const { kind, value } = partKind(part);
  switch (kind) {
    case 'prompt':
      return null;
    case 'digits':
    case 'number':
      return DIGITS_LITERAL.test(value) ? null : value;
    case 'date':
      return DATE_LITERAL.test(value) ? null : value;
    case 'text':
      return value;
  }
}

/** Every prompt a part may play: its own, or the words its values are composed of. */
export function partPrompts(part: SayPart): readonly string[] {
  const { kind, value } = partKind(part);
  switch (kind) {
    case 'prompt':
      return [value];
    case 'digits':
      return DIGIT_PROMPTS;
    case 'number':
      // A quantity over 999 is read digit by digit.
      return [...NUMBER_PROMPTS, ...DIGIT_PROMPTS];
    case 'date':
      return DATE_PROMPTS;
    case 'text':
      return [];
  }
}

/** Text for the synthesizer: one line, spaces collapsed; null when nothing is left to say. */
function speakable(value: string): Sound[] {
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? [] : [{ text }];
}

function partSounds(part: SayPart, variables: Readonly<Record<string, string>>): Sound[] {
  const { kind, value } = partKind(part);
  if (kind === 'prompt') return [value];
  const variable = partVariable(part);
  const given = variable === null ? value : variables[variable];
  if (given === undefined) return [];
  switch (kind) {
    case 'digits':
      return spokenDigits(given) ?? [];
    case 'number':
      return spokenQuantity(given) ?? [];
    case 'date':
      return spokenDate(given) ?? [];
    case 'text':
      return speakable(given);
  }
}

/** The node's sounds, in order, from the call's variables. */
export function saySounds(node: SayNode, variables: Readonly<Record<string, string>>): Sound[] {
  return node.parts.flatMap((part) => partSounds(part, variables));
}

/** The node's own prompt parts (what the call's path records: values may be personal). */
export function sayPromptIds(node: SayNode): string[] {
  return node.parts.flatMap((part) => ('prompt' in part ? [part.prompt] : []));
}
