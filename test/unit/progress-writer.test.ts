import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { ProgressWriter } from '../../src/app/calls/progress-writer.js';
import { NodeTimers } from '../../src/adapters/clock/node-timers.js';

describe('progress writes committed together', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A writer whose batches are counted; `fail`: the database refuses every batch. */
  function writer(fail = false): { writer: ProgressWriter; batches: () => number; warnings: unknown[] } {
    let batches = 0;
    const warnings: unknown[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const w = new ProgressWriter(
      (writes) => {
        if (fail) throw new Error('SQLITE_BUSY: database is locked');
        batches += 1;
        writes();
      },
      logger,
      new NodeTimers(),
      100,
    );
    return { writer: w, batches: () => batches, warnings };
  }

  it('gathers the writes of a window into one batch, in order, the last of a key replacing the one before', () => {
    const { writer: w, batches } = writer();
    const seen: string[] = [];
    const write = (key: string, value: string): void => w.queue({ key, callId: 'c', what: 'x', run: () => void seen.push(value) });
    write('a:start', 'a start');
    write('a:path', 'a path 1');
    write('b:start', 'b start');
    write('a:path', 'a path 2');
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['a start', 'a path 2', 'b start']);
    expect(batches()).toBe(1);
    write('a:answered', 'a answered');
    vi.advanceTimersByTime(100);
    expect(batches()).toBe(2);
    expect(seen.at(-1)).toBe('a answered');
  });

  it('commits at once when asked (before a ticket), and has nothing left for its timer', () => {
    const { writer: w, batches } = writer();
    const seen: string[] = [];
    w.queue({ key: 'a:path', callId: 'a', what: 'x', run: () => void seen.push('path') });
    w.flush();
    expect(seen).toEqual(['path']);
    vi.advanceTimersByTime(500);
    expect(batches()).toBe(1);
    w.flush();
    expect(batches()).toBe(1);
  });

  it('skips and logs every write of a batch the database refuses, without throwing', () => {
    const { writer: w, warnings } = writer(true);
    w.queue({ key: 'a:start', callId: 'a', what: 'call start', run: () => undefined });
    w.queue({ key: 'b:path', callId: 'b', what: 'call progress', run: () => undefined });
    expect(() => w.flush()).not.toThrow();
    expect(warnings).toEqual([
      expect.objectContaining({ callId: 'a', what: 'call start', msg: 'database write skipped; the ticket at hang-up will carry it' }),
      expect.objectContaining({ callId: 'b', what: 'call progress' }),
    ]);
  });
});
