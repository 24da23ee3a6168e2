// The conversations' recorders on ARI: a snoop on the caller's channel (both directions, mixed) that
// records into the conversation's file, made while the agent's phone rings and started at the answer,
// hung up when the conversation ends so the survey after it is not in the recording.
//
// Why a snoop rather than the bridge's own recorder: a recorder channel in the bridge makes three
// parties, so Asterisk mixes every two-party conversation, and the SIPp benchmark measured 28% more
// CPU for it (decisions). Why made ahead: a snoop made at the answer takes three hops before it
// records (the snoop, its arrival in the application, the record request), and at 6-7 calls/s on two
// cores a few recordings began more than 0.5 s into the conversation; made while the phone rings,
// the answer needs only the record request.
import type { Logger } from '../../logging/logger.js';
import { callIds } from '../../domain/calls/call-ids.js';
import { AriError } from './ari-error.js';
import type { AriHttp } from './ari-http.js';

/** A channel awaited in the application: `ready` resolves at its StasisStart, rejects at the time limit. */
export interface Arrival {
  readonly ready: Promise<void>;
  readonly cancel: () => void;
}

export interface AriRecordersDeps {
  readonly http: AriHttp;
  /** The Stasis application the snoops are put in (the server's own). */
  readonly app: string;
  readonly inApplication: (channelId: string) => Arrival;
  readonly hangup: (channelId: string) => Promise<void>;
  readonly logger?: Logger;
}

/** A recorder made ahead of its conversation: `made` says whether it reached the application. */
interface StandbyRecorder {
  readonly snoopId: string;
  readonly callerChannelId: string;
  readonly made: Promise<boolean>;
}

/** Between two asks to record while the recorder is not yet in the application. */
const RECORDER_RETRY_MS = 15;

/** Asterisk's answer to a request on a channel it has not yet put in the application (or not yet made). */
const notInApplicationYet = (error: unknown): boolean => error instanceof AriError && (error.code === 'ARI_NOT_FOUND' || error.code === 'ARI_CONFLICT');
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ignore = (): undefined => undefined;

export class AriRecorders {
  /** The recorders of each conversation in progress, hung up when it ends. */
  private readonly byConversation = new Map<string, string[]>();
  /** Recorders made while an agent's phone rings, by the recording they are for. */
  private readonly standby = new Map<string, StandbyRecorder>();

  constructor(private readonly deps: AriRecordersDeps) {}

  /** A conversation taken over from an earlier run, with the recorders it already has. */
  keep(conversationId: string, recorders: readonly string[]): void {
    if (recorders.length > 0) this.byConversation.set(conversationId, [...recorders]);
  }

  /**
   * Makes the snoop of the caller's next conversation, idle until asked to record. Its id is the
   * recording's recorder id, as restart recovery reads it. A failure only leaves the work to `record`.
   */
  prepare(callerChannelId: string, recordingName: string, callId: string): void {
    if (this.standby.has(recordingName)) return;
    const snoopId = callIds.recorder(recordingName);
    const made = this.snoop(callerChannelId, snoopId, callId).then(
      () => true,
      async (error: unknown) => {
        this.deps.logger?.debug({ err: error, callId }, 'a recorder could not be made ahead; it is made at the answer');
        if (this.standby.get(recordingName)?.snoopId === snoopId) this.standby.delete(recordingName);
        // A request that timed out may have made it all the same.
        await this.deps.hangup(snoopId).catch(ignore);
        return false;
      },
    );
    this.standby.set(recordingName, { snoopId, callerChannelId, made });
  }

  /** Records the conversation: on its recorder made ahead when there is one, else on one made now. */
  async record(conversationId: string, callerChannelId: string, recordingName: string): Promise<void> {
    if (await this.recordOnStandby(conversationId, callerChannelId, recordingName)) return;
    const snoopId = callIds.recorder(recordingName);
    const arrival = this.deps.inApplication(snoopId);
    // Known before it exists: the recorder starts beside the connection, and a conversation ended
    // meanwhile must end its recorder too (the survey that follows is not recorded).
    this.add(conversationId, snoopId);
    try {
      await this.snoop(callerChannelId, snoopId, callIds.callOfConversation(conversationId) ?? conversationId);
    } catch (error) {
      arrival.cancel();
      this.forget(conversationId, snoopId);
      throw error;
    }
    if (!this.has(conversationId, snoopId)) {
      // The conversation ended while the snoop was being made: it records nothing.
      arrival.cancel();
      await this.deps.hangup(snoopId).catch(ignore);
      return;
    }
    try {
      await this.startRecorder(snoopId, recordingName, arrival);
    } catch (error) {
      await this.deps.hangup(snoopId).catch(ignore);
      // A conversation ended before its recorder could start has hung the snoop up itself.
      if (!this.has(conversationId, snoopId)) return;
      this.forget(conversationId, snoopId);
      throw error;
    }
  }

