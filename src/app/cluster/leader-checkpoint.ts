// What the ACD leader saves in its checkpoint (the engine's snapshot, the calls' PBXs, the senders'
// last numbers) and how a new term is begun from it. A checkpoint that cannot be restored (damaged,
// or of a version this server does not read) must not keep every server from leading: the log is
// replayed from its oldest entry instead, which rebuilds what it still holds, and the loss is logged.
import type { AcdEngine } from '../../domain/acd/acd-engine.js';
import type { AcdCommand } from '../../domain/acd/acd-protocol.js';
import type { AcdSnapshot } from '../../domain/acd/acd-snapshot.js';
import { AcdRoutes } from '../../domain/cluster/acd-routes.js';
import { SenderSequences } from '../../domain/cluster/sender-sequences.js';
import type { Logger } from '../../logging/logger.js';
import type { AcdCheckpoint } from '../ports/acd-checkpoints.js';

export interface SavedState {
  readonly engine: AcdSnapshot;
  readonly routes: Record<string, string>;
  /** Absent in checkpoints written before senders stamped their events. */
  readonly senders?: Record<string, number>;
}

export interface RestoredEngine {
  readonly engine: AcdEngine;
  /** The timers the restored engine has booked. */
  readonly commands: readonly AcdCommand[];
  /** Calls of queues the configuration no longer has. */
  readonly dropped?: readonly { readonly callId: string; readonly queueId: string }[];
}

/** A fresh engine, or one restored from a checkpoint. */
export type EngineFactory = (saved: AcdSnapshot | null) => RestoredEngine;

export interface RestoredTerm {
  readonly restored: RestoredEngine;
  readonly routes: AcdRoutes;
  readonly senders: SenderSequences;
  /** The last event the checkpoint includes (`0-0`: none, replay the whole log). */
  readonly lastId: string;
}

export function restoreTerm(checkpoint: AcdCheckpoint | null, engine: EngineFactory, log: Logger): RestoredTerm {
  if (checkpoint) {
    try {
      const saved = JSON.parse(checkpoint.state) as SavedState;
      const restored = engine(saved.engine);
      if (restored.dropped?.length) log.error({ calls: restored.dropped.map((c) => c.callId) }, 'calls of queues no longer configured were left out of the ACD; their workers send them to the human fallback');
      return { restored, routes: new AcdRoutes(saved.routes), senders: new SenderSequences(saved.senders), lastId: checkpoint.lastId };
    } catch (error) {
      log.error({ err: error, code: 'ACD_CHECKPOINT_UNREADABLE', checkpointEventId: checkpoint.lastId }, 'the ACD checkpoint cannot be restored; replaying the whole event log instead');
    }
  }
  return { restored: engine(null), routes: new AcdRoutes(), senders: new SenderSequences(), lastId: '0-0' };
}
