// What makes a generated year of orders look like a city's: the category mix (the top ten subcategories
// about half the orders), the hour-of-day and weekday curves, the festivals' effect, the yearly seasons
// of some categories (heating in winter, wage arrears before 春节 and in the harvests, noise and power
// in summer), the harvest months, where each kind of request happens, and the words of its text.

/** Relative weights of the hot subcategories; every other subcategory gets a small weight of its own. */
export const TOP_CATEGORIES: Readonly<Record<string, number>> = {
  '0201': 9, '0501': 7, '0401': 6, '0102': 5, '0601': 4, '0802': 4, '0301': 4, '1601': 4, '0101': 3.5, '0203': 3.5,
};

/** The weight of a subcategory outside the top ten: 0.3..0.84, spread by its code so the tail is uneven. */
export function tailWeight(code: string): number {
  const n = Number(code);
  return 0.3 + ((n * 37) % 10) * 0.06;
}

/** Orders per hour of the China day, relative: peaks 9–11 and 14–16, little at night. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.4, 0.2, 0.15, 0.1, 0.1, 0.2, 0.6, 1.5, 4, 8, 9, 8, 4, 5, 8, 8.5, 7, 5, 3.5, 3, 2.5, 2, 1, 0.6,
];

/** Monday … Sunday: weekends about half a weekday. */
export const WEEKDAY_FACTORS: readonly number[] = [1.1, 1, 1, 1, 1, 0.55, 0.5];
/** A public holiday is quieter than a weekend; the two working days after one catch up. */
export const HOLIDAY_FACTOR = 0.5;
export const AFTER_HOLIDAY_FACTOR = 1.3;

/** The harvest seasons (夏收 wheat, 秋收 maize and rice), as month and day each year. */
export const HARVESTS: readonly { readonly name: string; readonly month: number; readonly day: number; readonly days: number }[] = [
  { name: '夏收', month: 6, day: 1, days: 30 },
  { name: '秋收', month: 9, day: 15, days: 45 },
];

/** A yearly rise of some categories: in some months, before a festival of the calendar, or in the harvests. */
export interface NaturalSeason {
  readonly name: string;
  readonly categories: readonly string[];
  /** The multiplier inside the season. */
  readonly factor: number;
  /** The multiplier outside it (heating is hardly asked about in summer). */
  readonly offFactor: number;
  readonly when:
    | { readonly months: readonly number[] }
    | { readonly beforeHoliday: string; readonly days: number }
    | { readonly harvest: true };
}

export const NATURAL_SEASONS: readonly NaturalSeason[] = [
  { name: '供暖季', categories: ['0304'], factor: 4, offFactor: 0.25, when: { months: [11, 12, 1, 2, 3] } },
  { name: '春节前欠薪', categories: ['0601'], factor: 2.5, offFactor: 1, when: { beforeHoliday: '春节', days: 30 } },
  { name: '农忙欠薪', categories: ['0601'], factor: 1.8, offFactor: 1, when: { harvest: true } },
  { name: '夏季用电与噪声', categories: ['0302', '0802', '0805'], factor: 1.6, offFactor: 1, when: { months: [6, 7, 8] } },
  { name: '汛期排水', categories: ['0305'], factor: 2.2, offFactor: 1, when: { months: [6, 7, 8] } },
  { name: '招生季', categories: ['1101'], factor: 3, offFactor: 1, when: { months: [6, 7, 8] } },
];

export type PlaceKind = 'building' | 'road' | 'village' | 'none';

/** Where a request of a major (or a subcategory, which wins) is about. */
const PLACES: Readonly<Record<string, PlaceKind>> = {
  '01': 'road', '0106': 'building', '02': 'building', '03': 'building', '0306': 'none', '04': 'road', '05': 'road',
  '06': 'none', '07': 'none', '08': 'road', '0804': 'building', '09': 'road', '10': 'building', '1003': 'road',
  '1004': 'road', '17': 'village', '20': 'building', '14': 'building', '1902': 'road', '1903': 'road',
};

export function placeKindOf(code: string): PlaceKind {
  return PLACES[code] ?? PLACES[code.slice(0, 2)] ?? 'none';
}

/** The majors whose requests are mostly questions (咨询). */
export const CONSULTATION_MAJORS: ReadonlySet<string> = new Set(['06', '11', '12', '13', '14', '15', '16', '18']);

/** What a caller says is wrong, for the subcategories the demo and the hotspots use most. */
export const PROBLEMS: Readonly<Record<string, readonly string[]>> = {
  '0101': ['有人在楼顶私搭乱建', '底商违建扩建占用人行道'],
  '0102': ['工地夜间施工噪音扰民', '施工渣土车扬尘严重'],
  '0201': ['物业不作为，楼道卫生无人打扫', '物业费上涨未经业主同意', '小区门禁损坏物业不修'],
  '0202': ['顶楼屋顶漏水，雨天家里进水', '外墙渗水墙面发霉'],
  '0203': ['电梯经常故障停运', '电梯困人，物业很久才来'],
  '0301': ['管道老化漏水，楼下被淹', '停水没有提前通知', '水压低，高层用不上水'],
  '0302': ['频繁停电，电压不稳', '电线掉落有安全隐患'],
  '0304': ['暖气不热，室温只有十几度', '暖气管道漏水'],
  '0305': ['下水道堵塞污水外溢', '雨后路面积水排不出去'],
  '0401': ['路边违停堵住出入口', '停车收费不合理'],
  '0501': ['商家拒绝退款', '购买的商品有质量问题'],
  '0502': ['买到过期食品', '餐馆卫生条件差'],
  '0503': ['节前商品价格上涨明显，未明码标价', '停车场乱收费'],
  '0601': ['工地拖欠农民工工资', '老板不发工资，多次讨薪无果'],
  '0802': ['夜间噪音扰民，无法休息', '商铺音响声音太大'],
  '0805': ['餐馆油烟直排，影响居民', '烧烤店油烟大'],
  '1001': ['楼道飞线充电，存在火灾隐患', '电动车在楼道里充电'],
  '1002': ['消防通道被占用', '楼道堆放杂物，有消防隐患'],
  '1601': ['咨询办理流程和所需材料', '咨询办理地点和时间'],
};

export const DURATIONS: readonly string[] = ['已经一周了', '持续半个月', '反映多次未解决', '今天早上开始', '最近几天一直这样'];
