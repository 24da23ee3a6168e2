// `npm start` as a person runs it: a real process that brings up (or reuses) the local Asterisk and
// the server, serves a real call placed by `npm run call`, and stops cleanly on Ctrl-C. And when no
// Asterisk can be reached or provisioned, it fails with the HOTLINE_* settings to set.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { usersFileWithOwnPasswords } from '../helpers/own-passwords-users.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV } from '../helpers/test-pbx-settings.js';

const runtime = inject('pbxRuntime');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<Finished>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, output: () => stdout };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForOutput(output: () => string, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start (real processes, real Asterisk)', () => {
  it('starts the system, takes a call from npm run call into a ticket, and stops on SIGINT', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-start-'));
    const dbFile = path.join(dir, 'hotline.db');
    const port = await freePort();
    // A small demo order history, so the start is seen to write one without the time of npm start's own.
    const env = { ...TEST_PBX_ENV, ...QUIET_PROTECTION_ENV, HOTLINE_ORDER_HISTORY_SEED: '300', HOTLINE_HTTP_PORT: String(port), HOTLINE_DB_FILE: dbFile, HOTLINE_LOG_LEVEL: 'warn' };
    const server = run('scripts/start.ts', [], env);
    try {
      await waitForOutput(server.output, 'hotline-cti is running.', 60_000);
      expect(server.output()).toContain('npm run call -- --from 13800001111');
      // The demo's citizen phone page, served because the Asterisk is the embedded one.
      expect(server.output()).toMatch(/Citizen phone: http:\/\/localhost:\d+\/phone/);
      const call = await run('scripts/call.ts', ['--from', '13800001111', '--json', '--hold', '8'], env).done;
      expect(call.code, call.stderr).toBe(0);
      const events = call.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; prompt?: string; number?: string });
      expect(events.find((event) => event.event === 'prompt')?.prompt).toBe('main_menu');
      expect(events.some((event) => event.event === 'queued')).toBe(true);
      expect(events.some((event) => event.event === 'hangup')).toBe(true);
      const ticket = events.find((event) => event.event === 'ticket');
      expect(ticket?.number).toMatch(/^\d{8}-\d{6}$/);
      server.child.kill('SIGINT');
      const finished = await server.done;
      expect(finished.code).toBe(0);
      const db = new Database(dbFile, { readonly: true });
      try {
        expect(db.prepare("select number, caller_number as caller from tickets where caller_number = '13800001111'").all()).toEqual([{ number: ticket?.number, caller: '13800001111' }]);
        const history = (db.prepare("select count(*) as n from tickets where number < ?").get(ticket?.number ?? '') as { n: number }).n;
        expect(history).toBeGreaterThan(200);
      } finally {
        db.close();
      }
      // The test Asterisk was running before npm start, so npm start left it running.
      expect(await fetch(`${runtime.ari.url}/asterisk/ping`, { headers: { authorization: `Basic ${Buffer.from(`${runtime.ari.user}:${runtime.ari.password}`).toString('base64')}` } }).then((r) => r.status)).toBe(200);
    } finally {
      server.child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the settings to set when an external Asterisk is not configured', async () => {
    const result = await run('scripts/start.ts', [], { HOTLINE_PBX: 'external', HOTLINE_ARI_URL: '', HOTLINE_ARI_PASSWORD: '', HOTLINE_AMI_PASSWORD: '' }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PBX_NOT_CONFIGURED');
    for (const name of ['HOTLINE_ARI_URL', 'HOTLINE_ARI_PASSWORD', 'HOTLINE_AMI_PASSWORD']) expect(result.stderr).toContain(name);
  });

  it('refuses to start with a well-known or short ARI/AMI secret', async () => {
    const result = await run('scripts/start.ts', [], {
      HOTLINE_PBX: 'external',
      HOTLINE_ARI_URL: 'http://127.0.0.1:9/ari',
      HOTLINE_ARI_PASSWORD: 'asterisk',
      HOTLINE_AMI_PASSWORD: 'a-long-generated-secret',
      HOTLINE_DB_FILE: ':memory:',
      HOTLINE_LOG_LEVEL: 'silent',
    }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PBX_SECRET_WEAK');
    expect(result.stderr).toContain('HOTLINE_ARI_PASSWORD');
    expect(result.stderr).not.toContain('HOTLINE_AMI_PASSWORD');
  });

  it('gives up with the settings to check when the external Asterisk does not answer', async () => {
    // Users with passwords of their own: the demo ones stop an external start before ARI is tried.
    const usersFile = await usersFileWithOwnPasswords();
    const result = await run('scripts/start.ts', [], {
      HOTLINE_USERS_FILE: usersFile,
      HOTLINE_PBX: 'external',
      HOTLINE_ARI_URL: 'http://127.0.0.1:9/ari',
      HOTLINE_ARI_PASSWORD: 'not-a-real-one-but-long',
      HOTLINE_AMI_PORT: '9',
      HOTLINE_AMI_PASSWORD: 'not-a-real-one-but-long',
      HOTLINE_PBX_CONNECT_TIMEOUT_MS: '1500',
      HOTLINE_DB_FILE: ':memory:',
      HOTLINE_LOG_LEVEL: 'silent',
    }).done;
    fs.rmSync(path.dirname(usersFile), { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PBX_UNREACHABLE');
    expect(result.stderr).toContain('HOTLINE_ARI_URL');
    expect(result.stderr).not.toContain('not-a-real-one');
  });

  it('says how to proceed when the local Asterisk cannot be provisioned', async () => {
    const emptyCache = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-nocache-'));
    try {
      // No debootstrap on this PATH and nothing in the cache: nothing can provide an Asterisk.
      const result = await run('scripts/start.ts', [], {
        HOTLINE_PBX_CACHE: emptyCache,
        HOTLINE_PBX_INSTANCE: 'unprovisioned',
        PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      }).done;
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('PBX_TOOL_MISSING');
      expect(result.stderr).toContain('HOTLINE_PBX=external');
      expect(result.stderr).toContain('HOTLINE_ARI_URL');
    } finally {
      fs.rmSync(emptyCache, { recursive: true, force: true });
    }
  });

  it('refuses to start with a bad flow, naming the file and the problem', async () => {
    const result = await run('scripts/start.ts', [], { ...TEST_PBX_ENV, HOTLINE_FLOWS_DIR: 'fixtures/flows/invalid/unknown-target', HOTLINE_DB_FILE: ':memory:' }).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FLOWS_INVALID');
    expect(result.stderr).toMatch(/main\.yaml:\S+ FLOW_UNKNOWN_TARGET/);
  });
});
