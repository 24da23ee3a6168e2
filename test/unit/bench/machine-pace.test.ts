import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paceLines } from '../../../bench/load/load-report.js';
import { measurePace } from '../../../bench/load/machine-pace.js';
import type { LoadReport } from '../../../bench/load/load-types.js';

describe("the machine's pace around a load run", () => {
  it('times the fixed work and the disk write, and leaves no file behind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pace-'));
    try {
      const pace = measurePace(dir);
      expect(pace.cpuMs).toBeGreaterThan(0);
      expect(Number.isFinite(pace.cpuMs)).toBe(true);
      expect(pace.diskMs).toBeGreaterThan(0);
      expect(Number.isFinite(pace.diskMs)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a row per run and system that has it, and no section for a report made before it', () => {
    const paced = { before: { cpuMs: 101.25, diskMs: 40.4 }, after: { cpuMs: 130, diskMs: 250.6 } };
    const report = {
      runs: [
        { run: 1, systems: { hotline: { pace: paced }, baseline: { pace: paced } } },
        { run: 2, systems: { hotline: {} } },
      ],
    } as unknown as LoadReport;
    const lines = paceLines(report);
    expect(lines.filter((line) => /^\| \d/.test(line))).toEqual(['| 1 | hotline | 101.3 | 130.0 | 40 | 251 |', '| 1 | baseline | 101.3 | 130.0 | 40 | 251 |']);
    expect(paceLines({ runs: [{ run: 1, systems: { hotline: {} } }] } as unknown as LoadReport)).toEqual([]);
  });
});
