// Starts the hotline server in-process against the pbx tier's Asterisk, on a free port, with a
// database file of its own and logs written to test-artifacts/ for post-mortems.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import type { PbxRuntime } from '../../src/local-pbx/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer, type StartOptions } from '../../src/main.js';
import { speechFolderIn } from '../../src/boot/pbx-resolution.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV } from './test-pbx-settings.js';

export interface TestServer extends RunningServer {
  readonly dbFile: string;
  readonly logFile: string;
  /** A request as one of the demo users of fixtures/users.yaml (signed in with a token of its own). */
  as(userId: string): (options: InjectOptions) => Promise<LightMyRequestResponse>;
}

export async function startTestServer(
  runtime: PbxRuntime,
  name: string,
  env: Record<string, string> = {},
  options: Pick<StartOptions, 'wrapTelephony' | 'now'> = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hotline-${name}-`));
  const dbFile = path.join(dir, 'hotline.db');
  const logDir = path.resolve('test-artifacts', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const config = loadConfig({ ...process.env, ...TEST_PBX_ENV, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: dbFile, HOTLINE_LOG_LEVEL: 'debug', HOTLINE_AUTO_LOGIN: 'none', ...QUIET_PROTECTION_ENV, ...env });
  const logger = createLogger('debug', pino.destination({ dest: logFile, sync: true }));
  const server = await startServer(config, {
    logger,
    pbx: {
      ari: { ...runtime.ari, app: config.ari.app },
      ami: runtime.ami,
      recordingsDir: runtime.recordingsDir,
      speech: speechFolderIn(runtime.soundsDir),
      ...(runtime.dialplanDir ? { dialplanDir: runtime.dialplanDir } : {}),
      sip: { webSocketUrl: runtime.sip.wsUrl, agentSecret: runtime.sip.agentSecret },
    },
    ...options,
  });
  const tokens = server.storage.tokens;
  const issued = new Map<string, Promise<string>>();
  // Signed in once per user, when first asked for: a request made while the database is locked
  // (a fault test) must not need a write of its own to sign in. SQLite writes the token as issue()
  // is called, so asking here is enough.
  const as = (userId: string) => {
    const role = server.office.files.users.get(userId)?.role;
    if (!role) throw new Error(`no demo user ${userId}`);
    // With a clock the test moves (days ahead), a token lasts the year it may be moved by.
    const token = issued.get(userId) ?? tokens.issue(userId, role, (options.now ?? Date.now)(), options.now ? 366 * 86_400_000 : 3_600_000).then((t) => t.token);
    issued.set(userId, token);
    return async (options: InjectOptions) => server.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${await token}` } });
  };
  // The server's own properties as they are (its `database` is a getter that throws when the data is
  // in PostgreSQL: copied by a spread, it would be read here).
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(server)) as RunningServer;
  return Object.assign(copy, { dbFile, logFile, as });
}
