import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchedules } from '../../../src/adapters/flows/schedule-loader.js';

const china = (iso: string): number => Date.parse(`${iso}+08:00`);

describe('schedules on the China calendar (shipped files)', () => {
  const { schedules, problems } = loadSchedules('ivr-flows/schedules.yaml', 'fixtures/calendar');

  it('load without problems', () => {
    expect(problems).toEqual([]);
    expect(Object.keys(schedules?.specs ?? {}).sort()).toEqual(['always', 'enterprise-desk']);
  });

  it('open the enterprise desk in working hours of working days only', () => {
    const open = (iso: string): boolean | undefined => schedules?.isOpen('enterprise-desk', china(iso));
    expect(open('2026-11-24T10:00:00')).toBe(true); // a Tuesday
    expect(open('2026-11-24T12:30:00')).toBe(false); // lunch
    expect(open('2026-11-24T20:00:00')).toBe(false);
    expect(open('2026-11-28T10:00:00')).toBe(false); // an ordinary Saturday
    expect(open('2026-02-14T10:00:00')).toBe(true); // make-up working Saturday before 春节
    expect(open('2026-10-01T10:00:00')).toBe(false); // 国庆节
    expect(schedules?.isOpen('always', china('2026-10-01T03:00:00'))).toBe(true);
  });

  it('report bad schedule data with stable codes and paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedules-'));
    try {
      const file = path.join(dir, 'schedules.yaml');
      fs.writeFileSync(file, 'schedules:\n  desk:\n    workingDay: ["18:00-08:00"]\n    holidays: { 圣诞节: [] }\n');
      const result = loadSchedules(file, 'fixtures/calendar');
      expect(result.schedules).toBeUndefined();
      expect(result.problems.map((p) => [p.code, p.path])).toEqual([
        ['HOURS_BAD_RANGE', 'schedules.desk.workingDay[0]'],
        ['HOURS_UNKNOWN_HOLIDAY', 'schedules.desk.holidays.圣诞节'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
