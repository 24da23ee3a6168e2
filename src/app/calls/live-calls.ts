// The registry of live calls: routes every PBX event to its call's session (by the caller's channel,
// an agent's leg or a unit's line) and every ACD decision to the call it concerns (the ACD's one
// sink), rings citizens back when the ACD says so, answers agents' requests on live calls, and
// settles calls whose channel vanished while the PBX link was down.
import type { AcdCommand, AcdEvent } from '../../domain/acd/acd-protocol.js';
import { callIds } from '../../domain/calls/call-ids.js';
import type { CallSetup } from '../../domain/calls/call-machine.js';
import type { CallEvent } from '../../domain/calls/call-events.js';
import { PLACED_CALL_DIALED, type CallFacts } from '../../domain/calls/call-facts.js';
import type { AcdCallCommand, AgentCallEvent, TransferMode, TransferTarget } from '../../domain/calls/call-protocol.js';
import type { CallbackOrigin } from '../../domain/calls/call-state.js';
import type { OutboundCallHooks } from '../ports/outbound-calls.js';
import { dialplanEntry, type DialplanEntry } from '../../domain/calls/dialplan-menus.js';
import { entryFlowFor } from '../../domain/ivr/entry-flow.js';
import type { FlowStart } from '../../domain/ivr/ivr-protocol.js';
import { factsOf, inConversation } from '../../domain/calls/call-step.js';
import type { Logger } from '../../logging/logger.js';
import type { CallerDirectory } from '../ports/caller-directory.js';
import type { AgentDialRequest, TelephonyPort } from '../ports/telephony.js';
import type { SpeechPort } from '../ports/speech.js';
import type { Timers } from '../ports/timers.js';
import { activeCallView, type ActiveCallView } from './active-call-view.js';
import { CallSession, type CallSessionDeps, type SessionOwner } from './call-session.js';
import type { RecordedStep } from '../../domain/calls/recovered-facts.js';
import { offerAwaits } from '../../domain/calls/call-offers.js';
import { resumedCall, resumedInSurvey, type ConversationFound, type SavedLiveCall } from '../../domain/calls/resumed-call.js';
import type { TicketWriter } from './ticket-writer.js';
import { PlacedFlows } from './placed-flows.js';

export type { ActiveCallView } from './active-call-view.js';

export interface LiveCallsDeps {
  readonly telephony: TelephonyPort;
  /** Speaks the text of say nodes at call time; none: such text is left out (logged). */
  readonly speech?: SpeechPort | null;
  readonly logger: Logger;
  readonly now: () => number;
  /** What a new call runs with: the flows in force now, the language, the survey. */
  readonly setup: () => CallSetup;
  readonly directory: CallerDirectory;
  readonly phoneFor: (agentId: string) => AgentDialRequest['phone'];
  readonly tellAcd: (event: AcdEvent) => void;
  /** Whether overload protection is shedding new callers now (none: never). */
  readonly systemLagging?: () => boolean;
  /** A fresh set of timers for one call. */
  readonly timers: () => Timers;
  readonly writer: TicketWriter;
  /** Whether a queue exists (for transfers); every id is accepted when not given. */
  readonly queueExists?: (queueId: string) => boolean;
  /** Whether an agent exists and is logged in (for transfers to a named agent). */
  readonly agentStatus?: (agentId: string) => 'unknown' | 'logged_out' | 'logged_in';
}

/** CALLS_UNAVAILABLE: relayed in a cluster, and the server running the call's PBX did not answer in time. */
export type CallActionCode = 'CALL_NOT_FOUND' | 'CALL_NOT_IN_CONVERSATION' | 'CALL_TRANSFER_PENDING' | 'QUEUE_UNKNOWN' | 'AGENT_UNKNOWN' | 'AGENT_NOT_AVAILABLE' | 'CALLS_UNAVAILABLE';
export type CallActionResult = { readonly ok: true } | { readonly ok: false; readonly code: CallActionCode };

/** How long a citizen's phone rings when we call them back. */
const CALLBACK_RING_SECONDS = 30;
/** Calls remembered while Asterisk runs their menus (the oldest is forgotten past this). */
const MAX_IN_DIALPLAN_MENUS = 10_000;
/** Late events of a closed call's legs are still routed to it (it ignores them) for this long. */
const LEG_GRACE_MS = 60_000;

