// The call machine's waiting part: a caller in a queue hears the queue's music, their place in line
// and, once the queue allows it, the callback offer; the ACD's decisions about the call (ring an
// agent, give up an offer, overflow, refuse) land here.
import { callIds } from './call-ids.js';
import type { AcdCallCommand } from './call-protocol.js';
import { canCallBack, queueAnnouncement } from './queue-announcement.js';
import { FRESH_WAIT, type Leg } from './call-state.js';
import type { CallStep } from './call-step.js';
import { clearOffer, currentOffer, offerFailed } from './call-offers.js';

/** The key a waiting caller presses to be called back. */
export const CALLBACK_KEY = '1';

/** How long the reserved agent's phone rings for a callback before the attempt counts as failed. */
export const CALLBACK_AGENT_RING_SECONDS = 20;

export function acdDecided(step: CallStep, command: AcdCallCommand): void {
  switch (command.type) {
    case 'OfferCall':
      return offerTo(step, command.agentId, command.ringTimeoutSeconds, command.callId);
    case 'CancelOffer':
      return cancelOffer(step, command.agentId);
    case 'RejectCall':
      return rejected(step, command.callId, command.reason);
    case 'CallOverflowed':
      return overflowed(step, command.toQueueId, command.callId);
    case 'AnnouncePosition':
      return position(step, command.position, command.estimatedWaitSeconds, command.callbackOffered);
    case 'PlayMusicOnHold':
      return hold(step, command.musicOnHold);
    case 'ConfirmCallback':
      return callbackConfirmed(step, command.position);
  }
}

/** The citizen we rang back answered: greet them and ring the agent the ACD reserved. */
export function callbackArrived(step: CallStep, at: number): void {
  const origin = step.call.callback;
  if (!origin) return;
  step.log('info', 'callback answered by the citizen', { acdCallId: origin.acdCallId, agentId: origin.agentId });
  step.record.answeredAt = at;
  step.do({ type: 'RecordAnswered', at });
  step.phase = { kind: 'queued', wait: FRESH_WAIT, offer: null };
  step.record.queue = origin.queueId;
  step.record.queuesVisited = [...step.record.queuesVisited, origin.queueId];
  step.record.queuedAt = at;
  step.outcome('callback-of', origin.acdCallId, at);
  play(step, ['callback_greeting'], 'hold');
  offerTo(step, origin.agentId, CALLBACK_AGENT_RING_SECONDS, step.acdId);
}

/** A key while queued: '1' asks for a callback once it was offered. */
export function keyWhileQueued(step: CallStep, key: string, at: number): void {
  if (step.phase.kind !== 'queued') return;
  if (key !== CALLBACK_KEY || !step.phase.wait.callbackOffered || step.record.callbackRequested) return;
  step.tellAcd({ type: 'CallbackRequested', callId: step.acdId, number: step.call.callerNumber, at: step.now });
  step.steps.push({ at, kind: 'key', key, label: '排队中按键回电' });
}

/** Whether a finished playback was one of our announcements; if so, what follows it is done here. */
export function announcementFinished(step: CallStep, playbackId: string): boolean {
  const phase = step.phase;
  if (phase.kind !== 'queued' || phase.wait.playing?.playbackId !== playbackId) return false;
  const { then } = phase.wait.playing;
  step.phase = { ...phase, wait: { ...phase.wait, playing: null } };
  if (then === 'hang-up') step.hangUpAsSystem();
  else step.do({ type: 'StartHold', musicClass: phase.wait.musicClass });
  return true;
}

/** The ACD chose an agent: ring their phone (for the call, or for its attended transfer). */
function offerTo(step: CallStep, agentId: string, ringTimeoutSeconds: number, acdId: string): void {
  const phase = step.phase;
  // The ACD of a cluster sends at least once: an offer already ringing, or already answered, is a repeat.
  if (repeatedOffer(step, agentId, acdId)) return step.log('debug', 'the ACD repeated an offer; nothing new', { agentId, acdId });
  const consulting = phase.kind === 'consulting' && phase.consult.acdId === acdId;
  const possible = consulting ? step.inConversation() && phase.consult.offer === null : phase.kind === 'queued' && !step.record.lineDown;
  if (!possible) return offerFailed(step, acdId, agentId, step.now, 'not-rung');
  step.seq.leg += 1;
  // Named now, so the phone system can start recording at the answer; numbered when it answers.
  const recording = callIds.conversationRecording(step.call.callId, step.seq.recording + 1);
  const offer: Leg = { legId: callIds.agentLeg(step.call.callId, step.seq.leg), agentId, acdId, recording };
  if (phase.kind === 'consulting') step.phase = { ...phase, consult: { ...phase.consult, offer } };
  else if (phase.kind === 'queued') step.phase = { ...phase, offer };
  step.do({ type: 'RouteChannel', channelId: offer.legId });
  step.outcome('offered', agentId);
  step.do({ type: 'NotifyAgent', event: { kind: 'offered', agentId, at: step.now, call: step.popFacts() } });
  step.do({ type: 'DialAgent', legId: offer.legId, agentId, acdId, ringTimeoutSeconds, recording });
}

