// Requests, policies and a window for the outbound engine's tests.
import { shippedCalendar } from '../calendar/calendar-fixtures.js';
import { DEFAULT_CALLING_WINDOW_SPEC, parseCallingWindow, windowLookup, type WindowLookup } from '../../../src/domain/outbound/calling-window.js';
import type { CallTaskRequest, OutboundCommand, RetryPolicy } from '../../../src/domain/outbound/outbound-protocol.js';

export const MIN = 60_000;

export const POLICY: RetryPolicy = {
  maxAttempts: 4,
  delaysMs: { 'no-answer': [30 * MIN, 60 * MIN], busy: [5 * MIN, 5 * MIN, 5 * MIN], unreachable: [120 * MIN], rejected: [], failed: [10 * MIN], unknown: [] },
};

/** Always open: tests of lines and retries do not depend on the hour. */
export const OPEN: WindowLookup = (_name, t) => t;

export function chinaWindows(): WindowLookup {
  const parsed = parseCallingWindow(DEFAULT_CALLING_WINDOW_SPEC);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return windowLookup(shippedCalendar(), { visits: parsed.value });
}

export function request(taskId: string, over: Partial<CallTaskRequest> = {}): CallTaskRequest {
  return {
    taskId,
    purpose: 'return-visit',
    number: `1380000${taskId.padStart(4, '0').slice(-4)}`,
    trunk: 'trunk',
    flowId: 'return-visit',
    variables: { ticketNumber: `T-${taskId}` },
    notBefore: 0,
    notAfter: null,
    window: 'visits',
    retry: POLICY,
    ...over,
  };
}

export function ofType<T extends OutboundCommand['type']>(commands: readonly OutboundCommand[], type: T): Extract<OutboundCommand, { type: T }>[] {
  return commands.filter((command): command is Extract<OutboundCommand, { type: T }> => command.type === type);
}
