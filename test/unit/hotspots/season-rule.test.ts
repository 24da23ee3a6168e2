import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/china-time.js';
import { DEFAULT_HOTSPOT_SETTINGS, findHotspots } from '../../../src/domain/hotspots/find-hotspots.js';
import type { DayCount } from '../../../src/domain/hotspots/hotspot-facts.js';
import { hotspotInputSpan } from '../../../src/domain/hotspots/input-span.js';
import { parseSeasons, seasonAnchors, SeasonsError } from '../../../src/domain/hotspots/season-anchors.js';
import { shippedYear } from '../calendar/calendar-fixtures.js';
import { cellDays, input } from './hotspot-builders.js';

const settings = DEFAULT_HOTSPOT_SETTINGS;
const names = { '0601': '拖欠工资', '06': '劳动和社会保障' };
const harvests = parseSeasons(parse(readFileSync('fixtures/seasons.yaml', 'utf8')) as unknown);
const anchors = seasonAnchors([shippedYear(2025), shippedYear(2026)], harvests);

/** A year of wage-arrears orders: 2 a day, and 8 a day in the 3 weeks before last year's 春节 (2025-01-28) into its first week. */
function wageYear(): DayCount[] {
  return cellDays('0601', '东城街道', '2026-02-10', 420, (d) => (d >= '2025-01-07' && d <= '2025-02-04' ? 8 : 2));
}

describe('season anchors', () => {
  it('anchors each festival on its first holiday date against last year’s, 春节 moving from 2025-01-28 to 2026-02-15', () => {
    const festivals = anchors.filter((a) => a.kind === 'festival');
    expect(festivals.find((a) => a.name === '春节')).toEqual({ name: '春节', kind: 'festival', start: '2026-02-15', lastYearStart: '2025-01-28' });
    // 2025 named 中秋节 with 国庆节; each is its own anchor.
    expect(festivals.find((a) => a.name === '中秋节')).toMatchObject({ start: '2026-09-25', lastYearStart: '2025-10-01' });
    expect(festivals.find((a) => a.name === '国庆节')).toMatchObject({ start: '2026-10-01', lastYearStart: '2025-10-01' });
    expect(festivals.map((a) => a.name).sort()).toEqual(['元旦', '中秋节', '劳动节', '国庆节', '春节', '清明节', '端午节'].sort());
    // 2025's festivals have no 2024 in the calendar: not anchored.
    expect(festivals.every((a) => a.start >= '2026-01-01')).toBe(true);
  });

  it('anchors the harvests from data on the same month-day each year', () => {
    expect(anchors.filter((a) => a.kind === 'harvest')).toEqual([
      { name: '夏收', kind: 'harvest', start: '2025-05-25', lastYearStart: '2024-05-25' },
      { name: '秋收', kind: 'harvest', start: '2025-09-15', lastYearStart: '2024-09-15' },
      { name: '夏收', kind: 'harvest', start: '2026-05-25', lastYearStart: '2025-05-25' },
      { name: '秋收', kind: 'harvest', start: '2026-09-15', lastYearStart: '2025-09-15' },
    ]);
  });

  it('refuses bad season data with a coded error naming the place', () => {
    const problem = (value: unknown): [string, string] => {
      try {
        parseSeasons(value);
      } catch (error) {
        if (error instanceof SeasonsError) return [error.code, error.path];
        throw error;
      }
      throw new Error('accepted');
    };
    expect(problem([])).toEqual(['SEASONS_INVALID', '']);
    expect(problem({ harvests: [{ name: '夏收', start: '06-31', end: '07-01' }] })).toEqual(['SEASONS_BAD_DATE', 'harvests[0].start']);
    expect(problem({ harvests: [{ name: '夏收', start: '07-01', end: '06-01' }] })).toEqual(['SEASONS_BAD_DATE', 'harvests[0].end']);
    expect(problem({ harvests: [{ name: '夏收', start: '06-01', end: '06-30' }, { name: '夏收', start: '07-01', end: '07-30' }] })).toEqual(['SEASONS_DUPLICATE', 'harvests[1].name']);
    expect(problem({ harvests: [{ name: '夏收', start: '06-01', end: '06-30', crops: 'wheat' }] })).toEqual(['SEASONS_INVALID', 'harvests[0].crops']);
  });
});

describe('season rule', () => {
  it('warns of 春节 three weeks ahead from last year’s rise, though the festival moved by 18 days', () => {
    const day = '2026-01-26'; // 20 days before 2026-02-15
    const found = findHotspots(input(day, { dayCounts: wageYear(), seasons: anchors, categoryNames: names }), settings).filter((f) => f.kind === 'season');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      key: 'season:春节:0601:2026-02-15',
      categoryCode: '0601',
      area: null,
      from: addDays('2026-02-15', -21),
      to: addDays('2026-02-15', 7),
      observed: 29 * 8,
      expected: 58,
      select: { categoryCode: '0601', area: null, from: '2025-01-07', to: '2025-02-04' },
    });
    expect(found[0]?.reason).toContain('春节（2026-02-15 起）将至：去年同期「拖欠工资」232 件，为平时的 4 倍');
  });

  it('does not warn before the lead time, nor of a category that was flat last year', () => {
    // 41 days before 春节, 27 before February.
    const early = findHotspots(input('2026-01-05', { dayCounts: wageYear(), seasons: anchors }), settings);
    expect(early.filter((f) => f.kind === 'season')).toEqual([]);
    const flat = cellDays('0601', '东城街道', '2026-02-10', 420, () => 2);
    expect(findHotspots(input('2026-01-26', { dayCounts: flat, seasons: anchors }), settings).filter((f) => f.kind === 'season')).toEqual([]);
  });

  it('keeps the same key every day of the lead time', () => {
    const keys = new Set(
      [-21, -14, -1].map((d) => findHotspots(input(addDays('2026-02-15', d), { dayCounts: wageYear(), seasons: anchors }), settings).find((f) => f.kind === 'season')?.key),
    );
    expect(keys).toEqual(new Set(['season:春节:0601:2026-02-15']));
  });

  it('sees a season no festival names from month starts: heating each November', () => {
    const heating = cellDays('0304', '北城街道', '2025-10-20', 400, (d) => (d >= '2024-10-11' && d <= '2024-11-08' ? 10 : 1));
    const found = findHotspots(input('2025-10-20', { dayCounts: heating, seasons: [] }), settings).filter((f) => f.kind === 'season');
    expect(found.map((f) => [f.key, f.observed])).toEqual([['season:11月:0304:2025-11-01', 290]]);
  });
});

describe('what one call needs loaded', () => {
  it('names the surge baseline, last year around each season due, and the repeat look-back', () => {
    const span = hotspotInputSpan('2026-01-26', anchors, settings);
    expect(span.dayCounts).toEqual([
      { from: addDays('2026-01-26', -(28 + 14 + 7)), to: '2026-01-26' },
      { from: addDays('2025-01-28', -63), to: addDays('2025-01-28', 7 + 42) }, // 春节
      { from: addDays('2025-02-01', -63), to: addDays('2025-02-01', 7 + 42) }, // 2月
    ]);
    expect(span.recentFrom).toBe(addDays('2026-01-26', -96));
  });
});
