// Which 1345 deadline an order is working towards, and its colour on the unit's list: pure, so the
// unit tests read it without a browser.

/** The deadlines of an order as the unit's view gives them (ISO times). */
export interface OrderDeadlines {
  readonly status: string;
  readonly signBy: string | null;
  readonly replyBy: string | null;
  readonly closeBy: string | null;
}

const DAY_MS = 86_400_000;

/** The deadline the order is working towards now: sign until signed, then reply, then close. */
export function nextDeadline(order: OrderDeadlines): string | null {
  if (order.status === 'dispatched') return order.signBy;
  if (order.status === 'in-progress') return order.replyBy;
  if (order.status === 'replied') return order.closeBy;
  return null;
}

/** red: passed; yellow: due within a day; green: more time than that. */
export function deadlineColour(due: string | null, now: number): 'red' | 'yellow' | 'green' | null {
  if (due === null) return null;
  const left = Date.parse(due) - now;
  return left <= 0 ? 'red' : left <= DAY_MS ? 'yellow' : 'green';
}
