// `npm run call` as a person or a script uses it: a real process, real Asterisk, real server.
import { isQueuePrompt } from '../helpers/menu-prompts.js';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { TEST_PBX_ENV } from '../helpers/test-pbx-settings.js';

const runtime = inject('pbxRuntime');

interface Run {
  code: number | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

function runCallTool(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/call.ts', ...args], { env: { ...process.env, ...TEST_PBX_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
  });
}

describe('npm run call (real Asterisk, real server)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(runtime, 'call-tool');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('prints the menu prompt, the queue, the hang-up and the ticket number as JSON lines', async () => {
    const run = await runCallTool(['--from', '13800001111', '--json', '--server', server.url, '--hold', '8']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.lines.filter((line) => !(typeof line.prompt === 'string' && isQueuePrompt(line.prompt)));
    expect(lines.map((line) => line.event)).toEqual(['dialing', 'connected', 'prompt', 'prompt_finished', 'queued', 'hangup', 'ticket']);
    expect(lines[2]).toMatchObject({ prompt: 'main_menu' });
    expect(lines[4]).toMatchObject({ queue: 'general' });
    // The place in line is heard, as the caller hears it: the announcement's prompts.
    expect(run.lines.filter((line) => typeof line.prompt === 'string' && line.event === 'prompt' && isQueuePrompt(line.prompt)).map((line) => line.prompt)).toContain('queue_position_is');
    const ticket = lines[6] as { number: string; callId: string };
    const rows = server.database.sqlite.prepare('select number, caller_number as caller from tickets').all();
    expect(rows).toEqual([{ number: ticket.number, caller: '13800001111' }]);
  });

  it('sends the keys it is given, in order, with waits', async () => {
    const run = await runCallTool(['--from', '13800001112', '--json', '--server', server.url, '--dtmf', '1,w1,23', '--hold', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines.filter((line) => line.event === 'key').map((line) => line.key)).toEqual(['1', '23']);
    const ticket = run.lines.find((line) => line.event === 'ticket') as { callId: string };
    const row = server.database.sqlite.prepare('select ivr_path as path from tickets where call_id = ?').get(ticket.callId) as { path: string };
    const keys = (JSON.parse(row.path) as { kind: string; key?: string }[]).filter((step) => step.kind === 'key').map((step) => step.key);
    // 1 opens the consult menu, 2 picks 投诉举报 and queues the call; the 3 comes after the IVR ended.
    expect(keys).toEqual(['1', '2']);
  });

  it('fails clearly when the hotline server is not up', async () => {
    const run = await runCallTool(['--from', '13800001111', '--json', '--server', 'http://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.objectContaining({ event: 'error', code: 'SERVER_UNREACHABLE' })]);
  });

  it('rejects bad arguments with a usage error', async () => {
    const run = await runCallTool(['--from', 'not-a-number']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('USAGE');
    const badKeys = await runCallTool(['--from', '13800001111', '--dtmf', '1,x']);
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toContain('DTMF_PLAN_INVALID');
  });
});
