// The call machine's conversation part: the agent answers and the call is connected and recorded;
// outside parties (a unit) join a three-way call; an agent leaves, and the caller stays for the
// survey or talks on with the unit.
import { callIds } from './call-ids.js';
import type { AgentOnCall, CallPhase, Parties } from './call-state.js';
import type { CallStep } from './call-step.js';
import { endHold } from './call-hold.js';
import { startSurvey } from './call-ivr.js';
import { answeredOffer, clearOffer, currentOffer, offerFailed } from './call-offers.js';

/** How long an outside number rings before the attempt is given up. */
export const PARTY_RING_SECONDS = 30;

export const NO_PARTIES: Parties = { dialing: {}, joined: {} };

type ConversationPhase = Extract<CallPhase, { readonly parties: Parties }>;

export function agentAnswered(step: CallStep, legId: string, at: number): void {
  const phase = step.phase;
  if (phase.kind === 'consulting' && phase.consult.offer?.legId === legId && step.inConversation()) {
    // Attended transfer: the new agent joins the conversation; the first agent leaves when ready.
    const offer = phase.consult.offer;
    step.phase = { ...phase, consult: { ...phase.consult, offer: null, incoming: answeredOffer(offer, at) } };
    step.outcome('answered', offer.agentId, at);
    step.tellAcd({ type: 'AgentAnswered', callId: offer.acdId, agentId: offer.agentId, at });
    record(step, legId, offer.recording);
    step.do({ type: 'Join', channelId: legId });
    return;
  }
  // The same answer twice (rebuilt at a resync, then Asterisk's own from the new socket): the agent talks on.
  if (step.inConversation() && step.record.agent?.legId === legId) return;
  if (phase.kind !== 'queued' || phase.offer?.legId !== legId || step.record.lineDown) {
    // Answered too late (the caller left, or the offer was withdrawn): release the agent's phone.
    step.do({ type: 'HangUpChannel', channelId: legId, wait: true });
    return;
  }
  const offer = phase.offer;
  const agent = answeredOffer(offer, at);
  step.record.agent = agent;
  step.phase = { kind: 'talking', agent, parties: NO_PARTIES };
  step.outcome('answered', agent.agentId, at);
  step.do({ type: 'NotifyAgent', event: { kind: 'answered', agentId: agent.agentId, callId: step.call.callId, at } });
  if (step.call.callback) {
    step.record.callbackSettled = true;
    step.tellAcd({ type: 'CallbackAnswered', callId: step.acdId, at });
  } else {
    step.tellAcd({ type: 'AgentAnswered', callId: step.call.callId, agentId: agent.agentId, at });
  }
  // Whatever we were saying stops: the bridge takes the channel.
  if (phase.wait.playing) step.do({ type: 'StopPrompts', playbackId: phase.wait.playing.playbackId, wait: true });
  // The recorder is asked for before the connection, and starts beside it: asked for after, it
  // began once the bridge was built, and under load the recording lost the conversation's first
  // 0.7 s (median; up to 3 s at 5 calls/s in the SIPp benchmark). A leg the dialplan records from
  // its answer (the agent-leg context) is recording already; the adapter then asks nothing.
  record(step, legId, offer.recording);
  step.do({ type: 'Connect', legId });
  step.mark('HOTLINE_AGENT', agent.agentId);
}

/** The one talking with the caller leaves: the ACD hears it for an agent (a supervisor who took the call over is none of its own). */
export function agentLeaves(step: CallStep, agent: AgentOnCall, at: number): void {
  if (agent.supervisor) return;
  step.tellAcd({ type: 'CallEnded', callId: agent.acdId, at });
}

/**
 * Each leg that talks with the caller records the conversation as its party hears it, and the
 * recording ends when that leg leaves: Asterisk ends it with the leg's channel, at the moment of the
 * hang-up, so the survey that follows is never in it, however late the server hears of the hang-up
 * (on the caller's channel it ran on until the server stopped it, up to 1.5 s at 12 calls/s in
 * the SIPp benchmark). `legId` null: the caller's own channel, until the conversation ends.
 */
export function record(step: CallStep, legId: string | null, named?: string): void {
  step.seq.recording += 1;
  // An offer's leg was named when it was dialed (the number it got then is this one).
  const name = named ?? callIds.conversationRecording(step.call.callId, step.seq.recording);
  step.recordings.push({ name, kind: 'conversation', format: 'wav', startedAt: step.now });
  step.do({ type: 'RecordConversation', name, legId });
}

/** A recording that cannot start (disk full, no recorder) must not end the conversation: it is noted. */
export function recordingFailed(step: CallStep, name: string, reason: string): void {
  const index = step.recordings.findIndex((recording) => recording.name === name);
  if (index >= 0) step.recordings.splice(index, 1);
  step.outcome('recording-failed', reason.slice(0, 200));
}

