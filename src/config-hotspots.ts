// The hotspot warnings' settings (read from the environment by config.ts) checked and typed: how often
// the rules run, the thresholds an operator tunes (the others keep DEFAULT_HOTSPOT_SETTINGS, tuned on
// the generated year), and the file of festivals and harvest seasons.
import path from 'node:path';
import type { Setting } from './config-setting.js';
import { DEFAULT_HOTSPOT_SETTINGS } from './domain/hotspots/find-hotspots.js';
import type { HotspotSettings } from './domain/hotspots/hotspot-settings.js';

export interface HotspotConfig {
  readonly intervalMs: number;
  readonly settings: HotspotSettings;
  readonly seasonsFile: string;
}

const D = DEFAULT_HOTSPOT_SETTINGS;

export const HOTSPOT_SETTINGS: readonly Setting[] = [
  { name: 'HOTLINE_HOTSPOT_INTERVAL_SECONDS', fallback: '300', doc: 'How often the hotspot rules run over the orders (on the server holding the back-office lease); 10 or more.' },
  { name: 'HOTLINE_HOTSPOT_SURGE_MIN_COUNT', fallback: String(D.surge.minCount), doc: 'A category × area with fewer orders than this on a day (or in a week) is never a surge.' },
  { name: 'HOTLINE_HOTSPOT_SURGE_MIN_RATIO', fallback: String(D.surge.minRatio), doc: 'A surge has at least this many times its own baseline (the days before it).' },
  { name: 'HOTLINE_HOTSPOT_SURGE_MAX_P', fallback: String(D.surge.maxPValue), doc: 'A surge is a count this unlikely under its baseline (the Poisson tail P(X ≥ observed) below this).' },
  { name: 'HOTLINE_HOTSPOT_CLUSTER_MIN_ORDERS', fallback: String(D.cluster.minOrders), doc: 'Orders about one place (building, road number, estate) that make a cluster.' },
  { name: 'HOTLINE_HOTSPOT_CLUSTER_WINDOW_DAYS', fallback: String(D.cluster.windowDays), doc: 'The days a cluster\'s orders fall within.' },
  { name: 'HOTLINE_HOTSPOT_SEASON_LEAD_DAYS', fallback: String(D.season.leadDays), doc: 'How many days before a festival or harvest season a category that rose then last year is warned of.' },
  { name: 'HOTLINE_HOTSPOT_REPEAT_LOOKBACK_DAYS', fallback: String(D.repeat.lookbackDays), doc: 'How far back a replied order of the same caller or place is looked for (屡办不成).' },
  { name: 'HOTLINE_SEASONS_FILE', fallback: 'fixtures/seasons.yaml', doc: 'The festivals and harvest months the season rule warns ahead of; a bad file stops the start (HOTSPOT_SEASONS_INVALID).' },
];

function whole(read: (name: string) => string, name: string, min: number, max: number): number | string {
  const value = Number(read(name));
  return Number.isInteger(value) && value >= min && value <= max ? value : `${name} must be a whole number from ${min} to ${max}, got "${read(name)}"`;
}

function decimal(read: (name: string) => string, name: string, min: number, max: number): number | string {
  const text = read(name);
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > min && value <= max ? value : `${name} must be a number above ${min} and at most ${max}, got "${text}"`;
}

export function parseHotspotConfig(read: (name: string) => string): HotspotConfig | string {
  const values = {
    interval: whole(read, 'HOTLINE_HOTSPOT_INTERVAL_SECONDS', 10, 86_400),
    surgeMinCount: whole(read, 'HOTLINE_HOTSPOT_SURGE_MIN_COUNT', 1, 100_000),
    surgeMinRatio: decimal(read, 'HOTLINE_HOTSPOT_SURGE_MIN_RATIO', 1, 1000),
    surgeMaxP: decimal(read, 'HOTLINE_HOTSPOT_SURGE_MAX_P', 0, 1),
    clusterMinOrders: whole(read, 'HOTLINE_HOTSPOT_CLUSTER_MIN_ORDERS', 2, 10_000),
    clusterWindowDays: whole(read, 'HOTLINE_HOTSPOT_CLUSTER_WINDOW_DAYS', 1, 90),
    seasonLeadDays: whole(read, 'HOTLINE_HOTSPOT_SEASON_LEAD_DAYS', 1, 90),
    repeatLookbackDays: whole(read, 'HOTLINE_HOTSPOT_REPEAT_LOOKBACK_DAYS', 1, 366),
  };
  const complaint = Object.values(values).find((value): value is string => typeof value === 'string');
  if (complaint !== undefined) return complaint;
  const v = values as { [K in keyof typeof values]: number };
  return {
    intervalMs: v.interval * 1000,
    settings: {
      surge: { ...D.surge, minCount: v.surgeMinCount, minRatio: v.surgeMinRatio, maxPValue: v.surgeMaxP },
      cluster: { ...D.cluster, minOrders: v.clusterMinOrders, windowDays: v.clusterWindowDays },
      season: { ...D.season, leadDays: v.seasonLeadDays },
      repeat: { ...D.repeat, lookbackDays: v.repeatLookbackDays },
    },
    seasonsFile: path.resolve(read('HOTLINE_SEASONS_FILE')),
  };
}
