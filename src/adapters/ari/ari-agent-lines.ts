// Agents' lines on ARI. A line is a channel the server originates to an agent's browser phone
// (marked X-Hotline-Line, which the page answers by itself) and keeps in the application between
// calls. When a call is offered to an agent whose line is up, the call machine's agent leg is bound
// to the line instead of being dialed: the leg "answers" at once, connecting it moves the line into
// the conversation, hanging it up takes the line out again, and the line channel's own events
// reach the call under the leg's id. The call machine never learns that the leg was a line.
import type { CallEvent } from '../../domain/calls/call-events.js';
import { agentEndpointName } from '../../domain/phone/agent-endpoints.js';
import { LINE_CALL_HEADER_VALUE, LINE_CALL_HEADER_VARIABLE } from '../../contract/phone-line.js';
import type { AgentLinePort } from '../../app/ports/agent-line.js';
import { stasisArgs, toCallEvent } from './ari-call-events.js';
import type { AriClient } from './ari-client.js';
import { doneIfGone } from './ari-error.js';
import type { AriEvent } from './ari-events.js';

/** What the lines' owner (app/phone/agent-lines.ts) hears of them. */
export interface LineListener {
  answered(lineId: string): void;
  gone(lineId: string): void;
}

interface Binding {
  readonly lineChannel: string;
  /** The conversation the line was put in, to take it out again. */
  bridge: string | null;
}

/** How long the browser phone has to answer its line (it answers by itself, in well under a second). */
const LINE_RING_SECONDS = 15;

export class AriAgentLines implements AgentLinePort {
  /** Line channels dialed or up, by channel id, with the engine's line id. */
  private readonly lineOfChannel = new Map<string, string>();
  /** When each line channel was dialed (a resync judges only lines older than its listing). */
  private readonly dialedAt = new Map<string, number>();
  /** Line channels in the application now (answered). */
  private readonly up = new Set<string>();
  private readonly byLeg = new Map<string, Binding>();
  private readonly legOfLine = new Map<string, string>();
  /** Callers of other boxes put through to a line here: the trunk's channel, the line's and their bridge. */
  private readonly throughs = new Map<string, { readonly lineChannel: string; readonly bridge: string; readonly at: number }>();
  private readonly throughOfLine = new Map<string, string>();
  /** Lines a previous run dialed and this one adopted: their line id is their channel's id. */
  private readonly adopted = new Set<string>();
  private sink: (event: CallEvent) => void = () => undefined;
  private listener: LineListener | null = null;
  /** Line ids restart at 1 with each run; this run's tag keeps its channels apart from a previous run's. */
  private readonly runTag = Date.now().toString(36);

  constructor(
    private readonly ari: AriClient,
    private readonly options: { readonly app: string; readonly now?: () => number },
  ) {}

  /** Where the events of bound legs (their answer, their end) go: the live calls. */
  attach(sink: (event: CallEvent) => void, listener: LineListener): void {
    this.sink = sink;
    this.listener = listener;
  }

  private channelOfLine(lineId: string): string {
    return this.adopted.has(lineId) ? lineId : `${lineId}.${this.runTag}`;
  }

  /**
   * A line a previous run dialed, found in a conversation it left (a cluster's worker lost): bound
   * to the conversation's agent leg as if this run had put the call through on it, and kept as the
   * agent's line for the next calls. Its line id (its channel's id) is what the lines' owner adopts.
   */
  adopt(lineChannel: string, legId: string, conversationId: string): string {
    this.adopted.add(lineChannel);
    this.lineOfChannel.set(lineChannel, lineChannel);
    this.up.add(lineChannel);
    this.byLeg.set(legId, { lineChannel, bridge: conversationId });
    this.legOfLine.set(lineChannel, legId);
    return lineChannel;
  }

  async dialLine(lineId: string, agentId: string): Promise<void> {
    const channelId = this.channelOfLine(lineId);
    this.lineOfChannel.set(channelId, lineId);
    this.dialedAt.set(channelId, this.now());
    await this.originateLine(channelId, lineId, agentId).catch((error: unknown) => {
      // Never made: the owner hears of it from this failure, not from an event.
      this.lineOfChannel.delete(channelId);
      this.dialedAt.delete(channelId);
      throw error;
    });
  }

