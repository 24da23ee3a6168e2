// How a ticket is shown over the API: ISO times, and the caller hidden where the citizen asked for
// confidentiality (保密) from everyone but supervisors, admins and the agent who took the call.
import type { RecordingRow } from '../../app/ports/recording-records.js';
import type { TicketEventRow, TicketRow } from '../../app/ports/ticket-records.js';
import type { RecordingView, TicketDetail, TicketSummary } from '../../contract/api/ticket-views.js';
import type { AuthUser } from '../../domain/auth/roles.js';
import type { IvrStep } from '../../domain/calls/call-facts.js';
import { describeIvrPath } from '../../domain/calls/ivr-path-words.js';
import { maskPhone } from '../../domain/privacy/mask-phone.js';
import { iso } from '../iso-time.js';
import { unitRequestView } from './unit-order-view.js';

// The routes that show times import it from here too.
export { iso };

function seesCaller(ticket: TicketRow, user: AuthUser): boolean {
  if (!ticket.confidential) return true;
  return user.role === 'supervisor' || user.role === 'admin' || (user.agentId !== null && user.agentId === ticket.agentId);
}

export function ticketSummary(ticket: TicketRow, user: AuthUser): TicketSummary {
  const open = seesCaller(ticket, user);
  return {
    id: ticket.id,
    number: ticket.number,
    version: ticket.version,
    callId: ticket.callId,
    status: ticket.status,
    missedIn: ticket.missedIn,
    requestType: ticket.requestType,
    categoryCode: ticket.categoryCode,
    title: ticket.title,
    callerNumber: open ? ticket.callerNumber : maskPhone(ticket.callerNumber),
    callerName: open ? ticket.callerName : null,
    confidential: ticket.confidential,
    returnVisitDeclined: ticket.returnVisitDeclined,
    elderly: ticket.elderly,
    enterpriseName: ticket.enterpriseName,
    queue: ticket.queue,
    agentId: ticket.agentId,
    urgency: ticket.urgency,
    mainUnit: ticket.mainUnit,
    warning: ticket.warning,
    satisfaction: ticket.satisfaction,
    createdAt: iso(ticket.createdAt),
    dueAt: iso(ticket.dueAt),
    updatedAt: iso(ticket.updatedAt),
  };
}

/** `titles`: the used articles' titles in order (null: an article the knowledge base does not know, shown with an empty title). */
export function ticketDetail(ticket: TicketRow, user: AuthUser, events: readonly TicketEventRow[], recordings: readonly RecordingRow[], titles: readonly (string | null)[] = []): TicketDetail {
  return {
    ...ticketSummary(ticket, user),
    channel: ticket.channel,
    dialedNumber: ticket.dialedNumber,
    description: ticket.description,
    location: ticket.location,
    area: ticket.area,
    enterpriseCreditCode: ticket.enterpriseCreditCode,
    assistingUnits: ticket.assistingUnits,
    articlesUsed: ticket.articlesUsed.map((ref, i) => ({ id: ref.id, version: ref.version, title: titles[i] ?? '' })),
    call: {
      startedAt: iso(ticket.callStartedAt),
      answeredAt: iso(ticket.callAnsweredAt),
      agentAnsweredAt: iso(ticket.agentAnsweredAt),
      endedAt: iso(ticket.callEndedAt),
      ringMs: ticket.ringMs,
      ivrMs: ticket.ivrMs,
      waitMs: ticket.waitMs,
      talkMs: ticket.talkMs,
      holdMs: ticket.holdMs,
      totalMs: ticket.totalMs,
      endedBy: ticket.endedBy,
      hangupCause: ticket.hangupCause,
      hangupCauseText: ticket.hangupCauseText,
      ivrPath: ticket.ivrPath,
      ivrPathWords: describeIvrPath(ticket.ivrPath as IvrStep[]),
    },
    sla: {
      dueAt: iso(ticket.dueAt),
      signBy: iso(ticket.signBy),
      replyBy: iso(ticket.replyBy),
      followUpBy: iso(ticket.followUpBy),
      closeBy: iso(ticket.closeBy),
      dispatchedAt: iso(ticket.dispatchedAt),
      firstResponseAt: iso(ticket.firstResponseAt),
      lastProgressAt: iso(ticket.lastProgressAt),
      handledAt: iso(ticket.handledAt),
      closedAt: iso(ticket.closedAt),
    },
    warningSince: iso(ticket.warningSince),
    filedBy: ticket.filedBy,
    filedAt: iso(ticket.filedAt),
    history: events.map((event) => ({
      at: iso(event.at),
      kind: event.kind,
      actor: event.actor,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
      data: event.data,
    })),
    recordings: recordings.map(recordingView),
    signedBy: ticket.signedVia === 'phone' && ticket.signedBy !== null ? maskPhone(ticket.signedBy) : ticket.signedBy,
    signedVia: ticket.signedVia,
    unitRequest: unitRequestView(ticket.unitRequest),
  };
}

export function recordingView(recording: RecordingRow): RecordingView {
  return {
    id: recording.id,
    kind: recording.kind,
    format: recording.format,
    file: recording.file,
    state: recording.state,
    sizeBytes: recording.sizeBytes,
    sha256: recording.sha256,
    durationMs: recording.durationMs,
    startedAt: iso(recording.startedAt),
    endedAt: iso(recording.endedAt),
    deleteAfter: iso(recording.deleteAfter),
    url: recording.state === 'ready' ? `/api/recordings/${encodeURIComponent(recording.id)}` : null,
  };
}
