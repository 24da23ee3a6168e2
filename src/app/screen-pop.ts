// Builds the screen pop (弹屏) from what the call session knows and the caller's past tickets:
// who is calling, what they chose in the IVR, and whether they keep calling about the same thing.
import type { IvrStep } from '../domain/calls/call-facts.js';
import { describeIvrPath } from '../domain/calls/ivr-path-words.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { isOpen, type TicketStatus } from '../domain/tickets/ticket-status.js';
import type { PopFacts } from '../domain/calls/call-protocol.js';
import type { PopHistoryItem, ScreenPop } from '../domain/calls/screen-pop.js';
import { popArticles } from './pop-articles.js';
import type { PopSources } from './ports/pop-sources.js';
import type { HistoryRow } from './ports/ticket-records.js';

// The socket adapter names the sources where it builds pops.
export type { PopSources };

export const HISTORY_DAYS = 90;
/** Repeat caller (重复来电): this many calls in the window below. */
export const REPEAT_THRESHOLD = 3;
export const REPEAT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export async function buildScreenPop(facts: PopFacts, agentId: string, at: number, sources: PopSources): Promise<ScreenPop> {
  // Both reads at once: a pop waits for the slower of the two, not their sum.
  const [calls, history] = await Promise.all([sources.callsSince(facts.callerNumber, at - REPEAT_WINDOW_DAYS * DAY_MS), sources.history(facts.callerNumber, at - HISTORY_DAYS * DAY_MS)]);
  const path = facts.ivrPath as IvrStep[];
  const suggestedCategory = suggestCategory(path, sources.taxonomy);
  // The articles need the past orders' categories, so they come after; their wait is capped.
  const articles = await popArticles(sources.knowledge, { callId: facts.callId, words: sources.choiceWords(path), categories: [suggestedCategory, ...history.map((ticket) => ticket.categoryCode)], at });
  return {
    callId: facts.callId,
    agentId,
    offeredAt: new Date(at).toISOString(),
    caller: {
      number: facts.callerNumber,
      name: facts.callerName,
      elderly: facts.caller.elderly,
      enterprise: facts.caller.enterprise,
      // This call has no ticket yet, so it counts on top of the past ones.
      repeatCaller: calls + 1 >= REPEAT_THRESHOLD,
      callsInWindow: calls + 1,
    },
    repeatThreshold: REPEAT_THRESHOLD,
    repeatWindowDays: REPEAT_WINDOW_DAYS,
    language: facts.language,
    queue: facts.queue,
    queueName: facts.queue === null ? null : sources.queueName(facts.queue),
    waitSeconds: facts.queuedAt === null ? 0 : Math.max(0, Math.round((at - facts.queuedAt) / 1000)),
    ivrPath: describeIvrPath(path, sources.queueName),
    history: history.map(historyItem),
    suggestedCategory,
    articles,
  };
}

function historyItem(ticket: HistoryRow): PopHistoryItem {
  return {
    ticketId: ticket.id,
    number: ticket.number,
    status: ticket.status,
    requestType: ticket.requestType,
    categoryCode: ticket.categoryCode,
    title: ticket.title,
    createdAt: new Date(ticket.createdAt).toISOString(),
    open: isOpen(ticket.status as TicketStatus),
  };
}

/**
 * A subcategory named by the caller's last IVR choice (a menu option labelled 物业管理 suggests
 * 0201), or null. The agent confirms or changes it on the form.
 */
export function suggestCategory(path: readonly IvrStep[], taxonomy: Taxonomy): string | null {
  const labels = path.flatMap((step) => (step.kind === 'key' && step.label ? [step.label] : [])).reverse();
  for (const label of labels) {
    for (const { sub } of taxonomy.byCode.values()) {
      if (label.includes(sub.name) || (label.length >= 2 && sub.name.includes(label))) return sub.code;
    }
  }
  return null;
}
