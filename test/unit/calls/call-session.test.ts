// The call's executor (CallSession) with a fake phone system and hand-fired timers: the order its
// commands reach the PBX, its error boundary (the human fallback), and what its owner hears.
import { describe, expect, it } from 'vitest';
import { CallSession, type SessionOwner } from '../../../src/app/calls/call-session.js';
import type { AcdEvent } from '../../../src/domain/acd/acd-protocol.js';
import { UNKNOWN_CALLER } from '../../../src/domain/callers/caller-info.js';
import type { CallFacts, IvrStep } from '../../../src/domain/calls/call-facts.js';
import type { CallSetup } from '../../../src/domain/calls/call-machine.js';
import type { AcdCallCommand, AgentCallEvent, CallMachineEvent } from '../../../src/domain/calls/call-protocol.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeTelephony, settle, type TelephonyRequest } from '../../helpers/fake-telephony.js';
import { FakeTimers } from '../../helpers/fake-timers.js';
import { shippedFlowSet } from '../../helpers/shipped-flows.js';

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
const CALL = 'c1';
const CH = 'ch-1';
const LEG = `agentleg-1-${CALL}`;
const CONV = `conv-${CALL}`;
const flows = shippedFlowSet();
/** The survey flow routes.yaml names as `afterCall`. */
const SURVEY = 'survey';
const setup: CallSetup = { ivr: { flows, isOpen: () => true }, language: 'zh-CN', afterCallFlow: SURVEY };
const logger = createLogger('silent');

type OwnerEntry =
  | { readonly kind: 'started' | 'moved' }
  | { readonly kind: 'answered'; readonly at: number }
  | { readonly kind: 'closed'; readonly facts: CallFacts }
  | { readonly kind: 'routeChannel' | 'routeAcdId'; readonly id: string };

/** The registry's side of a session, written down. */
class RecordingOwner implements SessionOwner {
  readonly entries: OwnerEntry[] = [];
  routeChannel(channelId: string): void {
    this.entries.push({ kind: 'routeChannel', id: channelId });
  }
  routeAcdId(acdId: string): void {
    this.entries.push({ kind: 'routeAcdId', id: acdId });
  }
  closed(_session: CallSession, facts: CallFacts): void {
    this.entries.push({ kind: 'closed', facts });
  }
  moved(): void {
    this.entries.push({ kind: 'moved' });
  }
  started(): void {
    this.entries.push({ kind: 'started' });
  }
  answered(_session: CallSession, at: number): void {
    this.entries.push({ kind: 'answered', at });
  }
  kinds(): string[] {
    return this.entries.map((entry) => entry.kind);
  }
  closings(): CallFacts[] {
    return this.entries.flatMap((entry) => (entry.kind === 'closed' ? [entry.facts] : []));
  }
}

/** One call with its fakes around it; `clock` moves one second per event sent. */
class Harness {
  readonly telephony = new FakeTelephony();
  readonly timers = new FakeTimers();
  readonly owner = new RecordingOwner();
  readonly acd: AcdEvent[] = [];
  readonly agents: AgentCallEvent[] = [];
  clock = T0;
  readonly session: CallSession;
  private readonly arrival: Extract<CallMachineEvent, { type: 'CallArrived' }>;

  /** `answered`: the dialplan answered the call before it arrived (the shipped entry context does). */
  /** `lagging`: what overload protection says of the phone system when a leg is dialed. */
  lagging = false;

  constructor({ answered = false }: { answered?: boolean } = {}) {
    this.arrival = { type: 'CallArrived', channelId: CH, callId: CALL, callerNumber: '13800001111', callerName: null, dialedNumber: '12345', answered, at: T0 };
    this.session = new CallSession(this.arrival, UNKNOWN_CALLER, null, {
      setup,
      telephony: this.telephony,
      timers: this.timers,
      now: () => this.clock,
      logger,
      phoneFor: (agentId) => ({ kind: 'pjsip', endpoint: `phone-${agentId}` }),
      tellAcd: (event) => this.acd.push(event),
      systemLagging: () => this.lagging,
      notifyAgent: (event) => this.agents.push(event),
      owner: this.owner,
    });
  }

