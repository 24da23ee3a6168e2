// The server is the control plane of every call: each key a caller presses waits for its event
// loop. It needs little CPU, but on a machine shared with Asterisk it competes with hundreds of
// media threads, and the SIPp benchmark showed its latency (and then its calls) give way first
// when the CPU is busy. So it asks to be scheduled ahead of them: a niceness for itself, and, where
// Linux groups a session's processes (autogroup, where niceness only counts inside the group), for
// its group too. Without the right to (not root, no CAP_SYS_NICE) it says so and runs as it is.
import fs from 'node:fs';
import os from 'node:os';
import type { Logger } from '../../logging/logger.js';

export interface PriorityResult {
  readonly nice: number | null;
  readonly autogroup: boolean;
}

export function raiseProcessPriority(nice: number, logger: Logger, autogroupFile = '/proc/self/autogroup'): PriorityResult {
  if (nice === 0) return { nice: null, autogroup: false };
  let applied: number | null = null;
  try {
    os.setPriority(0, nice);
    applied = os.getPriority(0);
  } catch (error) {
    logger.info({ nice, reason: (error as Error).message }, 'could not change the server\'s scheduling priority; it runs as started');
    return { nice: null, autogroup: false };
  }
  let autogroup = false;
  try {
    if (fs.existsSync(autogroupFile)) {
      fs.writeFileSync(autogroupFile, String(nice));
      autogroup = true;
    }
  } catch (error) {
    logger.info({ nice, reason: (error as Error).message }, 'could not change the scheduling priority of the server\'s process group');
  }
  logger.info({ nice: applied, autogroup }, 'server scheduling priority set');
  return { nice: applied, autogroup };
}
