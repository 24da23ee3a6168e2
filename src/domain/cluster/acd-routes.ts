// Where the leader sends each of the ACD's commands: a call's commands to the PBX the call is on (the
// worker holding that PBX carries them out), agents' states to every node. Learned from the events
// themselves, so replaying the event log rebuilds it exactly; kept in the leader's checkpoint.
import type { AcdCommand } from '../acd/acd-protocol.js';
import type { AcdEventMessage } from './acd-messages.js';
import { ACD_AGENTS_STREAM, acdCommandStream, travels } from './acd-messages.js';

export class AcdRoutes {
  private readonly callPbx: Map<string, string>;

  constructor(saved: Readonly<Record<string, string>> = {}) {
    this.callPbx = new Map(Object.entries(saved));
  }

  /** Before the event is applied: a call entering the ACD is on the PBX that told of it. */
  learn(message: AcdEventMessage): void {
    const { event, pbx } = message;
    if ((event.type === 'CallQueued' || event.type === 'CallbackRequested') && !this.callPbx.has(event.callId)) this.callPbx.set(event.callId, pbx);
  }

  /** The stream a command goes to; null when it stays with the leader or its call is unknown. */
  streamOf(command: AcdCommand): string | null {
    if (!travels(command)) return null;
    if (command.type === 'AgentStateChanged') return ACD_AGENTS_STREAM;
    const pbx = 'callId' in command ? this.callPbx.get(command.callId) : undefined;
    return pbx === undefined ? null : acdCommandStream(pbx);
  }

  /**
   * After an event's commands went out: of the calls it touched, those the ACD no longer holds are
   * forgotten (only the event and its commands can end a call, so nothing else needs a look).
   */
  settle(touched: Iterable<string>, held: (callId: string) => boolean): void {
    for (const callId of touched) if (!held(callId)) this.callPbx.delete(callId);
  }

  /** The calls an event and its commands are about. */
  static touched(message: AcdEventMessage, commands: readonly AcdCommand[]): Set<string> {
    const ids = new Set<string>();
    if ('callId' in message.event && message.event.callId !== null) ids.add(message.event.callId);
    for (const command of commands) if ('callId' in command && command.callId !== null) ids.add(command.callId);
    return ids;
  }

  saved(): Record<string, string> {
    return Object.fromEntries(this.callPbx);
  }
}
