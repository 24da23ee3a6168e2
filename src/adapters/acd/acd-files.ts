// The ACD's configuration files: queues (fixtures/queues.yaml) and agents (fixtures/agents.yaml).
import fs from 'node:fs';
import { parse } from 'yaml';
import type { AcdConfig, AgentProfile, ConfigError } from '../../domain/acd/acd-config.js';
import { parseAgents } from '../../domain/acd/parse-agents.js';
import { parseQueues } from '../../domain/acd/parse-queues.js';

export interface AcdFileProblem extends ConfigError {
  readonly file: string;
}

export class AcdConfigError extends Error {
  readonly code = 'ACD_CONFIG_INVALID';
  constructor(readonly problems: readonly AcdFileProblem[]) {
    super(`The ACD configuration has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.file}:${p.path} ${p.code} ${p.message}`).join('\n')}`);
  }
}

function readYaml(file: string): { value?: unknown; problem?: AcdFileProblem } {
  try {
    return { value: parse(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    return { problem: { file, path: '', code: 'ACD_FILE_INVALID', message: (error as Error).message.split('\n')[0] ?? 'unreadable' } };
  }
}

/** Reads both files; throws AcdConfigError listing every problem. */
export function loadAcdFiles(queuesFile: string, agentsFile: string): { config: AcdConfig; agents: readonly AgentProfile[] } {
  const queuesRaw = readYaml(queuesFile);
  const agentsRaw = readYaml(agentsFile);
  const fileProblems = [queuesRaw.problem, agentsRaw.problem].filter((p): p is AcdFileProblem => p !== undefined);
  if (fileProblems.length > 0) throw new AcdConfigError(fileProblems);
  const queues = parseQueues(queuesRaw.value);
  if (!queues.ok) throw new AcdConfigError(queues.errors.map((e) => ({ ...e, file: queuesFile })));
  const agents = parseAgents(agentsRaw.value, queues.value.queues.map((q) => q.id));
  if (!agents.ok) throw new AcdConfigError(agents.errors.map((e) => ({ ...e, file: agentsFile })));
  return { config: queues.value, agents: agents.value };
}
