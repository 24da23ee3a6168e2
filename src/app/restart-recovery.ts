// After the server stopped without warning (killed, crashed, power), Asterisk still holds the calls
// that were in the application. At start, before anything else, every call the database says was
// active is settled: a conversation still going on (the caller and the agent's leg, or in a cluster
// the agent's line, together in its bridge) is taken on as it is and goes on; any other caller still on the line goes to the human
// fallback queue at once (never left in silence), agents' and units' legs are released, and each such call gets its one ticket from what
// was saved as it moved on, and from what Asterisk recorded meanwhile when its records can be read
// (the real end of a conversation, who ended it, the hangup cause). A caller the previous run let
// into the survey Asterisk runs (the compiled survey) is still in the dialplan: the call is taken on
// as it is, and the survey's end closes it with the rating. Callers who arrived while the
// server was away were never in the application: the dialplan already sent them to the fallback
// (STASISSTATUS=FAILED) and marked them in Asterisk's records, where app/dialplan-call-tickets.ts
// finds them for their tickets.
import { callIds } from '../domain/calls/call-ids.js';
import type { AsteriskRecordsPort, RecordedStep } from './ports/asterisk-records.js';
import type { IvrStep } from '../domain/calls/call-facts.js';
import { recoveredFacts, type RecoveryOutcome } from '../domain/calls/recovered-facts.js';
import { isCompiledContext } from '../domain/ivr/dialplan-compiler.js';
import type { Logger } from '../logging/logger.js';
import { maskPhone } from '../domain/privacy/mask-phone.js';
import type { CallRecords, CallRow } from './ports/call-records.js';
import type { CallLeg, HeldConversation, RecoveryPort } from './ports/recovery.js';
import type { ConversationFound, SavedLiveCall } from '../domain/calls/resumed-call.js';
import type { TicketRecords } from './ports/ticket-records.js';

export interface RecoveryReport {
  /** Conversations taken on as they were: they go on. */
  readonly kept: number;
  /** Callers in the compiled survey, taken on there: the survey's end closes their calls. */
  readonly surveysKept: number;
  readonly sentToFallback: number;
  readonly gone: number;
  readonly legsReleased: number;
  readonly bridgesEnded: number;
}

export interface RecoveryDeps {
  readonly telephony: RecoveryPort;
  readonly calls: CallRecords;
  readonly tickets: TicketRecords;
  readonly logger: Logger;
  readonly now: () => number;
  /** Channels the new server handles already (calls that arrived since it connected). */
  readonly isOurs: (channelId: string) => boolean;
  /** Calls the new server handles already, by call id (their bridges stay). */
  readonly isOurCall: (callId: string) => boolean;
  /** Monitoring sessions' bridges the new server runs already (they stay). */
  readonly isOurBridge?: (bridgeId: string) => boolean;
  /** Asterisk's own records of the calls; without them, calls are closed from what was saved alone. */
  readonly records?: AsteriskRecordsPort;
  /**
   * Takes a conversation on in a live session; false when what was saved cannot carry it on (the
   * caller then goes to the fallback). Without it every caller goes to the fallback.
   */
  readonly resume?: (call: SavedLiveCall, found: ConversationFound) => boolean;
  /**
   * Takes on an agent's line a previous run left carrying a conversation (its channel), bound to
   * the kept call's new agent leg. Without it (a single box, whose browser phones lost their SIP
   * link with the server) such a conversation goes to the fallback.
   */
  readonly adoptLine?: (line: { readonly channelId: string; readonly agentId: string; readonly legId: string; readonly conversationId: string }) => void;
  /**
   * Takes on a call whose caller is in the survey Asterisk runs; false when what was saved cannot
   * carry it on (the call is then closed as gone, as the caller's line is not the server's).
   */
  readonly resumeSurvey?: (call: SavedLiveCall, records: readonly RecordedStep[]) => boolean;
  /** A kept survey's line ended before its call was taken on (its end was not heard): the call closes. */
  readonly surveyLineGone?: (channelId: string) => Promise<void>;
}

