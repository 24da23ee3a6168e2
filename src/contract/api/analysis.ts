// The supervisors' analysis (数据分析) and the weekly/monthly analysis report (民情分析报告): volumes by
// hour, day and week, the service level through the day, the top categories and their trend, a heat
// table of area × major category, and the units' on-time and satisfaction figures. Days are China
// local dates; rates are 0..1, null when there is nothing to divide by.
import { Type, type Static } from '@sinclair/typebox';
import { HotspotView } from './hotspots.js';
import { Day, literals, Nullable } from './schema-parts.js';

const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

/** from..to inclusive, at most 400 days; both default to the last 30 days up to today. */
export const AnalysisQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false });

export const VolumeDay = Type.Object({ day: Day, calls: Count, answered: Count, answeredWithinTarget: Count, abandoned: Count, orders: Count });
export const VolumeWeek = Type.Object({ weekStart: Day, calls: Count, orders: Count });
/** By hour of the day over the whole range: calls offered, answered within 15 s (the service level), abandoned, orders. */
export const VolumeHour = Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), calls: Count, answered: Count, answeredWithinTarget: Count, abandoned: Count, orders: Count, serviceLevel: Rate });

export const CategoryTrend = Type.Object({
  categoryCode: Type.String(),
  name: Type.String(),
  count: Count,
  /** The same number of days just before `from`. */
  previous: Count,
  /** count / previous - 1; null when previous is 0. */
  change: Nullable(Type.Number()),
  /** Orders per week of the range, aligned with `volume.weeks`. */
  weeks: Type.Array(Count),
});

export const HeatTable = Type.Object({
  areas: Type.Array(Type.String(), { description: 'Rows, most orders first; "" is 未填区域' }),
  categories: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), { description: 'Columns: major categories, most orders first' }),
  cells: Type.Array(Type.Array(Count), { description: 'cells[row][column]' }),
});

export const UnitFigures = Type.Object({
  unitId: Type.String(),
  name: Type.String(),
  orders: Count,
  replied: Count,
  /** Replied by the reply deadline. */
  onTime: Count,
  onTimeRate: Rate,
  rated: Count,
  satisfied: Count,
  satisfactionRate: Rate,
});

export const Analysis = Type.Object({
  from: Day,
  to: Day,
  totals: Type.Object({ calls: Count, answered: Count, answeredWithinTarget: Count, abandoned: Count, orders: Count, answerRate: Rate, serviceLevel: Rate, onTimeRate: Rate, satisfactionRate: Rate }),
  hours: Type.Array(VolumeHour, { description: '24 entries' }),
  days: Type.Array(VolumeDay),
  weeks: Type.Array(VolumeWeek, { description: 'Monday-started weeks touching the range' }),
  topCategories: Type.Array(CategoryTrend, { description: 'Subcategories, at most 10, most orders first' }),
  heat: HeatTable,
  units: Type.Array(UnitFigures, { description: 'Most orders first' }),
});
export type Analysis = Static<typeof Analysis>;

export const REPORT_PERIODS = ['week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
/** `start` is the period's first day (a Monday, or the 1st); it defaults to the last whole period. */
export const AnalysisReportQuery = Type.Object({ period: literals(REPORT_PERIODS), start: Type.Optional(Day) }, { additionalProperties: false });

export const REPORT_TABLES = ['days', 'hours', 'categories', 'heat', 'units', 'warnings'] as const;
export const AnalysisCsvQuery = Type.Object({ period: literals(REPORT_PERIODS), start: Type.Optional(Day), table: literals(REPORT_TABLES) }, { additionalProperties: false });

/** 民情分析报告: the period's analysis, its headline figures against the period before, and its warnings. */
export const AnalysisReport = Type.Object({
  period: literals(REPORT_PERIODS),
  title: Type.String({ description: 'e.g. 2026年11月民情分析报告' }),
  analysis: Analysis,
  previous: Type.Object({ from: Day, to: Day, calls: Count, orders: Count, serviceLevel: Rate, satisfactionRate: Rate, onTimeRate: Rate }),
  /** The period's warnings, strongest first (at most 20). */
  warnings: Type.Array(HotspotView),
  /** 屡办不成: orders the same caller or place came back on after a reply, in the period. */
  repeats: Count,
});
export type AnalysisReport = Static<typeof AnalysisReport>;
