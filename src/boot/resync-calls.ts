// After an ARI or AMI reconnect: calls whose channel vanished while the link was down are closed with
// their ticket, callbacks that stopped ringing meanwhile count as not answered, and agents' lines that
// ended meanwhile are lost lines (Asterisk sent their ends to nobody). AMI carries the end of a
// survey Asterisk runs in its dialplan, so its outage loses those ends as ARI's loses the others.
// Callers who entered the application while the event socket was going down are in the same list
// (`found`), with nothing else to announce them.
import type { AriClient } from '../adapters/ari/ari-client.js';
import type { Channel } from '../adapters/ari/ari-models.js';
import type { Logger } from '../logging/logger.js';

/** Anything that keeps channels and must learn which vanished (the live calls, the agents' lines). */
export interface Reconciled {
  reconcile(present: ReadonlySet<string>, listedAt: number): void;
}

/**
 * Waits between attempts when Asterisk does not answer the list (too busy right after the outage,
 * or gone again): a first retry soon, then less often.
 */
const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000] as const;
/**
 * Attempts before giving up (about three minutes): past that Asterisk is not busy but gone, which
 * the watch on both links settles (HOTLINE_PBX_LOST_AFTER_SECONDS), and a stopped server's resync
 * does not go on asking.
 */
const ATTEMPTS = 10;

const unrefSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export interface ResyncOptions {
  /** Every channel Asterisk listed, after the holders were reconciled (callers never announced). */
  readonly found?: (channels: readonly Channel[]) => void;
  /** The wait between attempts (a test's own). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The resync, asked again until Asterisk answers (or ATTEMPTS times): a reconnect whose check was
 * lost would otherwise leave calls open that ended during the outage. A newer reconnect's resync
 * takes over from an older one still waiting to retry.
 */
export function callResync(ari: Pick<AriClient, 'listChannels'>, holders: readonly Reconciled[], logger: Logger, options: ResyncOptions = {}): (link: 'ARI' | 'AMI') => Promise<void> {
  const { found = () => undefined, sleep = unrefSleep } = options;
  let generation = 0;
  return async (link) => {
    const mine = (generation += 1);
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const retryMs = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] ?? 30_000;
      try {
        const listedAt = Date.now();
        const channels = await ari.listChannels();
        if (mine !== generation) return;
        const present = new Set(channels.map((channel) => channel.id));
        for (const holder of holders) holder.reconcile(present, listedAt);
        found(channels);
        logger.info({ channels: channels.length, link, attempt }, 'calls resynced with Asterisk after a reconnect');
        return;
      } catch (error) {
        logger.warn({ err: error, link, attempt, retryMs }, 'calls could not be resynced with Asterisk after a reconnect; asking again');
      }
      if (attempt + 1 === ATTEMPTS) break;
      await sleep(retryMs);
      if (mine !== generation) return;
    }
    logger.error({ link, attempts: ATTEMPTS }, 'calls were not resynced with Asterisk after a reconnect: it never answered');
  };
}
