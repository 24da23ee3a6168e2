// The telephony port on ARI: the application's requests as ARI calls (Asterisk's events become
// call events in ari-call-events.ts). With it, the only place where "channel" and "playback" meet
// the hotline's words.
import type { DialplanEntry } from '../../domain/calls/dialplan-menus.js';
import { arrivalSeed } from '../../domain/ivr/dialplan-compiler.js';
import { callIds } from '../../domain/calls/call-ids.js';
import type { CallLeg, DialplanPlace, HeldConversation, RecoveryPort } from '../../app/ports/recovery.js';
import type { AgentDialRequest, CitizenDialRequest, OutboundDialRequest, PartyDialRequest, PlayableSound, TelephonyPort } from '../../app/ports/telephony.js';
import { argsInApplication } from './ari-call-events.js';
import type { AriClient, OriginateParams } from './ari-client.js';
import type { Playback } from './ari-models.js';
import { AriAgentDialer, originateLimit } from './ari-agent-dialer.js';
import type { AriAgentLines } from './ari-agent-lines.js';
import { AriError, doneIfGone, isAriNotFound } from './ari-error.js';
import { ariTimestampMs } from './ari-time.js';
import type { Logger } from '../../logging/logger.js';
import { recordingOfMixMonitorFile, type ChannelRecorder } from '../ami/ami-channel-recorder.js';

export interface AriTelephonyOptions {
  /** The Stasis application agent legs are dialed into (the server's own). */
  readonly app: string;
  /** Dialplan context of the human fallback (app_queue of all agents). */
  readonly fallbackContext?: string;
  /** Dialplan context that reaches numbers outside the hotline. */
  readonly transferContext?: string;
  /** How a citizen is rung back, `{number}` standing for their number (e.g. PJSIP/{number}@trunk). */
  readonly callbackEndpoint?: string;
  /** How an agent whose phone is on another PBX is dialed (`{agent}`, `{pbx}`); see domain/cluster/pbx-trunks.ts. */
  readonly trunkEndpoint?: string;
  /** How long a recorder's snoop channel has to enter the application (default 5 s). */
  readonly recorderStartTimeoutMs?: number;
  /** Where a conversation whose bridge would not empty in time is told of. */
  readonly logger?: Logger;
  /** Agents' lines: a leg offered on one is bound to it instead of dialed. */
  readonly lines?: AriAgentLines;
  /**
   * Records conversations on a channel itself (MixMonitor through AMI). Without it, or while it is
   * unavailable, a snoop channel records them.
   */
  readonly channelRecorder?: ChannelRecorder;
  /**
   * Dials agents' legs through the dialplan's `agent-leg` context, which starts MixMonitor on the
   * leg the moment it answers and then hands it to the application: the recording begins with the
   * answer and ends with the leg, both inside Asterisk. Off: legs are dialed straight into the
   * application and recorded when the server hears of the answer. Turned off and on again while the
   * server runs by `dialLegsThroughDialplan`, as Asterisk's dialplan is found to have the context.
   */
  readonly recordLegsAtAnswer?: boolean;
}

export { AGENT_LEG_CONTEXT } from './ari-agent-dialer.js';

const RECORDER_START_TIMEOUT_MS = 5000;
/** Between two asks to record while the recorder is not yet in the application. */
const RECORDER_RETRY_MS = 15;
/** How long an ended conversation waits for its channels to be out of the bridge before going on anyway. */
const BRIDGE_EMPTY_TIMEOUT_MS = 2000;

/** A channel awaited in the application: `ready` resolves at its StasisStart, rejects at the time limit. */
interface Arrival {
  readonly ready: Promise<void>;
  readonly cancel: () => void;
}

/** Asterisk's answer to a request on a channel it has not yet put in the application (or not yet made). */
const notInApplicationYet = (error: unknown): boolean => error instanceof AriError && (error.code === 'ARI_NOT_FOUND' || error.code === 'ARI_CONFLICT');
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The roles our own legs carry in their Stasis arguments; any other channel is a caller's. */
const LEG_ROLES: readonly Exclude<CallLeg['role'], 'citizen'>[] = ['agent', 'party', 'callback', 'recorder', 'line', 'supervisor', 'spy'];