  /** Sends an event (the clock moves on first) and lets everything it set off run. */
  async send(event: CallMachineEvent): Promise<void> {
    void this.session.handle(event);
    await settle();
  }

  /** Sends an event without letting anything run yet. */
  sendNow(event: CallMachineEvent): void {
    void this.session.handle(event);
  }

  arrive(): Promise<void> {
    return this.send(this.arrival);
  }

  key(key: string): Promise<void> {
    return this.send({ type: 'KeyPressed', channelId: CH, key, at: this.tick() });
  }

  promptFinished(playbackId: string): Promise<void> {
    return this.send({ type: 'PromptFinished', channelId: CH, playbackId, outcome: 'played', at: this.tick() });
  }

  acdDecided(command: AcdCallCommand): Promise<void> {
    this.tick();
    return this.send({ type: 'AcdDecided', command });
  }

  /** Answered; the main menu plays, times out with no key and the call enters the general queue. */
  async toQueue(): Promise<void> {
    await this.arrive();
    await this.promptFinished(`${CALL}-p1`);
    this.tick();
    this.timers.fireOnly();
    await settle();
    expect(this.session.state.phase.kind).toBe('queued');
  }

  offer(agentId = 'a1'): Promise<void> {
    return this.acdDecided({ type: 'OfferCall', callId: CALL, agentId, queueId: 'general', ringTimeoutSeconds: 15 });
  }

  agentAnswers(legId = LEG): Promise<void> {
    return this.send({ type: 'AgentLegAnswered', channelId: legId, callId: CALL, agentId: 'a1', at: this.tick() });
  }

  /** The caller hangs up: Asterisk's hang-up request, then the channel leaving. */
  async callerHangsUp(): Promise<void> {
    await this.send({ type: 'HangupRequested', channelId: CH, cause: 16, at: this.tick() });
    await this.send({ type: 'CallLeft', channelId: CH, at: this.tick() });
  }

  closedFacts(): CallFacts {
    const closings = this.owner.closings();
    expect(closings).toHaveLength(1);
    return closings[0] as CallFacts;
  }

  tick(ms = 1000): number {
    this.clock += ms;
    return this.clock;
  }
}

const answer: TelephonyRequest = { method: 'answer', args: [CH] };
const menuPrompt: TelephonyRequest = { method: 'playPrompts', args: [CH, ['main_menu'], 'zh-CN', `${CALL}-p1`] };

function outcomes(path: readonly IvrStep[]): string[] {
  return path.flatMap((step) => (step.kind === 'outcome' ? [step.outcome] : []));
}

