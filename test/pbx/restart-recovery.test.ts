// The server killed with SIGKILL while one call is in the IVR, one waits in the queue and one is in
// conversation with an agent, then started again on the same database: every caller still on the
// line is sent to the human fallback at once, the agent's phone is released, no channel is left in
// the application, and each call has exactly one ticket, with its queue and agent.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import type { CallOutcome } from '../../src/tools/citizen-caller.js';
import { testQueuesFile } from '../helpers/test-config-files.js';
import { startTestCaller } from '../helpers/test-caller.js';
import { TEST_PBX_ENV } from '../helpers/test-pbx-settings.js';
import { startTestServer } from '../helpers/test-server.js';
import { countTickets, getTicket } from '../helpers/ticket-rows.js';
import { waitUntil } from '../helpers/wait.js';

const runtime = inject('pbxRuntime');

describe('a server killed mid-call (real Asterisk)', () => {
  it('settles every call it left at the next start: fallback for callers on the line, one ticket each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-restart-'));
    const dbFile = path.join(dir, 'hotline.db');
    const env = { ...process.env, ...TEST_PBX_ENV, HOTLINE_HTTP_PORT: '0', HOTLINE_DB_FILE: dbFile, HOTLINE_LOG_LEVEL: 'info', HOTLINE_AUTO_LOGIN: '8003', HOTLINE_QUEUES_FILE: testQueuesFile() };
    const first = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    first.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const sim = await startTestCaller(runtime, 'citizen-sim-restart');
    try {
      await waitUntil(() => output.includes('hotline-cti is running.'), 60_000, 100);
      // What the first server saved as each call moved on, read as an auditor would.
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      const saved = (caller: string, step: string): boolean =>
        (db.prepare('select count(*) as n from calls where caller_number = ? and ivr_path like ?').get(caller, `%"outcome":"${step}"%`) as { n: number }).n > 0;
      const calls: Promise<CallOutcome>[] = [];
      // In conversation with 8003 (the demo phone answers after 1 s), then one waiting behind it.
      calls.push(sim.caller.call({ from: '13800000001', to: '12345', holdSeconds: 25 }));
      await waitUntil(() => saved('13800000001', 'answered'), 20_000, 100);
      calls.push(sim.caller.call({ from: '13800000002', to: '12345', holdSeconds: 25 }));
      await waitUntil(() => saved('13800000002', 'queued'), 20_000, 100);
      db.close();
      // The third is still in the main menu when the server dies.
      calls.push(sim.caller.call({ from: '13800000003', to: '12345', holdSeconds: 25 }));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('close', resolve));

      const server = await startTestServer(runtime, 'restart-recovery', { HOTLINE_DB_FILE: dbFile, HOTLINE_QUEUES_FILE: testQueuesFile() });
      try {
        // No channel is left in the application 10 s after the start. (A caller hears the end of the
        // prompt that was playing: Asterisk carries out the move to the fallback after it.)
        const inApp = async (): Promise<string[]> =>
          (await sim.ari.listChannels()).filter((c) => c.dialplan?.app_name === 'Stasis' && (c.dialplan.app_data ?? '').split(',')[0] === 'hotline').map((c) => c.name);
        const deadline = Date.now() + 10_000;
        while ((await inApp()).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await inApp()).toEqual([]);
        const bridges = await sim.ari.http.request<{ id: string }[]>('GET', '/bridges');
        expect(bridges.filter((bridge) => bridge.id.startsWith('conv-'))).toEqual([]);
        const ids = server.database.sqlite.prepare('select id, caller_number as caller from calls order by started_at').all() as { id: string; caller: string }[];
        expect(ids.map((row) => row.caller)).toEqual(['13800000001', '13800000002', '13800000003']);
        const tickets = ids.map((row) => getTicket(server, row.id));
        for (const row of ids) expect(countTickets(server, row.id)).toBe(1);
        expect(tickets.map((t) => t?.ivrPath.at(-1))).toEqual(Array(3).fill(expect.objectContaining({ kind: 'outcome', outcome: 'restart-human-fallback' })));
        expect(tickets[0]).toMatchObject({ agentId: '8003', queue: 'general', endedBy: 'system' });
        expect(tickets[1]).toMatchObject({ agentId: null, queue: 'general', status: 'missed', missedIn: 'queue' });
        expect(tickets[2]).toMatchObject({ agentId: null, queue: null, status: 'missed', missedIn: 'ivr' });
        // The callers hear the fallback queue now, and are still connected.
        const live = await sim.ari.listChannels();
        const inFallback = live.filter((c) => c.dialplan?.context === 'human-fallback');
        expect(inFallback.length).toBeGreaterThanOrEqual(3);
        const outcomes = await Promise.all(calls);
        expect(outcomes.map((o) => o.events.some((e) => e.event === 'hangup'))).toEqual([true, true, true]);
      } finally {
        await server.close();
      }
    } finally {
      first.kill('SIGKILL');
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
