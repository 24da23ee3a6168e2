// After an ARI reconnect: calls whose channel vanished while the link was down are closed with their
// ticket, callbacks that stopped ringing meanwhile count as not answered, and agents' lines that
// ended meanwhile are lost lines (Asterisk sent their ends to nobody).
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { Logger } from '../logging/logger.js';

/** Anything that keeps channels and must learn which vanished (the live calls, the agents' lines). */
export interface Reconciled {
  reconcile(present: ReadonlySet<string>, listedAt: number): void;
}

export async function resyncCalls(ari: AriClient, holders: readonly Reconciled[], logger: Logger): Promise<void> {
  try {
    const listedAt = Date.now();
    const channels = await ari.listChannels();
    const present = new Set(channels.map((channel) => channel.id));
    for (const holder of holders) holder.reconcile(present, listedAt);
    logger.info({ channels: channels.length }, 'ARI resynced after reconnect');
  } catch (error) {
    logger.warn({ err: error }, 'ARI resync failed');
  }
}
