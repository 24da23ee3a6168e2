import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { raiseProcessPriority } from '../../src/adapters/os/process-priority.js';
import { loadConfig } from '../../src/config.js';

function logger(): { log: pino.Logger; lines: { msg: string }[] } {
  const lines: { msg: string }[] = [];
  return { log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }), lines };
}

describe("the server's scheduling priority", () => {
  it('is raised by default, ahead of Asterisk', () => {
    expect(loadConfig({}).processNice).toBe(-10);
    expect(loadConfig({ HOTLINE_PROCESS_NICE: '0' }).processNice).toBe(0);
  });

  it('leaves the process alone at 0', () => {
    const { log, lines } = logger();
    expect(raiseProcessPriority(0, log)).toEqual({ nice: null, autogroup: false });
    expect(lines).toEqual([]);
  });

  it("sets the thread's niceness and its autogroup's when it may, or says why not and goes on", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-prio-'));
    const autogroup = path.join(dir, 'autogroup');
    fs.writeFileSync(autogroup, '/autogroup-1 nice 0\n');
    const before = os.getPriority(0);
    const { log, lines } = logger();
    // Lowering one's own priority is always allowed, so the test runner is not sped up behind others.
    const wanted = Math.min(19, before + 1);
    const result = raiseProcessPriority(wanted, log, autogroup);
    expect(result).toEqual({ nice: wanted, autogroup: true });
    expect(fs.readFileSync(autogroup, 'utf8')).toBe(String(wanted));
    expect(lines.at(-1)).toMatchObject({ msg: 'server scheduling priority set', nice: wanted, autogroup: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
