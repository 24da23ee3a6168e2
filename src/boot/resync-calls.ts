// After an ARI reconnect: calls whose channel vanished while the link was down are closed with their
// ticket, and callbacks that stopped ringing meanwhile count as not answered (Asterisk sent their
// ends to nobody).
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import type { Logger } from '../logging/logger.js';

export async function resyncCalls(ari: AriClient, callService: Pick<LiveCalls, 'reconcile'>, logger: Logger): Promise<void> {
  try {
    const listedAt = Date.now();
    const channels = await ari.listChannels();
    callService.reconcile(new Set(channels.map((channel) => channel.id)), listedAt);
    logger.info({ channels: channels.length }, 'ARI resynced after reconnect');
  } catch (error) {
    logger.warn({ err: error }, 'ARI resync failed');
  }
}
