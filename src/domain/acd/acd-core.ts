// The ACD's state and the moves every handler is built from: entering a queue, waiting in a lane,
// overflowing, offering, handing a call back to its place, and matching calls with agents.
import type { AcdConfig, AgentProfile, QueueConfig } from './acd-config.js';
import type { AcdCommand, AcdEventType, AcdRejectCode, OverflowReason } from './acd-protocol.js';
import { isWorking, type AgentRecord } from './agent-record.js';
import type { CallRecord, CallTimer } from './call-record.js';
import { LaneBook } from './lane-book.js';
import type { Lane } from './lane.js';
import { emptyCounters, type QueueCounters } from './queue-counters.js';
import { Roster } from './roster.js';
import { TimerBook } from './timer-book.js';
import { estimatedWaitSeconds as estimateWait } from './wait-estimate.js';

/** How long the phone system may take to make the agent's leg ring before the offer counts as failed. */
export const OFFER_SETUP_SECONDS = 10;
/** How long a call whose offer failed waits before it is offered again (a failing PBX is not hammered). */
export const OFFER_RETRY_MS = 1000;

export class AcdCore {
  readonly queues: ReadonlyMap<string, QueueConfig>;
  readonly calls = new Map<string, CallRecord>();
  readonly roster: Roster;
  readonly lanes: LaneBook;
  readonly timers: TimerBook;
  counters = new Map<string, QueueCounters>();
  /** Moving-average handling time per queue (see wait-estimate.ts). */
  readonly ahtMs = new Map<string, number>();
  out: AcdCommand[] = [];
  /** Entry announcements wait until routing has run: a call offered at once is not told "number 1". */
  private toAnnounce: CallRecord[] = [];
  /** The last sequence number given; saved in snapshots, so calls queued after a restore still come after the older ones. */
  seq = 0;

  constructor(
    readonly config: AcdConfig,
    agents: readonly AgentProfile[],
  ) {
    const emit = (command: AcdCommand): void => this.emit(command);
    this.queues = new Map(config.queues.map((q) => [q.id, q]));
    this.roster = new Roster(agents, config.settings.levelBonusSeconds, emit);
    this.timers = new TimerBook(emit);
    this.lanes = new LaneBook((lane) => this.roster.attach(lane));
    for (const queue of config.queues) {
      this.lanes.laneFor(queue, []);
      this.counters.set(queue.id, emptyCounters());
      this.ahtMs.set(queue.id, config.settings.initialHandleSeconds * 1000);
    }
  }

  emit(command: AcdCommand): void {
    this.out.push(command);
  }

