// Start-up waits for ARI before taking calls: without it no call can be answered, and the calls a
// killed run left cannot be settled.
import type { AriClient } from '../adapters/ari/ari-client.js';

/** True once ARI is connected; false when it did not answer within `timeoutMs`. */
export async function waitForAri(ari: AriClient, timeoutMs: number): Promise<boolean> {
  if (ari.connected) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ari.off('connected', onConnected);
      resolve(false);
    }, timeoutMs);
    const onConnected = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    ari.once('connected', onConnected);
  });
}