describe('CallSession: commands reach the PBX in the call order', () => {
  it('answers the call, then plays the main menu as <callId>-p1', async () => {
    const h = new Harness();
    await h.arrive();
    expect(h.telephony.requests).toEqual([answer, menuPrompt]);
    expect(h.session.state.phase.kind).toBe('ivr');
    expect(h.session.state.record.answeredAt).toBe(T0);
  });

  it('a call the dialplan answered gets no answer request: the main menu is the first request', async () => {
    const h = new Harness({ answered: true });
    await h.arrive();
    expect(h.telephony.requests).toEqual([menuPrompt]);
    expect(h.session.state.record.answeredAt).toBe(T0);
  });

  it('a key pressed while the answer hangs plays nothing until the answer goes through, then counts in the menu', async () => {
    const h = new Harness();
    const answering = h.telephony.hangNext('answer');
    await h.arrive();
    await h.key('1');
    expect(h.telephony.requests).toEqual([answer]);
    answering.release();
    await settle();
    // The caller typed ahead: the menu starts and the key takes them on at once.
    expect(h.telephony.requests).toEqual([
      answer,
      menuPrompt,
      { method: 'stopPrompts', args: ['c1-p1'] },
      { method: 'playPrompts', args: [CH, ['consult_menu'], 'zh-CN', 'c1-p2'] },
    ]);
  });

  it('the call left while the answer hung: it closes only after the answer, and nothing plays', async () => {
    const h = new Harness();
    const answering = h.telephony.hangNext('answer');
    await h.arrive();
    await h.callerHangsUp();
    expect(h.owner.closings()).toEqual([]);
    answering.release();
    await settle();
    expect(h.telephony.requests).toEqual([answer]);
    expect(h.closedFacts()).toMatchObject({ callId: CALL, endedBy: 'caller', hangupCause: 16, answeredAt: null });
  });

  it('a dial that hangs holds back the next decision’s commands; the order stays exact', async () => {
    const h = new Harness();
    await h.toQueue();
    const dialing = h.telephony.hangNext('dialAgent');
    await h.offer();
    await h.acdDecided({ type: 'PlayMusicOnHold', callId: CALL, musicOnHold: 'moh-general' });
    expect(h.telephony.methods()).toEqual(['answer', 'playPrompts', 'markCall', 'dialAgent']);
    dialing.release();
    await settle();
    expect(h.telephony.requests.slice(2)).toEqual([
      { method: 'markCall', args: [CH, 'HOTLINE_QUEUE', 'general'] },
      { method: 'dialAgent', args: [{ legId: LEG, callId: CALL, agentId: 'a1', phone: { kind: 'pjsip', endpoint: 'phone-a1' }, ringTimeoutSeconds: 15, callerNumber: '13800001111', recording: `call-${CALL}` }] },
      { method: 'startHold', args: [CH, 'moh-general'] },
    ]);
  });

  it('a stop of a prompt waits for that prompt’s play request; the next prompt does not', async () => {
    const h = new Harness();
    const playing = h.telephony.hangNext('playPrompts', ([, , , playbackId]) => playbackId === `${CALL}-p1`);
    await h.arrive();
    await h.key('1');
    expect(h.telephony.requests).toEqual([answer, menuPrompt, { method: 'playPrompts', args: [CH, ['consult_menu'], 'zh-CN', `${CALL}-p2`] }]);
    playing.release();
    await settle();
    expect(h.telephony.requests.slice(3)).toEqual([{ method: 'stopPrompts', args: [`${CALL}-p1`] }]);
  });

  it('an IVR timeout fires through the call’s timers and plays the retry prompt', async () => {
    const h = new Harness();
    await h.arrive();
    await h.key('1');
    // Only the prompt guard's timer of the consult menu runs while it plays.
    expect(h.timers.running()).toEqual([`prompt-check:${CALL}-p2`]);
    await h.promptFinished(`${CALL}-p2`);
    const [timer] = h.timers.running();
    expect(h.timers.running()).toHaveLength(1);
    expect(timer).toMatch(/^ivr:/);
    expect(h.timers.msOf(timer as string)).toBe(3000);
    h.tick(3000);
    h.timers.fire(timer as string);
    await settle();
    expect(h.telephony.requests.at(-1)).toEqual({ method: 'playPrompts', args: [CH, ['no_input', 'consult_menu'], 'zh-CN', `${CALL}-p3`] });
    expect(h.session.state.ivr?.state.path).toContainEqual({ at: h.clock, kind: 'timeout', node: 'consult-menu' });
  });

  it('a prompt that has not begun when its guard fires is stopped and asked for again; one that has begun is left alone', async () => {
    const h = new Harness();
    await h.arrive();
    expect(h.timers.msOf(`prompt-check:${CALL}-p1`)).toBe(3000);
    h.timers.fire(`prompt-check:${CALL}-p1`);
    await settle();
    expect(h.telephony.requests.slice(2)).toEqual([{ method: 'promptBegun', args: [`${CALL}-p1`] }]);
    h.telephony.stalledPlaybacks.add(`${CALL}-p2`);
    await h.key('1');
    h.timers.fire(`prompt-check:${CALL}-p2`);
    await settle();
    expect(h.telephony.requests.slice(-3)).toEqual([
      { method: 'promptBegun', args: [`${CALL}-p2`] },
      { method: 'stopPrompts', args: [`${CALL}-p2`] },
      { method: 'playPrompts', args: [CH, ['consult_menu'], 'zh-CN', `${CALL}-p3`] },
    ]);
    expect(h.timers.running()).toContain(`prompt-check:${CALL}-p3`);
  });

  it('a failed look at a prompt is logged and changes nothing', async () => {
    const h = new Harness();
    await h.arrive();
    h.telephony.failNext('promptBegun');
    h.timers.fire(`prompt-check:${CALL}-p1`);
    await settle();
    expect(h.telephony.methods().slice(2)).toEqual(['promptBegun']);
    expect(h.session.state.phase.kind).toBe('ivr');
  });

  it('the call’s end cancels its timers', async () => {
    const h = new Harness();
    await h.arrive();
    await h.promptFinished(`${CALL}-p1`);
    expect(h.timers.running()).toHaveLength(1);
    await h.callerHangsUp();
    expect(h.timers.running()).toEqual([]);
    expect(h.timers.allCancelled).toBe(1);
    expect(h.session.state.phase.kind).toBe('ended');
  });
});

