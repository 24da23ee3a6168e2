// Parses a data file's text as one YAML document: syntax errors, duplicate keys and aliases past the
// limit each become a problem with the path where they are. Never throws.
import { LineCounter, parseDocument, visit, type Alias, type Document, type YAMLError } from 'yaml';
import { dataFileProblem, type DataFileProblem, type DataFileProblemCode } from './data-file-problem.js';
import { yamlPathAt } from './yaml-path.js';

export interface YamlValue {
  /** The document as plain data, when it parsed without problems. */
  readonly value?: unknown;
  readonly problems: DataFileProblem<DataFileProblemCode>[];
}

function syntaxProblem(name: string, doc: Document, lines: LineCounter, error: YAMLError): DataFileProblem<DataFileProblemCode> {
  const { line, col } = lines.linePos(error.pos[0]);
  const path = yamlPathAt(doc, error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') return dataFileProblem(name, path, 'DATA_FILE_DUPLICATE_KEY', `the same key appears twice in one mapping (line ${line}, column ${col})`);
  const text = error.message.split('\n')[0] ?? error.message;
  return dataFileProblem(name, path, 'DATA_FILE_YAML_INVALID', `line ${line}, column ${col}: ${text}`);
}

function aliasesOf(doc: Document): Alias[] {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  return aliases;
}

/** Counted before the document is resolved, so a file full of aliases is refused without expanding them. */
function aliasProblem(name: string, doc: Document, aliases: readonly Alias[], maxAliases: number): DataFileProblem<DataFileProblemCode> | undefined {
  const over = aliases[maxAliases];
  if (!over) return undefined;
  const path = yamlPathAt(doc, over.range?.[0] ?? -1);
  return dataFileProblem(name, path, 'DATA_FILE_TOO_MANY_ALIASES', `${aliases.length} aliases (*${over.source} is one too many); a file may have at most ${maxAliases}`);
}

/** Resolving can still fail: an alias whose anchor is not above it, or few aliases that expand enormously. */
function resolveProblem(name: string, doc: Document, aliases: readonly Alias[], error: unknown): DataFileProblem<DataFileProblemCode> {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias count/i.test(message)) return dataFileProblem(name, '', 'DATA_FILE_TOO_MANY_ALIASES', `its aliases expand past the limit: ${message}`);
  const unresolved = aliases.find((alias) => alias.resolve(doc) === undefined);
  return dataFileProblem(name, unresolved ? yamlPathAt(doc, unresolved.range?.[0] ?? -1) : '', 'DATA_FILE_YAML_INVALID', message);
}

export function parseYamlDocument(text: string, name: string, maxAliases: number): YamlValue {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) return { problems: doc.errors.map((error) => syntaxProblem(name, doc, lines, error)) };
  const aliases = aliasesOf(doc);
  const tooMany = aliasProblem(name, doc, aliases, maxAliases);
  if (tooMany) return { problems: [tooMany] };
  try {
    return { value: doc.toJS({ maxAliasCount: maxAliases }) as unknown, problems: [] };
  } catch (error) {
    return { problems: [resolveProblem(name, doc, aliases, error)] };
  }
}
