import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../../../src/domain/hotspots/find-hotspots.js';
import { cellDays, input } from './hotspot-builders.js';

const settings = DEFAULT_HOTSPOT_SETTINGS;
const DAY = '2025-11-12'; // a Wednesday
const names = { '0202': '屋顶漏水', '0203': '电梯故障', '02': '住房保障与物业', '0304': '供暖' };
const weekend = (date: string): boolean => weekdayOf(date) >= 6;

describe('surge rule', () => {
  it('raises a day far above its own baseline, with the figures in the reason and the orders selected', () => {
    const counts = cellDays('0202', '东城街道', DAY, 40, (d) => (d === DAY ? 14 : 2));
    const [finding, ...rest] = findHotspots(input(DAY, { dayCounts: counts, categoryNames: names }), settings);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: 'surge', categoryCode: '0202', area: '东城街道', observed: 14, from: DAY, to: DAY });
    expect(finding?.expected).toBeCloseTo(2, 0);
    expect(finding?.reason).toContain('东城街道·屋顶漏水：今日 14 件');
    expect(finding?.select).toEqual({ categoryCode: '0202', area: '东城街道', from: DAY, to: DAY });
    expect(finding?.key).toBe(`surge:0202:东城街道:${DAY}`);
  });

  it('raises nothing for a steady cell, nor for a quiet cell with a few orders', () => {
    const steady = cellDays('0202', '东城街道', DAY, 40, () => 6);
    const quiet = cellDays('0203', '西城街道', DAY, 40, (d) => (d === DAY ? 3 : 0));
    expect(findHotspots(input(DAY, { dayCounts: [...steady, ...quiet] }), settings)).toEqual([]);
  });

  it('a single order in a cell that had none is not a surge (the floor and minCount)', () => {
    const lone = cellDays('0203', '西城街道', DAY, 40, (d) => (d === DAY ? 1 : 0));
    expect(findHotspots(input(DAY, { dayCounts: lone }), settings)).toEqual([]);
  });

  it('reads a weekend against weekend days: a normal Saturday after busy weekdays is no surge, a busy one is', () => {
    const saturday = '2025-11-15';
    // The city: 10 a working day, 2 a weekend day; the cell keeps that shape.
    const city = cellDays('0101', '南城街道', saturday, 40, (d) => (weekend(d) ? 2 : 10));
    const cell = cellDays('0202', '东城街道', saturday, 40, (d) => (weekend(d) ? 1 : 5));
    expect(findHotspots(input(saturday, { dayCounts: [...city, ...cell] }), settings)).toEqual([]);
    const busy = cellDays('0202', '东城街道', saturday, 40, (d) => (d === saturday ? 10 : weekend(d) ? 1 : 5));
    const found = findHotspots(input(saturday, { dayCounts: [...city, ...busy] }), settings);
    expect(found.map((f) => [f.kind, f.categoryCode, f.observed])).toEqual([['surge', '0202', 10]]);
  });

  it('catches a slower rise over the week that no single day shows', () => {
    const counts = cellDays('0304', '北城街道', DAY, 40, (d) => (d > addDays(DAY, -7) ? 4 : 1));
    const found = findHotspots(input(DAY, { dayCounts: counts, categoryNames: names }), settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ observed: 28, from: addDays(DAY, -6), to: DAY });
    expect(found[0]?.reason).toContain('近 7 日 28 件');
  });

  it('rolls a rise spread over subcategories up to the major, and raises the major only', () => {
    // Four subcategories of 02 each a little up: none alone passes, together they do.
    const subs = ['0201', '0202', '0203', '0204'].flatMap((code) => cellDays(code, '东城街道', DAY, 40, (d) => (d === DAY ? 5 : 1)));
    const found = findHotspots(input(DAY, { dayCounts: subs, categoryNames: names }), settings);
    expect(found.map((f) => f.categoryCode)).toEqual(['02']);
    expect(found[0]?.observed).toBe(20);
    expect(found[0]?.reason).toContain('住房保障与物业');
  });

  it('raises the subcategory, not its major, when the rise is all in one subcategory', () => {
    const one = cellDays('0202', '东城街道', DAY, 40, (d) => (d === DAY ? 15 : 1));
    const others = ['0201', '0203'].flatMap((code) => cellDays(code, '东城街道', DAY, 40, () => 3));
    const found = findHotspots(input(DAY, { dayCounts: [...one, ...others] }), settings);
    expect(found.map((f) => f.categoryCode)).toEqual(['0202']);
  });

  it('keeps one key for a surge continuing over consecutive days', () => {
    const start = addDays(DAY, -2);
    const counts = cellDays('0202', '东城街道', addDays(DAY, 1), 42, (d) => (d >= start ? 15 : 2));
    const keys = [start, addDays(start, 1), DAY, addDays(DAY, 1)].map((day) => findHotspots(input(day, { dayCounts: counts }), settings)[0]?.key);
    expect(new Set(keys)).toEqual(new Set([`surge:0202:东城街道:${start}`]));
  });

  it('sorts findings strongest first', () => {
    const strong = cellDays('0202', '东城街道', DAY, 40, (d) => (d === DAY ? 30 : 2));
    const weak = cellDays('0304', '西城街道', DAY, 40, (d) => (d === DAY ? 14 : 2));
    const found = findHotspots(input(DAY, { dayCounts: [...weak, ...strong] }), settings);
    expect(found.map((f) => f.categoryCode)).toEqual(['0202', '0304']);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });
});
