// How fast the machine itself was around a system's run: a fixed piece of work timed right before
// the run's Asterisk starts and right after it stopped (nothing of the benchmark running). Sets made
// at different times disagreed for both systems at once ("the machine was slower"); with this, a
// report says by how much, and a run that went slow with a slow machine is told from one that went
// slow alone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { summarize } from '../stats.js';

export interface MachinePace {
  /** One core's time for a fixed mix of hashing and JSON (allocation and the collector), ms: median of five. */
  readonly cpuMs: number;
  /** Writing 32 MB in 1 MB pieces and syncing it to disk, ms. */
  readonly diskMs: number;
}

const REPEATS = 5;
const HASHED = Buffer.alloc(8 * 2 ** 20, 7);
const DISK_PIECE = Buffer.alloc(2 ** 20, 1);
const DISK_PIECES = 32;

/** The fixed work: four hashes of 8 MB, and 20,000 small records written as JSON and read back. */
function fixedWork(): number {
  let check = 0;
  for (let i = 0; i < 4; i += 1) check += crypto.createHash('sha256').update(HASHED).digest()[0] ?? 0;
  const records = Array.from({ length: 20_000 }, (_, i) => ({ id: `call-${i}`, at: i * 1000, keys: ['1', '3', '1'], agent: { id: `7${i % 357}`, paused: false } }));
  const text = JSON.stringify(records);
  check += (JSON.parse(text) as unknown[]).length;
  return check;
}

function cpuMs(): number {
  // Once untimed: the first round also compiles the work, and would make the first run look slow.
  fixedWork();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const started = performance.now();
    fixedWork();
    times.push(performance.now() - started);
  }
  return summarize(times).p50;
}

function diskMs(dir: string): number {
  const file = path.join(dir, `pace-${process.pid}.bin`);
  const started = performance.now();
  const fd = fs.openSync(file, 'w');
  try {
    for (let i = 0; i < DISK_PIECES; i += 1) fs.writeSync(fd, DISK_PIECE);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
  }
  return performance.now() - started;
}

/** Blocks for about a second: run it only where nothing of the benchmark is waiting on this process. */
export function measurePace(dir: string): MachinePace {
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { cpuMs: round(cpuMs()), diskMs: round(diskMs(dir)) };
}
