import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs scripts/flows-check.ts as `npm run flows:check -- <args>` would. */
function flowsCheck(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/flows-check.ts', ...args], { encoding: 'utf8' });
  return { status: run.status, lines: run.stdout.split('\n').filter(Boolean), stderr: run.stderr };
}

const QUEUES = ['--queues', 'fixtures/flows/queues.yaml'];

describe('flows-check', () => {
  it('exits 0 and says how many flows are valid', () => {
    const run = flowsCheck('ivr-flows', ...QUEUES);
    expect(run.stderr).toBe('');
    expect(run.lines).toEqual(['ok: 8 flows']);
    expect(run.status).toBe(0);
  });

  it('exits 1 with one `file:path CODE message` line per problem', () => {
    const run = flowsCheck('fixtures/flows/invalid/unknown-target', ...QUEUES, '--flows-only');
    expect(run.lines).toEqual(["main.yaml:nodes.menu.options.2.next FLOW_UNKNOWN_TARGET no node 'complaint' in this flow"]);
    expect(run.status).toBe(1);
  });

  it('checks prompt audio when given a sounds directory', () => {
    const run = flowsCheck('fixtures/flows/invalid/prompt-audio-missing', ...QUEUES, '--sounds', 'fixtures/flows/invalid/prompt-audio-missing/sounds', '--flows-only');
    expect(run.lines.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(['main.yaml:nodes.menu.invalidPrompt FLOW_PROMPT_AUDIO_MISSING']);
    expect(run.status).toBe(1);
  });

  it('rejects unknown options with a usage line', () => {
    const run = flowsCheck('--colour');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: flows-check');
  });
});
