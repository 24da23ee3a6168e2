// After an ARI or AMI reconnect: calls whose channel vanished while the link was down are closed with
// their ticket, callbacks that stopped ringing meanwhile count as not answered, and agents' lines that
// ended meanwhile are lost lines (Asterisk sent their ends to nobody). AMI carries the end of a
// survey Asterisk runs in its dialplan, so its outage loses those ends as ARI's loses the others.
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { Logger } from '../logging/logger.js';

/** Anything that keeps channels and must learn which vanished (the live calls, the agents' lines). */
export interface Reconciled {
  reconcile(present: ReadonlySet<string>, listedAt: number): void;
}

export async function resyncCalls(ari: AriClient, holders: readonly Reconciled[], logger: Logger, link: 'ARI' | 'AMI' = 'ARI'): Promise<void> {
  try {
    const listedAt = Date.now();
    const channels = await ari.listChannels();
    const present = new Set(channels.map((channel) => channel.id));
    for (const holder of holders) holder.reconcile(present, listedAt);
    logger.info({ channels: channels.length, link }, 'calls resynced with Asterisk after a reconnect');
  } catch (error) {
    logger.warn({ err: error, link }, 'calls could not be resynced with Asterisk after a reconnect');
  }
}
