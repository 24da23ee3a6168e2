// What the one data-file reader reports: one problem per mistake, with the file, the path inside the
// document and a stable code. The pure parsers behind it add their own codes in the same shape.

export const DATA_FILE_PROBLEM_CODES = [
  'DATA_FILE_UNREADABLE',
  'DATA_FILE_TOO_LARGE',
  'DATA_FILE_ENCODING_INVALID',
  'DATA_FILE_YAML_INVALID',
  'DATA_FILE_DUPLICATE_KEY',
  'DATA_FILE_TOO_MANY_ALIASES',
] as const;

export type DataFileProblemCode = (typeof DATA_FILE_PROBLEM_CODES)[number];

export interface DataFileProblem<Code extends string = string> {
  /** The file as its owner names it (a path, or a name relative to its folder). */
  readonly file: string;
  /** Where in the document, e.g. `queues[2].overflow.to`; '' for the whole file. */
  readonly path: string;
  readonly code: Code;
  readonly message: string;
}

export function dataFileProblem(file: string, path: string, code: DataFileProblemCode, message: string): DataFileProblem<DataFileProblemCode> {
  return { file, path, code, message };
}

/** The one-line form `file:path CODE message` every loader prints. */
export function formatDataFileProblem(problem: DataFileProblem): string {
  return `${problem.file}:${problem.path} ${problem.code} ${problem.message}`;
}
