// The demo's order history (settings read from the environment by config.ts): an empty tickets table
// filled at start with a generated year of orders (src/adapters/tickets/generated-year), so the analysis
// page and the hotspot warnings have something to show; tests leave it empty.
import path from 'node:path';
import type { Setting } from './config-setting.js';

export interface OrderHistoryConfig {
  /** An empty tickets table at start: left empty, or filled with about this many generated orders over the year before today. */
  readonly seed: { readonly kind: 'none' } | { readonly kind: 'generated'; readonly count: number };
  /** The city's areas (街道/镇) with their communities, estates, villages and roads, which the generated orders name. */
  readonly areasFile: string;
}

export const ORDER_HISTORY_SETTINGS: readonly Setting[] = [
  {
    name: 'HOTLINE_ORDER_HISTORY_SEED',
    fallback: 'none',
    doc: 'What an empty tickets table is filled with at start: "none", or about this many generated orders (with their calls, missed calls among them) spread over the 365 days before today, with the weekly, festival and seasonal rhythm of a city and a few planted hotspots; `npm start` uses 3000 when this is not set.',
  },
  { name: 'HOTLINE_AREAS_FILE', fallback: 'fixtures/areas.yaml', doc: "The city's areas (街道/镇): their communities (社区), estates (小区, with building counts), villages (村) and roads, which the generated order history names." },
];

/** More would make the start slow (each order feeds the two-character search index) for nothing a demo needs. */
const MAX_GENERATED = 500_000;

export function parseOrderHistoryConfig(read: (name: string) => string): OrderHistoryConfig | string {
  const text = read('HOTLINE_ORDER_HISTORY_SEED');
  const areasFile = path.resolve(read('HOTLINE_AREAS_FILE'));
  if (text === 'none') return { seed: { kind: 'none' }, areasFile };
  const count = Number(text);
  if (/^\d+$/.test(text) && count >= 1 && count <= MAX_GENERATED) return { seed: { kind: 'generated', count }, areasFile };
  return `HOTLINE_ORDER_HISTORY_SEED must be none or a whole number from 1 to ${MAX_GENERATED}, got "${text}"`;
}
