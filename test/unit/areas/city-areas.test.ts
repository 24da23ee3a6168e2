import { describe, expect, it } from 'vitest';
import { loadCityAreas } from '../../../src/adapters/tickets/area-file.js';
import { parseCityAreas } from '../../../src/domain/areas/city-areas.js';

const codes = (raw: unknown): { code: string; path: string }[] => {
  const result = parseCityAreas(raw);
  return result.ok ? [] : result.errors.map(({ code, path }) => ({ code, path }));
};

const estate = { name: '甲小区', buildings: 3 };

describe('the city areas', () => {
  it('fixtures/areas.yaml has the four areas of the dispatch rules and more, towns with villages, old estates to fail', () => {
    const { areas, byName } = loadCityAreas();
    expect(areas.length).toBeGreaterThanOrEqual(12);
    for (const name of ['东城街道', '西城街道', '南湖街道', '青山镇']) expect(byName.has(name)).toBe(true);
    expect(areas.filter((a) => a.kind === 'town').every((a) => a.villages.length > 0)).toBe(true);
    expect(areas.flatMap((a) => a.communities.flatMap((c) => c.estates)).filter((e) => e.old).length).toBeGreaterThanOrEqual(8);
    expect(new Set(areas.map((a) => a.size)).size).toBeGreaterThan(4);
  });

  it('reports unknown fields, bad kinds and sizes, villages in a subdistrict, a town without any, duplicates, all at once', () => {
    const raw = {
      areas: [
        { name: '甲街道', kind: 'district', size: 0, communities: [{ name: '一社区', estates: [estate, { ...estate, colour: 'red' }] }], roads: ['甲路'] },
        { name: '甲街道', kind: 'subdistrict', size: 3, communities: [{ name: '二社区', estates: [estate] }], villages: ['甲村'], roads: ['乙路'] },
        { name: '乙镇', kind: 'town', size: 3, communities: [], roads: [] },
      ],
    };
    expect(codes(raw)).toEqual([
      { code: 'AREAS_INVALID_KIND', path: 'areas[0].kind' },
      { code: 'AREAS_INVALID_FIELD', path: 'areas[0].size' },
      { code: 'AREAS_UNKNOWN_FIELD', path: 'areas[0].communities[0].estates[1].colour' },
      { code: 'AREAS_DUPLICATE_NAME', path: 'areas[0].communities[0].estates[1].name' },
      { code: 'AREAS_DUPLICATE_NAME', path: 'areas[1].name' },
      { code: 'AREAS_VILLAGES_IN_SUBDISTRICT', path: 'areas[1].villages' },
      { code: 'AREAS_MISSING_FIELD', path: 'areas[2].villages' },
      { code: 'AREAS_MISSING_FIELD', path: 'areas[2].roads' },
      { code: 'AREAS_MISSING_FIELD', path: 'areas[2].communities' },
    ]);
  });

  it('refuses a document that is not a list of areas', () => {
    expect(codes(null)).toEqual([{ code: 'AREAS_INVALID_FIELD', path: '' }]);
    expect(codes({ areas: [] })).toEqual([{ code: 'AREAS_MISSING_FIELD', path: 'areas' }]);
  });
});