  reject(eventType: AcdEventType, code: AcdRejectCode, subject: string): void {
    this.emit({ type: 'EventRejected', eventType, code, subject });
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  count(queueId: string): QueueCounters {
    let counters = this.counters.get(queueId);
    if (!counters) this.counters.set(queueId, (counters = emptyCounters()));
    return counters;
  }

  queueOf(call: CallRecord): QueueConfig {
    return this.queues.get(call.queueId) as QueueConfig;
  }

  startCallTimer(call: CallRecord, timer: CallTimer, at: number): void {
    this.timers.cancel(call.timers[timer]);
    call.timers[timer] = this.timers.start({ kind: 'call', timer, callId: call.id }, at);
  }

  cancelCallTimer(call: CallRecord, timer: CallTimer): void {
    this.timers.cancel(call.timers[timer]);
    delete call.timers[timer];
  }

  /** Puts a call into a queue: rejected when full, moved on at once when nobody is logged in. */
  enter(call: CallRecord, queue: QueueConfig, at: number, hops = 0): void {
    this.count(queue.id).offered += 1;
    this.placeIn(call, queue);
    call.enteredQueueAt = at;
    const full = this.lanes.waitingIn(queue.id) >= queue.maxLength;
    const unstaffed = !this.isStaffed(call) && queue.overflow !== null;
    if ((full || unstaffed) && hops <= this.queues.size) return this.leaveFor(call, queue, at, full ? 'queue_full' : 'no_agents', hops);
    const after = queue.overflow?.afterSeconds;
    call.overflowAt = after === null || after === undefined ? null : at + after * 1000;
    if (!call.callback) this.emit({ type: 'PlayMusicOnHold', callId: call.id, musicOnHold: queue.musicOnHold });
    this.wait(call, at);
    if (!call.callback) this.toAnnounce.push(call);
  }

  /** Gives the call its queue and the lanes it waits in there (creating them if none has yet). */
  placeIn(call: CallRecord, queue: QueueConfig): void {
    call.queueId = queue.id;
    call.laneId = this.lanes.laneFor(queue, call.extraSkills).id;
    call.secondLaneId = this.secondLaneFor(queue, call.extraSkills)?.id ?? null;
  }

  private secondLaneFor(queue: QueueConfig, extraSkills: readonly string[]): Lane | null {
    const servedBy = queue.secondChoice === null ? undefined : this.queues.get(queue.secondChoice);
    return servedBy ? this.lanes.secondLaneFor(queue, extraSkills, servedBy) : null;
  }

  /** The lanes a waiting call is in: its own, then its second choice's if it has one. */
  lanesOf(call: CallRecord): Lane[] {
    return [call.laneId, call.secondLaneId ?? ''].map((id) => this.lanes.get(id)).filter((lane): lane is Lane => lane !== undefined);
  }

  /** Someone who may take the call is logged in: one of its own agents or of its second choice. */
  isStaffed(call: CallRecord): boolean {
    return this.lanesOf(call).some((lane) => lane.staffed > 0);
  }

  /** Taken by an agent its own queue would not have offered it to (only ever when none of those was free). */
  isSecondChoice(call: CallRecord, agent: AgentRecord): boolean {
    return call.secondLaneId !== null && this.lanes.get(call.laneId)?.accepts(agent.profile) !== true;
  }

  announceNewcomers(at: number): void {
    for (const call of this.toAnnounce) if (call.status === 'waiting' && this.calls.get(call.id) === call) this.announce(call, at);
    this.toAnnounce = [];
  }

  private leaveFor(call: CallRecord, queue: QueueConfig, at: number, reason: OverflowReason, hops: number): void {
    if (queue.overflow === null) {
      this.count(queue.id).rejected += 1;
      this.emit({ type: 'RejectCall', callId: call.id, queueId: queue.id, reason: 'queue_full' });
      this.forget(call);
      return;
    }
    this.overflow(call, at, reason, hops);
  }

  /** Moves a call (not in any lane) to its queue's overflow target, keeping its rank and sequence. */
  overflow(call: CallRecord, at: number, reason: OverflowReason, hops = 0): void {
    const from = this.queueOf(call);
    const target = this.queues.get(from.overflow?.to ?? '') as QueueConfig;
    this.count(from.id).overflowed += 1;
    this.emit({ type: 'CallOverflowed', callId: call.id, fromQueueId: from.id, toQueueId: target.id, reason });
    this.enter(call, target, at, hops + 1);
  }

  /** Into the lane, at the place its rank gives it, with the timers a waiting call runs. */
  private wait(call: CallRecord, at: number): void {
    call.status = 'waiting';
    call.agentId = null;
    for (const lane of this.lanesOf(call)) lane.calls.push(call);
    if (call.overflowAt !== null) this.startCallTimer(call, 'overflow', call.overflowAt);
    const every = this.queueOf(call).announceEverySeconds;
    if (!call.callback && every > 0) this.startCallTimer(call, 'announce', at + every * 1000);
  }

  leaveLine(call: CallRecord): void {
    for (const lane of this.lanesOf(call)) lane.calls.remove(call.id);
    this.cancelCallTimer(call, 'overflow');
    this.cancelCallTimer(call, 'announce');
  }

  /** After a ring-no-answer, a withdrawn offer or a callback retry: back to the place it had. */
  returnToLine(call: CallRecord, at: number): void {
    call.status = 'waiting';
    call.agentId = null;
    if (call.overflowAt !== null && call.overflowAt <= at) return this.overflow(call, at, 'max_wait');
    if (!call.callback) this.emit({ type: 'PlayMusicOnHold', callId: call.id, musicOnHold: this.queueOf(call).musicOnHold });
    this.wait(call, at);
  }

  announce(call: CallRecord, at: number): void {
    const queue = this.queueOf(call);
    const position = Math.min(this.lanes.position(call), call.announcedPosition ?? Number.MAX_SAFE_INTEGER);
    call.announcedPosition = position;
    const working = this.workingFor(call);
    const estimatedWaitSeconds = estimateWait(position, working, this.ahtMs.get(queue.id) ?? 0);
    const callbackOffered = queue.callback !== null && at - call.enqueuedAt >= queue.callback.afterSeconds * 1000;
    this.emit({ type: 'AnnouncePosition', callId: call.id, queueId: queue.id, position, estimatedWaitSeconds, callbackOffered });
  }

  /** Agents not paused who may take the call, each counted once though they may serve both its lanes. */
  private workingFor(call: CallRecord): number {
    const lanes = this.lanesOf(call);
    if (lanes.length < 2) return lanes[0]?.working ?? 0;
    let working = 0;
    for (const agent of this.roster.all()) if (isWorking(agent) && lanes.some((lane) => agent.lanes.includes(lane))) working += 1;
    return working;
  }

  /**
   * Matches calls with agents until no lane has both, serving the highest-ranked call first. The call
   * goes to an agent of its own lane while one is free; only when none is does its second choice's.
   */
  dispatch(at: number): void {
    for (let lane = this.lanes.bestReady(); lane; lane = this.lanes.bestReady()) {
      const call = lane.calls.peek() as CallRecord;
      const own = this.lanes.get(call.laneId);
      const entry = (own && own.agents.size > 0 ? own : lane).agents.peek();
      const agent = this.roster.get(entry?.agentId ?? '') as AgentRecord;
      this.leaveLine(call);
      this.offer(call, agent, at);
    }
  }

  private offer(call: CallRecord, agent: AgentRecord, at: number): void {
    call.status = 'offered';
    call.agentId = agent.profile.id;
    agent.callId = call.id;
    this.roster.setState(agent, 'offered');
    if (call.callback) {
      call.callback.attempts += 1;
      const { number, attempts: attempt } = call.callback;
      this.emit({ type: 'DialCallback', callId: call.id, agentId: agent.profile.id, queueId: call.queueId, number, attempt });
      return;
    }
    const ringTimeoutSeconds = this.queueOf(call).ringTimeoutSeconds;
    this.emit({ type: 'OfferCall', callId: call.id, agentId: agent.profile.id, queueId: call.queueId, ringTimeoutSeconds });
    // Until the agent's leg exists (OfferRinging) this is a guard on the phone system, not the ring time:
    // a phone that never rang is not the agent's fault.
    call.ringingSince = null;
    this.startCallTimer(call, 'ring', at + (ringTimeoutSeconds + OFFER_SETUP_SECONDS) * 1000);
  }

  /** An offer ended through no fault of the agent: they keep their place in the idle order. */
  releaseAgent(agent: AgentRecord): void {
    agent.callId = null;
    const pause = agent.pendingPause;
    agent.pendingPause = null;
    this.roster.setState(agent, pause === null ? 'available' : 'paused', pause);
  }

  forget(call: CallRecord): void {
    for (const timer of Object.keys(call.timers) as CallTimer[]) this.cancelCallTimer(call, timer);
    this.calls.delete(call.id);
  }
}
