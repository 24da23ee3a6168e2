// The IVR path as compiled dialplan contexts write it into a channel variable (HOTLINE_IVR_PATH) and
// hand it back to the server at the queue: the same steps, in the same words, as the engine's path,
// so the ticket reads the same whichever ran the menus. Steps are separated by `|`, fields by `/`;
// free text (labels, flow names) is percent-encoded so no dialplan character (`,` `;` `$` `|`) can
// reach Asterisk's parser.
import type { IvrStep } from '../calls/call-facts.js';

export const PATH_STEP_SEPARATOR = '|';
const FIELD = '/';

export class DialplanPathError extends Error {
  readonly code = 'IVR_DIALPLAN_PATH_INVALID';
}

/** Percent-encodes every byte that is not a letter, digit, `-`, `_` or `.`. */
export function encodeText(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One step without its time, as the dialplan writes it after `<ms>/`. */
export function stepFields(step: IvrStep): string {
  switch (step.kind) {
    case 'node':
      return ['n', step.flow, step.node, encodeText(step.flowName ?? '')].join(FIELD);
    case 'prompt':
      return ['p', step.prompt, step.outcome].join(FIELD);
    case 'key':
      return ['k', encodeText(step.key), encodeText(step.label ?? ''), step.global ? 'g' : ''].join(FIELD);
    case 'timeout':
      return ['t', step.node].join(FIELD);
    case 'invalid':
      return ['i', step.node, encodeText(step.key)].join(FIELD);
    case 'collected':
      return ['c', step.variable, String(step.length)].join(FIELD);
    case 'outcome':
      return ['o', step.outcome, encodeText(step.detail ?? '')].join(FIELD);
  }
}

/** The steps the server already took (at arrival), to seed the variable the dialplan appends to. */
export function encodePath(steps: readonly IvrStep[]): string {
  return steps.map((step) => `${Math.round(step.at)}${FIELD}${stepFields(step)}`).join(PATH_STEP_SEPARATOR);
}

function decodeStep(token: string): IvrStep {
  const [atText = '', kind = '', a = '', b = '', c = ''] = token.split(FIELD);
  const at = Number(atText);
  if (!/^\d+$/.test(atText)) throw new DialplanPathError(`step without a time: ${token}`);
  const text = (value: string): string => decodeURIComponent(value);
  switch (kind) {
    case 'n':
      return { at, kind: 'node', flow: a, node: b, ...(c ? { flowName: text(c) } : {}) };
    case 'p':
      if (b !== 'played' && b !== 'interrupted' && b !== 'failed') break;
      return { at, kind: 'prompt', prompt: a, outcome: b };
    case 'k':
      return { at, kind: 'key', key: text(a), ...(b ? { label: text(b) } : {}), ...(c === 'g' ? { global: true } : {}) };
    case 't':
      return { at, kind: 'timeout', node: a };
    case 'i':
      return { at, kind: 'invalid', node: a, key: text(b) };
    case 'c':
      return { at, kind: 'collected', variable: a, length: Number(b) };
    case 'o':
      return { at, kind: 'outcome', outcome: a, ...(b ? { detail: text(b) } : {}) };
  }
  throw new DialplanPathError(`unknown step: ${token}`);
}

/** The path a compiled context handed back; a malformed one is refused as a whole (stable code). */
export function decodePath(text: string): IvrStep[] {
  try {
    return text
      .split(PATH_STEP_SEPARATOR)
      .filter((token) => token.length > 0)
      .map(decodeStep);
  } catch (error) {
    if (error instanceof DialplanPathError) throw error;
    throw new DialplanPathError(`undecodable text in the path: ${(error as Error).message}`);
  }
}