describe('CallSession: the error boundary', () => {
  it('the answer failing sends the caller to the human fallback', async () => {
    const h = new Harness();
    h.telephony.failNext('answer', new Error('channel not ready'));
    await h.arrive();
    expect(h.telephony.requests).toEqual([answer, { method: 'sendToHumanFallback', args: [CH] }]);
    expect(h.session.state.phase.kind).toBe('fallback');
    await h.send({ type: 'CallLeft', channelId: CH, at: h.tick() });
    expect(outcomes(h.closedFacts().ivrPath)).toContain('human-fallback');
  });

  it('an IVR play request rejecting in the background sends the caller to the fallback', async () => {
    const h = new Harness();
    h.telephony.failNext('playPrompts', new Error('Channel not in Stasis application'));
    await h.arrive();
    expect(h.telephony.requests).toEqual([answer, menuPrompt, { method: 'sendToHumanFallback', args: [CH] }]);
    expect(h.session.state.phase.kind).toBe('fallback');
    await h.send({ type: 'CallLeft', channelId: CH, at: h.tick() });
    const { ivrPath } = h.closedFacts();
    expect(ivrPath).toContainEqual(expect.objectContaining({ kind: 'prompt', prompt: 'main_menu', outcome: 'failed' }));
    expect(outcomes(ivrPath)).toContain('human-fallback');
  });

  it('ringing the agent failing tells the ACD the offer failed (not the agent’s no-answer); the call waits on', async () => {
    const h = new Harness();
    await h.toQueue();
    h.telephony.failNext('dialAgent', new Error('ARI request timed out'));
    await h.offer();
    expect(h.acd.at(-1)).toEqual({ type: 'OfferFailed', callId: CALL, agentId: 'a1', at: h.clock });
    expect(h.telephony.requests.at(-1)).toEqual({ method: 'hangup', args: [LEG] });
    expect(h.session.state.phase).toMatchObject({ kind: 'queued', offer: null });
    expect(h.telephony.methods()).not.toContain('sendToHumanFallback');
  });

  it('the recording failing to start does not end the conversation: the ticket notes it and has no recording', async () => {
    const h = new Harness();
    await h.toQueue();
    await h.offer();
    h.telephony.failNext('recordConversation', new Error('disk full'));
    await h.agentAnswers();
    expect(h.telephony.argsOf('connect')).toEqual([[CH, LEG, CONV]]);
    expect(h.telephony.argsOf('recordConversation')).toEqual([[CONV, CH, `call-${CALL}`, LEG]]);
    expect(h.session.state.phase.kind).toBe('talking');
    expect(h.session.state.record.recordings).toEqual([]);
    await h.callerHangsUp();
    const facts = h.closedFacts();
    expect(facts.recordings).toEqual([]);
    expect(facts.agentId).toBe('a1');
    expect(facts.ivrPath).toContainEqual(expect.objectContaining({ kind: 'outcome', outcome: 'recording-failed', detail: 'disk full' }));
    expect(h.telephony.methods()).not.toContain('sendToHumanFallback');
  });

  it('a leg dialed while overload protection sheds does not start the ACD’s ring time', async () => {
    const h = new Harness();
    await h.toQueue();
    h.lagging = true;
    await h.offer();
    expect(h.acd.map((event) => event.type)).toEqual(['CallQueued']);
    expect(h.session.state.phase).toMatchObject({ kind: 'queued', offer: { legId: LEG, ringUncounted: true } });
  });

  it('the caller leaving while an agent’s phone rings stops the phone and tells the ACD the call was abandoned', async () => {
    const h = new Harness();
    await h.toQueue();
    await h.offer();
    await h.callerHangsUp();
    expect(h.telephony.requests.at(-1)).toEqual({ method: 'hangup', args: [LEG] });
    expect(h.acd.map((event) => event.type)).toEqual(['CallQueued', 'OfferRinging', 'CallAbandoned']);
    expect(h.closedFacts()).toMatchObject({ queue: 'general', agentId: null, endedBy: 'caller' });
  });

  it('a mark that hangs holds nothing up, and the marks still go out in order', async () => {
    const h = new Harness();
    const marking = h.telephony.hangNext('markCall');
    await h.toQueue();
    await h.offer();
    await h.agentAnswers();
    // The agent was rung and connected while the first mark was still under way.
    expect(h.telephony.methods()).toEqual(['answer', 'playPrompts', 'markCall', 'dialAgent', 'recordConversation', 'connect']);
    marking.release();
    await settle();
    expect(h.telephony.argsOf('markCall')).toEqual([
      [CH, 'HOTLINE_QUEUE', 'general'],
      [CH, 'HOTLINE_AGENT', 'a1'],
    ]);
  });

  it('a recorder still starting holds up neither the connection nor what follows', async () => {
    const h = new Harness();
    const recording = h.telephony.hangNext('recordConversation');
    await h.toQueue();
    await h.offer();
    await h.agentAnswers();
    expect(h.telephony.methods().slice(-3)).toEqual(['recordConversation', 'connect', 'markCall']);
    recording.release();
    await settle();
  });

  it('a queue announcement goes out after the marks already sent (a mark behind a prompt would wait for its end)', async () => {
    const h = new Harness();
    const marking = h.telephony.hangNext('markCall');
    await h.toQueue();
    await h.acdDecided({ type: 'AnnouncePosition', callId: CALL, queueId: 'general', position: 2, estimatedWaitSeconds: 60, callbackOffered: false });
    expect(h.telephony.methods()).toEqual(['answer', 'playPrompts', 'markCall']);
    marking.release();
    await settle();
    expect(h.telephony.methods()).toEqual(['answer', 'playPrompts', 'markCall', 'playPrompts']);
    expect(h.telephony.requests.at(-1)?.args[1]).toContain('queue_position_is');
  });

  it('a failure after the caller hung up sends nobody to the fallback', async () => {
    const h = new Harness();
    const playing = h.telephony.hangNext('playPrompts');
    await h.arrive();
    await h.send({ type: 'HangupRequested', channelId: CH, cause: 16, at: h.tick() });
    playing.fail(new Error('Channel not found'));
    await settle();
    expect(h.telephony.methods()).toEqual(['answer', 'playPrompts']);
    expect(h.session.state.phase.kind).toBe('ivr');
    await h.send({ type: 'CallLeft', channelId: CH, at: h.tick() });
    const facts = h.closedFacts();
    expect(outcomes(facts.ivrPath)).not.toContain('human-fallback');
    expect(facts.endedBy).toBe('caller');
  });
});

