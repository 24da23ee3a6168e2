// The hotspot warnings of one server: the supervisors' actions (any server), and the rules' run every
// HOTLINE_HOTSPOT_INTERVAL_SECONDS on the server holding the database-wide jobs (the back-office
// lease), with the festivals and harvest seasons read once at start (a bad file stops the start).
import { HotspotActions, type HotspotActionsDeps } from '../app/hotspots/hotspot-actions.js';
import { HotspotService } from '../app/hotspots/hotspot-service.js';
import { hotspotView, type HotspotView } from '../app/hotspots/hotspot-views.js';
import type { HotspotConfig } from '../config-hotspots.js';
import { findHotspots } from '../domain/hotspots/find-hotspots.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import type { Logger } from '../logging/logger.js';
import { loadSeasonAnchors } from './season-anchors.js';

export interface Hotspots {
  readonly actions: HotspotActions;
  readonly service: HotspotService;
  /** Tells `listener` of every warning raised, refreshed or stepped; returns the way to stop listening. */
  onChanged(listener: (view: HotspotView) => void): () => void;
  stop(): void;
}

/** What the actions need (but whom they tell, which is the hotspots' own), and what the run needs. */
export interface HotspotParts extends Omit<HotspotActionsDeps, 'changed'> {
  /** The calendar's folder: its years' festivals are the season rule's anchors. */
  readonly calendarDir: string;
  readonly logger: Logger;
  /** Whether this server runs the database-wide jobs now. */
  readonly shared: () => boolean;
}

export function categoryNames(taxonomy: Taxonomy): Record<string, string> {
  const names: Record<string, string> = {};
  for (const major of taxonomy.categories) {
    names[major.code] = major.name;
    for (const sub of major.children) names[sub.code] = sub.name;
  }
  return names;
}

export function startHotspots(config: { readonly hotspots: HotspotConfig }, parts: HotspotParts): Hotspots {
  const log = parts.logger.child({ component: 'hotspots' });
  const listeners = new Set<(view: HotspotView) => void>();
  const tell = (view: HotspotView): void => {
    for (const listener of listeners) listener(view);
  };
  const seasons = loadSeasonAnchors(config.hotspots.seasonsFile, parts.calendarDir);
  const actions = new HotspotActions({ store: parts.store, tickets: parts.tickets, ticketService: parts.ticketService, taxonomy: parts.taxonomy, units: parts.units, audit: parts.audit, now: parts.now, changed: tell });
  const service = new HotspotService({
    store: parts.store,
    settings: config.hotspots.settings,
    find: findHotspots,
    seasons: () => seasons,
    categoryNames: categoryNames(parts.taxonomy),
    now: parts.now,
    logger: log,
    changed: async (stored) => tell(await hotspotView(stored, parts.taxonomy, parts.tickets)),
  });
  const runHere = (): void => {
    if (parts.shared()) void service.run();
  };
  const timer = setInterval(runHere, config.hotspots.intervalMs);
  timer.unref();
  return {
    actions,
    service,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => clearInterval(timer),
  };
}
