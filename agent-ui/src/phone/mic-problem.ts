// Why getUserMedia failed, in the phone's words; apart from phone-devices.ts so it is read without a browser.
import type { MicProblem } from './phone-state.js';

export function micProblemOf(error: unknown): MicProblem {
  // A DOMException in the browser; read structurally, as the tests' Node has no DOM types.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  // NotAllowedError: the agent or a policy said no; SecurityError: not a secure context (plain HTTP).
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable';
}