describe('CallSession: the system hangs the caller up', () => {
  /** Talked to an agent who hung up, rated the call, and heard the thanks: the survey's end. */
  async function surveyDone(h: Harness): Promise<void> {
    await h.toQueue();
    await h.offer();
    await h.agentAnswers();
    await h.send({ type: 'ChannelGone', channelId: LEG, cause: 16, at: h.tick() });
    await h.key('1');
    const thanks = h.telephony.requests.filter((request) => request.method === 'playPrompts').at(-1);
    expect(thanks?.args[1]).toEqual(['survey_thanks']);
    await h.promptFinished(String(thanks?.args[3]));
  }

  it('the call is closed with its ticket facts while the hang-up request is still on its way', async () => {
    const h = new Harness();
    const hangingUp = h.telephony.hangNext('hangup');
    await surveyDone(h);
    expect(h.telephony.methods().at(-1)).toBe('hangup');
    const facts = h.closedFacts();
    expect(facts).toMatchObject({ endedBy: 'agent', hangupCause: 16, satisfaction: 'satisfied', endedAt: h.clock });
    expect(h.session.state.phase.kind).toBe('ended');
    hangingUp.release();
    await settle();
    // Asterisk's own hang-up events come back to a closed call: nothing changes, nothing is sent.
    await h.callerHangsUp();
    expect(h.owner.closings()).toHaveLength(1);
    expect(h.telephony.methods().filter((method) => method === 'hangup')).toHaveLength(1);
  });

  it('a hang-up that fails is tried again after 1 s and 5 s (the caller is not left on an open line), then given up', async () => {
    const h = new Harness();
    h.telephony.failAlways('hangup', new Error('ARI timeout'));
    await surveyDone(h);
    expect(h.closedFacts().endedBy).toBe('agent');
    const hangups = (): number => h.telephony.methods().filter((method) => method === 'hangup').length;
    expect(hangups()).toBe(1);
    expect(h.timers.running()).toEqual(['hang-up:1']);
    expect(h.timers.msOf('hang-up:1')).toBe(1000);
    h.timers.fire('hang-up:1');
    await settle();
    expect(hangups()).toBe(2);
    expect(h.timers.msOf('hang-up:2')).toBe(5000);
    h.timers.fire('hang-up:2');
    await settle();
    expect(hangups()).toBe(3);
    expect(h.timers.running()).toEqual([]);
    expect(h.owner.closings()).toHaveLength(1);
  });

  it('a hang-up that fails once goes through on the next try', async () => {
    const h = new Harness();
    h.telephony.failNext('hangup', new Error('ARI timeout'));
    await surveyDone(h);
    h.timers.fire('hang-up:1');
    await settle();
    expect(h.telephony.methods().filter((method) => method === 'hangup')).toHaveLength(2);
    expect(h.timers.running()).toEqual([]);
  });
});