function repeatedOffer(step: CallStep, agentId: string, acdId: string): boolean {
  const offer = currentOffer(step);
  if (offer) return offer.agentId === agentId && offer.acdId === acdId;
  const phase = step.phase;
  return (phase.kind === 'talking' || phase.kind === 'consulting') && phase.agent.agentId === agentId && phase.agent.acdId === acdId;
}

/** The ACD gave up on an offer (ring timeout, agent logged out): stop the agent's phone ringing. */
function cancelOffer(step: CallStep, agentId: string): void {
  const offer = currentOffer(step);
  if (!offer || offer.agentId !== agentId) return;
  clearOffer(step);
  step.do({ type: 'NotifyAgent', event: { kind: 'withdrawn', agentId, callId: step.call.callId, at: step.now } });
  step.do({ type: 'HangUpChannel', channelId: offer.legId, wait: true });
}

function rejected(step: CallStep, acdId: string, reason: string): void {
  const phase = step.phase;
  if (phase.kind === 'consulting' && phase.consult.acdId === acdId) {
    // The ACD refused the attended transfer's call (queue full): the conversation simply goes on.
    step.phase = { kind: 'talking', agent: phase.agent, parties: phase.parties };
    step.outcome('transfer-refused');
    return;
  }
  step.log('warn', 'the ACD refused the call; sending it to the human fallback', { reason });
  if (!step.record.lineDown) step.toFallback();
}

function overflowed(step: CallStep, toQueue: string, acdId: string): void {
  if (acdId !== step.acdId) return;
  step.outcome('overflowed', `${step.record.queue ?? '?'}→${toQueue}`);
  step.record.queue = toQueue;
  if (!step.record.lineDown) step.mark('HOTLINE_QUEUE', toQueue);
}

function position(step: CallStep, place: number, estimatedWaitSeconds: number, callbackOffered: boolean): void {
  const phase = step.phase;
  if (step.record.lineDown || phase.kind !== 'queued') return;
  // An agent's phone is ringing: the conversation is about to start, no need to talk over it.
  if (phase.offer) return;
  if (phase.wait.playing || step.record.callbackRequested) return;
  const offered = phase.wait.callbackOffered || (callbackOffered && canCallBack(step.call.callerNumber));
  step.phase = { ...phase, wait: { ...phase.wait, callbackOffered: offered } };
  play(step, queueAnnouncement({ position: place, estimatedWaitSeconds, callbackOffered: offered }), 'hold');
}

function hold(step: CallStep, musicClass: string): void {
  const phase = step.phase;
  if (step.record.lineDown || phase.kind !== 'queued' || step.call.callback) return;
  step.phase = { ...phase, wait: { ...phase.wait, musicClass } };
  if (!phase.wait.playing) step.do({ type: 'StartHold', musicClass });
}

/** The ACD keeps the caller's place: tell them, then hang up (the ACD will ring them back). */
function callbackConfirmed(step: CallStep, place: number): void {
  step.outcome('callback-requested', String(place));
  if (step.record.lineDown) return;
  step.record.callbackRequested = true;
  const phase = step.phase;
  if (phase.kind !== 'queued') return;
  if (phase.wait.playing) step.do({ type: 'StopPrompts', playbackId: phase.wait.playing.playbackId, wait: true });
  step.phase = { ...phase, wait: { ...phase.wait, playing: null } };
  play(step, ['callback_confirmed'], 'hang-up');
}

/** Our announcement replaces the hold music on the channel; the music comes back when it ends. */
function play(step: CallStep, prompts: readonly string[], then: 'hold' | 'hang-up'): void {
  const phase = step.phase;
  if (phase.kind !== 'queued') return;
  step.seq.announcement += 1;
  const playbackId = callIds.queuePlayback(step.acdId, step.seq.announcement);
  step.phase = { ...phase, wait: { ...phase.wait, playing: { playbackId, then } } };
  step.log('debug', 'queue announcement', { prompts, playbackId });
  step.do({ type: 'PlayPrompts', playbackId, prompts, language: step.setup.language, wait: true });
}
