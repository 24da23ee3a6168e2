import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCallerDirectory, loadRegistries } from '../../../src/adapters/registries/caller-registry.js';
import { createLogger } from '../../../src/logging/logger.js';
import { waitUntil } from '../../helpers/wait.js';

describe('caller registries', () => {
  let dir: string;
  let files: { elderly: string; enterprises: string };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
    files = { elderly: path.join(dir, 'elderly.csv'), enterprises: path.join(dir, 'enterprises.csv') };
    fs.writeFileSync(files.elderly, 'number,note\n13900000065,a\n+86 139-0000-0080,b\n');
    fs.writeFileSync(files.enterprises, 'name,credit_code,contact_numbers\n"示范科技, 南京",91320100MA1XY21231,13800002001;025-83001234\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the shipped fixtures load without problems', () => {
    const result = loadRegistries({ elderly: 'fixtures/elderly-numbers.csv', enterprises: 'fixtures/enterprises.csv' });
    expect(result.problems).toEqual([]);
    expect(result.tables?.elderly.size).toBeGreaterThan(0);
  });

  it('recognises elderly and enterprise callers however the number is written', () => {
    const directory = new FileCallerDirectory(files, createLogger('silent'));
    expect(directory.reload()).toBe(true);
    expect(directory.lookup('13900000080')).toEqual({ elderly: true, enterprise: null });
    expect(directory.lookup('+8613800002001')).toEqual({ elderly: false, enterprise: { name: '示范科技, 南京', creditCode: '91320100MA1XY21231' } });
    expect(directory.lookup('02583001234').enterprise?.creditCode).toBe('91320100MA1XY21231');
    expect(directory.lookup('13700000000')).toEqual({ elderly: false, enterprise: null });
  });

  it('skips bad rows with a stable code and keeps the good ones', () => {
    fs.writeFileSync(files.elderly, 'number\n13900000065\nnot-a-number\n13900000065\n');
    fs.writeFileSync(files.enterprises, 'name,credit_code,contact_numbers\nBad,91320100MA1XY21232,13800002009\n');
    const { tables, problems } = loadRegistries(files);
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['REGISTRY_BAD_NUMBER', 3],
      ['REGISTRY_DUPLICATE', 4],
      ['REGISTRY_BAD_CREDIT_CODE', 2],
    ]);
    expect([...(tables?.elderly ?? [])]).toEqual(['13900000065']);
  });

  it('keeps the last good version when a file becomes unusable, and reloads when it is fixed', async () => {
    const directory = new FileCallerDirectory(files, createLogger('silent'));
    directory.reload();
    directory.watch(50);
    try {
      fs.writeFileSync(files.elderly, 'wrong_header\n13900000065\n');
      expect(directory.reload()).toBe(false);
      expect(directory.lookup('13900000065').elderly).toBe(true);
      fs.writeFileSync(files.elderly, 'number\n13911112222\n');
      await waitUntil(() => directory.lookup('13911112222').elderly, 3000, 20);
      expect(directory.lookup('13900000065').elderly).toBe(false);
    } finally {
      directory.stop();
    }
  });
});
