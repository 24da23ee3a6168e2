// The unit page's deadline: the one the order works towards in each status, and its colour.
import { describe, expect, it } from 'vitest';
import { deadlineColour, nextDeadline } from '../../../agent-ui/src/unit/deadlines.js';

const order = { signBy: '2026-11-24T16:00:00.000Z', replyBy: '2026-11-26T16:00:00.000Z', closeBy: '2026-11-30T16:00:00.000Z' };
const at = (iso: string): number => Date.parse(iso);

describe('the unit page’s deadlines', () => {
  it('works towards the sign, then the reply, then the close; nothing once closed', () => {
    expect(['dispatched', 'in-progress', 'replied', 'closed'].map((status) => nextDeadline({ ...order, status }))).toEqual([order.signBy, order.replyBy, order.closeBy, null]);
  });

  it('is green with more than a day left, yellow within a day, red once passed', () => {
    expect(deadlineColour(order.signBy, at('2026-11-23T15:59:59.000Z'))).toBe('green');
    expect(deadlineColour(order.signBy, at('2026-11-23T16:00:00.000Z'))).toBe('yellow');
    expect(deadlineColour(order.signBy, at('2026-11-24T15:59:59.999Z'))).toBe('yellow');
    expect(deadlineColour(order.signBy, at('2026-11-24T16:00:00.000Z'))).toBe('red');
    expect(deadlineColour(null, 0)).toBeNull();
  });
});
