// A real deployment (HOTLINE_PBX=external) does not start while a user has the demo password: the
// start fails with USERS_DEMO_PASSWORD naming the users and the setting, after the PBX settings are
// checked; with passwords of their own it gets past the check, and the demo (local PBX) is untouched.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseDemoPasswords, usersWithDemoPassword } from '../../../src/boot/demo-passwords.js';
import { loadBackOfficeFiles } from '../../../src/boot/back-office-files.js';
import { loadTaxonomy } from '../../../src/boot/taxonomy.js';
import { loadConfig, type Config } from '../../../src/config.js';
import { createLogger } from '../../../src/logging/logger.js';
import { startServer } from '../../../src/main.js';
import { usersFileWithOwnPasswords } from '../../helpers/own-passwords-users.js';

const SHIPPED_USERS = ['8001', '8002', '8003', '8004', 'supervisor', 'qa', 'admin', 'housing', 'urban', 'dongcheng', 'editor'];
// Complete and strong enough PBX settings, pointing at a port where no Asterisk answers.
const EXTERNAL = {
  HOTLINE_PBX: 'external',
  HOTLINE_ARI_URL: 'http://127.0.0.1:9/ari',
  HOTLINE_ARI_PASSWORD: 'not-a-real-one-but-long',
  HOTLINE_AMI_PORT: '9',
  HOTLINE_AMI_PASSWORD: 'not-a-real-one-but-long',
  HOTLINE_DB_FILE: ':memory:',
  HOTLINE_HTTP_PORT: '0',
  HOTLINE_LOG_LEVEL: 'silent',
};

const logger = createLogger('silent');
const files: string[] = [];
afterEach(() => {
  for (const file of files.splice(0)) fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

async function ownUsersFile(demoFor: readonly string[] = []): Promise<string> {
  const file = await usersFileWithOwnPasswords(demoFor);
  files.push(file);
  return file;
}

function usersOf(config: Config): ReturnType<typeof loadBackOfficeFiles>['users'] {
  return loadBackOfficeFiles(config, loadTaxonomy(config)).users;
}

describe('the demo password at start-up', () => {
  it('with an external PBX and the shipped users file, stops the start with USERS_DEMO_PASSWORD naming every user and the setting', async () => {
    const started = startServer(loadConfig(EXTERNAL), { logger, connectTimeoutMs: 200 });
    await expect(started).rejects.toMatchObject({ code: 'USERS_DEMO_PASSWORD' });
    const { message } = (await started.catch((error: unknown) => error)) as Error;
    for (const id of SHIPPED_USERS) expect(message).toContain(id);
    expect(message).toContain('HOTLINE_USERS_FILE');
    expect(message).toContain('npm run user:hash');
  });

  it('with users of passwords of their own, gets past the check (to the Asterisk that does not answer)', async () => {
    const config = loadConfig({ ...EXTERNAL, HOTLINE_USERS_FILE: await ownUsersFile() });
    await expect(startServer(config, { logger, connectTimeoutMs: 200 })).rejects.toMatchObject({ code: 'PBX_UNREACHABLE' });
  });

  it('is checked after the PBX settings: a weak ARI secret is reported first', async () => {
    const config = loadConfig({ ...EXTERNAL, HOTLINE_ARI_PASSWORD: 'asterisk' });
    await expect(startServer(config, { logger, connectTimeoutMs: 200 })).rejects.toMatchObject({ code: 'PBX_SECRET_WEAK' });
  });

  it('names only the users still on the demo password, found by their own hashes', async () => {
    const config = loadConfig({ ...EXTERNAL, HOTLINE_USERS_FILE: await ownUsersFile(['qa', 'admin']) });
    expect(await usersWithDemoPassword(usersOf(config).values())).toEqual(['qa', 'admin']);
    await expect(refuseDemoPasswords(config, usersOf(config))).rejects.toMatchObject({ code: 'USERS_DEMO_PASSWORD', message: expect.stringMatching(/^Users qa, admin in /) });
  });

  it('leaves the demo alone: with the embedded PBX the shipped users start as they are', async () => {
    const config = loadConfig({});
    await expect(refuseDemoPasswords(config, usersOf(config))).resolves.toBeUndefined();
  });

  it('the server process prints the code and exits 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...EXTERNAL, HOTLINE_USERS_FILE: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^USERS_DEMO_PASSWORD: Users 8001, 8002, 8003, 8004, supervisor, qa, admin, housing, urban, dongcheng, editor in .*fixtures\/users\.yaml still have the demo password/);
  }, 30_000);
});
