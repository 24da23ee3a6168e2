// Reads the request taxonomy (fixtures/categories.yaml by default) at start-up; a bad file stops the
// server with every problem listed, like the flows and the ACD files.
import fs from 'node:fs';
import { parse } from 'yaml';
import type { ConfigError } from '../../domain/acd/acd-config.js';
import { parseCategories, type Taxonomy } from '../../domain/tickets/categories.js';

export class CategoryFileError extends Error {
  readonly code = 'CATEGORIES_INVALID';
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigError[],
  ) {
    super(`${file} has ${problems.length} problem(s):\n${problems.map((p) => `  ${file}:${p.path} ${p.code} ${p.message}`).join('\n')}`);
  }
}

export function loadCategories(file: string): Taxonomy {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CategoryFileError(file, [{ code: 'CATEGORY_FILE_INVALID', path: '', message: (error as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const result = parseCategories(raw);
  if (!result.ok) throw new CategoryFileError(file, result.errors);
  return result.value;
}