  private async originateLine(channelId: string, lineId: string, agentId: string): Promise<void> {
    await this.ari.originate(
      {
        endpoint: `PJSIP/${agentEndpointName(agentId, 'web')}`,
        app: this.options.app,
        appArgs: ['role=line', `agent=${agentId}`, `line=${lineId}`],
        callerId: '"12345" <12345>',
        timeout: LINE_RING_SECONDS,
        channelId,
        variables: { [LINE_CALL_HEADER_VARIABLE]: LINE_CALL_HEADER_VALUE },
      },
      { timeoutMs: (LINE_RING_SECONDS + 5) * 1000 },
    );
  }

  async hangUpLine(lineId: string): Promise<void> {
    await doneIfGone(this.ari.hangup(this.channelOfLine(lineId)));
  }

  /**
   * An agent leg put through on the agent's line: it answers at once (the pop was the ringing).
   * Refused when the line went meanwhile, so the call machine tries the next agent at no fault of this one.
   */
  bind(legId: string, lineId: string, callId: string, agentId: string): void {
    const lineChannel = this.channelOfLine(lineId);
    if (!this.up.has(lineChannel)) throw new Error(`agent line ${lineId} is not up`);
    if (this.carrying(lineChannel)) throw new Error(`agent line ${lineId} carries a call already`);
    this.byLeg.set(legId, { lineChannel, bridge: null });
    this.legOfLine.set(lineChannel, legId);
    const at = this.now();
    // After the dial's answer, as a phone's answer would come.
    queueMicrotask(() => this.sink({ type: 'AgentLegAnswered', channelId: legId, callId, agentId, at }));
  }

  /**
   * A caller on another box of the cluster put through to this line (the trunk's channel here, from
   * the dialplan's from-pbx): answered, and joined to the line in a bridge of their own until either
   * ends. The call itself (its menus, recording and ticket) stays with the other box's server; this
   * box only carries the agent's side. Throws when the line is down or carries a call already.
   */
  async putThrough(trunkChannel: string, lineId: string): Promise<void> {
    const lineChannel = this.channelOfLine(lineId);
    if (!this.up.has(lineChannel) || this.carrying(lineChannel)) throw new Error(`agent line ${lineId} cannot take a call now`);
    const bridge = `through-${trunkChannel}`;
    this.throughs.set(trunkChannel, { lineChannel, bridge, at: this.now() });
    this.throughOfLine.set(lineChannel, trunkChannel);
    try {
      await this.ari.http.request('POST', `/bridges/${encodeURIComponent(bridge)}`, { query: { type: 'mixing', name: bridge } });
      await this.ari.http.request('POST', `/bridges/${encodeURIComponent(bridge)}/addChannel`, { query: { channel: [trunkChannel, lineChannel].join(',') } });
      await this.ari.answer(trunkChannel);
    } catch (error) {
      await this.throughEnded(trunkChannel);
      throw error;
    }
  }

  /** Whether a channel is one of this run's lines or a put-through to one (restart recovery leaves those alone). */
  knows(channelId: string): boolean {
    return this.lineOfChannel.has(channelId) || this.throughs.has(channelId);
  }

  private carrying(lineChannel: string): boolean {
    return this.legOfLine.has(lineChannel) || this.throughOfLine.has(lineChannel);
  }

  /** The put-through's trunk channel ended (or could not be joined): the line leaves its bridge and stays up. */
  private async throughEnded(trunkChannel: string): Promise<void> {
    const through = this.throughs.get(trunkChannel);
    if (!through) return;
    this.throughs.delete(trunkChannel);
    this.throughOfLine.delete(through.lineChannel);
    // Destroying the bridge takes the line out of it; the line's channel stays in the application.
    await this.ari.http.request('DELETE', `/bridges/${encodeURIComponent(through.bridge)}`).catch(() => undefined);
  }

  /** The channel Asterisk knows a leg by: the line's, for a leg bound to one. */
  channelOf(legId: string): string {
    return this.byLeg.get(legId)?.lineChannel ?? legId;
  }

  /** The leg joined a conversation (connect or join). */
  joined(legId: string, bridgeId: string): void {
    const binding = this.byLeg.get(legId);
    if (binding) binding.bridge = bridgeId;
  }

