// src/contract is what the server and agent-ui/ share: it may use only itself, the pure core's
// types and words, and TypeBox, so the browser build never pulls in the server. The pages take
// from it (and from anything else under src/) types only, which leave nothing in the bundle, except
// values of a contract file that imports nothing (a constant both sides must agree on, such as the
// phone's line header): it brings nothing else into the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : filesUnder(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every import and re-export of a file: what it names and whether it takes types only. */
function importsOf(file: string): { source: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)].map((m) => ({ source: m[3] ?? '', typeOnly: m[2] !== undefined }));
}

const inside = (file: string, source: string, folder: string): boolean => path.resolve(path.dirname(file), source).startsWith(path.join(ROOT, folder) + path.sep);

/** A file of src/contract that imports nothing: its values bring nothing else into a page's bundle. */
function standsAlone(file: string, source: string): boolean {
  if (!inside(file, source, 'src/contract')) return false;
  const target = path.resolve(path.dirname(file), source).replace(/\.js$/, '.ts');
  return importsOf(target).length === 0;
}

describe('the shared contract', () => {
  it('src/contract imports only src/contract, src/domain and @sinclair/typebox', () => {
    const files = filesUnder(path.join(ROOT, 'src/contract'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const { source } of importsOf(file)) {
        const allowed = source === '@sinclair/typebox' || (source.startsWith('.') && (inside(file, source, 'src/contract') || inside(file, source, 'src/domain')));
        expect(allowed, `${path.relative(ROOT, file)} imports ${source}`).toBe(true);
      }
    }
  });

  it('agent-ui takes only types from the server tree and from TypeBox (values of a contract file that imports nothing)', () => {
    for (const file of filesUnder(path.join(ROOT, 'agent-ui/src'))) {
      for (const { source, typeOnly } of importsOf(file)) {
        const server = source.startsWith('.') && inside(file, source, 'src') && !standsAlone(file, source);
        if (server || source === '@sinclair/typebox') expect(typeOnly, `${path.relative(ROOT, file)} imports ${source} as a value`).toBe(true);
      }
    }
  });
});
