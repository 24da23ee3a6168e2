// The server killed with SIGKILL in the middle of an outbound campaign, then started again on the same
// database: it asks Asterisk about every attempt left dialing before dialing anything for it, and no
// number is called twice for one attempt: SIPp, as the called people, counts the INVITEs each number
// received; never more than the attempt rows (each written before its dial) of that number's task, and
// at least one for every attempt that reached its person.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { CallTaskStore } from '../../src/adapters/db/call-task-store.js';
import { openDatabase } from '../../src/adapters/db/open-database.js';
import { DEFAULT_TRUNK, DEFAULT_WINDOW } from '../../src/boot/outbound.js';
import type { CallTaskRequest } from '../../src/domain/outbound/outbound-protocol.js';
import { DEFAULT_RETRY_POLICY } from '../../src/domain/outbound/retry-policy.js';
import { startCalledParty } from '../helpers/sipp-called-party.js';
import { QUIET_PROTECTION_ENV, TEST_PBX_ENV, TEST_PORT_SHIFT } from '../helpers/test-pbx-settings.js';
import { startTestServer } from '../helpers/test-server.js';
import { waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');
const SIP_PORT = 16720 + TEST_PORT_SHIFT;
const MEDIA_PORT = 16730 + TEST_PORT_SHIFT;
const TASKS = 12;
const OUTBOUND_ENV = {
  HOTLINE_OUTBOUND_ENDPOINT: `PJSIP/citizen-trunk/sip:{number}@127.0.0.1:${SIP_PORT}`,
  HOTLINE_OUTBOUND_LINES: '4',
  HOTLINE_OUTBOUND_RING_SECONDS: '5',
  HOTLINE_OUTBOUND_WINDOW: 'always',
};

// Each person answers and presses 1, 2 or 3 (the last digit) into the survey flow.
const numberOf = (i: number): string => `1370000${String(i).padStart(3, '0')}${(i % 3) + 1}`;
const request = (i: number): CallTaskRequest => ({
  taskId: `campaign-${i}`, purpose: 'return-visit', number: numberOf(i), trunk: DEFAULT_TRUNK, flowId: 'survey', variables: { ticketNumber: `T-${i}` }, notBefore: 0, notAfter: null, window: DEFAULT_WINDOW, retry: DEFAULT_RETRY_POLICY,
});

interface AttemptRow {
  task_id: string;
  channel_id: string;
  number: string;
  status: string;
}

async function hangUpLeftovers(): Promise<void> {
  const auth = `Basic ${Buffer.from(`${runtime.ari.user}:${runtime.ari.password}`).toString('base64')}`;
  const channels = (await (await fetch(`${runtime.ari.url}/channels`, { headers: { authorization: auth } })).json()) as { id: string }[];
  for (const channel of channels.filter((c) => c.id.startsWith('outbound-campaign-'))) await fetch(`${runtime.ari.url}/channels/${channel.id}`, { method: 'DELETE', headers: { authorization: auth } });
}

describe('an outbound campaign through a SIGKILL (real Asterisk, SIPp called party)', () => {
  it('never calls a number twice for one attempt, and every task ends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-outbound-kill-'));
    const dbFile = path.join(dir, 'hotline.db');
    const seeded = openDatabase(dbFile);
    const store = new CallTaskStore(seeded.db);
    for (let i = 0; i < TASKS; i += 1) await store.create({ request: request(i), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: 0 } }, Date.now());
    seeded.close();
    const callee = startCalledParty(runtime.rootDir, 'outbound-kill-callee', SIP_PORT, MEDIA_PORT);
    const env = { ...process.env, ...TEST_PBX_ENV, ...QUIET_PROTECTION_ENV, ...OUTBOUND_ENV, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: dbFile, HOTLINE_LOG_LEVEL: 'info', HOTLINE_AUTO_LOGIN: 'none' };
    const first = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    first.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const reader = (): Database.Database => new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      await waitUntil(() => output.includes('hotline-cti is running.'), 60_000, 100);
      // Mid-campaign: some attempts done, four lines busy.
      const db = reader();
      const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      await waitUntil(() => count('select count(*) as n from call_attempts') >= 6 && count(`select count(*) as n from call_attempts where status in ('dialing', 'answered')`) >= 2, 60_000, 20);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('close', resolve));
      const leftDialing = db.prepare(`select channel_id from call_attempts where status in ('dialing', 'answered')`).all() as { channel_id: string }[];
      db.close();
      expect(leftDialing.length).toBeGreaterThan(0);
      // The line limit held in what the dead server wrote: never more than 4 attempts open at once.
      expect(leftDialing.length).toBeLessThanOrEqual(4);

      const server = await startTestServer(runtime, 'outbound-restart', { HOTLINE_DB_FILE: dbFile, ...OUTBOUND_ENV });
      try {
        const open = server.database.sqlite.prepare(`select count(*) as n from call_tasks where status not in ('done', 'failed-final', 'cancelled')`);
        await waitUntil(() => (open.get() as { n: number }).n === 0, 120_000, 200);
        const attempts = server.database.sqlite.prepare('select task_id, channel_id, number, status from call_attempts order by task_id, attempt').all() as AttemptRow[];
        // The attempts the dead server left were closed, never dialed again under their id.
        for (const { channel_id: channelId } of leftDialing) expect(attempts.find((a) => a.channel_id === channelId)?.status).toMatch(/^(reached|reached-result-lost|not-reached)$/);
        const rowsPerNumber = new Map<string, AttemptRow[]>();
        for (const a of attempts) rowsPerNumber.set(a.number, [...(rowsPerNumber.get(a.number) ?? []), a]);
        // Every number answers, so an attempt that reached its person surely sent an INVITE; one Asterisk
        // refused or could not send (not-placed, not-reached on a loaded machine) may not have, and an
        // attempt the kill caught may have been written and never dialed (its row comes before its dial).
        // The property under test: never more INVITEs than attempt rows, whatever happened.
        const reached = (rows: AttemptRow[]): number => rows.filter((a) => a.status === 'reached' || a.status === 'reached-result-lost').length;
        const seen = (): string => JSON.stringify({ attempts, invites: [...callee.invites()] });
        await waitUntil(() => [...rowsPerNumber].every(([n, rows]) => (callee.invites().get(n) ?? 0) >= reached(rows)), 10_000, 100).catch(() => undefined);
        for (const [number, rows] of rowsPerNumber) {
          const invites = callee.invites().get(number) ?? 0;
          expect(invites, `${number}: ${seen()}`).toBeLessThanOrEqual(rows.length);
          expect(invites, `${number}: ${seen()}`).toBeGreaterThanOrEqual(reached(rows));
        }
        expect([...callee.invites().keys()].every((n) => rowsPerNumber.has(n))).toBe(true);
        const statuses = server.database.sqlite.prepare('select status, count(*) as n from call_tasks group by status').all() as { status: string; n: number }[];
        expect(statuses.reduce((sum, row) => sum + row.n, 0)).toBe(TASKS);
        expect(statuses.every((row) => row.status === 'done' || row.status === 'failed-final')).toBe(true);
      } finally {
        await server.close();
      }
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
      await hangUpLeftovers().catch(() => undefined);
      await callee.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
