// Channel names by id, as Asterisk's events and originate answers gave them, for requests that
// Asterisk resolves with `ast_channel_get_by_name` (a hang-up among them). Its default channel
// storage (ao2_legacy, the one Debian's Asterisk 22 is built with) finds a name in a hash, but an
// id only by walking every channel, locking each, while holding the one lock a new channel (a
// caller's INVITE) must take: asked by id, each hang-up held up the calls arriving meanwhile.
import type { AriEvent } from './ari-events.js';

export class ChannelNames {
  private readonly byId = new Map<string, string>();

  /** Learns from an event's channel; forgets at its end (after StasisEnd no more events come for it). */
  seen(event: AriEvent): void {
    if (!('channel' in event) || event.channel === undefined) return;
    const { id, name } = event.channel;
    if (event.type === 'StasisEnd' || event.type === 'ChannelDestroyed') this.byId.delete(id);
    else if (typeof name === 'string' && name !== '') this.byId.set(id, name);
  }

  /** From an answer that names a channel made by a request (an originate). */
  learned(channel: { readonly id?: unknown; readonly name?: unknown } | undefined): void {
    if (typeof channel?.id === 'string' && typeof channel.name === 'string' && channel.name !== '') this.byId.set(channel.id, channel.name);
  }

  nameOf(channelId: string): string | undefined {
    return this.byId.get(channelId);
  }

  /** How many channels' names are kept now. */
  get size(): number {
    return this.byId.size;
  }

  /** At a reconnect of the event stream: ends missed while it was down would leave names behind. */
  clear(): void {
    this.byId.clear();
  }
}
