// Turns the facts of an ended call into the work order opened at hang-up. Pure: the caller passes
// the sequence number and the creation time.
import type { CallFacts, EndedBy, IvrStep, RecordingRef } from '../calls/call-facts.js';
import { hangupCauseText } from '../calls/hangup-cause.js';
import { chinaDay, formatTicketNumber } from './ticket-number.js';
import type { TicketStatus } from './ticket-status.js';

export interface TicketDraft {
  readonly number: string;
  readonly callId: string;
  readonly channel: 'phone';
  /**
   * 'missed' when no agent answered and the caller left no message: the order goes on the callback list.
   * 'closed' for a call the hotline placed (a reminder, a return visit) that no agent took: its result
   * went to whoever placed it, and nobody is to call anyone back about it.
   */
  readonly status: Extract<TicketStatus, 'accepted' | 'missed' | 'closed'>;
  /** Set for a ticket closed from the start (a placed call's). */
  readonly closedAt: number | null;
  /** Where a missed call was lost. */
  readonly missedIn: 'ivr' | 'queue' | null;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly callStartedAt: number;
  readonly callAnsweredAt: number | null;
  readonly callEndedAt: number;
  /** Arrival → answered by the hotline (IVR). */
  readonly ringMs: number;
  /** Answered → queued for an agent (or the end, if never queued). */
  readonly ivrMs: number;
  /** Queued → an agent answered (or the caller gave up). */
  readonly waitMs: number;
  /** The conversation with the agent. */
  readonly talkMs: number;
  readonly holdMs: number;
  readonly totalMs: number;
  readonly queue: string | null;
  readonly agentId: string | null;
  readonly agentAnsweredAt: number | null;
  readonly satisfaction: string | null;
  readonly recordings: readonly RecordingRef[];
  readonly elderly: boolean;
  readonly enterpriseName: string | null;
  readonly enterpriseCreditCode: string | null;
  readonly hangupCause: number | null;
  readonly hangupCauseText: string | null;
  readonly endedBy: EndedBy;
  readonly ivrPath: readonly IvrStep[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

const span = (from: number, to: number): number => Math.max(0, to - from);

/** The day whose sequence numbers the ticket: the day it is created. */
export function ticketDayOf(createdAt: number): string {
  return chinaDay(createdAt);
}

/** Flows written before the ratings were named alike say basically_satisfied; tickets say it one way. */
function canonicalRating(value: string | null): string | null {
  return value === 'basically_satisfied' ? 'basically-satisfied' : value;
}

/** A call no agent answered is missed, unless the caller left a voice message: that is a request. */
function isMissed(facts: CallFacts): boolean {
  return facts.agentAnsweredAt === null && !facts.recordings.some((recording) => recording.kind === 'message');
}

export function buildTicket(facts: CallFacts, sequence: number, createdAt: number): TicketDraft {
  const answeredAt = facts.answeredAt;
  const conversationEnd = facts.conversationEndedAt ?? facts.endedAt;
  const placedOnly = facts.flowResult !== undefined && facts.agentAnsweredAt === null;
  const missed = isMissed(facts) && !placedOnly;
  return {
    number: formatTicketNumber(ticketDayOf(createdAt), sequence),
    callId: facts.callId,
    channel: 'phone',
    status: placedOnly ? 'closed' : missed ? 'missed' : 'accepted',
    closedAt: placedOnly ? createdAt : null,
    missedIn: missed ? (facts.queuedAt === null ? 'ivr' : 'queue') : null,
    callerNumber: facts.callerNumber,
    callerName: facts.callerName,
    dialedNumber: facts.dialedNumber,
    callStartedAt: facts.startedAt,
    callAnsweredAt: answeredAt,
    callEndedAt: facts.endedAt,
    ringMs: span(facts.startedAt, answeredAt ?? facts.endedAt),
    ivrMs: answeredAt === null ? 0 : span(answeredAt, facts.queuedAt ?? facts.endedAt),
    waitMs: facts.queuedAt === null ? 0 : span(facts.queuedAt, facts.agentAnsweredAt ?? facts.endedAt),
    talkMs: facts.agentAnsweredAt === null ? 0 : span(facts.agentAnsweredAt, conversationEnd),
    holdMs: facts.holdMs,
    totalMs: span(facts.startedAt, facts.endedAt),
    queue: facts.queue,
    agentId: facts.agentId,
    agentAnsweredAt: facts.agentAnsweredAt,
    satisfaction: canonicalRating(facts.satisfaction),
    recordings: facts.recordings,
    elderly: facts.elderly,
    enterpriseName: facts.enterprise?.name ?? null,
    enterpriseCreditCode: facts.enterprise?.creditCode ?? null,
    hangupCause: facts.hangupCause,
    hangupCauseText: hangupCauseText(facts.hangupCause),
    endedBy: facts.endedBy,
    ivrPath: facts.ivrPath,
    createdAt,
    updatedAt: createdAt,
  };
}
