// The path inside a YAML document of what sits at a source offset, in the notation the pure parsers
// use (`queues[2].overflow.to`), so a syntax error or a duplicate key is named like any other problem.
import { isMap, isNode, isScalar, isSeq, type Document, type Pair } from 'yaml';

type Span = readonly [start: number, end: number];

function join(base: string, key: string | number): string {
  return typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;
}

function nodeSpan(node: unknown): Span | undefined {
  const range = isNode(node) ? node.range : undefined;
  return range ? [range[0], range[2]] : undefined;
}

/** From the key's first character to the value's last: where a pair's mistakes can be. */
function pairSpan(pair: Pair): Span | undefined {
  const key = nodeSpan(pair.key);
  const value = nodeSpan(pair.value);
  const start = key?.[0] ?? value?.[0];
  const end = value?.[1] ?? key?.[1];
  return start === undefined || end === undefined ? undefined : [start, end];
}

// A mistake at a node's very end (a quote never closed) belongs to it when no node starts there.
function pick<T>(items: readonly T[], span: (item: T) => Span | undefined, offset: number): number {
  const strict = items.findIndex((item) => {
    const s = span(item);
    return s !== undefined && s[0] <= offset && offset < s[1];
  });
  return strict >= 0 ? strict : items.findIndex((item) => span(item)?.[1] === offset);
}

function descend(node: unknown, offset: number, path: string): string {
  if (isMap(node)) {
    const pair = node.items[pick(node.items, pairSpan, offset)];
    if (pair) return descend(pair.value, offset, join(path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)));
  }
  if (isSeq(node)) {
    const index = pick(node.items, nodeSpan, offset);
    if (index >= 0) return descend(node.items[index], offset, join(path, index));
  }
  return path;
}

/** The deepest key or item at `offset`; '' when it is outside every one (e.g. the document's start). */
export function yamlPathAt(doc: Document, offset: number): string {
  return descend(doc.contents, offset, '');
}
