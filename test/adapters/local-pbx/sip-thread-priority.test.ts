import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { describeSipThreadPriority, raiseSipThreadPriority, sipThreads } from '../../../src/local-pbx/sip-thread-priority.js';

/** A process table of one process with threads of these names, shaped like /proc. */
function procWith(pid: number, threads: Record<number, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-proc-'));
  for (const [tid, comm] of Object.entries(threads)) {
    const dir = path.join(root, String(pid), 'task', tid);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'comm'), `${comm}\n`);
  }
  return root;
}

describe("Asterisk's SIP thread priority", () => {
  it('is raised by default, ahead of the server', () => {
    expect(loadConfig({}).localPbx.sipThreadNice).toBe(-15);
    expect(loadConfig({ HOTLINE_PBX_SIP_THREAD_NICE: '0' }).localPbx.sipThreadNice).toBe(0);
  });

  it('finds the thread pjlib named SIP among the process\'s threads', () => {
    const procRoot = procWith(700, { 700: 'asterisk', 731: 'SIP', 739: 'timer', 744: 'asterisk' });
    expect(sipThreads(700, procRoot)).toEqual([731]);
    expect(sipThreads(701, procRoot)).toEqual([]);
  });

  it('sets that thread\'s niceness and no other\'s', () => {
    const procRoot = procWith(700, { 700: 'asterisk', 731: 'SIP', 744: 'asterisk' });
    const set: [number, number][] = [];
    const result = raiseSipThreadPriority(700, -15, { procRoot, setPriority: (tid, nice) => void set.push([tid, nice]) });
    expect(result).toEqual({ outcome: 'raised', threads: [731], nice: -15 });
    expect(set).toEqual([[731, -15]]);
    expect(describeSipThreadPriority(result)).toContain('niceness -15');
  });

  it('leaves Asterisk as it is at 0, without the thread, or without the right, and says which', () => {
    const procRoot = procWith(700, { 700: 'asterisk', 731: 'SIP' });
    const refuse = (): void => {
      throw Object.assign(new Error('setpriority EACCES'), { code: 'EACCES' });
    };
    expect(raiseSipThreadPriority(700, 0, { procRoot, setPriority: refuse })).toEqual({ outcome: 'left', reason: 'nice-0' });
    expect(raiseSipThreadPriority(702, -15, { procRoot, setPriority: refuse })).toEqual({ outcome: 'left', reason: 'no-sip-thread' });
    const refused = raiseSipThreadPriority(700, -15, { procRoot, setPriority: refuse });
    expect(refused).toMatchObject({ outcome: 'refused', threads: [731] });
    expect(describeSipThreadPriority(refused)).toContain('EACCES');
  });
});
