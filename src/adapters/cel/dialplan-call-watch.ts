// The calls the dialplan handled without the server, followed in Asterisk's channel events: the
// dialplan's mark (a user event, dialplan/hotline.conf and the compiled menus) opens one, the events
// of its linked channels are kept in the call's words (with the parts of the menus' IVR path that
// follow the mark), and the end of the last of them (LINKEDID_END) closes it. Only marked calls are
// kept: every other call is the server's own.
import { parseDialplanMark, type DialplanCallMark, type DialplanCallStep, type FinishedDialplanCall } from '../../domain/calls/dialplan-call.js';
import { DIALPLAN_CALL_EVENT, DIALPLAN_PATH_EVENT } from '../../domain/ivr/dialplan-marks.js';
import { celExtra, type CelEvent } from './cel-line.js';

/** The user event's name in the dialplan's CELGenUserEvent (its type in the records). */
export { DIALPLAN_CALL_EVENT };

/**
 * An agent's phone as app_queue dials it: `PJSIP/agent-<id>-<8 hex digits>`, or the demo handset
 * of the dialplan (`Local/<id>@demo-phones-<8 hex digits>;1`).
 */
const AGENT_CHANNELS = [/^PJSIP\/agent-([A-Za-z0-9_.]+)-[0-9a-f]{8}$/, /^Local\/([A-Za-z0-9_.]+)@demo-phones-[0-9a-f]{8};1$/];
const agentOf = (channel: string): string | undefined => AGENT_CHANNELS.map((pattern) => pattern.exec(channel)?.[1]).find((id) => id !== undefined);

interface Pending {
  readonly mark: DialplanCallMark;
  readonly steps: DialplanCallStep[];
  /** The agents' channels seen joining, by unique id: who leaves is told by it. */
  readonly agents: Map<string, string>;
}

/** The text the dialplan gave the user event (`{"extra":"…"}` in the records). */
function userText(event: CelEvent): string | undefined {
  try {
    const json: unknown = JSON.parse(event.extra);
    const text = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['extra'] : undefined;
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Told of a mark whose text cannot be read: that call gets no ticket, and someone must know. */
export type UnreadableMarkListener = (callId: string, text: string) => void;

export class DialplanCallWatch {
  private readonly pending = new Map<string, Pending>();

  /** `notBefore`: marks older than this are not taken (the look-back of a start). */
  constructor(
    private readonly notBefore = 0,
    private readonly onUnreadableMark: UnreadableMarkListener = () => undefined,
  ) {}

  /** Calls marked and not yet ended. */
  get open(): number {
    return this.pending.size;
  }

  /** Takes one event; returns the call it finished, if it did. */
  take(event: CelEvent): FinishedDialplanCall | undefined {
    if (event.type === DIALPLAN_CALL_EVENT) {
      this.markOpened(event);
      return undefined;
    }
    const call = this.pending.get(event.linkedId);
    if (!call) return undefined;
    if (event.type === 'LINKEDID_END') {
      this.pending.delete(event.linkedId);
      return { mark: call.mark, steps: call.steps, endedAt: event.at };
    }
    const step = this.stepOf(call, event);
    if (step) call.steps.push(step);
    return undefined;
  }

  /**
   * Calls marked before `before` whose end never came (Asterisk stopped without writing it, or
   * its line was lost): closed at the last thing recorded of them, so none waits for ever.
   */
  expire(before: number): FinishedDialplanCall[] {
    const expired: FinishedDialplanCall[] = [];
    for (const [linkedId, call] of this.pending) {
      if (call.mark.at >= before) continue;
      this.pending.delete(linkedId);
      expired.push({ mark: call.mark, steps: call.steps, endedAt: call.steps.at(-1)?.at ?? call.mark.at });
    }
    return expired;
  }

  private markOpened(event: CelEvent): void {
    if (event.at < this.notBefore) return;
    const text = userText(event);
    const parsed = parseDialplanMark(text ?? '');
    // A mark whose text cannot be read (a dialplan edited by hand) leaves the call to the fallback
    // queue alone, without a ticket: said out loud, since nothing else will tell.
    if (!parsed) {
      this.onUnreadableMark(event.linkedId, text ?? event.extra);
      return;
    }
    // A mark read twice (the first read after a start overlaps an earlier run's) keeps what it had.
    if (this.pending.has(event.linkedId)) return;
    const mark: DialplanCallMark = { ...parsed, callId: event.linkedId, callerChannel: event.uniqueId, at: event.at };
    this.pending.set(event.linkedId, { mark, steps: [], agents: new Map() });
  }

  private stepOf(call: Pending, event: CelEvent): DialplanCallStep | undefined {
    const isCaller = event.uniqueId === call.mark.callerChannel;
    if (event.type === DIALPLAN_PATH_EVENT && isCaller) return { kind: 'menus-path-part', at: event.at, text: userText(event) ?? '' };
    if (event.type === 'HANGUP' && isCaller) return { kind: 'caller-hung-up', at: event.at, cause: celExtra(event).hangupCause ?? null };
    if (event.type === 'BRIDGE_ENTER' && !isCaller) {
      const agentId = agentOf(event.channel);
      if (agentId === undefined) return undefined;
      call.agents.set(event.uniqueId, agentId);
      return { kind: 'agent-joined', at: event.at, agentId };
    }
    if (event.type === 'BRIDGE_EXIT' && (isCaller || call.agents.has(event.uniqueId))) return { kind: 'left-conversation', at: event.at, who: isCaller ? 'caller' : 'agent' };
    return undefined;
  }
}