  /** The conversation ended: its recorders are hung up (the survey that may follow is not recorded). */
  async end(conversationId: string): Promise<void> {
    const recorders = this.byConversation.get(conversationId) ?? [];
    this.byConversation.delete(conversationId);
    await Promise.all(recorders.map((id) => this.deps.hangup(id).catch(ignore)));
  }

  /** A caller who left the application takes the recorders made ahead for them with it. */
  callerLeft(channelId: string): void {
    for (const [name, standby] of this.standby) {
      if (standby.callerChannelId !== channelId) continue;
      this.standby.delete(name);
      void standby.made.then((made) => (made ? this.deps.hangup(standby.snoopId).catch(ignore) : undefined));
    }
  }

  private snoop(callerChannelId: string, snoopId: string, callId: string): Promise<unknown> {
    return this.deps.http.request('POST', `/channels/${encodeURIComponent(callerChannelId)}/snoop`, {
      query: { spy: 'both', whisper: 'none', app: this.deps.app, appArgs: `role=recorder,call=${callId}`, snoopId },
    });
  }

  private startRecording(snoopId: string, recordingName: string): Promise<unknown> {
    return this.deps.http.request('POST', `/channels/${encodeURIComponent(snoopId)}/record`, {
      query: { name: recordingName, format: 'wav', ifExists: 'overwrite', beep: false },
    });
  }

  /** Starts the recording on its recorder made ahead; false when there is none that was made (`record` makes one). */
  private async recordOnStandby(conversationId: string, callerChannelId: string, recordingName: string): Promise<boolean> {
    const standby = this.standby.get(recordingName);
    if (!standby || standby.callerChannelId !== callerChannelId) return false;
    this.standby.delete(recordingName);
    const { snoopId } = standby;
    this.add(conversationId, snoopId);
    if (!(await standby.made)) {
      this.forget(conversationId, snoopId);
      return false;
    }
    if (!this.has(conversationId, snoopId)) {
      // The conversation ended before it could be recorded; end() may have come before the snoop existed.
      await this.deps.hangup(snoopId).catch(ignore);
      return true;
    }
    try {
      // Made seconds ago it is in the application by now, and the first ask starts it; its arrival
      // event has passed, so only the asks (and their time limit) tell otherwise.
      await this.startRecorder(snoopId, recordingName, this.deps.inApplication(snoopId));
      return true;
    } catch (error) {
      await this.deps.hangup(snoopId).catch(ignore);
      if (!this.has(conversationId, snoopId)) return true;
      this.forget(conversationId, snoopId);
      throw error;
    }
  }

  /**
   * Asks the recorder to record at once, and again every few ms until Asterisk has it in the
   * application. Waiting for its StasisStart instead put the start behind every other queued event
   * of the app: under load recordings began more than half a second into the conversation (the SIPp
   * benchmark's "recordings off"). A refusal after the channel has arrived is a real failure.
   */
  private async startRecorder(snoopId: string, recordingName: string, arrival: Arrival): Promise<void> {
    let arrived = false;
    arrival.ready.then(() => (arrived = true), ignore);
    for (;;) {
      const askedAfterArrival = arrived;
      try {
        await this.startRecording(snoopId, recordingName);
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

  private add(conversationId: string, snoopId: string): void {
    this.byConversation.set(conversationId, [...(this.byConversation.get(conversationId) ?? []), snoopId]);
  }

  private has(conversationId: string, snoopId: string): boolean {
    return this.byConversation.get(conversationId)?.includes(snoopId) ?? false;
  }

  private forget(conversationId: string, snoopId: string): void {
    const left = (this.byConversation.get(conversationId) ?? []).filter((id) => id !== snoopId);
    if (left.length > 0) this.byConversation.set(conversationId, left);
    else this.byConversation.delete(conversationId);
  }
}
