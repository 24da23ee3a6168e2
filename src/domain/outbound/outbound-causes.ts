// Asterisk's hang-up cause (Q.850) of an unanswered outbound attempt, as the cause a retry policy names.
import type { NotReachedCause } from './outbound-protocol.js';

// 18 no user responding, 19 no answer (ring timeout), 20 subscriber absent (phone off).
const NO_ANSWER = new Set([18, 19, 20]);
const BUSY = new Set([17]);
const REJECTED = new Set([21]);
// The number or the way to it does not work: unallocated, no route, out of order, invalid format,
// no circuit, network out of order, temporary failure, congestion, number changed.
const UNREACHABLE = new Set([1, 2, 3, 22, 27, 28, 34, 38, 41, 42]);

export function notReachedCause(hangupCause: number | null): NotReachedCause {
  if (hangupCause === null) return 'failed';
  if (NO_ANSWER.has(hangupCause)) return 'no-answer';
  if (BUSY.has(hangupCause)) return 'busy';
  if (REJECTED.has(hangupCause)) return 'rejected';
  if (UNREACHABLE.has(hangupCause)) return 'unreachable';
  return 'failed';
}