type Arrival = Extract<CallEvent, { type: 'CallArrived' }>;

export class LiveCalls {
  private readonly sessions = new Map<string, CallSession>();
  private readonly byCallId = new Map<string, CallSession>();
  private readonly legs = new Map<string, CallSession>();
  /**
   * Callers' channels of calls closed in the last LEG_GRACE_MS: one may still be listed in the
   * application for a moment (its hang-up on its way), and must not look like a caller never seen.
   */
  private readonly closedChannels = new Set<string>();
  /** Callbacks dialed and not answered yet, by the new channel's id, with when they were dialed. */
  /** Calls being placed (channel id → the flow it runs), taken when the channel arrives. */
  private readonly placedFlows = new PlacedFlows();
  private readonly closedListeners = new Set<(facts: CallFacts) => void>();
  private readonly pendingCallbacks = new Map<string, CallbackOrigin & { readonly dialedAt: number }>();
  /** Calls in the compiled menus, by channel, with when they first arrived. */
  private readonly inDialplanMenus = new Map<string, number>();
  private readonly agentListeners = new Set<(event: AgentCallEvent) => void>();
  /**
   * What the agents' desktops were told of the conversations taken on at a restart, by call, while
   * they last: a desktop gateway that starts listening after the restart recovery hears it too.
   */
  private readonly resumedNotices = new Map<string, readonly AgentCallEvent[]>();
  private readonly owner: SessionOwner;
  /** The registry's own timers (forgetting a closed call's legs). */
  private readonly timers: Timers;
  /** The outbound service, told of the calls it placed (set once both exist). */
  private outbound: OutboundCallHooks | null = null;

  constructor(private readonly deps: LiveCallsDeps) {
    this.timers = deps.timers();
    const { writer } = deps;
    this.owner = {
      routeChannel: (channelId, session) => this.legs.set(channelId, session),
      routeAcdId: (acdId, session) => this.byCallId.set(acdId, session),
      closed: (session, facts) => this.closed(session, facts),
      moved: (session) => writer.callMoved(session.callId, (at) => factsOf(session.state, at)),
      started: (session) => writer.callStarted(session.state.call),
      answered: (session, at) => writer.callAnswered(session.callId, at),
    };
  }

  /** Outbound calls are calls too: once answered they run here like any call (the outbound service places them). */
  attachOutbound(hooks: OutboundCallHooks): void {
    this.outbound = hooks;
  }

  /**
   * The channel about to arrive with this id (a call the server places: the outbound engine chooses
   * the id before dialing) runs `start.flow` with `start.variables` instead of the dialed number's
   * entry flow. Its end is reported to onCallClosed listeners with the flow's variables (flowResult).
   */
  runFlowOnArrival(channelId: string, start: FlowStart): void {
    this.placedFlows.expect(channelId, start);
  }

