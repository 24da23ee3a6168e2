// The place an order is about, from the free text an agent typed (幸福小区３号楼二单元301, 人民路128号门口):
// the estate (…小区/花园/苑/家园/村/宿舍…) with its building (N号楼/N栋/N幢), or the road (…路/街/大道) with
// its number (…号); a name no estate word ends (碧水云天3号楼) is still an estate when a building follows it. Unit, floor and room are dropped (a leak in 301 and one in 502 of the same building are
// one building's problem), full-width digits and Chinese numerals become ASCII digits, spaces go.
// Text naming neither an estate nor a road is kept whole, so identical text still meets identical text.

export interface PlaceKey {
  /** The estate or road, e.g. 幸福小区, 人民路. */
  readonly base: string;
  /** The building (3号楼) or road number (128号); null when the text names none. */
  readonly detail: string | null;
  /** base + detail, the place as a finding shows it. */
  readonly label: string;
}

const DIGIT: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105, 三五 → 35 (read digit by digit); null when not a numeral. */
export function chineseNumeral(text: string): number | null {
  if (text === '') return null;
  if (!/[十百]/.test(text)) {
    let value = 0;
    for (const ch of text) {
      const digit = DIGIT[ch];
      if (digit === undefined) return null;
      value = value * 10 + digit;
    }
    return value;
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current === 0 ? 1 : current) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current === 0 ? 1 : current) * 10;
      current = 0;
    } else {
      const digit = DIGIT[ch];
      if (digit === undefined) return null;
      current = digit;
    }
  }
  return total + current;
}

const NUMERAL_BEFORE_MARK = /([零〇一二两三四五六七八九十百]+)(?=号|栋|幢|座|单元|室|层|楼)/g;
// Everything from the unit, floor, room or a "301" after the building on is the inside of the place.
const INSIDE = /(\d+单元|\d+层|\d+室|\d+-\d+|\d+号房).*$/;
const BUILDING = /(\d+)(?:号楼|栋|幢|座|号)/;
const ESTATE_WORDS = ['小区', '花园', '家园', '新村', '公寓', '社区', '宿舍', '苑', '园', '村', '里', '院', '府', '邸', '庭', '湾'];
const ESTATE = new RegExp(`(?:${ESTATE_WORDS.join('|')})`, 'g');
const ESTATE_WORD_ONLY = new RegExp(`^(?:${ESTATE_WORDS.join('|')})$`);
// A road named before an estate (人民路幸福小区): at least two characters before the road word, so the
// 铁路 of 铁路新村 is part of the estate's name, not a road.
const ROAD_BEFORE = /^(.+?)(?:大道|胡同|路|街|巷)(?:\d+号)?(?=.)/;
const ROAD = /(大道|胡同|路|街|巷)(?:(\d+)号)?/g;
// A leading city, district, 街道 or town names the area, which the order's area field already holds.
const ADMIN_PREFIX = /^(?:[\u4e00-\u9fa5]{2,6}?市)?(?:[\u4e00-\u9fa5]{1,5}?(?<!小|社|园|校|厂)区)?(?:[\u4e00-\u9fa5]{2,6}?(?:街道|镇|乡))?/;

const NEEDS_WIDTH_OR_SPACE = /[\s\u3000\uff01-\uff5e]/;
const NEEDS_NUMERAL = /[零〇一二两三四五六七八九十百]/;

// Most addresses need neither step, so each is tested for before it runs (a call normalises 200,000).
function clean(location: string): string {
  let text = location;
  if (NEEDS_WIDTH_OR_SPACE.test(text)) {
    text = text.replace(/[\s\u3000]+/g, '').replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  }
  if (NEEDS_NUMERAL.test(text)) text = text.replace(NUMERAL_BEFORE_MARK, (numeral: string) => String(chineseNumeral(numeral) ?? numeral));
  return text;
}

function stripAdmin(text: string): string {
  const prefix = ADMIN_PREFIX.exec(text)?.[0] ?? '';
  return prefix.length > 0 && prefix.length < text.length ? text.slice(prefix.length) : text;
}

/** The end (exclusive) of the last estate word in text, or -1. */
function estateEnd(text: string): number {
  let end = -1;
  ESTATE.lastIndex = 0;
  for (let match = ESTATE.exec(text); match !== null; match = ESTATE.exec(text)) end = match.index + match[0].length;
  return end;
}

/** The normalised place of a free-text location; null when nothing is left of it. */
export function placeKey(location: string): PlaceKey | null {
  const text = stripAdmin(clean(location).replace(INSIDE, '').replace(/[,，。.;；、()（）:：-]+$/, ''));
  if (text === '') return null;

  const building = BUILDING.exec(text);
  const head = building === null ? text : text.slice(0, building.index).replace(/第$/, '');
  const end = estateEnd(head);
  // An estate word followed by a road (中关村大街27号) names a road, not an estate.
  if (end > 0 && !/大道|胡同|路|街|巷/.test(head.slice(end))) {
    const base = withoutRoadBefore(head.slice(0, end));
    const detail = building === null ? null : `${building[1]}号楼`;
    return { base, detail, label: detail === null ? base : base + detail };
  }

  ROAD.lastIndex = 0;
  const road = ROAD.exec(text);
  if (road !== null) {
    const base = text.slice(0, road.index + (road[1] as string).length);
    const detail = road[2] === undefined ? null : `${road[2]}号`;
    return { base, detail, label: detail === null ? base : base + detail };
  }
  // A name and a building (碧水云天3号楼, 新城国际5栋): the name is the estate, whatever it ends with.
  if (building !== null && head !== '') {
    const detail = `${building[1]}号楼`;
    return { base: head, detail, label: head + detail };
  }
  return { base: text, detail: null, label: text };
}

/** A road before the estate (人民路幸福小区) only says where the estate is; what is left must still be a name, not an estate word alone. */
function withoutRoadBefore(estate: string): string {
  const road = ROAD_BEFORE.exec(estate);
  if (road === null || (road[1] as string).length < 2) return estate;
  const rest = estate.slice(road[0].length);
  return ESTATE_WORD_ONLY.test(rest) ? estate : rest;
}
