// The supervisors' analysis (数据分析) shaped from the database's sums: volumes by hour, day and
// Monday-started week, the service level through the day, the top subcategories and their trend,
// the heat table of area × major category, and each main unit's on-time and satisfaction figures.
// Pure: the sums come in, the figures go out (the shape of contract/api/analysis.ts).
//
// How each figure counts (the same words as the daily report, report-indicators.ts):
//   calls          offered to a human (reached a queue), not the calls we placed, by the call's start;
//   answered       an agent answered; answeredWithinTarget within 15 s of queueing; abandoned: not
//                  answered and no callback chosen; answerRate = answered / calls (人工接通率);
//                  serviceLevel = answeredWithinTarget / answered (人工应答及时率);
//   orders         filed tickets (a request type), by the day they were created;
//   onTimeRate     replied by the reply deadline / replied, over orders with a main unit;
//   satisfactionRate  (满意 + 基本满意) / rated, as the daily report's 满意率.
import type { LocalDate } from '../calendar/china-time.js';
import type { Taxonomy } from '../tickets/categories.js';
import { heatTable, topCategories, type CategoryTrendFigures, type HeatFigures } from './analysis-categories.js';
import { daysOf, mondayOf, rateOf, type AnalysisSums } from './analysis-rows.js';

export interface Volumes { calls: number; answered: number; answeredWithinTarget: number; abandoned: number; orders: number }
export interface HourFigures extends Volumes { readonly hour: number; serviceLevel: number | null }
export interface DayFigures extends Volumes { readonly day: LocalDate }
export interface WeekFigures { readonly weekStart: LocalDate; calls: number; orders: number }
export interface UnitFigures {
  readonly unitId: string;
  readonly name: string;
  readonly orders: number;
  readonly replied: number;
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly rated: number;
  readonly satisfied: number;
  readonly satisfactionRate: number | null;
}
export interface AnalysisTotals extends Volumes { answerRate: number | null; serviceLevel: number | null; onTimeRate: number | null; satisfactionRate: number | null }

export interface AnalysisFigures {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly totals: AnalysisTotals;
  readonly hours: HourFigures[];
  readonly days: DayFigures[];
  readonly weeks: WeekFigures[];
  readonly topCategories: CategoryTrendFigures[];
  readonly heat: HeatFigures;
  readonly units: UnitFigures[];
}

export interface AnalysisNames {
  readonly taxonomy: Taxonomy;
  /** The handling units' names by id (the dispatch rules' units); an unknown id is shown as itself. */
  readonly unitNames: ReadonlyMap<string, string>;
}

const emptyVolumes = (): Volumes => ({ calls: 0, answered: 0, answeredWithinTarget: 0, abandoned: 0, orders: 0 });

/** The analysis of from..to (inclusive China days); sums outside the range are ignored. */
export function analysisOf(from: LocalDate, to: LocalDate, sums: AnalysisSums, names: AnalysisNames): AnalysisFigures {
  const days = daysOf(from, to).map((day): DayFigures => ({ day, ...emptyVolumes() }));
  const dayIndex = new Map(days.map((d, index) => [d.day, index]));
  const hours = Array.from({ length: 24 }, (_, hour): HourFigures => ({ hour, ...emptyVolumes(), serviceLevel: null }));
  for (const row of sums.callHours) {
    const day = days[dayIndex.get(row.day) ?? -1];
    const hour = hours[row.hour];
    if (day === undefined || hour === undefined) continue;
    for (const target of [day, hour]) {
      target.calls += row.calls;
      target.answered += row.answered;
      target.answeredWithinTarget += row.answeredWithinTarget;
      target.abandoned += row.abandoned;
    }
  }
  for (const row of sums.orderHours) {
    const day = days[dayIndex.get(row.day) ?? -1];
    const hour = hours[row.hour];
    if (day === undefined || hour === undefined) continue;
    day.orders += row.count;
    hour.orders += row.count;
  }
  for (const hour of hours) hour.serviceLevel = rateOf(hour.answeredWithinTarget, hour.answered);

  const weeks: WeekFigures[] = [];
  for (const day of days) {
    const monday = mondayOf(day.day);
    if (weeks.at(-1)?.weekStart !== monday) weeks.push({ weekStart: monday, calls: 0, orders: 0 });
    const week = weeks.at(-1);
    if (week === undefined) continue; // cannot happen: pushed above
    week.calls += day.calls;
    week.orders += day.orders;
  }

  const units = unitFigures(sums, names);
  const volumes = days.reduce((sum, d) => ({ calls: sum.calls + d.calls, answered: sum.answered + d.answered, answeredWithinTarget: sum.answeredWithinTarget + d.answeredWithinTarget, abandoned: sum.abandoned + d.abandoned, orders: sum.orders + d.orders }), emptyVolumes());
  const replied = units.reduce((n, u) => n + u.replied, 0);
  const rated = units.reduce((n, u) => n + u.rated, 0);
  return {
    from,
    to,
    totals: {
      ...volumes,
      answerRate: rateOf(volumes.answered, volumes.calls),
      serviceLevel: rateOf(volumes.answeredWithinTarget, volumes.answered),
      onTimeRate: rateOf(units.reduce((n, u) => n + u.onTime, 0), replied),
      satisfactionRate: rateOf(units.reduce((n, u) => n + u.satisfied, 0), rated),
    },
    hours,
    days,
    weeks,
    topCategories: topCategories(sums.categoryDays, from, to, weeks.map((w) => w.weekStart), names.taxonomy),
    heat: heatTable(sums.areaCategories, names.taxonomy),
    units,
  };
}

function unitFigures(sums: AnalysisSums, names: AnalysisNames): UnitFigures[] {
  return [...sums.units]
    .sort((a, b) => b.orders - a.orders || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0))
    .map((u) => ({
      unitId: u.unitId,
      name: names.unitNames.get(u.unitId) ?? u.unitId,
      orders: u.orders,
      replied: u.replied,
      onTime: u.onTime,
      onTimeRate: rateOf(u.onTime, u.replied),
      rated: u.rated,
      satisfied: u.satisfied,
      satisfactionRate: rateOf(u.satisfied, u.rated),
    }));
}