/** `orphans`: the calls the database held as active before this server connected to Asterisk. */
export async function recoverCalls(orphans: readonly CallRow[], deps: RecoveryDeps): Promise<RecoveryReport> {
  const channels = (await deps.telephony.channelsInApp()).filter((channel) => !deps.isOurs(channel.channelId));
  const present = new Map(channels.map((channel) => [channel.channelId, channel]));
  // Read before this server moves any of them: what it does next is not the calls' story.
  const recorded = await recordsOf(deps, orphans);
  const conversations = await deps.telephony.conversations();
  const inDialplan = new Map((deps.resumeSurvey ? ((await deps.telephony.channelsInDialplan?.()) ?? []) : []).map((place) => [place.channelId, place.context]));
  const surveys: string[] = [];
  let kept = 0;
  let sentToFallback = 0;
  let legsReleased = 0;
  let gone = 0;
  for (const call of orphans) {
    if (present.has(call.channelId) && (await keep(deps, call, conversations, present))) {
      kept += 1;
      continue;
    }
    if (inCompiledSurvey(call, inDialplan) && deps.resumeSurvey?.({ ...call, ivrPath: call.ivrPath as IvrStep[] }, recorded.get(call.id) ?? [])) {
      surveys.push(call.channelId);
      continue;
    }
    const outcome: RecoveryOutcome = present.has(call.channelId) ? 'sent-to-fallback' : 'gone';
    if (outcome === 'gone') gone += 1;
    if (outcome === 'sent-to-fallback') {
      sentToFallback += (await settle(deps, () => deps.telephony.sendToHumanFallback(call.channelId), call.id)) ? 1 : 0;
      present.delete(call.channelId);
    }
    await close(deps, call, outcome, recorded.get(call.id));
  }
  // What is left: legs of those calls (agents, units, callbacks being set up), and callers the
  // database never heard of (the server died between their arrival and the first write).
  for (const channel of present.values()) {
    if (channel.role === 'citizen' || channel.role === 'callback') {
      if (await settle(deps, () => deps.telephony.sendToHumanFallback(channel.channelId), channel.callId)) sentToFallback += 1;
      if (channel.role === 'citizen') await close(deps, unsavedCall(channel, deps.now()), 'sent-to-fallback');
    } else if (await settle(deps, () => deps.telephony.hangup(channel.channelId), channel.callId)) {
      legsReleased += 1;
    }
  }
  // Their conversation bridges would otherwise stay in Asterisk, empty, for good.
  let bridgesEnded = 0;
  for (const { id: bridge } of conversations) {
    if (deps.isOurCall(callIds.callOfConversation(bridge) ?? bridge)) continue;
    if (await settle(deps, () => deps.telephony.disconnect(bridge), bridge)) bridgesEnded += 1;
  }
  // A monitoring session ends with the server that ran it: its supervisor's leg and spies were hung up above.
  for (const bridge of await deps.telephony.monitorBridges()) {
    if (deps.isOurBridge?.(bridge)) continue;
    if (await settle(deps, () => deps.telephony.endBridge(bridge), bridge)) bridgesEnded += 1;
  }
  await surveysStillOn(deps, surveys);
  const report = { kept, surveysKept: surveys.length, sentToFallback, gone, legsReleased, bridgesEnded };
  deps.logger.info(report, 'calls left by the previous run settled');
  return report;
}

/**
 * The caller of an active call runs a context the menus' compiler wrote, outside the application:
 * the survey, the one place the server lets a caller of a saved call into (a caller in the compiled
 * menus has no saved call until the menus hand them back).
 */
function inCompiledSurvey(call: CallRow, inDialplan: ReadonlyMap<string, string>): boolean {
  const context = inDialplan.get(call.channelId);
  return context !== undefined && isCompiledContext(context);
}

/**
 * A survey that ended between the listing and its call's taking on was not heard (its events found
 * no call): listed again, a line no longer there closes its call, without the rating.
 */
async function surveysStillOn(deps: RecoveryDeps, surveys: readonly string[]): Promise<void> {
  if (surveys.length === 0) return;
  let still: Set<string>;
  try {
    still = new Set(((await deps.telephony.channelsInDialplan?.()) ?? []).map((place) => place.channelId));
  } catch (error) {
    // The calls stay open: their lines' ends still come (AMI), or the next restart settles them.
    deps.logger.warn({ err: error }, 'could not list the channels again after taking on the surveys');
    return;
  }
  for (const channelId of surveys) if (!still.has(channelId)) await deps.surveyLineGone?.(channelId);
}

/**
 * A conversation goes on when its bridge holds the caller and one agent's leg of this call, or the
 * agent's line it was put through on (when lines can be adopted), and nothing else (a unit in a
 * three-way call still goes to the fallback), and the session takes it. Its channels and recorders
 * leave `present`: nothing else may settle them.
 */
