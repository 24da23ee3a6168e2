// After an ARI reconnect: calls whose channel vanished while the link was down are closed with their
// ticket (Asterisk sent their hang-ups to nobody).
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { LiveCalls } from '../app/calls/live-calls.js';
import type { Logger } from '../logging/logger.js';

export async function resyncCalls(ari: AriClient, callService: Pick<LiveCalls, 'reconcile'>, logger: Logger): Promise<void> {
  try {
    const channels = await ari.listChannels();
    callService.reconcile(new Set(channels.map((channel) => channel.id)));
    logger.info({ channels: channels.length }, 'ARI resynced after reconnect');
  } catch (error) {
    logger.warn({ err: error }, 'ARI resync failed');
  }
}