/** An agent's leg is gone: a ringing phone gave up, the new agent of a transfer left, or the agent hung up. */
export function legGone(step: CallStep, legId: string, at: number): void {
  const offer = currentOffer(step);
  if (offer?.legId === legId) {
    clearOffer(step);
    step.outcome('offer-failed', offer.agentId, at);
    // Rung out or refused: the agent's doing, unless the phone system lagged while it rang.
    return offerFailed(step, offer.acdId, offer.agentId, at, offer.ringUncounted ? 'not-rung' : 'no-answer');
  }
  const phase = step.phase;
  if (phase.kind !== 'talking' && phase.kind !== 'consulting') return;
  const incoming = phase.kind === 'consulting' ? phase.consult.incoming : null;
  if (incoming?.legId === legId) {
    // The new agent hung up before the first one left: the transfer is off, the first agent stays.
    step.phase = { kind: 'talking', agent: phase.agent, parties: phase.parties };
    step.tellAcd({ type: 'CallEnded', callId: incoming.acdId, at });
    step.outcome('transfer-abandoned', incoming.agentId, at);
    return;
  }
  if (phase.agent.legId !== legId) return;
  if (incoming && !step.record.lineDown) {
    // Attended transfer done: the first agent leaves the caller with the one who joined.
    endHold(step, at);
    agentLeaves(step, phase.agent, at);
    step.outcome('agent-left', phase.agent.agentId, at);
    step.record.agent = incoming;
    step.phase = { kind: 'talking', agent: incoming, parties: phase.parties };
    return;
  }
  agentLeaves(step, phase.agent, at);
  endConsult(step, at);
  if (Object.keys(phase.parties.joined).length > 0 && !step.record.lineDown) {
    // A three-way call the agent left: the caller and the unit talk on, recorded on the caller's
    // channel from now (the agent's recording ended with the agent's leg).
    step.phase = { kind: 'three-way', formerAgent: phase.agent, agentLeftAt: at, parties: phase.parties };
    step.outcome('agent-left', phase.agent.agentId, at);
    record(step, null);
    return;
  }
  conversationOver(step, at);
}

/** The agent hung up (and no outside party carries on): the caller stays for the survey. */
function conversationOver(step: CallStep, at: number): void {
  step.record.conversationEndedAt = at;
  step.setEndedBy('agent');
  endHold(step, at);
  hangUpParties(step);
  step.do({ type: 'Disconnect', wait: true });
  if (step.record.lineDown) {
    step.phase = { kind: 'ending' };
    return;
  }
  startSurvey(step, at);
}

/** An attended transfer still open when the conversation ends: the ACD lets go of it. */
export function endConsult(step: CallStep, at: number): void {
  const phase = step.phase;
  if (phase.kind !== 'consulting') return;
  const { consult } = phase;
  step.phase = { kind: 'talking', agent: phase.agent, parties: phase.parties };
  if (consult.incoming) {
    step.tellAcd({ type: 'CallEnded', callId: consult.acdId, at });
    step.do({ type: 'HangUpChannel', channelId: consult.incoming.legId, wait: false });
    return;
  }
  if (consult.offer) {
    // The new agent's phone is still ringing: it stops now.
    step.do({ type: 'NotifyAgent', event: { kind: 'withdrawn', agentId: consult.offer.agentId, callId: step.call.callId, at: step.now } });
    step.do({ type: 'HangUpChannel', channelId: consult.offer.legId, wait: false });
  }
  // Waiting or ringing: the ACD forgets it.
  step.tellAcd({ type: 'CallAbandoned', callId: consult.acdId, at });
}

function partiesOf(phase: CallPhase): Parties | null {
  return 'parties' in phase ? phase.parties : null;
}

function withParties(step: CallStep, parties: Parties): void {
  const phase = step.phase;
  // A spread loses which member of the union the phase was; it is the same member, with new parties.
  if ('parties' in phase) step.phase = { ...phase, parties } as ConversationPhase;
}

/** Whether a channel is an outside party of this call's conversation. */
export function ownsParty(step: CallStep, channelId: string): boolean {
  const parties = partiesOf(step.phase);
  return parties !== null && (channelId in parties.dialing || channelId in parties.joined);
}

/** Three-way call: rings an outside number (a responsible unit) into the conversation. */
export function partyRequested(step: CallStep, number: string): void {
  const parties = partiesOf(step.phase);
  if (!step.inConversation() || !parties) return;
  step.outcome('three-way-dialing', number);
  step.seq.party += 1;
  const channelId = callIds.party(step.call.callId, step.seq.party);
  withParties(step, { ...parties, dialing: { ...parties.dialing, [channelId]: number } });
  step.do({ type: 'RouteChannel', channelId });
  step.do({ type: 'DialParty', channelId, number, ringTimeoutSeconds: PARTY_RING_SECONDS });
}

export function partyDialFailed(step: CallStep, channelId: string, number: string): void {
  const parties = partiesOf(step.phase);
  if (parties) withParties(step, { dialing: without(parties.dialing, channelId), joined: without(parties.joined, channelId) });
  step.outcome('three-way-failed', number);
}

export function partyAnswered(step: CallStep, channelId: string, at: number): void {
  const parties = partiesOf(step.phase);
  const number = parties?.dialing[channelId];
  if (!step.inConversation() || !parties || number === undefined) {
    step.do({ type: 'HangUpChannel', channelId, wait: true });
    return;
  }
  withParties(step, { dialing: without(parties.dialing, channelId), joined: { ...parties.joined, [channelId]: number } });
  step.do({ type: 'Join', channelId });
  step.outcome('three-way-joined', number, at);
}

export function partyGone(step: CallStep, channelId: string, at: number): void {
  const parties = partiesOf(step.phase);
  const number = parties ? (parties.joined[channelId] ?? parties.dialing[channelId]) : undefined;
  if (!parties || number === undefined) return;
  const left = { dialing: without(parties.dialing, channelId), joined: without(parties.joined, channelId) };
  withParties(step, left);
  step.outcome('three-way-left', number, at);
  // The agent had left the caller with the unit; now the unit has gone too.
  if (step.phase.kind === 'three-way' && Object.keys(left.joined).length === 0) conversationOver(step, at);
}

/** The conversation is over: nobody outside stays on the line or keeps ringing. */
export function hangUpParties(step: CallStep): void {
  const parties = partiesOf(step.phase);
  if (!parties) return;
  for (const channelId of [...Object.keys(parties.dialing), ...Object.keys(parties.joined)]) step.do({ type: 'HangUpChannel', channelId, wait: false });
  withParties(step, NO_PARTIES);
}

function without(record: Readonly<Record<string, string>>, key: string): Record<string, string> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
