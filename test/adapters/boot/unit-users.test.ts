// A unit user naming a unit the dispatch rules do not declare stops the start, under its own code,
// naming the user and the unit; the shipped files start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBackOfficeFiles } from '../../../src/boot/back-office-files.js';
import { StartupError } from '../../../src/boot/startup-error.js';
import { loadTaxonomy } from '../../../src/boot/taxonomy.js';
import { loadConfig } from '../../../src/config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function usersFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unit-users-'));
  dirs.push(dir);
  const file = path.join(dir, 'users.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const load = (env: Record<string, string>): unknown => {
  const config = loadConfig(env);
  return loadBackOfficeFiles(config, loadTaxonomy(config));
};

describe('unit users at start-up', () => {
  it('the shipped users and dispatch rules start: every demo unit user names a declared unit', () => {
    expect(() => load({})).not.toThrow();
  });

  it('a unit user of an undeclared unit stops the start with USERS_UNIT_UNKNOWN, naming the user and the unit', () => {
    const shipped = fs.readFileSync('fixtures/users.yaml', 'utf8');
    const file = usersFile(shipped.replace('unitId: urban-management', 'unitId: urban-managment'));
    let error: unknown;
    try {
      load({ HOTLINE_USERS_FILE: file });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe('USERS_UNIT_UNKNOWN');
    expect((error as StartupError).message).toContain('urban → urban-managment');
  });
});
