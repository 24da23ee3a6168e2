// Supervisors on calls, on ARI. A session is a mixing bridge of its own (`monitor-<id>`) holding the
// supervisor's phone and one spy: a snoop channel on the agent's leg that hears both directions
// (spy=both) and sends the supervisor's voice nowhere, to the agent (whisper=out: what Asterisk
// sends the agent's phone) or to both sides (whisper=both: the caller hears it as if the agent
// spoke). The conversation's bridge and its recorder are never touched, so the recording stays one
// file and a restarted server still finds the conversation as it was. Channels carry their role in
// their Stasis arguments (`role=supervisor` / `role=spy`, `monitor=<id>`), so a restart finds and
// ends them.
import type { MonitoringListener, MonitoringPort, SpyRequest, SupervisorDialRequest } from '../../app/ports/monitoring.js';
import { MONITOR_CALL_HEADER_VALUE, MONITOR_CALL_HEADER_VARIABLE } from '../../contract/phone-line.js';
import { callIds } from '../../domain/calls/call-ids.js';
import type { Logger } from '../../logging/logger.js';
import { stasisArgs } from './ari-call-events.js';
import type { AriClient } from './ari-client.js';
import { doneIfGone, isAriNotFound } from './ari-error.js';
import type { AriEvent } from './ari-events.js';

export interface AriMonitoringOptions {
  readonly app: string;
  /** The supervisor's phone: `{supervisor}` is replaced by their id (demo handsets by default). */
  readonly supervisorEndpoint: string;
  /** The channel that carries an agent's leg now (the agent's line for a leg put through on one). */
  readonly channelOf: (legId: string) => string;
  readonly logger: Logger;
}

/** 10 s silences played under a whisper at a time (5 minutes; played again while the whisper lasts). */
const HUSH_PARTS = 30;
const HUSH_PREFIX = 'hush-';

/** How long the supervisor's phone rings before the session gives up. */
const SUPERVISOR_RING_SECONDS = 30;

/** PJSIP/<name> (or PJSIP/<name>/<uri>): a phone Asterisk knows the contacts of. */
const PJSIP_ENDPOINT = /^PJSIP\/([^/]+)/i;

function isPjsip(endpoint: string): boolean {
  return PJSIP_ENDPOINT.test(endpoint);
}

interface Piece {
  readonly monitorId: string;
  readonly kind: 'supervisor' | 'spy';
  readonly bridge: string;
  /** A spy that speaks into the conversation: its bridge (which plays silence meanwhile, see below). */
  readonly whispersInto?: string;
}

export class AriMonitoring implements MonitoringPort {
  /** Supervisors' legs and spies asked for or up, by channel id. */
  private readonly pieces = new Map<string, Piece>();
  private readonly bridges = new Set<string>();
  /** Conversations playing silence under a whisper. */
  private readonly hushes = new Set<string>();
  private listener: MonitoringListener | null = null;

  constructor(
    private readonly ari: AriClient,
    private readonly options: AriMonitoringOptions,
  ) {}

  attach(listener: MonitoringListener): void {
    this.listener = listener;
  }

  async hasPhone(supervisorId: string): Promise<boolean> {
    const pjsip = PJSIP_ENDPOINT.exec(this.endpointOf(supervisorId));
    if (!pjsip?.[1]) return true;
    try {
      const found = await this.ari.http.request<{ state?: string }>('GET', `/endpoints/PJSIP/${encodeURIComponent(pjsip[1])}`);
      return found.state !== 'offline';
    } catch (error) {
      if (isAriNotFound(error)) return false;
      this.options.logger.warn({ err: error, supervisorId }, "could not ask Asterisk about the supervisor's phone; ringing it will tell");
      return true;
    }
  }

  private endpointOf(supervisorId: string): string {
    return this.options.supervisorEndpoint.replaceAll('{supervisor}', supervisorId);
  }

  async dialSupervisor(request: SupervisorDialRequest): Promise<void> {
    this.pieces.set(request.legId, { monitorId: request.monitorId, kind: 'supervisor', bridge: request.bridge });
    const endpoint = this.endpointOf(request.supervisorId);
    try {
      await this.ari.originate(
        {
          endpoint,
          app: this.options.app,
          appArgs: ['role=supervisor', `call=${request.callId}`, `monitor=${request.monitorId}`],
          callerId: '"12345 监听" <12345>',
          timeout: SUPERVISOR_RING_SECONDS,
          channelId: request.legId,
          // A PJSIP phone's INVITE says it is a monitoring call: the wallboard's browser phone answers
          // it by itself. PJSIP_HEADER exists on PJSIP channels only, so a Local handset gets none.
          ...(isPjsip(endpoint) ? { variables: { [MONITOR_CALL_HEADER_VARIABLE]: MONITOR_CALL_HEADER_VALUE } } : {}),
        },
        { timeoutMs: (SUPERVISOR_RING_SECONDS + 5) * 1000 },
      );
    } catch (error) {
      this.pieces.delete(request.legId);
      throw error;
    }
  }

  async makeSpy(request: SpyRequest): Promise<void> {
    const target = this.options.channelOf(request.agentLeg);
    this.pieces.set(request.spy, { monitorId: request.monitorId, kind: 'spy', bridge: request.bridge, ...(request.whisper === 'none' ? {} : { whispersInto: callIds.conversation(request.callId) }) });
    try {
      await this.ari.http.request('POST', `/channels/${encodeURIComponent(target)}/snoop`, {
        query: { spy: 'both', whisper: request.whisper, app: this.options.app, appArgs: `role=spy,call=${request.callId},monitor=${request.monitorId}`, snoopId: request.spy },
      });
    } catch (error) {
      this.pieces.delete(request.spy);
      throw error;
    }
  }