  /** Every call's facts as it closes (a placed call's carry its flow's variables); returns an unsubscribe. */
  onCallClosed(listener: (facts: CallFacts) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  handle(event: CallEvent): Promise<void> {
    if (event.type === 'CallArrived') return this.arrive(this.withPlacedFlow(event), null);
    if (event.type === 'CallbackAnswered') return this.callbackAnswered(event);
    if (event.type === 'OutboundAnswered') return this.outboundAnswered(event);
    if (this.outbound?.ringing(event.channelId) && event.type === 'ChannelGone') {
      this.outbound.unanswered(event.channelId, event.cause);
      return Promise.resolve();
    }
    const pending = this.pendingCallbacks.get(event.channelId);
    if (pending && (event.type === 'ChannelGone' || event.type === 'CallLeft')) {
      // Rang out, busy or refused: the ACD waits and tries again, or gives up and says so.
      this.pendingCallbacks.delete(event.channelId);
      this.deps.logger.info({ callId: pending.acdCallId, channelId: event.channelId }, 'callback not answered by the citizen');
      this.deps.tellAcd({ type: 'CallbackAttemptFailed', callId: pending.acdCallId, reason: 'citizen did not answer', at: event.at });
      return Promise.resolve();
    }
    // AMI reports every channel's end; only a caller's line can be in the compiled survey.
    if (event.type === 'DialplanLineGone') return this.sessions.get(event.channelId)?.handle(event) ?? Promise.resolve();
    const session = this.sessions.get(event.channelId) ?? this.legs.get(event.channelId);
    // Events of channels that are not ours (or of calls already closed) are ignored.
    return session ? session.handle(event) : Promise.resolve();
  }

  /**
   * Asterisk runs the menus (prototype, HOTLINE_IVR_IN_DIALPLAN): no session until the call comes back
   * at the queue. If the hand-over fails, the server's engine runs the menus as usual. A caller who
   * hangs up inside them, or whose hand-back finds no server, is marked by the dialplan and gets the
   * ticket from Asterisk's records (dialplan-marks.ts, DialplanCallTickets).
   */
  private async toDialplanMenus(arrival: Arrival, callback: CallbackOrigin | null, entry: DialplanEntry): Promise<void> {
    if (this.inDialplanMenus.size >= MAX_IN_DIALPLAN_MENUS) this.inDialplanMenus.delete(this.inDialplanMenus.keys().next().value ?? '');
    this.inDialplanMenus.set(arrival.channelId, arrival.at);
    try {
      await this.deps.telephony.continueIntoMenus(arrival.channelId, entry);
    } catch (error) {
      this.deps.logger.warn({ err: error, channelId: arrival.channelId }, 'could not hand the menus to the dialplan; the server runs them');
      this.inDialplanMenus.delete(arrival.channelId);
      await this.arrive(arrival, callback, false);
    }
  }

  /** The ACD's one sink: its decisions about calls reach their sessions here. */
  acdDecided(command: AcdCommand): void {
    switch (command.type) {
      case 'OfferCall':
      case 'CancelOffer':
      case 'RejectCall':
      case 'CallOverflowed':
      case 'AnnouncePosition':
      case 'PlayMusicOnHold':
      case 'ConfirmCallback':
        return this.toSession(command);
      case 'DialCallback':
        return this.dialCallback(command.callId, command.agentId, command.queueId, command.number, command.attempt);
      case 'CallbackFailed':
        // Every attempt failed: the first call's ticket (no agent reached) stays on the callback list.
        return this.deps.logger.warn({ callId: command.callId, queueId: command.queueId, attempts: command.attempts }, 'callback gave up; the call stays on the callback list');
      default:
        return;
    }
  }

  private toSession(command: AcdCallCommand): void {
    const session = this.byCallId.get(command.callId);
    if (session) return void session.handle({ type: 'AcdDecided', command });
    if (command.type !== 'OfferCall') return;
    this.deps.logger.warn({ callId: command.callId, agentId: command.agentId }, 'ACD offer: no session for call');
    this.deps.tellAcd({ type: 'OfferFailed', callId: command.callId, agentId: command.agentId, at: this.deps.now() });
  }

  /** What an agent or supervisor asks of a live conversation; refused with a stable code when it cannot be. */
  transfer(callId: string, target: TransferTarget, mode: TransferMode = 'blind'): CallActionResult {
    const found = this.conversationSession(callId);
    if (!found.ok) return found;
    const { session } = found;
    if ('queue' in target && this.deps.queueExists && !this.deps.queueExists(target.queue)) return { ok: false, code: 'QUEUE_UNKNOWN' };
    if ('agent' in target) {
      const status = this.deps.agentStatus?.(target.agent) ?? 'logged_in';
      if (status === 'unknown') return { ok: false, code: 'AGENT_UNKNOWN' };
      // Transferring to oneself, or to someone not logged in, would leave the caller waiting for nobody.
      if (status === 'logged_out' || target.agent === session.state.record.agent?.agentId) return { ok: false, code: 'AGENT_NOT_AVAILABLE' };
    }
    if (session.state.phase.kind === 'consulting') return { ok: false, code: 'CALL_TRANSFER_PENDING' };
    void session.handle({ type: 'TransferRequested', target, mode });
    return { ok: true };
  }

  addParty(callId: string, number: string): CallActionResult {
    const found = this.conversationSession(callId);
    if (!found.ok) return found;
    void found.session.handle({ type: 'PartyRequested', number });
    return { ok: true };
  }

  /**
   * The agent ends their conversation from the desktop, as their phone's hang-up would: the leg
   * ends (a line leaves the conversation and stays up) and the caller goes on to the survey.
   */
  hangUp(callId: string): CallActionResult {
    const found = this.conversationSession(callId);
    if (!found.ok) return found;
    const { session } = found;
    const legId = session.state.record.agent?.legId;
    if (legId === undefined) return { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
    this.deps.telephony.hangup(legId).catch((error: unknown) => this.deps.logger.warn({ err: error, callId, legId }, 'could not end the agent side of the call'));
    return { ok: true };
  }

  /** 强拆: a supervisor ends the conversation; the caller hears the closing prompt (the right to was checked by the monitoring service). */
  forceRelease(callId: string, supervisorId: string): CallActionResult {
    const found = this.conversationSession(callId);
    if (!found.ok) return found;
    void found.session.handle({ type: 'ForceReleaseRequested', supervisorId });
    return { ok: true };
  }

  /**
   * 拦截: a supervisor's leg, up and out of its monitoring bridge, takes the caller; the agent goes
   * to wrap-up. A call that cannot be taken over any more hangs the leg up.
   */
  takeOver(callId: string, supervisorId: string, legId: string): CallActionResult {
    const session = this.byCallId.get(callId);
    if (!session) return { ok: false, code: 'CALL_NOT_FOUND' };
    this.legs.set(legId, session);
    void session.handle({ type: 'TakeOverRequested', supervisorId, legId });
    return { ok: true };
  }

  /** A request on a live call needs the call here, and an agent talking with the caller on the line. */
  private conversationSession(callId: string): { readonly ok: true; readonly session: CallSession } | Extract<CallActionResult, { ok: false }> {
    const session = this.byCallId.get(callId);
    if (!session) return { ok: false, code: 'CALL_NOT_FOUND' };
    const { phase, record } = session.state;
    return inConversation(phase, record) ? { ok: true, session } : { ok: false, code: 'CALL_NOT_IN_CONVERSATION' };
  }

  /** Offers and answers as the agents see them: the screen pop's source. */
  onAgentEvent(listener: (event: AgentCallEvent) => void): () => void {
    this.agentListeners.add(listener);
    for (const events of this.resumedNotices.values()) for (const event of events) listener(event);
    return () => this.agentListeners.delete(listener);
  }

  onTicket(listener: Parameters<TicketWriter['onTicket']>[0]): () => void {
    return this.deps.writer.onTicket(listener);
  }

  activeCalls(): ActiveCallView[] {
    return [...this.sessions.values()].map((session) => activeCallView(session.state));
  }

  /** A call this server is handling now, as its draft sees it: who talks on it and when it began. */
  lineOf(callId: string): { readonly agentId: string | null; readonly startedAt: number } | null {
    const session = this.byCallId.get(callId);
    if (!session) return null;
    return { agentId: session.state.record.agent?.agentId ?? null, startedAt: session.state.call.startedAt };
  }

  /** The agent talking with the caller now and their leg, or null when the call is not in conversation here. */
  conversationOf(callId: string): { readonly agentId: string; readonly agentLeg: string } | null {
    const phase = this.byCallId.get(callId)?.state.phase;
    return phase?.kind === 'talking' ? { agentId: phase.agent.agentId, agentLeg: phase.agent.legId } : null;
  }

  /**
   * A caller handed to the compiled menus whose hand-over may still be on its way: listed in the
   * application a moment longer, it is no new caller (until it comes back at the queue).
   */
  handedToDialplan(channelId: string): boolean {
    return this.inDialplanMenus.has(channelId);
  }

  /** A call this server is handling now. */
  knowsCall(callId: string): boolean {
    return this.byCallId.has(callId);
  }

  /** A channel this server is handling now (a caller's, or an agent's leg), or closed in the last minute. */
  knowsChannel(channelId: string): boolean {
    return this.sessions.has(channelId) || this.legs.has(channelId) || this.closedChannels.has(channelId);
  }

  /**
   * After a reconnect Asterisk has sent nothing for the time we were away: calls whose channel is
   * gone are closed with their ticket now, and callbacks whose ringing ended meanwhile count as not
   * answered (the ACD would otherwise keep their agent reserved). `listedAt`: when the channel list
   * was asked for; what arrived or was dialed after it may be missing from the list and is left alone.
   */
  reconcile(presentChannelIds: ReadonlySet<string>, listedAt: number = Infinity): void {
    for (const [channelId, session] of this.sessions) {
      if (!presentChannelIds.has(channelId) && session.arrivedAt < listedAt) void session.handle({ type: 'LineLost' });
    }
    for (const [channelId, pending] of this.pendingCallbacks) {
      if (presentChannelIds.has(channelId) || pending.dialedAt >= listedAt) continue;
      this.pendingCallbacks.delete(channelId);
      this.deps.logger.info({ callId: pending.acdCallId, channelId }, 'callback ended while the PBX link was down');
      this.deps.tellAcd({ type: 'CallbackAttemptFailed', callId: pending.acdCallId, reason: 'citizen did not answer', at: this.deps.now() });
    }
  }

  /** Waits for the tickets being written (graceful shutdown). */
  async drain(): Promise<void> {
    await this.deps.writer.drain();
    this.timers.cancelAll();
  }

  private outboundAnswered(event: Extract<CallEvent, { type: 'OutboundAnswered' }>): Promise<void> {
    const task = this.outbound?.ringing(event.channelId);
    if (!this.outbound || !task || task.taskId !== event.taskId) {
      this.deps.logger.warn({ channelId: event.channelId }, 'unknown outbound call answered; hanging up');
      return this.deps.telephony.hangup(event.channelId).catch(() => undefined);
    }
    this.outbound.answered(event.channelId);
    // The task's flow with its variables, as any placed call (flowStart): never the dialplan's menus.
    const flowStart = { flow: task.flowId, variables: task.variables };
    const arrival = { type: 'CallArrived', channelId: event.channelId, callId: event.channelId, callerNumber: task.number, callerName: null, dialedNumber: PLACED_CALL_DIALED, answered: true, at: event.at, flowStart } as const;
    return this.arrive(arrival, null, false);
  }

  private withPlacedFlow(arrival: Arrival): Arrival {
    const flowStart = this.placedFlows.take(arrival.channelId);
    return flowStart ? { ...arrival, flowStart } : arrival;
  }

  private arrive(arrival: Arrival, callback: CallbackOrigin | null, menusInDialplan = true): Promise<void> {
    if (this.sessions.has(arrival.channelId)) return Promise.resolve();
    const { deps } = this;
    const setup = deps.setup();
    const caller = deps.directory.lookup(arrival.callerNumber);
    // A placed call's flow speaks values only the server knows: never handed to the dialplan's menus.
    const entry = callback || arrival.menus || arrival.flowStart || !menusInDialplan ? null : dialplanEntry(setup, arrival, caller, entryFlowFor(setup.ivr, arrival.dialedNumber));
    if (entry) return this.toDialplanMenus(arrival, callback, entry);
    // Back from the compiled menus: the call began when it first arrived (at the server, or in the dialplan).
    const firstAt = this.inDialplanMenus.get(arrival.channelId) ?? (arrival.menus ? arrival.startedAt : undefined);
    this.inDialplanMenus.delete(arrival.channelId);
    const event = firstAt === undefined ? arrival : { ...arrival, at: firstAt };
    const session = new CallSession(event, caller, callback, this.sessionDeps(setup));
    this.sessions.set(event.channelId, session);
    this.byCallId.set(event.callId, session);
    // The ACD knows a callback by the first call's id.
    if (callback) this.byCallId.set(callback.acdCallId, session);
    return session.handle(event);
  }

  private sessionDeps(setup: CallSetup): CallSessionDeps {
    const { deps } = this;
    return {
      setup,
      telephony: deps.telephony,
      speech: deps.speech ?? null,
      timers: deps.timers(),
      now: deps.now,
      logger: deps.logger,
      phoneFor: deps.phoneFor,
      tellAcd: deps.tellAcd,
      ...(deps.systemLagging ? { systemLagging: deps.systemLagging } : {}),
      notifyAgent: (agentEvent) => {
        for (const listener of this.agentListeners) listener(agentEvent);
      },
      owner: this.owner,
    };
  }

  /**
   * A conversation the phone system kept while the server that ran it was lost (restart recovery):
   * taken on in the talking phase, so it goes on and ends with its ticket as any other. False when
   * what was saved of the call cannot carry it on, or the call is already this server's.
   */
  resume(saved: SavedLiveCall, found: ConversationFound): boolean {
    if (this.sessions.has(saved.channelId) || this.byCallId.has(saved.id)) return false;
    const setup = this.deps.setup();
    const resumed = resumedCall(saved, found, setup.language, this.deps.now());
    if (!resumed) return false;
    this.resumedNotices.set(saved.id, resumed.commands.flatMap((command) => (command.type === 'NotifyAgent' ? [command.event] : [])));
    const session = CallSession.resumed(resumed, this.sessionDeps(setup));
    this.sessions.set(saved.channelId, session);
    this.byCallId.set(saved.id, session);
    this.legs.set(found.legId, session);
    return true;
  }

  /** Whether a call's offer waits for this agent's leg to answer (a resync rebuilds an answer it missed only then). */
  awaitsAnswer(legId: string): boolean {
    const session = this.legs.get(legId);
    return session !== undefined && offerAwaits(session.state, legId);
  }

  /**
   * A caller the restart found in the survey Asterisk runs: taken on in that phase, so the survey's
   * end and the line's (AMI) close the call with its rating. False when there is no survey to end
   * (the routes name none now), the save cannot carry it on, or the call is already this server's.
   */
  resumeSurvey(saved: SavedLiveCall, records: readonly RecordedStep[] = []): boolean {
    if (this.sessions.has(saved.channelId) || this.byCallId.has(saved.id)) return false;
    const setup = this.deps.setup();
    const resumed = setup.afterCallFlow ? resumedInSurvey(saved, this.deps.now(), records) : null;
    if (!resumed) return false;
    const session = CallSession.resumed(resumed, this.sessionDeps(setup));
    this.sessions.set(saved.channelId, session);
    this.byCallId.set(saved.id, session);
    return true;
  }

  private callbackAnswered(event: Extract<CallEvent, { type: 'CallbackAnswered' }>): Promise<void> {
    const pending = this.pendingCallbacks.get(event.channelId);
    if (!pending) {
      // Not one we are waiting for (after a restart, say): nobody is reserved for it.
      this.deps.logger.warn({ channelId: event.channelId, callId: event.callId }, 'unknown callback answered; hanging up');
      return this.deps.telephony.hangup(event.channelId).catch(() => undefined);
    }
    this.pendingCallbacks.delete(event.channelId);
    const arrival = { type: 'CallArrived', channelId: event.channelId, callId: event.channelId, callerNumber: event.number, callerName: null, dialedNumber: 'callback', answered: true, at: event.at } as const;
    const { acdCallId, agentId, queueId } = pending;
    return this.arrive(arrival, { acdCallId, agentId, queueId });
  }

  /** The callback's turn came and an agent is reserved: ring the citizen. */
  private dialCallback(callId: string, agentId: string, queueId: string, number: string, attempt: number): void {
    const channelId = callIds.callback(callId, attempt);
    // The ACD of a cluster sends at least once: this attempt is already ringing the citizen.
    if (this.pendingCallbacks.has(channelId)) return this.deps.logger.debug({ callId, attempt }, 'the ACD repeated a callback attempt; nothing new');
    this.pendingCallbacks.set(channelId, { acdCallId: callId, agentId, queueId, dialedAt: this.deps.now() });
    this.deps.telephony.dialCitizen({ channelId, callId, agentId, number, ringTimeoutSeconds: CALLBACK_RING_SECONDS }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, callId, attempt }, 'could not dial the callback');
      if (!this.pendingCallbacks.delete(channelId)) return;
      this.deps.tellAcd({ type: 'CallbackAttemptFailed', callId, reason: 'dial failed', at: this.deps.now() });
    });
  }

  private closed(session: CallSession, facts: CallFacts): void {
    // The flow's variables as the call ended (e.g. signed, satisfaction) go back to the task's owner.
    if (facts.flowResult) this.outbound?.finished(session.channelId, facts.flowResult.variables);
    this.sessions.delete(session.channelId);
    this.closedChannels.add(session.channelId);
    this.resumedNotices.delete(session.callId);
    for (const [id, owner] of this.byCallId) if (owner === session) this.byCallId.delete(id);
    const forgetLegs = (): void => {
      for (const [legId, owner] of this.legs) if (owner === session) this.legs.delete(legId);
      this.closedChannels.delete(session.channelId);
    };
    this.timers.start(`legs:${session.callId}`, LEG_GRACE_MS, forgetLegs);
    this.deps.writer.callClosed(facts);
    for (const listener of this.closedListeners) {
      try {
        listener(facts);
      } catch (error) {
        this.deps.logger.error({ err: error, callId: facts.callId }, 'a closed-call listener failed');
      }
    }
  }
}