async function keep(deps: RecoveryDeps, call: CallRow, conversations: readonly HeldConversation[], present: Map<string, CallLeg>): Promise<boolean> {
  if (!deps.resume) return false;
  const bridge = conversations.find((held) => held.id === callIds.conversation(call.id));
  const others = bridge?.channels.filter((id) => id !== call.channelId) ?? [];
  const leg = others.length === 1 ? present.get(others[0] as string) : undefined;
  if (!bridge || !bridge.channels.includes(call.channelId) || !leg || leg.agentId === null) return false;
  const onLine = leg.role === 'line' && deps.adoptLine !== undefined;
  if (!onLine && (leg.role !== 'agent' || leg.callId !== call.id)) return false;
  const recorders = [...present.values()].filter((channel) => channel.role === 'recorder' && channel.callId === call.id);
  const recordings = recorders.flatMap((channel) => {
    const name = callIds.recordingOfRecorder(channel.channelId);
    return name === null ? [] : [{ name, startedAt: Number.isFinite(channel.startedAt) ? channel.startedAt : bridge.createdAt }];
  });
  // A recorder on the agent's leg (ended by Asterisk with the leg) or on the caller's channel (a line's
  // call, or one recorded by an earlier version; stopped by the server) began with the conversation:
  // its start is the bridge's.
  const onLeg = onLine ? null : await recordingOnChannel(deps, call.id, leg.channelId);
  const onCaller = onLeg === null ? await recordingOnChannel(deps, call.id, call.channelId) : null;
  const onChannel = onLeg ?? onCaller;
  if (onChannel !== null && !recordings.some((recording) => recording.name === onChannel)) recordings.push({ name: onChannel, startedAt: bridge.createdAt });
  // A line has no leg of the call's own: the kept call gets a new one, numbered past any the path could have used.
  const legId = onLine ? callIds.agentLeg(call.id, call.ivrPath.length + 1) : leg.channelId;
  const found = { legId, agentId: leg.agentId, bridgedAt: bridge.createdAt, recorders: recordings };
  if (!deps.resume({ ...call, ivrPath: call.ivrPath as IvrStep[] }, found)) return false;
  if (onLine) deps.adoptLine?.({ channelId: leg.channelId, agentId: leg.agentId, legId, conversationId: bridge.id });
  deps.telephony.keepConversation(bridge.id, bridge.channels, recorders.map((channel) => channel.channelId), onCaller === null ? null : call.channelId);
  for (const id of [call.channelId, leg.channelId, ...recorders.map((channel) => channel.channelId)]) present.delete(id);
  return true;
}

/** A recorder on the channel that cannot be read is logged; the conversation is kept without its recording. */
async function recordingOnChannel(deps: RecoveryDeps, callId: string, channelId: string): Promise<string | null> {
  try {
    return (await deps.telephony.channelRecording?.(channelId)) ?? null;
  } catch (error) {
    deps.logger.warn({ err: error, callId, channelId }, 'the recorder on a channel of the conversation could not be read');
    return null;
  }
}

async function settle(deps: RecoveryDeps, action: () => Promise<void>, callId: string): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    // The channel hung up between the listing and now: nothing left to do for it.
    deps.logger.warn({ err: error, callId }, 'could not settle a channel left by the previous run');
    return false;
  }
}

/** What Asterisk recorded about the calls, back to the oldest one's start (none without records). */
async function recordsOf(deps: RecoveryDeps, orphans: readonly CallRow[]): Promise<ReadonlyMap<string, readonly RecordedStep[]>> {
  if (!deps.records || orphans.length === 0) return new Map();
  const since = orphans.reduce((oldest, call) => Math.min(oldest, call.startedAt), Infinity);
  return deps.records.stepsOf(orphans.map((call) => ({ callId: call.id, channelId: call.channelId })), since);
}

async function close(deps: RecoveryDeps, call: CallRow, outcome: RecoveryOutcome, records: readonly RecordedStep[] = []): Promise<void> {
  const facts = recoveredFacts({ ...call, ivrPath: call.ivrPath as IvrStep[] }, outcome, deps.now(), records);
  const { ticket, created } = await deps.tickets.closeCallWithTicket(facts, deps.now());
  deps.logger.info({ callId: call.id, caller: maskPhone(call.callerNumber), outcome, endedBy: facts.endedBy, recorded: records.length, ticket: ticket.number, created }, 'call left by the previous run closed');
}

function unsavedCall(channel: CallLeg, now: number): CallRow {
  return {
    id: channel.callId,
    channelId: channel.channelId,
    callerNumber: channel.callerNumber,
    callerName: null,
    dialedNumber: channel.dialedNumber,
    state: 'active',
    startedAt: Number.isFinite(channel.startedAt) ? channel.startedAt : now,
    answeredAt: null,
    endedAt: null,
    hangupCause: null,
    hangupCauseText: null,
    endedBy: null,
    ivrPath: [],
    progress: null,
    updatedAt: now,
    pbx: null,
  };
}
