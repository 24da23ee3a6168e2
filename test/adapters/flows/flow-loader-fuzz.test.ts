// Property-based: flow files mutated at random (fields removed, values of the wrong type, hostile
// strings, unknown keys, raw bytes) never make the loader throw; it answers with a flow set or with
// problems whose codes are all known. The shipped flows are mutated the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadFlowDir } from '../../../src/adapters/flows/flow-loader.js';
import { FLOW_PROBLEM_CODES } from '../../../src/domain/ivr/flow-problems.js';

const KNOWN = new Set<string>(FLOW_PROBLEM_CODES);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const hostile = fc.oneof(
  fc.constantFrom('', ' ', '../../etc/passwd', '${HOTLINE_ARI_PASSWORD}', '<script>', "'; drop table calls; --", '\u0000', '🙂', 'x'.repeat(5000), '__proto__', 'menu', 'queue', 'general', 'main'),
  fc.string({ maxLength: 30 }),
);
const value: fc.Arbitrary<Json> = fc.oneof(hostile, fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostile, { maxLength: 3 }), fc.dictionary(hostile, hostile, { maxKeys: 3 }));

/** Every place in a parsed document: the path of keys (or indexes) to it. */
function paths(node: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (node === null || typeof node !== 'object') return [prefix];
  const children = Array.isArray(node) ? node.map((child, i) => paths(child, [...prefix, i])) : Object.entries(node).map(([key, child]) => paths(child, [...prefix, key]));
  return [prefix, ...children.flat()];
}

type Mutation = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'add'; key: string; value: Json };

function mutate(doc: Json, at: (string | number)[], mutation: Mutation): Json {
  if (at.length === 0) return mutation.kind === 'set' ? mutation.value : mutation.kind === 'add' && doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? { ...doc, [mutation.key]: mutation.value } : doc;
  if (doc === null || typeof doc !== 'object') return doc;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  const copy: Json = Array.isArray(doc) ? [...doc] : { ...doc };
  const container = copy as Record<string | number, Json>;
  if (rest.length === 0 && mutation.kind === 'delete') {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete container[head];
    return copy;
  }
  container[head] = mutate(container[head] ?? null, rest, mutation);
  return copy;
}

function flowDirFrom(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-fuzz-'));
  dirs.push(dir);
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  value.map((v): Mutation => ({ kind: 'set', value: v })),
  fc.constant<Mutation>({ kind: 'delete' }),
  fc.record({ key: hostile, value }).map((m): Mutation => ({ kind: 'add', ...m })),
);

function checkLoads(dir: string): void {
  const result = loadFlowDir(dir, { queues: { file: 'fixtures/queues.yaml' } });
  if (result.flowSet) expect(result.problems).toEqual([]);
  else expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) expect(KNOWN.has(problem.code), `${problem.code} at ${problem.file}:${problem.path}`).toBe(true);
}

describe('the flow loader under random mutations', () => {
  for (const file of ['main.yaml', 'elderly.yaml', 'enterprise.yaml', 'routes.yaml', 'schedules.yaml']) {
    it(`never throws on a mutated ivr-flows/${file}, and names every problem with a known code`, () => {
      const original = parse(fs.readFileSync(path.join('ivr-flows', file), 'utf8')) as Json;
      const places = paths(original);
      const dir = flowDirFrom('ivr-flows');
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...places), mutation), { minLength: 1, maxLength: 3 }), (changes) => {
          const doc = changes.reduce((current, [at, change]) => mutate(current, at, change), original);
          fs.writeFileSync(path.join(dir, file), stringify(doc));
          checkLoads(dir);
        }),
        { numRuns: 60, seed: 1124 },
      );
    }, 60_000);
  }

  it('never throws on raw bytes in a flow file', () => {
    const dir = flowDirFrom('ivr-flows');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        fs.writeFileSync(path.join(dir, 'main.yaml'), bytes);
        checkLoads(dir);
      }),
      { numRuns: 60, seed: 24 },
    );
  }, 60_000);
});
