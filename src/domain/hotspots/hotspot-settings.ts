// The hotspot rules' thresholds, as settings (src/config-hotspots.ts reads them); the defaults are the
// values the precision/recall test on the generated year was tuned with (docs/hotspot-rules.md).
export interface HotspotSettings {
  readonly surge: {
    /** Days before the evaluated day that make the category × area's own baseline. */
    readonly baselineDays: number;
    /** A day (or week) with fewer orders than this is never a surge, however quiet the baseline. */
    readonly minCount: number;
    /** Observed must be at least this many times the baseline. */
    readonly minRatio: number;
    /** The Poisson tail P(X ≥ observed | baseline) must be below this. */
    readonly maxPValue: number;
  };
  readonly cluster: {
    readonly windowDays: number;
    readonly minOrders: number;
  };
  readonly season: {
    /** How many days ahead of a festival or harvest season it is warned of. */
    readonly leadDays: number;
    /** The span before (and into) last year's season compared with last year's baseline. */
    readonly windowDays: number;
    readonly minRatio: number;
    readonly minCount: number;
  };
  readonly repeat: {
    /** How far back a replied order is looked for. */
    readonly lookbackDays: number;
    /** New orders in this many days up to the evaluated day are checked. */
    readonly windowDays: number;
  };
}
