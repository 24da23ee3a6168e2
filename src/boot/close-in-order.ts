// The server's stop: each part after the one before it (HTTP first so no new work comes in, the
// database last so every ticket is written), once however often it is asked for.
import type { Logger } from '../logging/logger.js';

export type StopStep = () => unknown;

/** A close that runs `steps` one after another the first time, and returns that same run after. */
export function closeInOrder(steps: readonly StopStep[], logger: Logger): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      for (const step of steps) await step();
      logger.info('hotline server stopped');
    })();
    return closing;
  };
}