export class AriTelephony implements TelephonyPort, RecoveryPort {
  /** The recorders (snoop channels) of each conversation in progress, hung up when it ends. */
  private readonly recorders = new Map<string, string[]>();
  /** The caller's channel of each conversation recorded on it, stopped when the conversation ends (a leg's recorder ends with the leg). */
  private readonly recordedChannels = new Map<string, string>();
  /** Channels of ours on their way into the application, by id: resolved at their StasisStart. */
  private readonly arriving = new Map<string, () => void>();
  /** The channels in each bridge, as Asterisk's last bridge event gave them. */
  private readonly bridgeMembers = new Map<string, readonly string[]>();
  /** Conversations being taken down, by bridge id: resolved once their bridge is empty or gone. */
  private readonly emptying = new Map<string, () => void>();
  private readonly agentDialer: AriAgentDialer;

  constructor(
    private readonly ari: AriClient,
    private readonly options: AriTelephonyOptions,
  ) {
    this.agentDialer = new AriAgentDialer(ari, { ...options, throughDialplan: options.recordLegsAtAnswer === true });
    ari.on('event', (event) => {
      if (event.type === 'StasisStart') this.arriving.get(event.channel.id)?.();
      else if (event.type === 'ChannelDestroyed') this.agentDialer.legEnded(event.channel.id);
      else if (event.type === 'ChannelLeftBridge') this.bridgeChanged(event.bridge.id, event.bridge.channels);
      else if (event.type === 'BridgeDestroyed') this.bridgeChanged(event.bridge.id, null);
    });
  }