describe('CallSession: what its owner hears', () => {
  it('started, answered with the answer time, moved after each step, routes for the agent leg, closed once with the facts', async () => {
    const h = new Harness();
    await h.arrive();
    expect(h.owner.entries).toEqual([{ kind: 'started' }, { kind: 'moved' }, { kind: 'answered', at: T0 }, { kind: 'moved' }]);
    await h.promptFinished(`${CALL}-p1`);
    expect(h.owner.kinds().slice(4)).toEqual(['moved']);
    h.timers.fireOnly();
    await settle();
    await h.offer();
    // Offered (moved, the leg routed), then the leg rings (moved: the ACD hears OfferRinging).
    expect(h.owner.entries.slice(5)).toEqual([{ kind: 'moved' }, { kind: 'routeChannel', id: LEG }, { kind: 'moved' }, { kind: 'moved' }]);
    await h.agentAnswers();
    await h.callerHangsUp();
    const facts = h.closedFacts();
    expect(facts).toMatchObject({ callId: CALL, answeredAt: T0, agentId: 'a1', queue: 'general', endedBy: 'caller', endedAt: h.clock });
    expect(facts.recordings).toEqual([expect.objectContaining({ name: `call-${CALL}`, kind: 'conversation' })]);
    // Nothing but progress saves after the close; the session is started, answered and closed once each.
    const kinds = h.owner.kinds();
    expect(kinds.slice(kinds.indexOf('closed') + 1).every((kind) => kind === 'moved')).toBe(true);
    expect(kinds.filter((kind) => kind !== 'moved' && kind !== 'routeChannel')).toEqual(['started', 'answered', 'closed']);
  });

  it('the agents hear of the offer and the answer; the ACD of the queue, the answer and the end', async () => {
    const h = new Harness();
    await h.toQueue();
    await h.offer();
    await h.agentAnswers();
    await h.send({ type: 'ChannelGone', channelId: LEG, cause: 16, at: h.tick() });
    expect(h.agents.map((event) => event.kind)).toEqual(['offered', 'answered']);
    expect(h.acd.map((event) => event.type)).toEqual(['CallQueued', 'OfferRinging', 'AgentAnswered', 'CallEnded']);
    // The agent hung up: the conversation ends and the survey starts.
    expect(h.telephony.requests.slice(-2)).toEqual([
      { method: 'disconnect', args: [CONV] },
      { method: 'playPrompts', args: [CH, ['survey_question'], 'zh-CN', expect.stringMatching(new RegExp(`^${CALL}-s\\d+$`))] },
    ]);
    expect(h.session.state.phase.kind).toBe('survey');
  });
});
