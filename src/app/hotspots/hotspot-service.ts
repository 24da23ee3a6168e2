// The hotspot run (热点预警): reads the rules' inputs for the China day of the clock (the counts per day,
// category and area over the baseline, and last year's span when a season is near; the recent orders
// over the repeat look-back), runs the pure rules, resolves each selected finding to its orders (at
// most 500), keeps each by its key and tells supervisors of every warning new or changed. A failed run
// is logged with its code and tried again at the next interval; it never takes the server down.
import { addDays, chinaDate, chinaMidnight, type LocalDate } from '../../domain/calendar/china-time.js';
import type { DayCount, HotspotFinding, HotspotInput, SeasonAnchor } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotSettings } from '../../domain/hotspots/hotspot-settings.js';
import type { Logger } from '../../logging/logger.js';
import type { HotspotRecords, StoredHotspot } from '../ports/hotspot-records.js';

export const EVIDENCE_LIMIT = 500;
/** The surge rule follows a run of days back and compares a week with the weeks before: read this much beyond the baseline. */
const SURGE_MARGIN_DAYS = 21;

export interface HotspotRunDeps {
  readonly store: HotspotRecords;
  readonly settings: HotspotSettings;
  readonly find: (input: HotspotInput, settings: HotspotSettings) => HotspotFinding[];
  /** The festivals and harvest seasons known for the day's year and the next (built at start from the calendar and the seasons file). */
  readonly seasons: (day: LocalDate) => readonly SeasonAnchor[];
  readonly categoryNames: Readonly<Record<string, string>>;
  readonly now: () => number;
  readonly logger: Logger;
  /** Told of each warning raised or refreshed with new figures. */
  readonly changed: (stored: StoredHotspot) => void | Promise<void>;
}

export interface RunSummary {
  readonly day: LocalDate;
  readonly findings: number;
  readonly created: number;
  readonly changed: number;
  readonly ms: number;
}

export class HotspotService {
  private running: Promise<RunSummary | null> | null = null;

  constructor(private readonly deps: HotspotRunDeps) {}

  /** One run; a run asked for while one is going joins it rather than reading everything twice. */
  run(): Promise<RunSummary | null> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The rules' input for `day`, as the stores give it. */
  async input(day: LocalDate): Promise<HotspotInput> {
    const { settings, store } = this.deps;
    const coming = this.deps.seasons(day).filter((s) => s.start >= day && s.start <= addDays(day, settings.season.leadDays));
    const recentFrom = addDays(day, -(settings.surge.baselineDays + SURGE_MARGIN_DAYS));
    const counts: DayCount[] = await store.dayCounts(recentFrom, day);
    if (coming.length > 0) counts.push(...(await store.dayCounts(...lastYearSpan(coming, settings, recentFrom))));
    const lookback = Math.max(settings.repeat.lookbackDays, settings.cluster.windowDays * 3);
    const recent = await store.recentOrders(chinaMidnight(addDays(day, -lookback)), chinaMidnight(addDays(day, 1)));
    return { day, dayCounts: counts, recent, seasons: coming, categoryNames: this.deps.categoryNames };
  }

  private async runOnce(): Promise<RunSummary | null> {
    const began = this.deps.now();
    const day = chinaDate(began);
    try {
      const findings = this.deps.find(await this.input(day), this.deps.settings);
      let created = 0;
      let changed = 0;
      for (const finding of findings) {
        const evidence = finding.select === null ? finding.orderIds : await this.deps.store.orderIds(finding.select, EVIDENCE_LIMIT);
        const kept = await this.deps.store.upsert(finding, evidence, this.deps.now());
        if (kept.created) created += 1;
        if (!kept.changed) continue;
        changed += 1;
        const stored = await this.deps.store.get(kept.id);
        if (stored) await this.deps.changed(stored);
      }
      const summary = { day, findings: findings.length, created, changed, ms: this.deps.now() - began };
      this.deps.logger.info(summary, 'hotspot rules ran');
      return summary;
    } catch (error) {
      this.deps.logger.error({ err: error, code: 'HOTSPOT_RUN_FAILED', day }, 'hotspot rules failed; tried again at the next interval');
      return null;
    }
  }
}

/** Last year's days around the coming seasons, with the baseline before them, kept apart from (before) the recent span. */
function lastYearSpan(coming: readonly SeasonAnchor[], settings: HotspotSettings, recentFrom: LocalDate): [LocalDate, LocalDate] {
  const starts = coming.map((s) => s.lastYearStart).sort();
  const first = starts[0] ?? recentFrom;
  const last = starts[starts.length - 1] ?? recentFrom;
  const from = addDays(first, -(settings.season.windowDays + settings.surge.baselineDays));
  const to = addDays(last, settings.season.windowDays);
  return [from, to < recentFrom ? to : addDays(recentFrom, -1)];
}
