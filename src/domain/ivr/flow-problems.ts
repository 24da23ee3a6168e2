// What the flow checker (and the loader in front of it) reports: one problem per mistake, with the
// file, the path inside it and a stable code. Tests and tools rely on the codes, never on the text.

export const FLOW_PROBLEM_CODES = [
  'FLOW_FILE_UNREADABLE',
  'FLOW_YAML_INVALID',
  'FLOW_ENCODING_INVALID',
  'FLOW_SCHEMA_VIOLATION',
  'FLOW_ID_INVALID',
  'FLOW_START_MISSING',
  'FLOW_UNKNOWN_TARGET',
  'FLOW_UNKNOWN_FLOW',
  'FLOW_UNREACHABLE_NODE',
  'FLOW_MENU_NO_INPUT_ROUTE',
  'FLOW_NO_KEY_LOOP',
  'FLOW_DUPLICATE_KEY',
  'FLOW_UNKNOWN_QUEUE',
  'FLOW_UNKNOWN_PROMPT',
  'FLOW_PROMPT_AUDIO_MISSING',
  'FLOW_BAD_CALENDAR',
  'FLOW_TOO_LARGE',
  'FLOW_ROUTES_INVALID',
  'FLOW_SAY_EMPTY',
  'FLOW_UNKNOWN_VARIABLE',
  'FLOW_ENTRY_NEEDS_VARIABLES',
] as const;

export type FlowProblemCode = (typeof FLOW_PROBLEM_CODES)[number];

export interface FlowProblem {
  /** The file, relative to the flow directory (e.g. main.yaml, prompts/zh-CN.yaml, routes.yaml). */
  readonly file: string;
  /** Where in the file, as dotted keys (e.g. nodes.menu.options.3.next); '' for the whole file. */
  readonly path: string;
  readonly code: FlowProblemCode;
  readonly message: string;
}

export function flowProblem(file: string, path: string, code: FlowProblemCode, message: string): FlowProblem {
  return { file, path, code, message };
}

/** The one-line form `file:path CODE message` that `npm run flows:check` prints. */
export function formatProblem(problem: FlowProblem): string {
  return `${problem.file}:${problem.path} ${problem.code} ${problem.message}`;
}

/** Flow ids (file names), node ids and schedule ids share one shape: lower-case words joined by '-'. */
export const FLOW_ID_PATTERN = '^[a-z][a-z0-9-]{0,62}$';
