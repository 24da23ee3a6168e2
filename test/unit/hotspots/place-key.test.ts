import { describe, expect, it } from 'vitest';
import { chineseNumeral, placeKey } from '../../../src/domain/hotspots/place-key.js';

describe('place key of a free-text address', () => {
  it.each([
    ['幸福小区3号楼2单元301', '幸福小区', '3号楼'],
    ['幸福小区３号楼', '幸福小区', '3号楼'], // full-width digit
    ['幸福小区 三号楼 502室', '幸福小区', '3号楼'], // Chinese numeral, spaces, room
    ['幸福小区3栋', '幸福小区', '3号楼'],
    ['幸福小区第3幢', '幸福小区', '3号楼'],
    ['东城街道幸福小区3号楼', '幸福小区', '3号楼'], // the area is the order's own field
    ['人民路幸福小区3号楼', '幸福小区', '3号楼'], // the road only says where the estate is
    ['幸福小区东门', '幸福小区', null],
    ['阳光花园十二幢', '阳光花园', '12号楼'],
    ['锦绣苑8幢301', '锦绣苑', '8号楼'],
    ['朝阳家园2号楼1单元', '朝阳家园', '2号楼'],
    ['石化新村5号', '石化新村', '5号楼'],
    ['王家村', '王家村', null],
    ['人民路128号门口', '人民路', '128号'],
    ['人民路１２８号', '人民路', '128号'],
    ['东城区人民路128号', '人民路', '128号'],
    ['建设大道56号', '建设大道', '56号'],
    ['中关村大街27号', '中关村大街', '27号'], // an estate word inside a road name
    ['人民路', '人民路', null],
    ['铁路新村3号楼', '铁路新村', '3号楼'], // 铁 is no road's name: 铁路 is part of the estate's
    ['中山路铁路新村3号楼', '铁路新村', '3号楼'],
    ['纺织厂宿舍4号楼2单元301', '纺织厂宿舍', '4号楼'],
    ['观澜府2栋', '观澜府', '2号楼'],
    ['星河湾5号楼东侧', '星河湾', '5号楼'],
    ['碧水云天3号楼', '碧水云天', '3号楼'], // no estate word, but a building follows the name
    ['新城国际5栋1单元', '新城国际', '5号楼'],
    ['菜市场门口', '菜市场门口', null], // neither: kept whole, so the same text meets the same text
  ])('%s → %s %s', (text, base, detail) => {
    expect(placeKey(text)).toEqual({ base, detail, label: detail === null ? base : base + detail });
  });

  it('has nothing to say about empty text', () => {
    expect(placeKey('')).toBeNull();
    expect(placeKey(' 　')).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect([chineseNumeral('三'), chineseNumeral('十'), chineseNumeral('十二'), chineseNumeral('二十'), chineseNumeral('一百零五'), chineseNumeral('三五'), chineseNumeral('甲')]).toEqual([3, 10, 12, 20, 105, 35, null]);
  });
});
