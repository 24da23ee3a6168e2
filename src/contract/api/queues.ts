// GET /api/queues: live figures per queue for the wallboard (the ACD's QueueStats as they are).
import { Type, type Static } from '@sinclair/typebox';
import type { QueueStats as AcdQueueStats } from '../../domain/acd/queue-stats.js';
import type { Assert, SameShape } from './same-shape.js';
import { Nullable } from './schema-parts.js';

const Count = Type.Integer({ minimum: 0 });
const Ms = Type.Number({ minimum: 0 });

export const QueueStats = Type.Object({
  queueId: Type.String(),
  name: Type.String(),
  waiting: Type.Integer({ description: 'Callers on the line waiting (callbacks apart)' }),
  callbacksWaiting: Count,
  longestWaitSeconds: Type.Integer({ description: 'Longest current wait, seconds since the first enqueue' }),
  agents: Type.Object(
    { logged_out: Count, available: Count, offered: Count, on_call: Count, wrap_up: Count, paused: Count, unreachable: Count },
    { description: 'Agents able to serve the queue, by state; unreachable counts logged-in ones' },
  ),
  counters: Type.Object(
    {
      offered: Count,
      answered: Count,
      answeredBySecondChoice: Type.Integer({ minimum: 0, description: "Of answered, taken by an agent of the queue's second choice" }),
      answeredInThreshold: Count,
      totalAnswerWaitMs: Ms,
      abandoned: Count,
      shortAbandoned: Count,
      totalAbandonWaitMs: Ms,
      overflowed: Count,
      rejected: Count,
      ringNoAnswer: Count,
      offerFailures: Type.Integer({ minimum: 0, description: 'Offers the phone system could not ring (the agent was not paused)' }),
      handled: Count,
      totalHandleMs: Ms,
      callbacksRequested: Count,
      callbacksConnected: Count,
      callbacksFailed: Count,
    },
    { description: 'Since the start of the China day' },
  ),
  kpis: Type.Object({
    serviceLevel: Nullable(Type.Number({ description: 'Answered within threshold / answered, 0..1' })),
    asaSeconds: Nullable(Type.Number()),
    ahtSeconds: Nullable(Type.Number()),
    abandonRate: Nullable(Type.Number()),
  }),
});
export type QueueStats = Static<typeof QueueStats>;
export type _QueueStatsAreTheAcds = Assert<SameShape<QueueStats, AcdQueueStats>>;

export const QueuesReply = Type.Object({ queues: Type.Array(QueueStats) });
export type QueuesReply = Static<typeof QueuesReply>;
