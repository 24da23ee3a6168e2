// Reads a YAML data file checked by a pure parser at start-up (dispatch rules, QA forms, users);
// a bad file stops the server with every problem listed and the file's own error code.
import fs from 'node:fs';
import { parse } from 'yaml';
import type { ConfigError, ParseResult } from '../../domain/acd/acd-config.js';

export class DataFileError extends Error {
  constructor(
    readonly code: string,
    readonly file: string,
    readonly problems: readonly ConfigError[],
  ) {
    super(`${file} has ${problems.length} problem(s):\n${problems.map((p) => `  ${file}:${p.path} ${p.code} ${p.message}`).join('\n')}`);
  }
}

export function loadDataFile<T>(file: string, code: string, parser: (raw: unknown) => ParseResult<T>): T {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(code, file, [{ code: `${code}_FILE`, path: '', message: (error as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const result = parser(raw);
  if (!result.ok) throw new DataFileError(code, file, result.errors);
  return result.value;
}
