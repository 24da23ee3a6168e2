// Key → next prompt on Asterisk's own clock, the same definition for every way of running menus:
// from the caller leg's ChannelDtmfReceived (Asterisk acts on the key's end, as the engine and
// Background() both do) to the next prompt starting on that leg, whoever starts it: an ARI playback
// (PlaybackStarted: the server's engine, the bare handler) or the dialplan (ChannelDialplan entering
// Background()/Playback(): menus compiled into the dialplan). Both timestamps come from the event
// bodies Asterisk stamps, so neither the harness's nor the server's event loop is in the figure.
import type { AriEvent } from '../src/adapters/ari/ari-events.js';
import { ariTimestampMs } from '../src/adapters/ari/ari-time.js';
import { isPromptApplication } from '../src/domain/ivr/dialplan-nodes.js';


/** The channel a prompt starts on, and when, or null when the event starts no prompt. */
export function promptStart(event: AriEvent): { readonly channelId: string; readonly at: number } | null {
  if (event.type === 'PlaybackStarted') {
    const target = event.playback.target_uri;
    return target.startsWith('channel:') ? { channelId: target.slice('channel:'.length), at: ariTimestampMs(event.timestamp) } : null;
  }
  if (event.type === 'ChannelDialplan' && isPromptApplication(event.dialplan_app)) return { channelId: event.channel.id, at: ariTimestampMs(event.timestamp) };
  return null;
}

/**
 * Collects key → next prompt samples (ms) from a simulated caller's event stream, also split by the
 * key's place in its call: the first `menuKeysPerCall` keys (the next prompt is a menu's) in
 * `inMenus`, later ones (the next prompt is the queue's announcement) in `toQueue`. With
 * menus in the dialplan only the last one goes through the server (the hand-back at the queue).
 */
export class KeyToPrompt {
  readonly samples: number[] = [];
  readonly inMenus: number[] = [];
  readonly toQueue: number[] = [];
  /** Key → the dialplan entering Stasis() (compiled menus handing the call back): the dialplan's share of `toQueue`. */
  readonly toStasis: number[] = [];
  private readonly keyAt = new Map<string, number>();
  private readonly keysSeen = new Map<string, number>();

  constructor(private readonly menuKeysPerCall: number) {}

  take(event: AriEvent): void {
    if (event.type === 'ChannelDtmfReceived') {
      this.keyAt.set(event.channel.id, ariTimestampMs(event.timestamp));
      return;
    }
    if (event.type === 'ChannelDialplan' && event.dialplan_app.toLowerCase() === 'stasis') {
      const keyAt = this.keyAt.get(event.channel.id);
      if (keyAt !== undefined) this.toStasis.push(ariTimestampMs(event.timestamp) - keyAt);
      return;
    }
    const start = promptStart(event);
    const at = start ? this.keyAt.get(start.channelId) : undefined;
    if (!start || at === undefined) return;
    const ordinal = this.keysSeen.get(start.channelId) ?? 0;
    this.keysSeen.set(start.channelId, ordinal + 1);
    this.samples.push(start.at - at);
    (ordinal < this.menuKeysPerCall ? this.inMenus : this.toQueue).push(start.at - at);
    this.keyAt.delete(start.channelId);
  }

  /** Forgets what was collected (after warm-up calls). */
  reset(): void {
    for (const list of [this.samples, this.inMenus, this.toQueue, this.toStasis]) list.length = 0;
    this.keyAt.clear();
    this.keysSeen.clear();
  }
}
