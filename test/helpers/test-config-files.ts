// Copies of the shipped configuration with test-sized times: short wrap-up, ring timeout,
// announcements and callbacks, and business hours that do not depend on when the test runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface QueueTweaks {
  readonly wrapUpSeconds?: number;
  readonly ringTimeoutSeconds?: number;
  readonly announceEverySeconds?: number;
  readonly callbackAfterSeconds?: number;
  readonly callbackRetrySeconds?: number;
}

export function testQueuesFile(tweaks: QueueTweaks = {}): string {
  const doc = parse(fs.readFileSync('fixtures/queues.yaml', 'utf8')) as { queues: Record<string, unknown>[] };
  for (const queue of doc.queues) {
    queue.wrapUpSeconds = tweaks.wrapUpSeconds ?? 2;
    queue.ringTimeoutSeconds = tweaks.ringTimeoutSeconds ?? 4;
    if (tweaks.announceEverySeconds !== undefined) queue.announceEverySeconds = tweaks.announceEverySeconds;
    if (tweaks.callbackAfterSeconds !== undefined) {
      queue.callback = { afterSeconds: tweaks.callbackAfterSeconds, maxAttempts: 2, retryDelaySeconds: tweaks.callbackRetrySeconds ?? 2 };
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'queues-')), 'queues.yaml');
  fs.writeFileSync(file, stringify(doc));
  return file;
}

/** A copy of ivr-flows/ whose enterprise desk is always open (or always closed). */
export function testFlowsDir(enterpriseDesk: 'open' | 'closed'): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flows-')), 'ivr-flows');
  fs.cpSync('ivr-flows', dir, { recursive: true });
  setEnterpriseDesk(dir, enterpriseDesk);
  return dir;
}

export function setEnterpriseDesk(dir: string, state: 'open' | 'closed'): void {
  const hours = state === 'open' ? '    always: true' : '    workingDay: []\n    nonWorkingDay: []';
  fs.writeFileSync(path.join(dir, 'schedules.yaml'), `schedules:\n  enterprise-desk:\n${hours}\n  always:\n    always: true\n`);
}
