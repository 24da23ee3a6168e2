// The analysis report's tables as rows for CSV (one table per file): a Chinese header row, then the
// figures. Rates are percentages with one decimal, empty when there was nothing to divide by.
import type { AnalysisFigures } from './analysis.js';

export const ANALYSIS_TABLES = ['days', 'hours', 'categories', 'heat', 'units', 'warnings'] as const;
export type AnalysisTable = (typeof ANALYSIS_TABLES)[number];

export type TableCell = string | number | null;

export interface TableRows {
  readonly header: string[];
  readonly rows: TableCell[][];
}

/** A warning as the report lists it. */
export interface WarningLine {
  readonly kind: string;
  readonly state: string;
  readonly categoryName: string | null;
  readonly area: string | null;
  readonly place: string | null;
  readonly from: string;
  readonly to: string;
  readonly observed: number;
  readonly expected: number;
  readonly score: number;
  readonly reason: string;
  readonly orderCount: number;
}

const KIND_WORDS: Readonly<Record<string, string>> = { surge: '激增', cluster: '聚集', season: '季节性', repeat: '屡办不成' };
const STATE_WORDS: Readonly<Record<string, string>> = { new: '新预警', sent: '已交办', handled: '已处置', dismissed: '已忽略' };

/** 0.8125 → 81.3 (a percentage); null stays empty. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

export function analysisTable(table: AnalysisTable, analysis: AnalysisFigures, warnings: readonly WarningLine[]): TableRows {
  switch (table) {
    case 'days':
      return {
        header: ['日期', '呼入量', '人工接通', '15秒内接通', '放弃', '工单量'],
        rows: analysis.days.map((d) => [d.day, d.calls, d.answered, d.answeredWithinTarget, d.abandoned, d.orders]),
      };
    case 'hours':
      return {
        header: ['时段', '呼入量', '人工接通', '15秒内接通', '放弃', '工单量', '人工应答及时率(%)'],
        rows: analysis.hours.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, h.calls, h.answered, h.answeredWithinTarget, h.abandoned, h.orders, percent(h.serviceLevel)]),
      };
    case 'categories':
      return {
        header: ['分类代码', '诉求分类', '本期工单', '上期工单', '环比(%)'],
        rows: analysis.topCategories.map((c) => [c.categoryCode, c.name, c.count, c.previous, percent(c.change)]),
      };
    case 'heat':
      return {
        header: ['区域', ...analysis.heat.categories.map((c) => c.name)],
        rows: analysis.heat.areas.map((area, row) => [area === '' ? '未填区域' : area, ...(analysis.heat.cells[row] ?? [])]),
      };
    case 'units':
      return {
        header: ['承办单位', '工单量', '已答复', '按时答复', '按时答复率(%)', '已评价', '满意', '满意率(%)'],
        rows: analysis.units.map((u) => [u.name, u.orders, u.replied, u.onTime, percent(u.onTimeRate), u.rated, u.satisfied, percent(u.satisfactionRate)]),
      };
    case 'warnings':
      return {
        header: ['类型', '状态', '诉求分类', '区域', '地点', '起始日期', '截止日期', '实际件数', '预期件数', '强度', '说明', '涉及工单'],
        rows: warnings.map((w) => [KIND_WORDS[w.kind] ?? w.kind, STATE_WORDS[w.state] ?? w.state, w.categoryName, w.area, w.place, w.from, w.to, w.observed, Math.round(w.expected * 10) / 10, Math.round(w.score * 100) / 100, w.reason, w.orderCount]),
      };
  }
}
