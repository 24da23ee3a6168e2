// Branch conditions over what the IVR knows about the caller and what they entered.
import type { Condition } from './flow-types.js';
import type { IvrState } from './ivr-protocol.js';

export function conditionHolds(condition: Condition, state: Pick<IvrState, 'caller' | 'variables' | 'language'>): boolean {
  if ('caller' in condition) {
    if (condition.caller === 'elderly') return state.caller.elderly;
    if (condition.caller === 'enterprise') return state.caller.enterprise !== null;
    return state.caller.anonymous;
  }
  if ('dialed' in condition) return state.caller.dialed === condition.dialed;
  if ('language' in condition) return state.language === condition.language;
  const value = state.variables[condition.variable];
  if (value === undefined) return false;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  // Anchored like a collect node's pattern: the whole value must match.
  if (condition.matches !== undefined && !new RegExp(`^(?:${condition.matches})$`).test(value)) return false;
  return true;
}
