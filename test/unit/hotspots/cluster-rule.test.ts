import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../../../src/domain/hotspots/find-hotspots.js';
import { input, order } from './hotspot-builders.js';

const settings = DEFAULT_HOTSPOT_SETTINGS;
const DAY = '2025-11-12';
const names = { '03': '公用事业', '02': '住房保障与物业' };

describe('cluster rule', () => {
  it('raises a building when one building has enough orders, listing them as evidence', () => {
    const recent = [
      order({ id: 11, at: [addDays(DAY, -3), '09:00'], categoryCode: '0301', location: '幸福小区3号楼2单元301' }),
      order({ id: 12, at: [addDays(DAY, -1), '10:00'], categoryCode: '0305', location: '幸福小区三号楼502室' }),
      order({ id: 13, at: [DAY, '08:30'], categoryCode: '0301', location: '东城街道 幸福小区３栋' }),
      order({ id: 14, at: [DAY, '09:30'], categoryCode: '0301', location: '幸福小区5号楼' }),
    ];
    const found = findHotspots(input(DAY, { recent, categoryNames: names }), settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'cluster', categoryCode: '03', place: '幸福小区3号楼', area: '东城街道', observed: 3, from: addDays(DAY, -3), to: DAY });
    expect(found[0]?.orderIds).toEqual([11, 12, 13]);
    expect(found[0]?.reason).toBe('东城街道·幸福小区3号楼：近 7 日 3 件「公用事业」诉求，此前无同类诉求');
  });

  it('raises the estate when its orders are spread over buildings, none with enough', () => {
    const recent = ['1号楼', '2号楼', '3号楼', ''].map((b, i) => order({ at: [addDays(DAY, -i), '09:00'], categoryCode: '0301', location: `阳光花园${b}` }));
    const found = findHotspots(input(DAY, { recent }), settings);
    expect(found.map((f) => [f.place, f.observed])).toEqual([['阳光花园', 4]]);
  });

  it('needs the same major category and the window', () => {
    const recent = [
      order({ at: [DAY, '09:00'], categoryCode: '0301', location: '人民路128号' }),
      order({ at: [DAY, '10:00'], categoryCode: '0202', location: '人民路128号' }),
      order({ at: [addDays(DAY, -8), '09:00'], categoryCode: '0302', location: '人民路128号' }),
      order({ at: [DAY, '11:00'], categoryCode: '0301', location: '人民路１２８号门口' }),
    ];
    expect(findHotspots(input(DAY, { recent }), settings)).toEqual([]);
  });

  it('does not raise a place that is always this busy', () => {
    // 3 property orders a week for ten weeks: this week's 3 are its usual.
    const recent = Array.from({ length: 30 }, (_, i) => order({ at: [addDays(DAY, -Math.floor(i * 2.3)), '09:00'], categoryCode: '0201', location: '锦绣苑' }));
    expect(findHotspots(input(DAY, { recent }), settings)).toEqual([]);
  });

  it('keeps one key while the cluster goes on, then lets it go', () => {
    const first = addDays(DAY, -2);
    const recent = [0, 0, 1, 2, 3].map((i) => order({ at: [addDays(first, i), '09:00'], categoryCode: '0301', location: '幸福小区3号楼' }));
    const keys = [0, 1, 2, 3, 7, 8].map((i) => findHotspots(input(addDays(first, i), { recent }), settings)[0]?.key);
    const key = `cluster:03:东城街道:幸福小区3号楼:${addDays(first, 1)}`;
    // Two orders on the first day are not yet a cluster; on day 8 the window holds two again.
    expect(keys).toEqual([undefined, key, key, key, key, undefined]);
  });

  it('ignores orders after the evaluated day and orders without a category or place', () => {
    const recent = [
      order({ at: [addDays(DAY, 1), '09:00'], categoryCode: '0301', location: '幸福小区3号楼' }),
      order({ at: [DAY, '09:00'], categoryCode: null, location: '幸福小区3号楼' }),
      order({ at: [DAY, '10:00'], categoryCode: '0301', location: '幸福小区3号楼' }),
      order({ at: [DAY, '11:00'], categoryCode: '0301', location: '  ' }),
      order({ at: [DAY, '12:00'], categoryCode: '0301', location: '幸福小区3号楼' }),
    ];
    expect(findHotspots(input(DAY, { recent }), settings)).toEqual([]);
  });
});
