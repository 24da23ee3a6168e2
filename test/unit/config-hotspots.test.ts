// The hotspot settings: the rules' defaults when nothing is set, an operator's thresholds taken, and a
// value out of range refused with the setting's name.
import { describe, expect, it } from 'vitest';
import { parseHotspotConfig } from '../../src/config-hotspots.js';
import { DEFAULT_HOTSPOT_SETTINGS } from '../../src/domain/hotspots/find-hotspots.js';
import { HOTSPOT_SETTINGS } from '../../src/config-hotspots.js';

const reader = (values: Record<string, string>) => (name: string): string => values[name] ?? HOTSPOT_SETTINGS.find((s) => s.name === name)?.fallback ?? '';

describe('hotspot settings', () => {
  it('are the rules’ defaults when nothing is set', () => {
    const config = parseHotspotConfig(reader({}));
    expect(config).toMatchObject({ intervalMs: 300_000, settings: DEFAULT_HOTSPOT_SETTINGS });
    expect(typeof config !== 'string' && config.seasonsFile.endsWith('fixtures/seasons.yaml')).toBe(true);
  });

  it('takes the thresholds an operator sets, keeping the others', () => {
    const config = parseHotspotConfig(reader({ HOTLINE_HOTSPOT_SURGE_MIN_RATIO: '3', HOTLINE_HOTSPOT_SURGE_MAX_P: '0.001', HOTLINE_HOTSPOT_CLUSTER_MIN_ORDERS: '5', HOTLINE_HOTSPOT_INTERVAL_SECONDS: '60' }));
    expect(config).toMatchObject({ intervalMs: 60_000, settings: { surge: { ...DEFAULT_HOTSPOT_SETTINGS.surge, minRatio: 3, maxPValue: 0.001 }, cluster: { ...DEFAULT_HOTSPOT_SETTINGS.cluster, minOrders: 5 } } });
  });

  it('refuses a value out of range, naming the setting', () => {
    for (const [name, value] of [['HOTLINE_HOTSPOT_INTERVAL_SECONDS', '5'], ['HOTLINE_HOTSPOT_SURGE_MAX_P', '0'], ['HOTLINE_HOTSPOT_SURGE_MAX_P', '2'], ['HOTLINE_HOTSPOT_SURGE_MIN_RATIO', 'x'], ['HOTLINE_HOTSPOT_CLUSTER_MIN_ORDERS', '1'], ['HOTLINE_HOTSPOT_REPEAT_LOOKBACK_DAYS', '3.5']] as const) {
      expect(parseHotspotConfig(reader({ [name]: value })), `${name}=${value}`).toEqual(expect.stringContaining(name));
    }
  });
});