  async hangup(channelId: string): Promise<void> {
    await doneIfGone(this.ari.hangup(channelId));
  }

  async endBridge(bridge: string): Promise<void> {
    this.bridges.delete(bridge);
    await doneIfGone(this.ari.http.request('DELETE', `/bridges/${encodeURIComponent(bridge)}`));
  }

  async handOver(legId: string, bridge: string): Promise<void> {
    // Forgotten first: the leg's events (its hang-up above all) are the call's from now on.
    this.pieces.delete(legId);
    // Ending the bridge takes the phone out of it; a channel in the application stays up, in no bridge.
    await this.endBridge(bridge);
  }

  /** Whether a bridge is one of this run's sessions' (restart recovery leaves those alone). */
  knowsBridge(bridgeId: string): boolean {
    return this.bridges.has(bridgeId);
  }

  /** Whether a channel is a supervisor's leg or a spy (restart recovery leaves this run's alone). */
  knows(channelId: string): boolean {
    return this.pieces.has(channelId);
  }

  /** One ARI event: true when it was about a monitoring session's channel (nobody else's business). */
  handle(event: AriEvent): boolean {
    if (event.type === 'PlaybackFinished' && event.playback.id.startsWith(HUSH_PREFIX)) {
      // The silence under a whisper ran out while the whisper lasts: played again.
      const conversation = event.playback.id.slice(HUSH_PREFIX.length);
      if (this.hushes.delete(conversation)) void this.feedSilence(conversation);
      return true;
    }
    if (event.type === 'StasisStart') {
      const role = stasisArgs(event.args).role;
      if (role !== 'supervisor' && role !== 'spy') return false;
      const piece = this.pieces.get(event.channel.id);
      if (!piece) {
        // A previous run's (or one given up meanwhile): not kept.
        void this.hangup(event.channel.id).catch(() => undefined);
        return true;
      }
      void this.joinBridge(event.channel.id, piece);
      return true;
    }
    if (event.type !== 'ChannelDestroyed') return 'channel' in event && this.pieces.has((event.channel as { id: string } | undefined)?.id ?? '');
    const piece = this.pieces.get(event.channel.id);
    if (!piece) return false;
    this.pieces.delete(event.channel.id);
    if (piece.whispersInto !== undefined) void this.feedSilence(piece.whispersInto);
    if (piece.kind === 'supervisor') this.listener?.supervisorLeft(piece.monitorId);
    else this.listener?.spyGone(piece.monitorId, event.channel.id);
    return true;
  }

  /** The supervisor answered, or a spy entered the application: into the session's bridge. */
  private async joinBridge(channelId: string, piece: Piece): Promise<void> {
    try {
      if (!this.bridges.has(piece.bridge)) {
        this.bridges.add(piece.bridge);
        await this.ari.http.request('POST', `/bridges/${encodeURIComponent(piece.bridge)}`, { query: { type: 'mixing', name: piece.bridge } });
      }
      await this.ari.http.request('POST', `/bridges/${encodeURIComponent(piece.bridge)}/addChannel`, { query: { channel: channelId } });
    } catch (error) {
      this.options.logger.warn({ err: error, monitorId: piece.monitorId, channelId }, 'could not join the monitoring bridge');
      await this.hangup(channelId).catch(() => undefined);
      return;
    }
    if (piece.whispersInto !== undefined) await this.feedSilence(piece.whispersInto);
    if (piece.kind === 'supervisor') this.listener?.supervisorAnswered(piece.monitorId);
    else this.listener?.spyJoined(piece.monitorId, channelId);
  }

  /**
   * Asterisk 22.10.1 mixes a whisper only into audio it writes to the agent's channel, and a
   * two-party conversation writes nothing to the agent while the caller is silent (no frames: a
   * muted or DTX phone, a Local channel): the supervisor was not heard (asterisk issue 1966, fixed
   * upstream in 2026). While any spy speaks into a conversation, the conversation's bridge plays
   * silence: a third party makes Asterisk mix the bridge, which writes every 20 ms to every channel,
   * so the whisper always has audio to ride on. (A silence generator on the agent's channel itself
   * was tried first: it silenced the bridge's own audio to the agent.)
   */
  private async feedSilence(conversation: string): Promise<void> {
    const wanted = [...this.pieces.values()].some((piece) => piece.whispersInto === conversation);
    const playing = this.hushes.has(conversation);
    if (wanted === playing) return;
    const playbackId = `${HUSH_PREFIX}${conversation}`;
    if (wanted) {
      this.hushes.add(conversation);
      const media = Array.from({ length: HUSH_PARTS }, () => 'sound:silence/10').join(',');
      await this.ari.http.request('POST', `/bridges/${encodeURIComponent(conversation)}/play`, { query: { media, playbackId } }).catch((error: unknown) => {
        this.hushes.delete(conversation);
        this.options.logger.warn({ err: error, conversation }, 'could not play silence under the whisper');
      });
      return;
    }
    this.hushes.delete(conversation);
    await this.ari.http.request('DELETE', `/playbacks/${encodeURIComponent(playbackId)}`).catch(() => undefined);
  }

}