  /**
   * Hangs up a leg bound to a line: the line leaves the conversation and stays up for the next
   * call; to the call, the leg ended. False for any other channel (hang it up as usual).
   */
  async release(legId: string): Promise<boolean> {
    const binding = this.byLeg.get(legId);
    if (!binding) return false;
    this.unbind(legId);
    if (binding.bridge !== null) {
      await this.ari.http.request('POST', `/bridges/${encodeURIComponent(binding.bridge)}/removeChannel`, { query: { channel: binding.lineChannel } }).catch(() => undefined);
    }
    this.legEnded(legId);
    return true;
  }

  /**
   * One ARI event as the calls see it. A line's answer and end go to the lines' owner; the events of
   * a line carrying a call go to the call under its leg's id; everything else is mapped as usual.
   */
  callEvents(event: AriEvent, now: number): CallEvent[] {
    const args = event.type === 'StasisStart' ? stasisArgs(event.args) : null;
    if (event.type === 'StasisStart' && args?.role === 'line') {
      this.up.add(event.channel.id);
      const lineId = this.lineOfChannel.get(event.channel.id) ?? args.line ?? event.channel.id;
      this.listener?.answered(lineId);
      return [];
    }
    const channelId = 'channel' in event ? (event.channel as { id: string } | undefined)?.id : undefined;
    if (channelId !== undefined && this.throughs.has(channelId)) {
      // A put-through's trunk channel is no call of this box's; only its end matters here.
      if (event.type === 'ChannelDestroyed' || event.type === 'StasisEnd') void this.throughEnded(channelId);
      return [];
    }
    if (channelId === undefined || !this.lineOfChannel.has(channelId)) {
      const callEvent = toCallEvent(event, now);
      return callEvent ? [callEvent] : [];
    }
    const legId = this.legOfLine.get(channelId);
    const mapped = legId === undefined ? undefined : toCallEvent(event, now);
    if (event.type === 'ChannelDestroyed') this.lineEnded(channelId);
    // The agent's keys on the line are for the far end (a unit's menu), never the call's own menus.
    if (legId === undefined || mapped === undefined || mapped.type === 'KeyPressed') return [];
    // Every event a line maps to names its channel; the leg's id takes its place (a spread loses the member).
    return [{ ...mapped, channelId: legId } as CallEvent];
  }

  /** After a break in the PBX link: lines whose channel is gone ended unseen. */
  reconcile(present: ReadonlySet<string>, listedAt: number = Infinity): void {
    for (const [trunkChannel, through] of [...this.throughs]) if (!present.has(trunkChannel) && through.at < listedAt) void this.throughEnded(trunkChannel);
    for (const channelId of [...this.lineOfChannel.keys()]) {
      if (present.has(channelId) || (this.dialedAt.get(channelId) ?? 0) >= listedAt) continue;
      const legId = this.legOfLine.get(channelId);
      if (legId !== undefined) {
        this.unbind(legId);
        this.legEnded(legId);
      }
      this.lineEnded(channelId);
    }
  }

  private lineEnded(channelId: string): void {
    const lineId = this.lineOfChannel.get(channelId);
    this.lineOfChannel.delete(channelId);
    this.dialedAt.delete(channelId);
    this.up.delete(channelId);
    this.adopted.delete(channelId);
    const legId = this.legOfLine.get(channelId);
    if (legId !== undefined) this.unbind(legId);
    // A caller put through from another box loses the agent with the line: that box's server goes on from there.
    const trunkChannel = this.throughOfLine.get(channelId);
    if (trunkChannel !== undefined) void this.throughEnded(trunkChannel).then(() => this.ari.hangup(trunkChannel).catch(() => undefined));
    if (lineId !== undefined) this.listener?.gone(lineId);
  }

  private unbind(legId: string): void {
    const binding = this.byLeg.get(legId);
    this.byLeg.delete(legId);
    if (binding) this.legOfLine.delete(binding.lineChannel);
  }

  /** A released leg ends as a hung-up phone's would: it left the application and is gone. */
  private legEnded(legId: string): void {
    const at = this.now();
    this.sink({ type: 'CallLeft', channelId: legId, at });
    this.sink({ type: 'ChannelGone', channelId: legId, cause: 16, at });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
