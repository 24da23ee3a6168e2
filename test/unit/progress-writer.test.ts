import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { ProgressWriter, type ProgressWrite } from '../../src/app/calls/progress-writer.js';
import type { CallWrite } from '../../src/app/ports/call-records.js';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';

/** A write whose data names what it is (an answer time stands in for any write). */
const write = (key: string, callId: string, label: number, what = 'x'): ProgressWrite => ({ key, callId, what, write: () => ({ kind: 'answered', id: callId, at: label }) });
const labels = (writes: readonly CallWrite[]): string[] => writes.map((w) => (w.kind === 'answered' ? `${w.id}:${w.at}` : w.kind));

describe('progress writes committed together', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A writer whose batches are kept; `fail`: the database refuses every batch. */
  function writer(fail = false): { writer: ProgressWriter; batches: string[][]; warnings: unknown[] } {
    const batches: string[][] = [];
    const warnings: unknown[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const w = new ProgressWriter(
      async (writes) => {
        if (fail) throw new Error('SQLITE_BUSY: database is locked');
        batches.push(labels(writes));
      },
      logger,
      new NodeTimers(),
      100,
    );
    return { writer: w, batches, warnings };
  }

  it('gathers the writes of a window into one batch, in order, the last of a key replacing the one before', async () => {
    const { writer: w, batches } = writer();
    w.queue(write('a:start', 'a', 1));
    w.queue(write('a:path', 'a', 2));
    w.queue(write('b:start', 'b', 3));
    w.queue(write('a:path', 'a', 4));
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['a:1', 'a:4', 'b:3']]);
    w.queue(write('a:answered', 'a', 5));
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['a:1', 'a:4', 'b:3'], ['a:5']]);
  });

  it('builds a write when it is committed, not when it is queued', async () => {
    const { writer: w, batches } = writer();
    let builds = 0;
    const counted = (at: number): ProgressWrite => ({ key: 'a:path', callId: 'a', what: 'x', write: () => ((builds += 1), { kind: 'answered', id: 'a', at }) });
    for (let at = 1; at <= 10; at += 1) w.queue(counted(at));
    await w.flush();
    expect(builds).toBe(1);
    expect(batches).toEqual([['a:10']]);
  });

  it('commits at once when asked, and has nothing left for its timer', async () => {
    const { writer: w, batches } = writer();
    w.queue(write('a:path', 'a', 1));
    await w.flush();
    expect(batches).toEqual([['a:1']]);
    await vi.advanceTimersByTimeAsync(500);
    await w.flush();
    expect(batches).toHaveLength(1);
  });

  it('never runs two batches at once: a flush asked for while one is in flight runs after it', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const batches: string[][] = [];
    const w = new ProgressWriter(
      async (writes) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        batches.push(labels(writes));
        running -= 1;
      },
      pino({ level: 'silent' }),
      new NodeTimers(),
      100,
    );
    w.queue(write('a:start', 'a', 1));
    const first = w.flush();
    await vi.advanceTimersByTimeAsync(0);
    w.queue(write('b:start', 'b', 2));
    const second = w.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(releases).toHaveLength(1);
    let settled = false;
    void w.settled().then(() => (settled = true));
    releases[0]?.();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(releases).toHaveLength(2);
    expect(settled).toBe(false);
    releases[1]?.();
    await second;
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(most).toBe(1);
    expect(batches).toEqual([['a:1'], ['b:2']]);
  });

  it("takes one call's writes out, in the order they were queued, and leaves the others' for their window", async () => {
    const { writer: w, batches } = writer();
    w.queue(write('a:start', 'a', 1));
    w.queue(write('b:start', 'b', 2));
    w.queue(write('a:progress', 'a', 3));
    w.queue(write('b:progress', 'b', 4));
    expect(labels(w.take('a'))).toEqual(['a:1', 'a:3']);
    expect(w.take('a')).toEqual([]);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([['b:2', 'b:4']]);
  });

  it('skips and logs every write of a batch the database refuses, without rejecting', async () => {
    const { writer: w, warnings } = writer(true);
    w.queue(write('a:start', 'a', 1, 'call start'));
    w.queue(write('b:path', 'b', 2, 'call progress'));
    await expect(w.flush()).resolves.toBeUndefined();
    expect(warnings).toEqual([
      expect.objectContaining({ callId: 'a', what: 'call start', msg: 'database write skipped; the ticket at hang-up will carry it' }),
      expect.objectContaining({ callId: 'b', what: 'call progress' }),
    ]);
  });
});