  /** Resolves when the channel is in the application (a request on it before then is refused). */
  private inApplication(channelId: string): Arrival {
    let cancel: () => void = () => undefined;
    const timeoutMs = this.options.recorderStartTimeoutMs ?? RECORDER_START_TIMEOUT_MS;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.arriving.delete(channelId);
        reject(new Error(`channel ${channelId} did not enter the application within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.arriving.delete(channelId);
      };
      this.arriving.set(channelId, () => {
        done();
        resolve();
      });
      cancel = done;
    });
    // The caller awaits `ready` only once its own request has returned; on a loaded Asterisk that
    // request can outlast the timeout, and a rejection nobody was awaiting yet ended the process
    // (Node's unhandled rejection). The rejection still reaches the later await.
    ready.catch(() => undefined);
    return { ready, cancel };
  }

  async answer(channelId: string): Promise<void> {
    await this.ari.answer(channelId);
  }

  async playPrompts(channelId: string, prompts: readonly PlayableSound[], language: string, playbackId: string): Promise<void> {
    await this.ari.play(
      channelId,
      prompts.map((prompt) => (typeof prompt === 'string' ? `sound:hotline/${language}/${prompt}` : `sound:${prompt.sound}`)),
      playbackId,
    );
  }

  async promptBegun(playbackId: string): Promise<boolean> {
    try {
      const playback = await this.ari.http.request<Playback>('GET', `/playbacks/${encodeURIComponent(playbackId)}`);
      return playback.state !== 'queued';
    } catch (error) {
      // Asterisk forgets a playback once it ends; one it never took is unknown too. An end whose
      // event is still on its way looks the same, and then the prompt is heard twice, not never.
      if (isAriNotFound(error)) return false;
      throw error;
    }
  }

  async stopPrompts(playbackId: string): Promise<void> {
    // The playback may have ended on its own a moment ago.
    await doneIfGone(this.ari.stopPlayback(playbackId));
  }

  async recordMessage(channelId: string, name: string, maxSeconds: number, beep: boolean): Promise<void> {
    await this.ari.http.request('POST', `/channels/${encodeURIComponent(channelId)}/record`, {
      query: { name, format: 'wav', maxDurationSeconds: maxSeconds, maxSilenceSeconds: 10, beep, terminateOn: '#', ifExists: 'overwrite' },
    });
  }

  async startHold(channelId: string, musicClass: string): Promise<void> {
    await this.ari.http.request('POST', `/channels/${encodeURIComponent(channelId)}/moh`, { query: { mohClass: musicClass } });
  }

  async stopHold(channelId: string): Promise<void> {
    await this.ari.http.request('DELETE', `/channels/${encodeURIComponent(channelId)}/moh`);
  }

  async markCall(channelId: string, name: string, value: string): Promise<void> {
    await this.ari.setVariable(channelId, name, value);
  }

  async hangup(channelId: string): Promise<void> {
    // An agent's line is not hung up with the call on it: it leaves the conversation and waits for the next.
    if (await this.options.lines?.release(channelId)) return;
    // Gone already (the other side hung up first): what was asked is done.
    await doneIfGone(this.ari.hangup(channelId));
  }

  /** The channel Asterisk knows a leg by (an agent's line, for a leg put through on it). */
  private channelOf(legId: string): string {
    return this.options.lines?.channelOf(legId) ?? legId;
  }

  async transfer(channelId: string, destination: string): Promise<void> {
    await this.ari.continueInDialplan(channelId, { context: this.options.transferContext ?? 'hotline-transfer', extension: destination, priority: 1 });
  }

  /**
   * Channels Asterisk holds in this application right now (after a restart: what the server left
   * behind), with the role and call the dialplan or our originate gave them.
   */
  async channelsInApp(): Promise<CallLeg[]> {
    const channels = await this.ari.listChannels();
    return channels.flatMap((channel) => {
      const args = argsInApplication(channel, this.options.app)?.args;
      if (!args) return [];
      const role = LEG_ROLES.find((known) => known === args.role) ?? 'citizen';
      return [{ channelId: channel.id, role, callId: args.call ?? args.linkedid ?? channel.id, agentId: role === 'agent' || role === 'line' ? (args.agent ?? null) : null, callerNumber: channel.caller?.number ?? '', dialedNumber: args.entry ?? channel.dialplan?.exten ?? '', startedAt: ariTimestampMs(channel.creationtime) }];
    });
  }

  /** Channels running the dialplan in no application (a caller in the compiled survey, say), with their context. */
  async channelsInDialplan(): Promise<DialplanPlace[]> {
    const channels = await this.ari.listChannels();
    return channels.flatMap((channel) => {
      const { context, app_name: appName } = channel.dialplan ?? {};
      return context && appName !== 'Stasis' ? [{ channelId: channel.id, context }] : [];
    });
  }

  /** Conversation bridges Asterisk still holds (a previous run's, after a restart), with their channels. */
  async conversations(): Promise<HeldConversation[]> {
    const bridges = await this.ari.http.request<{ id: string; channels?: string[]; creationtime?: string }[]>('GET', '/bridges');
    return bridges
      .filter((bridge) => callIds.callOfConversation(bridge.id) !== null)
      .map((bridge) => ({ id: bridge.id, channels: bridge.channels ?? [], createdAt: bridge.creationtime ? ariTimestampMs(bridge.creationtime) : NaN }));
  }

  async monitorBridges(): Promise<string[]> {
    const bridges = await this.ari.http.request<{ id: string }[]>('GET', '/bridges');
    return bridges.map((bridge) => bridge.id).filter((id) => callIds.isMonitorBridge(id));
  }

  async endBridge(bridgeId: string): Promise<void> {
    await this.ari.http.request('DELETE', `/bridges/${encodeURIComponent(bridgeId)}`);
  }

  keepConversation(conversationId: string, channels: readonly string[], recorders: readonly string[], recordedChannel: string | null = null): void {
    this.bridgeChanged(conversationId, channels);
    if (recorders.length > 0) this.recorders.set(conversationId, [...recorders]);
    if (recordedChannel !== null) this.recordedChannels.set(conversationId, recordedChannel);
  }

  /** Read through ARI, which recovery runs on: AMI may not be connected yet when a server starts. */
  async channelRecording(channelId: string): Promise<string | null> {
    try {
      const file = await this.ari.getVariable(channelId, 'MIXMONITOR_FILENAME');
      return file ? recordingOfMixMonitorFile(file) : null;
    } catch (error) {
      if (isAriNotFound(error)) return null;
      throw error;
    }
  }

  async sendToHumanFallback(channelId: string): Promise<void> {
    await this.ari.continueInDialplan(channelId, { context: this.options.fallbackContext ?? 'human-fallback', extension: 's', priority: 1 });
  }

  /** One variable (the seed the arrival context splits) and the continue: two requests per call. */
  async continueIntoMenus(channelId: string, entry: DialplanEntry): Promise<void> {
    await this.ari.setVariable(channelId, 'HOTLINE_IVR_SEED', arrivalSeed(entry.language, this.options.app, entry.facts, entry.path));
    await this.ari.continueInDialplan(channelId, { context: entry.context, extension: entry.extension, priority: 1 });
  }

  /**
   * The seed and the continue, as for the menus. The channel is not subscribed to: its survey's end
   * and its line's end come over AMI (ami-survey-events.ts), not every step of the survey over ARI.
   */
  async continueIntoSurvey(channelId: string, entry: DialplanEntry): Promise<void> {
    await this.ari.setVariable(channelId, 'HOTLINE_IVR_SEED', arrivalSeed(entry.language, this.options.app, entry.facts, entry.path));
    await this.ari.continueInDialplan(channelId, { context: entry.context, extension: entry.extension, priority: 1 });
  }

  /** From the next offer on; only where `recordLegsAtAnswer` was asked for (else the context would record twice). */
  dialLegsThroughDialplan(on: boolean): void {
    this.agentDialer.throughDialplan(on && this.options.recordLegsAtAnswer === true);
  }

  async dialAgent(request: AgentDialRequest): Promise<void> {
    if (request.phone.kind !== 'line') return this.agentDialer.dial(request);
    if (!this.options.lines) throw new Error('agent lines are not set up');
    return this.options.lines.bind(request.legId, request.phone.lineId, request.callId, request.agentId);
  }

  async dialCitizen(request: CitizenDialRequest): Promise<void> {
    const params: OriginateParams = {
      endpoint: (this.options.callbackEndpoint ?? 'Local/{number}@demo-citizens').replace('{number}', request.number),
      app: this.options.app,
      appArgs: ['role=callback', `call=${request.callId}`, `agent=${request.agentId}`, `number=${request.number}`],
      callerId: `"12345" <12345>`,
      timeout: request.ringTimeoutSeconds,
      channelId: request.channelId,
    };
    await this.ari.originate(params, originateLimit(request.ringTimeoutSeconds));
  }

  async dialOutbound(request: OutboundDialRequest): Promise<void> {
    const params: OriginateParams = {
      endpoint: request.endpoint.replace('{number}', request.number),
      app: this.options.app,
      appArgs: ['role=outbound', `task=${request.taskId}`],
      callerId: `"${request.callerId}" <${request.callerId}>`,
      timeout: request.ringTimeoutSeconds,
      channelId: request.channelId,
    };
    await this.ari.originate(params);
  }

  async channelLives(channelId: string): Promise<{ readonly lives: false } | { readonly lives: true; readonly answered: boolean }> {
    try {
      const channel = await this.ari.getChannel(channelId);
      return { lives: true, answered: channel.state === 'Up' };
    } catch (error) {
      if (isAriNotFound(error)) return { lives: false };
      throw error;
    }
  }

  async dialParty(request: PartyDialRequest): Promise<void> {
    const params: OriginateParams = {
      endpoint: (this.options.callbackEndpoint ?? 'Local/{number}@demo-citizens').replace('{number}', request.number),
      app: this.options.app,
      appArgs: ['role=party', `call=${request.callId}`],
      callerId: `"12345" <12345>`,
      timeout: request.ringTimeoutSeconds,
      channelId: request.channelId,
    };
    await this.ari.originate(params, originateLimit(request.ringTimeoutSeconds));
  }

  async join(conversationId: string, channelId: string): Promise<void> {
    const channel = this.channelOf(channelId);
    await this.ari.http.request('POST', `/bridges/${encodeURIComponent(conversationId)}/addChannel`, { query: { channel } });
    this.options.lines?.joined(channelId, conversationId);
    this.joined(conversationId, [channel]);
  }

  async connect(callerChannelId: string, agentLegId: string, conversationId: string): Promise<void> {
    // The bridge and the end of the hold music are independent: asked for together, the agent who
    // answered hears the caller one round trip sooner (and so does the recording).
    await Promise.all([
      this.ari.http.request('POST', `/bridges/${encodeURIComponent(conversationId)}`, { query: { type: 'mixing', name: conversationId } }),
      this.ari.http.request('DELETE', `/channels/${encodeURIComponent(callerChannelId)}/moh`).catch(() => undefined),
    ]);
    const agentChannel = this.channelOf(agentLegId);
    await this.ari.http.request('POST', `/bridges/${encodeURIComponent(conversationId)}/addChannel`, { query: { channel: [callerChannelId, agentChannel].join(',') } });
    this.options.lines?.joined(agentLegId, conversationId);
    this.joined(conversationId, [callerChannelId, agentChannel]);
  }

  /**
   * Records a conversation (both directions, mixed) on the channel whose end is the recording's:
   * the leg's own channel when it was dialed for this call, so Asterisk ends the recording at the
   * leg's hang-up, before the server has heard of it; the caller's channel for a leg on an agent's
   * line (the line outlives the call) or with no leg, and the server stops it when the conversation
   * ends. By MixMonitor when the channel recorder can be asked, else through a snoop. Never by the
   * bridge's own recorder: a recorder channel in the bridge makes three parties, so Asterisk mixes
   * every two-party conversation, and the SIPp benchmark measured 28% more CPU for it (decisions).
   */
  async recordConversation(conversationId: string, callerChannelId: string, recordingName: string, legId: string | null): Promise<void> {
    const onLeg = legId !== null && this.channelOf(legId) === legId;
    // Dialed through the agent-leg context: MixMonitor has been recording it since the answer.
    if (onLeg && this.agentDialer.recordsItself(legId)) return;
    const channelId = onLeg ? legId : callerChannelId;
    const onChannel = this.options.channelRecorder;
    if (onChannel?.available()) {
      try {
        return await this.recordOnChannel(onChannel, conversationId, channelId, recordingName, onLeg);
      } catch (error) {
        // Refused (an AMI user without the `system` write right): a snoop records it instead. A
        // channel gone is refused there too, and that is the error reported.
        this.options.logger?.warn({ err: error, conversationId }, 'the recorder on the channel was refused; recording through a snoop');
      }
    }
    const snoopId = callIds.recorder(recordingName);
    const arrival = this.inApplication(snoopId);
    // Known before it exists: the recorder starts beside the connection, and a conversation ended
    // meanwhile must end its recorder too (the survey that follows is not recorded).
    const recorders = this.recorders.get(conversationId) ?? [];
    this.recorders.set(conversationId, [...recorders, snoopId]);
    try {
      await this.ari.http.request('POST', `/channels/${encodeURIComponent(channelId)}/snoop`, {
        query: { spy: 'both', whisper: 'none', app: this.options.app, appArgs: `role=recorder,call=${callIds.callOfConversation(conversationId) ?? conversationId}`, snoopId },
      });
    } catch (error) {
      arrival.cancel();
      this.forgetRecorder(conversationId, snoopId);
      throw error;
    }
    if (!this.recorders.get(conversationId)?.includes(snoopId)) {
      // The conversation ended while the snoop was being made: it records nothing.
      arrival.cancel();
      await this.hangup(snoopId).catch(() => undefined);
      return;
    }
    try {
      await this.startRecorder(snoopId, recordingName, arrival);
    } catch (error) {
      await this.hangup(snoopId).catch(() => undefined);
      // A conversation ended before its recorder could start has hung the snoop up itself.
      if (!this.recorders.get(conversationId)?.includes(snoopId)) return;
      this.forgetRecorder(conversationId, snoopId);
      throw error;
    }
  }

  /**
   * MixMonitor on the channel: one request, and the recording begins when it is answered. The
   * snoop's way needed a new channel to enter the application first, and under load its recordings
   * began up to a second into the conversation (the SIPp benchmark's "recordings off"). A leg's
   * recorder is never stopped by the server: the leg is hung up when its part of the conversation
   * ends, and the recording ends with it.
   */
  private async recordOnChannel(recorder: ChannelRecorder, conversationId: string, channelId: string, recordingName: string, onLeg: boolean): Promise<void> {
    if (!onLeg) this.recordedChannels.set(conversationId, channelId);
    try {
      await recorder.start(channelId, recordingName);
    } catch (error) {
      if (!recorder.refused(error)) {
        // Unanswered (a time-out, the link lost on the way): Asterisk may be recording already, and
        // a snoop would write the same file a second time. Kept as started: it is stopped at the
        // end, and a file that never appears is marked missing after the call.
        this.options.logger?.warn({ err: error, conversationId }, 'the recorder on the channel did not answer; kept as started');
        return;
      }
      if (!onLeg && this.recordedChannels.get(conversationId) === channelId) this.recordedChannels.delete(conversationId);
      throw error;
    }
    // The conversation ended while the recorder was being started: its end asked to stop it, and
    // that ask may have come first. Asked again, the survey that follows is not recorded.
    if (!onLeg && this.recordedChannels.get(conversationId) !== channelId) await recorder.stop(channelId).catch(() => undefined);
  }

  /**
   * Asks the recorder to record at once, and again every few ms until Asterisk has it in the
   * application. Waiting for its StasisStart instead put the start behind every other queued event
   * of the app: under load recordings began more than half a second into the conversation (the SIPp
   * benchmark's "recordings off"). A refusal after the channel has arrived is a real failure.
   */
  private async startRecorder(snoopId: string, recordingName: string, arrival: Arrival): Promise<void> {
    let arrived = false;
    arrival.ready.then(() => (arrived = true), () => undefined);
    for (;;) {
      const askedAfterArrival = arrived;
      try {
        await this.ari.http.request('POST', `/channels/${encodeURIComponent(snoopId)}/record`, {
          query: { name: recordingName, format: 'wav', ifExists: 'overwrite', beep: false },
        });
        arrival.cancel();
        return;
      } catch (error) {
        if (askedAfterArrival || !notInApplicationYet(error)) {
          arrival.cancel();
          throw error;
        }
      }
      // The arrival's own time limit ends the retries (its rejection is the error).
      await Promise.race([arrival.ready, delay(RECORDER_RETRY_MS)]);
    }
  }

  private forgetRecorder(conversationId: string, snoopId: string): void {
    const left = (this.recorders.get(conversationId) ?? []).filter((id) => id !== snoopId);
    if (left.length > 0) this.recorders.set(conversationId, left);
    else this.recorders.delete(conversationId);
  }

  /** Channels our request put in a bridge: the event of their entering is not asked for (event filter). */
  private joined(bridgeId: string, channels: readonly string[]): void {
    this.bridgeMembers.set(bridgeId, [...new Set([...(this.bridgeMembers.get(bridgeId) ?? []), ...channels])]);
  }

  private bridgeChanged(bridgeId: string, channels: readonly string[] | null): void {
    if (channels === null || channels.length === 0) {
      this.bridgeMembers.delete(bridgeId);
      this.emptying.get(bridgeId)?.();
    } else this.bridgeMembers.set(bridgeId, channels);
  }

  /**
   * Ends the conversation: its bridge, and its recorders (the survey that may follow is not recorded).
   * Resolves once the channels are out of the bridge: Asterisk takes them out after it answered the
   * DELETE, and a prompt asked for a channel still on its way out is queued inside the bridge and
   * dropped with it, never played and never reported (the survey that follows went silent).
   */
  async disconnect(conversationId: string): Promise<void> {
    const recorders = this.recorders.get(conversationId) ?? [];
    this.recorders.delete(conversationId);
    const recordedChannel = this.recordedChannels.get(conversationId);
    this.recordedChannels.delete(conversationId);
    await Promise.all([
      ...recorders.map((id) => this.hangup(id).catch(() => undefined)),
      ...(recordedChannel === undefined ? [] : [this.stopChannelRecorder(recordedChannel)]),
    ]);
    const empty = this.bridgeEmptied(conversationId);
    try {
      await this.ari.http.request('DELETE', `/bridges/${encodeURIComponent(conversationId)}`).catch((error: unknown) => {
        if (!isAriNotFound(error)) throw error;
        this.bridgeChanged(conversationId, null);
      });
      await empty.done;
    } finally {
      empty.cancel();
    }
  }

  /** A recorder that cannot be stopped is logged: the conversation still ends (the recording then holds the survey too). */
  private async stopChannelRecorder(channelId: string): Promise<void> {
    await this.options.channelRecorder?.stop(channelId).catch((error: unknown) => {
      this.options.logger?.warn({ err: error, channelId }, 'the conversation\'s recorder could not be stopped');
    });
  }

  /** Resolves when the bridge has no channel left (at once if none is known), or after a time limit. */
  private bridgeEmptied(bridgeId: string): { done: Promise<void>; cancel: () => void } {
    if ((this.bridgeMembers.get(bridgeId) ?? []).length === 0) return { done: Promise.resolve(), cancel: () => undefined };
    let cancel: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      const log = this.options.logger;
      const timer = setTimeout(() => {
        // What follows (the survey's first prompt) may be queued in the dissolving bridge and lost.
        log?.warn({ conversationId: bridgeId, waitedMs: BRIDGE_EMPTY_TIMEOUT_MS }, 'the conversation bridge still held channels after its removal: what the caller hears next may be lost');
        finish();
      }, BRIDGE_EMPTY_TIMEOUT_MS);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.emptying.set(bridgeId, finish);
      cancel = () => {
        clearTimeout(timer);
        if (this.emptying.get(bridgeId) === finish) this.emptying.delete(bridgeId);
      };
    });
    return { done, cancel };
  }

  async callIdOf(channelId: string): Promise<string> {
    return this.ari.getVariable(channelId, 'CHANNEL(linkedid)');
  }
}
