// A past order's call and ticket as column values, for both databases' order history stores (their
// schemas agree column for column, src/adapters/pg/schema-parity.ts).
import type { PastOrderRow } from '../../app/ports/order-history-records.js';

const HOTLINE = '12345';

export function pastCallValues(order: PastOrderRow) {
  return {
    id: order.callId,
    channelId: order.callId,
    callerNumber: order.callerNumber,
    dialedNumber: HOTLINE,
    state: 'ended' as const,
    startedAt: order.callStartedAt,
    answeredAt: order.callAnsweredAt,
    endedAt: order.callEndedAt,
    endedBy: 'caller' as const,
    updatedAt: order.callEndedAt,
  };
}

export function pastTicketValues(order: PastOrderRow) {
  const answered = order.callAnsweredAt !== null;
  return {
    number: order.number,
    callId: order.callId,
    channel: 'phone' as const,
    status: order.status,
    callerNumber: order.callerNumber,
    dialedNumber: HOTLINE,
    callStartedAt: order.callStartedAt,
    callAnsweredAt: order.callAnsweredAt,
    callEndedAt: order.callEndedAt,
    ringMs: 0,
    waitMs: order.waitMs,
    talkMs: order.talkMs,
    totalMs: order.callEndedAt - order.callStartedAt,
    queue: order.queue,
    agentAnsweredAt: order.callAnsweredAt,
    satisfaction: order.satisfaction,
    endedBy: 'caller',
    ivrPath: [],
    createdAt: order.callEndedAt,
    missedIn: order.missedIn,
    requestType: order.requestType,
    categoryCode: order.categoryCode,
    title: order.title,
    description: order.description,
    location: order.location,
    area: order.area,
    mainUnit: order.mainUnit,
    dueAt: order.replyBy,
    replyBy: order.replyBy,
    dispatchedAt: order.dispatchedAt,
    firstResponseAt: order.handledAt,
    handledAt: order.handledAt,
    closedAt: order.closedAt,
    ratedAt: order.satisfaction === null ? null : order.closedAt,
    filedBy: answered ? 'history' : null,
    filedAt: answered ? order.callEndedAt : null,
    updatedAt: order.closedAt ?? order.handledAt ?? order.callEndedAt,
  };
}
