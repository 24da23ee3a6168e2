// A file of the flow directory read through the one data-file reader, its problems in the flow
// checker's words: the reader's codes become FLOW_* codes and paths the flows' dotted form
// (`nodes.route.cases.0.next`), as `npm run flows:check` and the flow tests know them. Never throws.
import { flowProblem, type FlowProblem, type FlowProblemCode } from '../../domain/ivr/flow-problems.js';
import type { DataFileProblemCode } from '../files/data-file-problem.js';
import { readDataFile } from '../files/data-file.js';

export interface YamlRead {
  /** The parsed document, when the file could be read and parsed without problems. */
  readonly value?: unknown;
  readonly problems: FlowProblem[];
}

// The flow problem codes are fixed by the checker; an alias bomb is a YAML mistake to a flow's author.
const FLOW_CODES: Record<DataFileProblemCode, FlowProblemCode> = {
  DATA_FILE_UNREADABLE: 'FLOW_FILE_UNREADABLE',
  DATA_FILE_TOO_LARGE: 'FLOW_TOO_LARGE',
  DATA_FILE_ENCODING_INVALID: 'FLOW_ENCODING_INVALID',
  DATA_FILE_YAML_INVALID: 'FLOW_YAML_INVALID',
  DATA_FILE_DUPLICATE_KEY: 'FLOW_DUPLICATE_KEY',
  DATA_FILE_TOO_MANY_ALIASES: 'FLOW_YAML_INVALID',
};

/** Reads, decodes and parses a YAML file of the flows; `file` is how problems name it. */
export function readYamlFile(absolutePath: string, file: string, maxBytes?: number): YamlRead {
  const read = readDataFile(absolutePath, { name: file, ...(maxBytes === undefined ? {} : { limits: { maxBytes } }) });
  const problems = read.problems.map((p) => flowProblem(p.file, p.path.replace(/\[(\d+)\]/g, (_, index: string) => `.${index}`).replace(/^\./, ''), FLOW_CODES[p.code], p.message));
  return problems.length > 0 ? { problems } : { value: read.value, problems };
}
