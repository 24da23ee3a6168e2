// Wires the PBX loss watch to the ARI and AMI clients: a link that had been up and went down counts,
// a first connection that never came up does not (a standby's unstarted links, a start that fails).
import type { AmiClient } from '../adapters/ami/ami-client.js';
import type { AriClient } from '../adapters/ari/ari-client.js';
import { NodeTimers } from '../adapters/clock/node-timers.js';
import { PbxLossWatch } from '../app/pbx-loss-watch.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';

export interface PbxLossParts {
  readonly ari: AriClient;
  readonly ami: AmiClient;
  readonly logger: Logger;
  readonly lost: () => void;
  readonly back: () => void;
}

export function watchPbxLoss(config: Pick<Config, 'pbxLostAfterMs'>, parts: PbxLossParts): { stop: () => void } {
  const timers = new NodeTimers();
  const watch = new PbxLossWatch({ timers, lostAfterMs: config.pbxLostAfterMs, lost: parts.lost, back: parts.back, logger: parts.logger });
  parts.ari.on('connected', () => watch.linkUp('ari'));
  parts.ami.on('connected', () => watch.linkUp('ami'));
  parts.ari.on('disconnected', ({ wasConnected }) => wasConnected && watch.linkDown('ari'));
  parts.ami.on('disconnected', ({ wasConnected }) => wasConnected && watch.linkDown('ami'));
  return {
    stop: () => {
      watch.stop();
      timers.cancelAll();
    },
  };
}
