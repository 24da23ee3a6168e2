// The analysis page's figures and the weekly/monthly analysis report (民情分析报告): the database's sums
// for a range shaped by domain/reports, the report's period with the one before it, and the warnings
// the period saw. The sums are read one after the other: on SQLite they would queue anyway, and on
// PostgreSQL one pool connection per request keeps a burst of reports from starving the calls' writes.
import { addDays, chinaDate, type LocalDate } from '../../domain/calendar/china-time.js';
import { analysisOf, type AnalysisFigures, type AnalysisNames } from '../../domain/reports/analysis.js';
import { headline, lastWholePeriod, periodRange, previousPeriod, reportTitle, reportWarnings, type ReportPeriodKind } from '../../domain/reports/analysis-report.js';
import { dayCount, type AnalysisSums } from '../../domain/reports/analysis-rows.js';
import type { AnalysisRecords } from '../ports/analysis-records.js';
import type { HotspotRecords, StoredHotspot } from '../ports/hotspot-records.js';

/** The answer target of 人工应答及时率 (GB/T 33358: 15 s), as the daily report's; the tickets' sums (drizzle/0018_ticket_sums.sql) are kept for it. */
export const ANSWER_TARGET_MS = 15_000;
/** How many of a period's warnings are read to rank and count (the report lists 20). */
const WARNINGS_READ = 500;

/** `View`: a warning as the API shows it (contract/api/hotspots.ts's HotspotView, made by the composition). */
export interface AnalysisServiceDeps<View> {
  readonly analysis: AnalysisRecords;
  readonly hotspots: Pick<HotspotRecords, 'list'>;
  readonly names: AnalysisNames;
  /** A stored warning as the API shows it (its category's name, its proactive order's number). */
  readonly warningView: (stored: StoredHotspot) => Promise<View>;
  readonly now: () => number;
}

export interface AnalysisReportFigures<View> {
  readonly period: ReportPeriodKind;
  readonly title: string;
  readonly analysis: AnalysisFigures;
  readonly previous: ReturnType<typeof headline>;
  readonly warnings: View[];
  readonly repeats: number;
}

export class AnalysisService<View> {
  constructor(private readonly deps: AnalysisServiceDeps<View>) {}

  /** The China date today. */
  today(): LocalDate {
    return chinaDate(this.deps.now());
  }

  /** The figures of from..to (China days, inclusive; the caller checks the range). */
  async analysis(from: LocalDate, to: LocalDate): Promise<AnalysisFigures> {
    const records = this.deps.analysis;
    const callHours = await records.callHours(from, to);
    const orderHours = await records.orderHours(from, to);
    // The same number of days before `from` too: the top categories' `previous`.
    const categoryDays = await records.categoryDays(addDays(from, -dayCount(from, to)), to);
    const areaCategories = await records.areaCategories(from, to);
    const units = await records.units(from, to);
    const sums: AnalysisSums = { callHours, orderHours, categoryDays, areaCategories, units };
    return analysisOf(from, to, sums, this.deps.names);
  }

  /** The headline figures only (calls, orders, rates): what the report sets beside the period's own. */
  private async headlineOf(from: LocalDate, to: LocalDate): Promise<ReturnType<typeof headline>> {
    const records = this.deps.analysis;
    const sums: AnalysisSums = { callHours: await records.callHours(from, to), orderHours: await records.orderHours(from, to), categoryDays: [], areaCategories: [], units: await records.units(from, to) };
    return headline(analysisOf(from, to, sums, this.deps.names));
  }

  /** `start` must begin a period (the route checks); without it, the last whole period before today. */
  async report(period: ReportPeriodKind, start: LocalDate | undefined): Promise<AnalysisReportFigures<View>> {
    const range = start === undefined ? lastWholePeriod(period, this.today()) : periodRange(period, start);
    const before = previousPeriod(period, range.from);
    const analysis = await this.analysis(range.from, range.to);
    const previous = await this.headlineOf(before.from, before.to);
    const stored = await this.deps.hotspots.list({ from: range.from, to: range.to, limit: WARNINGS_READ });
    const { listed, repeats } = reportWarnings(stored.map((s) => ({ id: s.id, kind: s.finding.kind, score: s.finding.score, orderCount: s.orderCount, stored: s })));
    const warnings: View[] = [];
    for (const w of listed) warnings.push(await this.deps.warningView(w.stored));
    return { period, title: reportTitle(period, range), analysis, previous, warnings, repeats };
  }
}
