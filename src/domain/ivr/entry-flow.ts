// Which flow a call starts in, by the number the caller dialed ('*' for any other).
import type { IvrContext } from './ivr-engine.js';

export function entryFlowFor(context: IvrContext, dialed: string): string {
  const entries = context.flows.entries;
  return entries[dialed] ?? entries['*'] ?? 'main';
}
