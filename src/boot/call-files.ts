// The files every call needs, read before the first one comes: the queues and agents the ACD routes
// with (ACD_CONFIG_INVALID), and the flows with their schedules (FLOWS_INVALID).
import { loadAcdFiles } from '../adapters/acd/acd-files.js';
import { FlowRepository } from '../adapters/flows/flow-repository.js';
import type { Config } from '../config.js';
import type { AcdConfig, AgentProfile } from '../domain/acd/acd-config.js';
import type { Logger } from '../logging/logger.js';
import type { PbxConnection } from './pbx-resolution.js';
import { readStartupFile } from './startup-file.js';

export interface CallFiles {
  readonly acdConfig: AcdConfig;
  readonly agents: readonly AgentProfile[];
  /** Loaded and checked; not yet watching its folder. */
  readonly flows: FlowRepository;
}

export function loadCallFiles(config: Config, pbx: PbxConnection, logger: Logger): CallFiles {
  const { flowsDir, queues, agents: agentsFile, calendarDir } = config.files;
  // The ACD's files first: the flows read the queue ids too, and a bad queue file is the ACD's to report.
  const { config: acdConfig, agents } = readStartupFile('ACD_CONFIG_INVALID', `${queues} and ${agentsFile}`, () => loadAcdFiles(queues, agentsFile));
  const soundsDir = pbx.soundsDir ? { soundsDir: pbx.soundsDir } : {};
  const flows = readStartupFile('FLOWS_INVALID', flowsDir, () => new FlowRepository({ flowsDir, queuesFile: queues, calendarDir, ...soundsDir }, logger));
  return { acdConfig, agents, flows };
}
