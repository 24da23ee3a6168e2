// No import cycle anywhere in src/ or agent-ui/src, type-only imports included: two modules that
// import each other are one module split in the wrong place (and a runtime cycle makes the order of
// evaluation decide what is undefined). The graph is read with the TypeScript compiler itself, with
// each tree's own tsconfig, so it resolves exactly what tsc resolves.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TREES = [
  { tsconfig: 'tsconfig.json', under: 'src/' },
  { tsconfig: 'agent-ui/tsconfig.json', under: 'agent-ui/src/' },
] as const;

type Graph = Map<string, Set<string>>;

function parsedConfig(tsconfig: string): ts.ParsedCommandLine {
  const file = path.join(ROOT, tsconfig);
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(file));
}

const inScope = (file: string): boolean => TREES.some((tree) => file.startsWith(path.join(ROOT, tree.under)));

/** Every `import`, `import type`, `export … from` and `import()` of each file, resolved to a file. */
function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const tree of TREES) {
    const { options, fileNames } = parsedConfig(tree.tsconfig);
    for (const file of fileNames.map((name) => path.resolve(name)).filter(inScope)) {
      const edges = graph.get(file) ?? new Set<string>();
      graph.set(file, edges);
      const text = ts.sys.readFile(file) ?? '';
      for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
        const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport && inScope(path.resolve(resolved.resolvedFileName))) edges.add(path.resolve(resolved.resolvedFileName));
      }
    }
  }
  return graph;
}

/** Tarjan's strongly connected components: each one with more than one file (or a file importing itself) holds a cycle. */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.has(file)) found.push(component.map((f) => path.relative(ROOT, f)).sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  const graph = importGraph();

  it('reads both trees', () => {
    const files = [...graph.keys()].map((f) => path.relative(ROOT, f));
    expect(files).toContain(path.join('src', 'main.ts'));
    expect(files.some((f) => f.startsWith(path.join('agent-ui', 'src')))).toBe(true);
    // The walk sees edges at all: a broken resolver would find no cycle because it found no import.
    expect([...graph.values()].reduce((n, edges) => n + edges.size, 0)).toBeGreaterThan(graph.size);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const a = path.join(ROOT, 'src/a.ts');
    const b = path.join(ROOT, 'src/b.ts');
    const c = path.join(ROOT, 'src/c.ts');
    const cyclic: Graph = new Map([
      [a, new Set([b])],
      [b, new Set([c])],
      [c, new Set([a])],
    ]);
    expect(cycles(cyclic)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
  });
});
