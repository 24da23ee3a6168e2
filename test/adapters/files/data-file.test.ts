// The one data-file reader: every way a file can be unusable is one problem with a stable code, the
// file's name and the path inside the document; a good file (BOM or not) is read as its data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../../src/adapters/files/data-file-error.js';
import { DEFAULT_DATA_FILE_LIMITS } from '../../../src/adapters/files/data-file-limits.js';
import { loadDataFile, readDataFile } from '../../../src/adapters/files/data-file.js';
import type { DataFileProblem } from '../../../src/adapters/files/data-file-problem.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fileWith(content: string | Buffer, name = 'data.yaml'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-file-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const brief = (problems: readonly DataFileProblem[]) => problems.map((p) => `${path.basename(p.file)}:${p.path} ${p.code}`);
const GBK_NIHAO = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);

describe('reading a data file', () => {
  it('gives the document as data, with a UTF-8 byte-order mark or without', () => {
    expect(readDataFile(fileWith('queues:\n  - id: general\n'))).toEqual({ value: { queues: [{ id: 'general' }] }, problems: [] });
    const withBom = fileWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: 市民热线\n')]));
    expect(readDataFile(withBom)).toEqual({ value: { name: '市民热线' }, problems: [] });
  });

  it('refuses a file over the size limit without reading it', () => {
    const file = fileWith(`a: 1\n# ${'x'.repeat(DEFAULT_DATA_FILE_LIMITS.maxBytes)}\n`);
    expect(brief(readDataFile(file).problems)).toEqual(['data.yaml: DATA_FILE_TOO_LARGE']);
    expect(brief(readDataFile(fileWith('a: 1\n'), { limits: { maxBytes: 3 } }).problems)).toEqual(['data.yaml: DATA_FILE_TOO_LARGE']);
  });

  it('refuses text that is not UTF-8, naming GBK and UTF-16', () => {
    const gbk = readDataFile(fileWith(Buffer.concat([Buffer.from('name: '), GBK_NIHAO, Buffer.from('\n')])));
    expect(brief(gbk.problems)).toEqual(['data.yaml: DATA_FILE_ENCODING_INVALID']);
    expect(gbk.problems[0]?.message).toContain('GBK');
    const utf16 = readDataFile(fileWith(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')])));
    expect(brief(utf16.problems)).toEqual(['data.yaml: DATA_FILE_ENCODING_INVALID']);
    expect(utf16.problems[0]?.message).toContain('UTF-16');
  });

  it('names a YAML syntax error by its path, line and column', () => {
    const read = readDataFile(fileWith('queues:\n  - id: general\n    name: "unterminated\n'));
    expect(brief(read.problems)).toEqual(['data.yaml:queues[0].name DATA_FILE_YAML_INVALID']);
    expect(read.problems[0]?.message).toMatch(/^line \d+, column \d+: /);
  });

  it('names a duplicate key by its path', () => {
    expect(brief(readDataFile(fileWith('units:\n  - id: a\n    id: b\n')).problems)).toEqual(['data.yaml:units[0].id DATA_FILE_DUPLICATE_KEY']);
  });

  it('refuses more aliases than the limit, at the first one over it', () => {
    const many = Array.from({ length: DEFAULT_DATA_FILE_LIMITS.maxAliases + 1 }, () => '*x').join(', ');
    expect(brief(readDataFile(fileWith(`base: &x 1\nlist: [${many}]\n`)).problems)).toEqual([`data.yaml:list[${DEFAULT_DATA_FILE_LIMITS.maxAliases}] DATA_FILE_TOO_MANY_ALIASES`]);
    expect(readDataFile(fileWith('base: &x 1\nlist: [*x, *x]\n')).value).toEqual({ base: 1, list: [1, 1] });
  });

  it('refuses a few aliases that expand exponentially', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i += 1) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    expect(brief(readDataFile(fileWith(`${levels.join('\n')}\n`)).problems)).toEqual(['data.yaml: DATA_FILE_TOO_MANY_ALIASES']);
  });

  it('names an alias without its anchor by its path', () => {
    expect(brief(readDataFile(fileWith('units:\n  - next: *nowhere\n')).problems)).toEqual(['data.yaml:units[0].next DATA_FILE_YAML_INVALID']);
  });

  it('reports a file that cannot be read, under the name it was given', () => {
    expect(readDataFile('/nonexistent/users.yaml', { name: 'users.yaml' }).problems.map((p) => `${p.file}:${p.path} ${p.code}`)).toEqual(['users.yaml: DATA_FILE_UNREADABLE']);
  });
});

describe('loading a data file with its parser', () => {
  const parse = (raw: unknown) => (typeof raw === 'object' && raw !== null && 'id' in raw ? { ok: true as const, value: raw } : { ok: false as const, errors: [{ code: 'THING_ID_MISSING', path: 'id', message: 'every thing has an id' }] });

  it('gives the parsed value', () => {
    expect(loadDataFile(fileWith('id: 7\n'), parse)).toEqual({ id: 7 });
  });

  it("throws one DataFileError with the reader's or the parser's problems, each naming the file", () => {
    const file = fileWith('name: x\n');
    const error = (() => {
      try {
        loadDataFile(file, parse);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).problems).toEqual([{ file, path: 'id', code: 'THING_ID_MISSING', message: 'every thing has an id' }]);
    expect((error as DataFileError).message).toBe(`${file} has 1 problem(s):\n  ${file}:id THING_ID_MISSING every thing has an id`);
    expect(() => loadDataFile(fileWith('a: [\n'), parse)).toThrow(DataFileError);
  });
});
