// One citizen call inside the hotline server: it owns the call's facts, reacts to its events in
// order, runs its IVR, waits in the ACD's queue, talks to an agent, then runs the survey. It is its
// own error boundary: a failure sends the caller to a human, never to silence or a hang-up.
import type { CallEvent } from '../domain/calls/call-events.js';
import type { CallFacts, EndedBy, IvrStep, RecordingRef } from '../domain/calls/call-facts.js';
import type { IvrOutcome, IvrState } from '../domain/ivr/ivr-protocol.js';
import type { Logger } from '../logging/logger.js';
import type { QueueingPort } from './acd-service.js';
import type { CallerDirectory, CallerInfo } from './caller-directory.js';
import { entryFlowFor, type IvrSetup } from './ivr-setup.js';
import { IvrRunner } from './ivr-runner.js';
import { personalSkill } from '../domain/acd/lane.js';
import { ConversationParties } from './conversation-parties.js';
import { QueueWaiting } from './queue-waiting.js';
import type { AgentDialRequest, TelephonyPort } from './telephony-port.js';

export type CallPhase = 'arriving' | 'ivr' | 'queued' | 'talking' | 'survey' | 'ending' | 'transferred' | 'fallback' | 'ended';

export interface AgentPhones {
  phoneFor(agentId: string): AgentDialRequest['phone'];
}

export interface CallSessionDeps {
  readonly telephony: TelephonyPort;
  readonly logger: Logger;
  readonly now: () => number;
  readonly ivr: IvrSetup;
  readonly directory: CallerDirectory;
  readonly language: string;
  readonly queueing: QueueingPort;
  readonly phones: AgentPhones;
  /** The flow played after the agent hangs up (satisfaction survey); null for none. */
  readonly afterCallFlow: string | null;
  readonly onStarted: (session: CallSession) => void;
  readonly onAnswered: (session: CallSession, at: number) => void;
  readonly onLeg: (legId: string, session: CallSession) => void;
  /** Another id the ACD knows this call by (an attended transfer's). */
  readonly onAlias: (acdId: string, session: CallSession) => void;
  readonly onEnded: (facts: CallFacts) => void;
  /** The call moved on (queued, offered, answered, transferred): its path so far is worth saving. */
  readonly onProgress?: (session: CallSession) => void;
  /** An agent's phone starts ringing for this call (the screen pop goes out now), or they answered. */
  readonly onAgentEvent?: (event: AgentCallEvent) => void;
}

export type AgentCallEvent =
  | { readonly kind: 'offered'; readonly agentId: string; readonly at: number; readonly call: PopFacts }
  | { readonly kind: 'answered' | 'withdrawn'; readonly agentId: string; readonly callId: string; readonly at: number };

/** What the screen pop tells about the call while the agent's phone rings. */
export interface PopFacts {
  readonly callId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly caller: CallerInfo;
  readonly queue: string | null;
  readonly queuedAt: number | null;
  readonly ivrPath: readonly IvrStep[];
  readonly language: string;
}

type Arrival = Extract<CallEvent, { type: 'CallArrived' }>;

/** A call that is a callback: the citizen we rang back, for a place kept in a queue by the ACD. */
export interface CallbackOrigin {
  /** The waiting call's id in the ACD (the citizen's first call). */
  readonly acdCallId: string;
  readonly agentId: string;
  readonly queueId: string;
}

/** Where a blind transfer sends the caller: another queue, or a named agent. */
export type TransferTarget = { readonly queue: string } | { readonly agent: string };
/** Blind: the agent leaves at once. Attended: the agent stays until the new agent has joined them. */
export type TransferMode = 'blind' | 'attended';

/** How long the reserved agent's phone rings for a callback before the attempt counts as failed. */
const CALLBACK_AGENT_RING_SECONDS = 20;

interface Leg {
  readonly legId: string;
  readonly agentId: string;
  /** The id the ACD offered this agent the call under (the call's own, or an attended transfer's). */
  readonly acdId: string;
}

