// The ACD's configuration files: queues (fixtures/queues.yaml) and agents (fixtures/agents.yaml), read
// through the one data-file loader; agents are checked against the queues that exist.
import type { AcdConfig, AgentProfile } from '../../domain/acd/acd-config.js';
import { parseAgents } from '../../domain/acd/parse-agents.js';
import { parseQueues } from '../../domain/acd/parse-queues.js';
import { DataFileError } from '../files/data-file-error.js';
import { parsedOrThrow, readDataFile } from '../files/data-file.js';

/** Reads both files; throws DataFileError listing every problem (both files' when they cannot be read). */
export function loadAcdFiles(queuesFile: string, agentsFile: string): { config: AcdConfig; agents: readonly AgentProfile[] } {
  const queuesRead = readDataFile(queuesFile);
  const agentsRead = readDataFile(agentsFile);
  const unreadable = [...queuesRead.problems, ...agentsRead.problems];
  if (unreadable.length > 0) throw new DataFileError(unreadable);
  const config = parsedOrThrow(queuesFile, parseQueues(queuesRead.value));
  const agents = parsedOrThrow(agentsFile, parseAgents(agentsRead.value, config.queues.map((q) => q.id)));
  return { config, agents };
}
