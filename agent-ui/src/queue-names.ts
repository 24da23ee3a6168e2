// Queues by the names agents know them by (普通, 爱心专席) rather than their ids (general, elderly):
// work orders and calls carry the id only. Read once per page; without it the id is shown.
import { api } from './api.js';
import type { QueuesReply } from './api-types.js';

export type QueueNames = ReadonlyMap<string, string>;

let load: Promise<QueueNames> | null = null;

export function queueNames(): Promise<QueueNames> {
  load ??= api<QueuesReply>('GET', '/api/queues').then(
    ({ queues }) => new Map(queues.map((queue) => [queue.queueId, queue.name])),
    () => {
      // Asked again next time: a page open all day should not keep a passing failure.
      load = null;
      return new Map();
    },
  );
  return load;
}

/** The queue's name, or its id when the page has no name for it; '–' for none. */
export function queueLabel(names: QueueNames, queueId: string | null): string {
  return queueId === null ? '–' : (names.get(queueId) ?? queueId);
}