export class CallSession {
  readonly callId: string;
  readonly channelId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly dialedNumber: string;
  readonly startedAt: number;
  phase: CallPhase = 'arriving';
  caller: CallerInfo = { elderly: false, enterprise: null };
  queue: string | null = null;
  private readonly queuesVisited = new Set<string>();
  private answeredAt: number | null = null;
  private queuedAt: number | null = null;
  private hangupCause: number | null = null;
  private endedBy: EndedBy = 'unknown';
  private lineDown = false;
  private offer: Leg | null = null;
  private agent: (Leg & { readonly answeredAt: number }) | null = null;
  private conversationEndedAt: number | null = null;
  private legSeq = 0;
  private agentSideReleased = false;
  /** For a callback: the ACD has been told how the attempt went (answered or failed). */
  private callbackSettled = false;
  private readonly recordings: RecordingRef[] = [];
  /** Steps the session itself adds to the IVR path (a cut-off prompt, the queue, the agent). */
  private readonly extraSteps: IvrStep[] = [];
  private readonly runner: IvrRunner;
  private readonly waiting: QueueWaiting;
  private readonly parties: ConversationParties;
  /** When the agent left a conversation that outside parties carry on (three-way call). */
  private agentLeftAt: number | null = null;
  private recordingSeq = 0;
  private transferRequested = false;
  /** The agent who transferred the call away, for the ticket when no other agent answers. */
  /** An attended transfer under way: its id in the ACD, and the agent who answered it, once one has. */
  private consult: { readonly acdId: string; incoming: (Leg & { readonly answeredAt: number }) | null } | null = null;
  private consultSeq = 0;
  private handedOver: { readonly agentId: string; readonly answeredAt: number; readonly endedAt: number } | null = null;
  /** The priority class the call was queued with; a transfer to another queue keeps it. */
  private priorityClass: string | null = null;
  private survey: IvrRunner | null = null;
  private chain: Promise<void> = Promise.resolve();
  private marks: Promise<void> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    arrival: Arrival,
    private readonly deps: CallSessionDeps,
    private readonly callback: CallbackOrigin | null = null,
  ) {
    this.callId = arrival.callId;
    this.channelId = arrival.channelId;
    this.callerNumber = arrival.callerNumber;
    this.callerName = arrival.callerName;
    this.dialedNumber = arrival.dialedNumber;
    this.startedAt = arrival.at;
    this.log = deps.logger.child({ callId: this.callId, channelId: this.channelId });
    this.runner = this.newRunner((outcome, state) => this.ivrFinished(outcome, state));
    this.parties = new ConversationParties(deps.telephony, this.callId);
    this.waiting = new QueueWaiting({
      telephony: deps.telephony,
      queueing: deps.queueing,
      channelId: this.channelId,
      callId: this.acdId,
      callerNumber: this.callerNumber,
      language: deps.language,
      now: deps.now,
      logger: this.log,
    });
  }

  /** The call's id in the ACD: its own, or for a callback the first call whose place it kept. */
  private get acdId(): string {
    return this.callback?.acdCallId ?? this.callId;
  }

  private newRunner(onOutcome: (outcome: IvrOutcome, state: IvrState) => Promise<void>): IvrRunner {
    return new IvrRunner({
      telephony: this.deps.telephony,
      context: this.deps.ivr.snapshot(),
      channelId: this.channelId,
      callId: this.callId,
      logger: this.log,
      schedule: (work) => void this.enqueue(work, 'timer'),
      onOutcome,
    });
  }

  popFacts(): PopFacts {
    return {
      callId: this.callId,
      callerNumber: this.callerNumber,
      callerName: this.callerName,
      caller: this.caller,
      queue: this.queue,
      queuedAt: this.queuedAt,
      ivrPath: this.path,
      // The IVR may have switched the caller's language (an English menu, a dialect desk).
      language: this.runner.current?.language ?? this.deps.language,
    };
  }

  get path(): readonly IvrStep[] {
    return [...this.runner.path, ...(this.survey?.path ?? []), ...this.extraSteps].sort((a, b) => a.at - b.at);
  }

  get answered(): number | null {
    return this.answeredAt;
  }

  get agentId(): string | null {
    return this.agent?.agentId ?? null;
  }

  /** Events of one call are handled strictly one after another, in arrival order. */
  handle(event: CallEvent): Promise<void> {
    return this.enqueue(() => this.dispatch(event), event.type);
  }

  /** Work from the ACD (ring an agent, give up, overflow) joins the same ordered chain. */
  enqueue(work: () => Promise<void>, label: string): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => this.fail(error, label));
    return this.chain;
  }

  private async dispatch(event: CallEvent): Promise<void> {
    if (this.phase === 'ended') return;
    this.log.debug({ event: event.type, phase: this.phase }, 'call event');
    if (event.channelId !== this.channelId) return this.legEvent(event);
    switch (event.type) {
      case 'CallArrived':
        return this.arrive(event.at);
      case 'PromptFinished': {
        // Asterisk also ends a playback when the caller hangs up; that prompt was cut off, not heard.
        if (this.lineDown) return;
        const after = await this.waiting.promptFinished(event.playbackId);
        if (after === 'hang-up') return this.hangUpAsSystem();
        if (after) return;
        await this.runner.promptFinished(event.playbackId, event.outcome, event.at);
        return this.survey?.promptFinished(event.playbackId, event.outcome, event.at);
      }
      case 'KeyPressed':
        if (this.phase === 'queued') {
          if (this.waiting.keyPressed(event.key)) this.extraSteps.push({ at: event.at, kind: 'key', key: event.key, label: '排队中按键回电' });
          return;
        }
        return (this.survey ?? this.runner).keyPressed(event.key, event.at);
      case 'MessageRecorded':
        return this.runner.messageRecorded(event.name, event.durationMs, event.at);
      case 'HangupRequested':
        return this.hangupRequested(event.cause);
      case 'CallLeft':
        return this.end(event.at);
      case 'PromptStarted':
      case 'AgentLegAnswered':
      case 'CallbackAnswered':
      case 'PartyAnswered':
      case 'ChannelGone':
        return;
    }
  }

  private async arrive(at: number): Promise<void> {
    this.deps.onStarted(this);
    this.caller = this.deps.directory.lookup(this.callerNumber);
    if (this.callback) return this.callbackArrived(this.callback, at);
    this.log.info({ callerNumber: this.callerNumber, dialed: this.dialedNumber, elderly: this.caller.elderly, enterprise: this.caller.enterprise?.name }, 'call arrived');
    await this.deps.telephony.answer(this.channelId);
    this.answeredAt = this.deps.now();
    this.deps.onAnswered(this, this.answeredAt);
    this.phase = 'ivr';
    const context = this.deps.ivr.snapshot();
    const profile = {
      number: this.callerNumber,
      dialed: this.dialedNumber,
      elderly: this.caller.elderly,
      enterprise: this.caller.enterprise,
      anonymous: this.callerNumber === 'anonymous',
    };
    await this.runner.start(profile, entryFlowFor(context, this.dialedNumber), at, this.deps.language);
  }

  /** The citizen we rang back answered (the channel is up): greet them and ring the reserved agent. */
  private async callbackArrived(origin: CallbackOrigin, at: number): Promise<void> {
    this.log.info({ acdCallId: origin.acdCallId, agentId: origin.agentId }, 'callback answered by the citizen');
    this.answeredAt = at;
    this.deps.onAnswered(this, at);
    this.phase = 'queued';
    this.queue = origin.queueId;
    this.queuesVisited.add(origin.queueId);
    this.queuedAt = at;
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'callback-of', detail: origin.acdCallId });
    await this.waiting.greet();
    void this.offerTo(origin.agentId, CALLBACK_AGENT_RING_SECONDS);
  }

  private async ivrFinished(outcome: IvrOutcome, state: IvrState): Promise<void> {
    const { telephony } = this.deps;
    this.log.info({ outcome: outcome.kind, node: `${state.flowId}:${state.nodeId}` }, 'IVR finished');
    switch (outcome.kind) {
      case 'queued':
        this.phase = 'queued';
        this.queue = outcome.queue;
        this.queuesVisited.add(outcome.queue);
        this.queuedAt = this.deps.now();
        // Hold music comes from the ACD (the queue's own class), as soon as the call is in line.
        this.mark('HOTLINE_QUEUE', outcome.queue);
        this.priorityClass = outcome.priority ?? (this.caller.elderly ? 'elderly' : null);
        this.deps.queueing.enqueue(this.callId, outcome.queue, this.priorityClass, outcome.skills, this.queuedAt);
        return;
      case 'transferred':
        this.phase = 'transferred';
        await telephony.transfer(this.channelId, outcome.destination);
        return;
      case 'message':
        if (this.runner.messageName) {
          this.recordings.push({ name: this.runner.messageName, kind: 'message', format: 'wav', startedAt: this.deps.now() - outcome.durationMs });
        }
        return this.hangUpAsSystem();
      case 'hangup':
        return this.hangUpAsSystem();
      case 'fallback':
        return this.toFallback();
    }
  }

  /**
   * Not awaited: Asterisk sets a channel variable only between the channel's own operations, so
   * during a prompt the request waits for the prompt's end. A mark is for people and the dialplan;
   * the call never waits for it, but marks keep their order.
   */
  private mark(name: string, value: string): Promise<void> {
    // Each mark is a step worth keeping: the path so far goes to the database, for a restart.
    this.deps.onProgress?.(this);
    // One after another, so the channel ends up with the latest value (a queue, then its overflow).
    this.marks = this.marks
      .then(() => this.deps.telephony.markCall(this.channelId, name, value))
      .catch((error: unknown) => this.log.debug({ err: error, name }, 'could not mark the call'));
    return this.marks;
  }

  private async hangUpAsSystem(): Promise<void> {
    this.phase = 'ending';
    if (this.endedBy === 'unknown') this.endedBy = 'system';
    await this.deps.telephony.hangup(this.channelId);
  }

  /** The ACD chose an agent: ring their phone. */
  offerTo(agentId: string, ringTimeoutSeconds: number, acdId: string = this.acdId): Promise<void> {
    return this.enqueue(async () => {
      const consulting = this.consult?.acdId === acdId;
      if (consulting ? !this.inConversation || this.offer !== null : this.phase !== 'queued' || this.lineDown) {
        return this.offerFailed(acdId, agentId, this.deps.now());
      }
      this.legSeq += 1;
      const legId = `agentleg-${this.legSeq}-${this.callId}`;
      this.offer = { legId, agentId, acdId };
      this.deps.onLeg(legId, this);
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'offered', detail: agentId });
      this.mark('HOTLINE_OFFERED', agentId);
      this.deps.onAgentEvent?.({ kind: 'offered', agentId, at: this.deps.now(), call: this.popFacts() });
      try {
        await this.deps.telephony.dialAgent({
          legId,
          callId: this.callId,
          agentId,
          phone: this.deps.phones.phoneFor(agentId),
          ringTimeoutSeconds,
          callerNumber: this.callerNumber,
        });
      } catch (error) {
        this.log.warn({ err: error, agentId }, 'could not ring the agent');
        this.offer = null;
        await this.offerFailed(acdId, agentId, this.deps.now());
      }
    }, 'offer');
  }

  /** The ACD gave up on an offer (ring timeout, agent logged out): stop the agent's phone ringing. */
  cancelOffer(agentId: string): Promise<void> {
    return this.enqueue(async () => {
      const offer = this.offer;
      if (!offer || offer.agentId !== agentId) return;
      this.offer = null;
      this.deps.onAgentEvent?.({ kind: 'withdrawn', agentId, callId: this.callId, at: this.deps.now() });
      await this.hangUpLeg(offer.legId);
    }, 'cancel-offer');
  }

  overflowed(toQueue: string, acdId: string = this.acdId): Promise<void> {
    return this.enqueue(async () => {
      if (acdId !== this.acdId) return;
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'overflowed', detail: `${this.queue ?? '?'}→${toQueue}` });
      this.queue = toQueue;
      if (!this.lineDown) this.mark('HOTLINE_QUEUE', toQueue);
    }, 'overflow');
  }

  position(position: number, estimatedWaitSeconds: number, callbackOffered: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (this.lineDown || this.phase !== 'queued') return;
      const marked = this.mark('HOTLINE_POSITION', `${position}/${estimatedWaitSeconds}`);
      // With only hold music on the channel the mark is quick: set it before the announcement
      // starts, so it is seen in step with what the caller hears.
      if (!this.waiting.speaking) await marked;
      // An agent's phone is ringing: the conversation is about to start, no need to talk over it.
      if (this.offer) return;
      await this.waiting.announce(position, estimatedWaitSeconds, callbackOffered);
    }, 'position');
  }

  hold(musicClass: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.lineDown || this.phase !== 'queued' || this.callback) return;
      await this.waiting.hold(musicClass);
    }, 'hold');
  }

  /** The ACD keeps the caller's place: tell them, then hang up (the ACD will ring them back). */
  callbackConfirmed(position: number): Promise<void> {
    return this.enqueue(async () => {
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'callback-requested', detail: String(position) });
      if (this.lineDown) return;
      await this.waiting.callbackConfirmed();
    }, 'callback-confirmed');
  }

  /** An offer that did not become a conversation; for a callback that is a failed attempt. */
  private async offerFailed(acdId: string, agentId: string, at: number): Promise<void> {
    // An attended transfer's offer: the ACD tries the next agent; the conversation goes on meanwhile.
    if (acdId !== this.acdId) return this.deps.queueing.offerFailed(acdId, agentId, at);
    if (!this.callback) return this.deps.queueing.offerFailed(this.callId, agentId, at);
    this.deps.queueing.callbackAttemptFailed(this.acdId, 'agent did not answer', at);
    this.callbackSettled = true;
    if (!this.lineDown) await this.hangUpAsSystem();
  }

  rejected(reason: string): Promise<void> {
    return this.enqueue(async () => {
      this.log.warn({ reason }, 'the ACD refused the call; sending it to the human fallback');
      if (!this.lineDown) await this.toFallback();
    }, 'rejected');
  }

  /**
   * Blind transfer to another queue: the agent is released (to wrap-up), the caller waits in the
   * new queue with the priority they had, and the next agent's conversation is recorded anew.
   */
  transferTo(target: TransferTarget, mode: TransferMode = 'blind'): Promise<void> {
    // Taken at once, not when the call's queue of work reaches it: a second request that comes in
    // meanwhile must be refused, not run after this one.
    this.transferRequested = true;
    return this.enqueue(async () => {
      try {
        await this.carryOutTransfer(target, mode);
      } finally {
        this.transferRequested = false;
      }
    }, 'transfer');
  }

  private async carryOutTransfer(target: TransferTarget, mode: TransferMode): Promise<void> {
    const agent = this.agent;
    if (this.phase !== 'talking' || this.lineDown || !agent || this.agentLeftAt !== null || this.consult) return;
    const at = this.deps.now();
    // A named agent's transfer waits in the queue the call is in, for that agent only.
    const queueId = 'queue' in target ? target.queue : (this.queue ?? 'general');
    const skills = 'agent' in target ? [personalSkill(target.agent)] : [];
    const to = 'queue' in target ? target.queue : `agent:${target.agent}`;
    if (mode === 'attended') return this.startConsult(agent.agentId, to, queueId, skills, at);
    this.log.info({ from: agent.agentId, to }, 'blind transfer');
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'transferred', detail: `${agent.agentId}→${to}` });
    this.agent = null;
    this.handedOver = { agentId: agent.agentId, answeredAt: agent.answeredAt, endedAt: at };
    this.deps.queueing.callEnded(agent.acdId, at);
    this.parties.hangUpAll();
    await this.hangUpLeg(agent.legId);
    await this.deps.telephony.disconnect(`conv-${this.callId}`);
    this.phase = 'queued';
    this.queue = queueId;
    this.queuesVisited.add(queueId);
    this.mark('HOTLINE_QUEUE', queueId);
    this.deps.queueing.enqueue(this.callId, queueId, this.priorityClass, skills, at);
  }

  /** Whether a transfer was asked for and not yet carried out, or an attended one is under way. */
  get transferring(): boolean {
    return this.transferRequested || this.consult !== null;
  }

  /**
   * Attended transfer: the target is queued in the ACD under an id of its own while the agent keeps
   * talking; the new agent joins the conversation when they answer, and the first leaves when ready.
   */
  private startConsult(fromAgent: string, to: string, queueId: string, skills: readonly string[], at: number): void {
    this.consultSeq += 1;
    const acdId = `${this.callId}~transfer${this.consultSeq}`;
    this.consult = { acdId, incoming: null };
    this.deps.onAlias(acdId, this);
    this.log.info({ from: fromAgent, to }, 'attended transfer');
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'transfer-attended', detail: `${fromAgent}→${to}` });
    this.deps.queueing.enqueue(acdId, queueId, this.priorityClass, skills, at);
  }

  /** The ACD refused the attended transfer's call (queue full): the conversation simply goes on. */
  consultRejected(acdId: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.consult?.acdId !== acdId) return;
      this.consult = null;
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'transfer-refused' });
    }, 'transfer-refused');
  }

  /** The conversation ends with an attended transfer still open: the ACD lets go of it. */
  private endConsult(at: number): void {
    const consult = this.consult;
    if (!consult) return;
    this.consult = null;
    if (consult.incoming) {
      this.deps.queueing.callEnded(consult.acdId, at);
      void this.hangUpLeg(consult.incoming.legId);
    } else {
      // Waiting or ringing: the ACD withdraws any offer (the phone stops ringing) and forgets it.
      this.deps.queueing.abandoned(consult.acdId, at);
    }
  }

  /** Three-way call: rings an outside number (a responsible unit) into the conversation. */
  addParty(number: string): Promise<void> {
    return this.enqueue(async () => {
      if (this.phase !== 'talking' || this.lineDown || this.agentLeftAt !== null) return;
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'three-way-dialing', detail: number });
      try {
        await this.parties.dial(number, (channelId) => this.deps.onLeg(channelId, this));
      } catch (error) {
        this.log.warn({ err: error }, 'could not dial the outside party');
        this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'three-way-failed', detail: number });
      }
    }, 'add-party');
  }

  /** Whether an agent is talking with the caller right now (transfers and three-way calls need one). */
  get inConversation(): boolean {
    return this.phase === 'talking' && !this.lineDown && this.agent !== null && this.agentLeftAt === null;
  }

  private async partyAnswered(channelId: string, at: number): Promise<void> {
    if (!this.inConversation) {
      await this.hangUpLeg(channelId);
      return;
    }
    const number = await this.parties.answered(channelId, `conv-${this.callId}`);
    if (number === undefined) return this.hangUpLeg(channelId);
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'three-way-joined', detail: number });
  }

  private async partyGone(channelId: string, at: number): Promise<void> {
    const number = this.parties.gone(channelId);
    if (number === undefined) return;
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'three-way-left', detail: number });
    // The agent had left the caller with the unit; now the unit has gone too.
    if (this.agentLeftAt !== null && this.parties.inConversation === 0 && this.conversationEndedAt === null) await this.conversationOver(at);
  }

  private async legEvent(event: CallEvent): Promise<void> {
    if (event.type === 'PartyAnswered') return this.partyAnswered(event.channelId, event.at);
    if (this.parties.owns(event.channelId) && (event.type === 'CallLeft' || event.type === 'ChannelGone')) return this.partyGone(event.channelId, event.at);
    if (event.type === 'AgentLegAnswered') return this.agentAnswered(event.channelId, event.at);
    if (event.type === 'CallLeft' || event.type === 'ChannelGone' || event.type === 'HangupRequested') return this.legGone(event.channelId, event.at);
  }

  private async agentAnswered(legId: string, at: number): Promise<void> {
    const offer = this.offer;
    const consult = this.consult;
    if (offer && consult && offer.legId === legId && offer.acdId === consult.acdId && this.inConversation) {
      // Attended transfer: the new agent joins the conversation; the first agent leaves when ready.
      this.offer = null;
      consult.incoming = { ...offer, answeredAt: at };
      this.extraSteps.push({ at, kind: 'outcome', outcome: 'answered', detail: offer.agentId });
      this.deps.queueing.agentAnswered(offer.acdId, offer.agentId, at);
      await this.deps.telephony.join(`conv-${this.callId}`, legId);
      return;
    }
    if (!offer || offer.legId !== legId || this.phase !== 'queued' || this.lineDown) {
      // Answered too late (the caller left, or the offer was withdrawn): release the agent's phone.
      await this.hangUpLeg(legId);
      return;
    }
    this.offer = null;
    this.agent = { ...offer, answeredAt: at };
    this.phase = 'talking';
    this.extraSteps.push({ at, kind: 'outcome', outcome: 'answered', detail: offer.agentId });
    this.deps.onAgentEvent?.({ kind: 'answered', agentId: offer.agentId, callId: this.callId, at });
    if (this.callback) {
      this.callbackSettled = true;
      this.deps.queueing.callbackAnswered(this.acdId, at);
    } else {
      this.deps.queueing.agentAnswered(this.callId, offer.agentId, at);
    }
    await this.waiting.stop();
    await this.deps.telephony.connect(this.channelId, legId, `conv-${this.callId}`);
    this.mark('HOTLINE_AGENT', offer.agentId);
    this.recordingSeq += 1;
    const suffix = this.recordingSeq === 1 ? '' : `-${this.recordingSeq}`;
    await this.record(`call-${this.callId}${suffix}`.replace(/[^A-Za-z0-9._-]/g, '_'));
  }

  /** A recording that cannot start (disk full, no recorder) must not end the conversation: it is noted. */
  private async record(name: string): Promise<void> {
    try {
      const startedAt = this.deps.now();
      await this.deps.telephony.recordConversation(`conv-${this.callId}`, this.channelId, name);
      this.recordings.push({ name, kind: 'conversation', format: 'wav', startedAt });
    } catch (error) {
      this.log.error({ err: error }, 'the conversation could not be recorded; the call goes on');
      this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'recording-failed', detail: (error as Error).message.slice(0, 200) });
    }
  }

  private async legGone(legId: string, at: number): Promise<void> {
    if (this.offer?.legId === legId) {
      const { agentId, acdId } = this.offer;
      this.offer = null;
      this.extraSteps.push({ at, kind: 'outcome', outcome: 'offer-failed', detail: agentId });
      await this.offerFailed(acdId, agentId, at);
      return;
    }
    const incoming = this.consult?.incoming;
    if (incoming?.legId === legId) {
      // The new agent hung up before the first one left: the transfer is off, the first agent stays.
      this.consult = null;
      this.deps.queueing.callEnded(incoming.acdId, at);
      this.extraSteps.push({ at, kind: 'outcome', outcome: 'transfer-abandoned', detail: incoming.agentId });
      return;
    }
    if (this.agent?.legId !== legId || this.agentLeftAt !== null || this.conversationEndedAt !== null) return;
    if (incoming && !this.lineDown) {
      // Attended transfer done: the first agent leaves the caller with the one who joined.
      this.deps.queueing.callEnded(this.agent.acdId, at);
      this.extraSteps.push({ at, kind: 'outcome', outcome: 'agent-left', detail: this.agent.agentId });
      this.agent = incoming;
      this.consult = null;
      return;
    }
    this.agentLeftAt = at;
    this.deps.queueing.callEnded(this.agent.acdId, at);
    this.endConsult(at);
    if (this.parties.inConversation > 0 && !this.lineDown) {
      // A three-way call the agent left: the caller and the unit talk on, still recorded.
      this.extraSteps.push({ at, kind: 'outcome', outcome: 'agent-left', detail: this.agent.agentId });
      return;
    }
    await this.conversationOver(at);
  }

  /** The agent hung up (and no outside party carries on): the caller stays for the survey. */
  private async conversationOver(at: number): Promise<void> {
    this.conversationEndedAt = at;
    this.endedBy = 'agent';
    this.parties.hangUpAll();
    await this.deps.telephony.disconnect(`conv-${this.callId}`);
    if (this.lineDown) return;
    await this.startSurvey(at);
  }

  private async startSurvey(at: number): Promise<void> {
    const flow = this.deps.afterCallFlow;
    if (!flow) return this.hangUpAsSystem();
    this.phase = 'survey';
    this.survey = this.newRunner(() => this.hangUpAsSystem());
    const profile = { number: this.callerNumber, dialed: this.dialedNumber, elderly: this.caller.elderly, enterprise: this.caller.enterprise, anonymous: false };
    await this.survey.start(profile, flow, at, this.deps.language);
  }

  private async hangUpLeg(legId: string): Promise<void> {
    await this.deps.telephony.hangup(legId).catch((error: unknown) => this.log.debug({ err: error, legId }, 'agent leg already gone'));
  }

  private hangupRequested(cause: number | null): void {
    this.lineDown = true;
    this.hangupCause = cause;
    if (this.endedBy === 'unknown') this.endedBy = 'caller';
  }

  /** Closes the call once: releases the agent side, tells the ACD, and hands the facts on. */
  end(at: number, endedBy?: EndedBy): void {
    if (this.phase === 'ended') return;
    for (const prompt of [...this.runner.promptsInFlight(), ...(this.survey?.promptsInFlight() ?? [])]) {
      this.extraSteps.push({ at, kind: 'prompt', prompt, outcome: 'interrupted' });
    }
    this.runner.stop();
    this.survey?.stop();
    if (endedBy) this.endedBy = endedBy;
    this.releaseAgentSide(at);
    this.phase = 'ended';
    this.deps.onEnded(this.facts(at));
    this.log.info({ endedBy: this.endedBy, cause: this.hangupCause, durationMs: at - this.startedAt, agentId: this.agentId }, 'call ended');
  }

  private releaseAgentSide(at: number): void {
    if (this.agentSideReleased) return;
    this.agentSideReleased = true;
    if (this.offer) {
      void this.hangUpLeg(this.offer.legId);
      this.offer = null;
    }
    this.parties.hangUpAll();
    this.endConsult(at);
    if (this.agent && this.conversationEndedAt === null) {
      this.conversationEndedAt = at;
      if (this.agentLeftAt === null) this.deps.queueing.callEnded(this.agent.acdId, at);
      void this.hangUpLeg(this.agent.legId);
      void this.deps.telephony.disconnect(`conv-${this.callId}`).catch(() => undefined);
    } else if (this.callback && !this.callbackSettled) {
      this.callbackSettled = true;
      this.deps.queueing.callbackAttemptFailed(this.acdId, 'citizen left before an agent answered', at);
    } else if (this.queuedAt !== null && this.agent === null && !this.callback && !this.waiting.callbackRequested) {
      // A caller who chose a callback has not abandoned: the ACD keeps their place.
      this.deps.queueing.abandoned(this.callId, at);
    }
  }

  facts(endedAt: number): CallFacts {
    return {
      callId: this.callId,
      callerNumber: this.callerNumber,
      callerName: this.callerName,
      dialedNumber: this.dialedNumber,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt,
      hangupCause: this.hangupCause,
      endedBy: this.endedBy,
      ivrPath: this.path,
      queue: this.queue,
      queuedAt: this.queuedAt,
      agentId: this.agent?.agentId ?? this.handedOver?.agentId ?? null,
      agentAnsweredAt: this.agent?.answeredAt ?? this.handedOver?.answeredAt ?? null,
      conversationEndedAt: this.conversationEndedAt ?? (this.agent ? null : (this.handedOver?.endedAt ?? null)),
      satisfaction: this.survey?.current?.variables.satisfaction ?? null,
      recordings: [...this.recordings],
      // Registered, or took the elderly lane (the one key) even if the call overflowed from it later.
      elderly: this.caller.elderly || this.queuesVisited.has('elderly'),
      enterprise: this.caller.enterprise,
    };
  }

  private async toFallback(): Promise<void> {
    this.phase = 'fallback';
    this.extraSteps.push({ at: this.deps.now(), kind: 'outcome', outcome: 'human-fallback' });
    await this.deps.telephony.sendToHumanFallback(this.channelId);
  }

  /** The error boundary: log, then hand the caller to a human rather than dropping them. */
  private async fail(error: unknown, during: string): Promise<void> {
    this.log.error({ err: error, during }, 'call step failed; sending the caller to the human fallback');
    if (this.phase === 'ended' || this.phase === 'fallback' || this.phase === 'ending' || this.lineDown) return;
    const at = this.deps.now();
    for (const prompt of this.runner.promptsInFlight()) this.extraSteps.push({ at, kind: 'prompt', prompt, outcome: 'failed' });
    this.runner.stop();
    this.survey?.stop();
    this.releaseAgentSide(at);
    try {
      await this.toFallback();
    } catch (fallbackError) {
      this.log.error({ err: fallbackError }, 'human fallback failed too');
    }
  }
}
