// Reads one YAML file of the flow directory: size limit, strict UTF-8, YAML syntax and duplicate keys
// (with the path of the duplicate), each a problem with its code. Never throws.
import fs from 'node:fs';
import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { flowProblem, type FlowProblem } from '../../domain/ivr/flow-problems.js';

export interface YamlRead {
  /** The parsed document, when the file could be read and parsed without problems. */
  readonly value?: unknown;
  readonly problems: FlowProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The dotted path of the pair whose key starts at `offset` (a duplicate key's position). */
function pathAtKey(doc: Document, offset: number): string {
  let found = '';
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const parts: string[] = [];
      ancestors.forEach((node, i) => {
        const child = ancestors[i + 1] ?? pair;
        if (isPair(node) && isScalar(node.key)) parts.push(String(node.key.value));
        if (isSeq(node)) parts.push(String(node.items.indexOf(child as never)));
      });
      found = [...parts, String(pair.key.value)].join('.');
      return visit.BREAK;
    },
  });
  return found;
}

function yamlProblem(file: string, doc: Document, lines: LineCounter, error: YAMLError): FlowProblem {
  const { line, col } = lines.linePos(error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') {
    return flowProblem(file, pathAtKey(doc, error.pos[0]), 'FLOW_DUPLICATE_KEY', `the same key appears twice in one mapping (line ${line}, column ${col})`);
  }
  const text = error.message.split('\n')[0] ?? error.message;
  return flowProblem(file, '', 'FLOW_YAML_INVALID', `line ${line}, column ${col}: ${text}`);
}

/** Parses YAML text already decoded; duplicate keys and syntax errors become problems. */
export function parseYaml(text: string, file: string): YamlRead {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => yamlProblem(file, doc, lines, e)) };
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, problems: [] };
  } catch (error) {
    return { problems: [flowProblem(file, '', 'FLOW_YAML_INVALID', errorMessage(error))] };
  }
}

export function decodeUtf8(bytes: Uint8Array, file: string): { text?: string; problems: FlowProblem[] } {
  try {
    return { text: utf8.decode(bytes), problems: [] };
  } catch {
    return { problems: [flowProblem(file, '', 'FLOW_ENCODING_INVALID', 'not valid UTF-8 text (save the file as UTF-8, e.g. not GBK)')] };
  }
}

/** Reads, decodes and parses a YAML file; a file over maxBytes is refused before it is parsed. */
export function readYamlFile(absolutePath: string, file: string, maxBytes = Number.POSITIVE_INFINITY): YamlRead {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolutePath);
  } catch (error) {
    return { problems: [flowProblem(file, '', 'FLOW_FILE_UNREADABLE', `cannot read the file: ${errorMessage(error)}`)] };
  }
  if (bytes.length > maxBytes) {
    return { problems: [flowProblem(file, '', 'FLOW_TOO_LARGE', `${bytes.length} bytes; a file may have at most ${maxBytes}`)] };
  }
  const decoded = decodeUtf8(bytes, file);
  if (decoded.text === undefined) return { problems: decoded.problems };
  return parseYaml(decoded.text, file);
}

