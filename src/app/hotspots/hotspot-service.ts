// The hotspot run (热点预警): reads the rules' inputs for the China day of the clock (the counts per day,
// category and area over the baseline, and last year's span when a season is near; the recent orders
// over the repeat look-back), runs the pure rules, resolves each selected finding to its orders (at
// most 500), keeps each by its key and tells supervisors of every warning new or changed. A failed run
// is logged with its code and tried again at the next interval; it never takes the server down.
import { addDays, chinaDate, chinaMidnight, type LocalDate } from '../../domain/calendar/china-time.js';
import type { DayCount, HotspotFinding, HotspotInput, SeasonAnchor } from '../../domain/hotspots/hotspot-facts.js';
import type { HotspotSettings } from '../../domain/hotspots/hotspot-settings.js';
import { MAX_EVIDENCE } from '../../domain/hotspots/hotspot-math.js';
import { hotspotInputSpan, type DaySpan } from '../../domain/hotspots/input-span.js';
import type { Logger } from '../../logging/logger.js';
import type { HotspotRecords, StoredHotspot } from '../ports/hotspot-records.js';


export interface HotspotRunDeps {
  readonly store: HotspotRecords;
  readonly settings: HotspotSettings;
  readonly find: (input: HotspotInput, settings: HotspotSettings) => HotspotFinding[];
  /** The festivals and harvest seasons known (built at start from the calendar and the seasons file). */
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

  /** The rules' input for `day`, as the stores give it: the spans the rules need (input-span.ts), each day read once. */
  async input(day: LocalDate): Promise<HotspotInput> {
    const { settings, store } = this.deps;
    const seasons = this.deps.seasons(day);
    const span = hotspotInputSpan(day, seasons, settings);
    const counts: DayCount[] = [];
    for (const part of disjoint(span.dayCounts)) counts.push(...(await store.dayCounts(part.from, part.to)));
    const recent = await store.recentOrders(chinaMidnight(span.recentFrom), chinaMidnight(addDays(day, 1)));
    return { day, dayCounts: counts, recent, seasons, categoryNames: this.deps.categoryNames };
  }

  private async runOnce(): Promise<RunSummary | null> {
    const began = this.deps.now();
    const day = chinaDate(began);
    try {
      const findings = this.deps.find(await this.input(day), this.deps.settings);
      let created = 0;
      let changed = 0;
      for (const finding of findings) {
        const evidence = finding.select === null ? finding.orderIds : await this.deps.store.orderIds(finding.select, MAX_EVIDENCE);
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

/** The spans merged where they overlap or touch, so no day is counted twice. */
export function disjoint(spans: readonly DaySpan[]): DaySpan[] {
  const merged: DaySpan[] = [];
  for (const span of [...spans].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    const last = merged[merged.length - 1];
    if (last && span.from <= addDays(last.to, 1)) merged[merged.length - 1] = { from: last.from, to: span.to > last.to ? span.to : last.to };
    else merged.push(span);
  }
  return merged;
}
