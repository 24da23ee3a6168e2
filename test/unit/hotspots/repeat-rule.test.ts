import { describe, expect, it } from 'vitest';
import { addDays, chinaInstant } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../../../src/domain/hotspots/find-hotspots.js';
import { input, order } from './hotspot-builders.js';

const settings = DEFAULT_HOTSPOT_SETTINGS;
const DAY = '2025-11-12';
const names = { '03': '公用事业', '02': '住房保障与物业' };
const replied = (date: string): number => chinaInstant(date, 15 * 60);

describe('repeat rule (屡办不成)', () => {
  it('raises a caller back on the same major after the first order was replied, without the number anywhere', () => {
    const recent = [
      order({ id: 101, at: [addDays(DAY, -20), '09:00'], categoryCode: '0301', callerNumber: '13912345678', location: '', repliedAt: replied(addDays(DAY, -15)) }),
      order({ id: 102, at: [DAY, '09:00'], categoryCode: '0305', callerNumber: '139-1234-5678', location: '' }),
      order({ id: 103, at: [DAY, '10:00'], categoryCode: '0301', callerNumber: '13700000000', location: '' }),
    ];
    const found = findHotspots(input(DAY, { recent, categoryNames: names }), settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'repeat', key: 'repeat:caller:03:101', categoryCode: '03', observed: 2, orderIds: [101, 102], from: addDays(DAY, -20), to: DAY });
    expect(found[0]?.reason).toBe('东城街道·同一来电人：「公用事业」已答复 1 件后仍再次反映，共 2 件（近期再次反映 1 件）');
    const text = JSON.stringify(found);
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('5678');
  });

  it('raises a building back after a reply, whoever calls, and holds the caller inside it rather than twice', () => {
    const recent = [
      order({ id: 201, at: [addDays(DAY, -30), '09:00'], categoryCode: '0202', callerNumber: '13811112222', location: '幸福小区3号楼2单元', repliedAt: replied(addDays(DAY, -25)) }),
      order({ id: 202, at: [addDays(DAY, -2), '09:00'], categoryCode: '0202', callerNumber: '13833334444', location: '幸福小区三号楼502' }),
      order({ id: 203, at: [DAY, '09:00'], categoryCode: '0202', callerNumber: '13811112222', location: '幸福小区3栋' }),
    ];
    const found = findHotspots(input(DAY, { recent }), settings);
    expect(found.map((f) => [f.key, f.place, f.observed])).toEqual([['repeat:place:02:东城街道:幸福小区3号楼:201', '幸福小区3号楼', 3]]);
  });

  it('does not raise an order not yet replied, one replied after the new order came, nor one older than the look-back', () => {
    const recent = [
      order({ at: [addDays(DAY, -10), '09:00'], categoryCode: '0301', callerNumber: '13911110000' }),
      order({ at: [DAY, '09:00'], categoryCode: '0301', callerNumber: '13911110000' }),
      order({ at: [addDays(DAY, -3), '09:00'], categoryCode: '0301', callerNumber: '13922220000', repliedAt: replied(DAY) }),
      order({ at: [DAY, '08:00'], categoryCode: '0301', callerNumber: '13922220000' }),
      order({ at: [addDays(DAY, -120), '09:00'], categoryCode: '0301', callerNumber: '13933330000', repliedAt: replied(addDays(DAY, -110)) }),
      order({ at: [DAY, '11:00'], categoryCode: '0301', callerNumber: '13933330000' }),
    ];
    expect(findHotspots(input(DAY, { recent }), settings)).toEqual([]);
  });

  it('does not count a whole estate as one place, nor withheld numbers as one caller', () => {
    const recent = [
      order({ at: [addDays(DAY, -10), '09:00'], categoryCode: '0201', callerNumber: '13911110000', location: '锦绣苑', repliedAt: replied(addDays(DAY, -8)) }),
      order({ at: [DAY, '09:00'], categoryCode: '0201', callerNumber: '13988880000', location: '锦绣苑' }),
      order({ at: [addDays(DAY, -10), '10:00'], categoryCode: '0401', callerNumber: '', repliedAt: replied(addDays(DAY, -8)) }),
      order({ at: [DAY, '10:00'], categoryCode: '0401', callerNumber: '' }),
    ];
    expect(findHotspots(input(DAY, { recent }), settings)).toEqual([]);
  });

  it('keeps its key from one day to the next, and scores more returns higher', () => {
    const recent = [
      order({ id: 301, at: [addDays(DAY, -9), '09:00'], categoryCode: '0301', callerNumber: '13900000001', repliedAt: replied(addDays(DAY, -8)) }),
      order({ id: 302, at: [addDays(DAY, -1), '09:00'], categoryCode: '0301', callerNumber: '13900000001', repliedAt: replied(addDays(DAY, -1)) }),
      order({ id: 303, at: [DAY, '09:00'], categoryCode: '0301', callerNumber: '13900000001' }),
      order({ id: 401, at: [addDays(DAY, -9), '09:00'], categoryCode: '0401', callerNumber: '13900000002', repliedAt: replied(addDays(DAY, -8)) }),
      order({ id: 402, at: [addDays(DAY, -1), '10:00'], categoryCode: '0401', callerNumber: '13900000002' }),
    ];
    const today = findHotspots(input(DAY, { recent }), settings);
    expect(today.map((f) => f.key)).toEqual(['repeat:caller:03:301', 'repeat:caller:04:401']);
    expect(today[0]!.score).toBeGreaterThan(today[1]!.score);
    const yesterday = findHotspots(input(addDays(DAY, -1), { recent }), settings);
    expect(yesterday.map((f) => f.key)).toEqual(['repeat:caller:03:301', 'repeat:caller:04:401']);
  });
});
