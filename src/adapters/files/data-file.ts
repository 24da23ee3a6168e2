// The one reader every data file goes through (flows, queues, agents, categories, users, dispatch
// rules, QA forms, calendar, schedules): size limit, strict UTF-8, YAML syntax, duplicate keys and
// aliases, each a problem naming the file and the path; then the file's own pure parser.
import type { ParseResult } from '../../domain/acd/acd-config.js';
import { DataFileError } from './data-file-error.js';
import { DEFAULT_DATA_FILE_LIMITS, type DataFileLimits } from './data-file-limits.js';
import type { DataFileProblem, DataFileProblemCode } from './data-file-problem.js';
import { readDataText } from './data-text.js';
import { parseYamlDocument } from './yaml-document.js';

export interface DataFileOptions {
  /** How problems name the file; its path by default. */
  readonly name?: string;
  readonly limits?: Partial<DataFileLimits>;
}

export interface DataFileRead {
  /** The document as plain data, when it could be read and parsed without problems. */
  readonly value?: unknown;
  readonly problems: DataFileProblem<DataFileProblemCode>[];
}

/** Reads and parses one YAML data file; problems come back as data, never thrown. */
export function readDataFile(file: string, options: DataFileOptions = {}): DataFileRead {
  const name = options.name ?? file;
  const limits = { ...DEFAULT_DATA_FILE_LIMITS, ...options.limits };
  const read = readDataText(file, name, limits.maxBytes);
  if (read.text === undefined) return { problems: read.problems };
  return parseYamlDocument(read.text, name, limits.maxAliases);
}

/** A pure parser's value, or DataFileError with its problems, each naming `file`. */
export function parsedOrThrow<T>(file: string, result: ParseResult<T>): T {
  if (!result.ok) throw new DataFileError(result.errors.map((error) => ({ ...error, file })));
  return result.value;
}

/** Reads a file and checks it with its pure parser; throws DataFileError listing every problem. */
export function loadDataFile<T>(file: string, parse: (raw: unknown) => ParseResult<T>, options: DataFileOptions = {}): T {
  const read = readDataFile(file, options);
  if (read.problems.length > 0) throw new DataFileError(read.problems);
  return parsedOrThrow(options.name ?? file, parse(read.value));
}
