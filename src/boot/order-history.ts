// The demo's order history: an empty tickets table filled at start with a generated year of orders (the
// 365 China days before today, with planted hotspots), so the analysis page and the hotspot warnings
// have a year to show. Tests leave it empty (HOTLINE_ORDER_HISTORY_SEED=none, the default).
import { loadCityAreas } from '../adapters/tickets/area-file.js';
import { generateYear, planHotspots, SeasonCalendar, type GeneratedOrder, type YearSources } from '../adapters/tickets/generated-year/index.js';
import type { OrderHistoryRecords, PastOrderRow } from '../app/ports/order-history-records.js';
import type { Config } from '../config.js';
import { addDays, chinaDate, MINUTE_MS } from '../domain/calendar/china-time.js';
import { chinaDay, formatTicketNumber } from '../domain/tickets/ticket-number.js';
import type { Logger } from '../logging/logger.js';
import { readStartupFile } from './startup-file.js';

export interface OrderHistoryParts extends Omit<YearSources, 'areas'> {
  readonly store: OrderHistoryRecords;
  readonly now: () => number;
  readonly logger: Logger;
}

const DAYS = 365;
/** A generated day holds about this share of `ordersPerDay` (weekends and holidays less, missed calls and seasons more), measured. */
const MEAN_DAY_SHARE = 0.95;
/** Fewer planted hotspots than the backtest's forty: a demo year is small, and a few of each kind show every warning. */
const PLANTED = { surges: 6, clusters: 6, repeats: 6 };
const SEED = 12345;

/** Fills an empty tickets table with about `count` generated orders; how many were written. */
export async function seedOrderHistory(config: Pick<Config, 'orderHistory'>, parts: OrderHistoryParts): Promise<number> {
  const setting = config.orderHistory.seed;
  if (setting.kind === 'none') return 0;
  const areas = readStartupFile('AREAS_INVALID', config.orderHistory.areasFile, () => loadCityAreas(config.orderHistory.areasFile));
  const began = Date.now();
  const today = chinaDate(parts.now());
  const from = addDays(today, -DAYS);
  const to = addDays(today, -1);
  const sources: YearSources = { ...parts, areas };
  const hotspots = planHotspots({ seed: SEED, areas, seasons: new SeasonCalendar(parts.calendar), from, to, ...PLANTED });
  const year = generateYear({ ...sources, seed: SEED, from, to, ordersPerDay: setting.count / DAYS / MEAN_DAY_SHARE, hotspots });
  const generatedMs = Date.now() - began;
  const written = await parts.store.seedHistory(pastOrderRows(year.orders));
  if (written > 0) parts.logger.info({ orders: written, hotspots: year.hotspots.length, from, to, generatedMs, ms: Date.now() - began }, 'empty tickets table filled with a generated year of orders');
  return written;
}

/** The generated orders as rows: numbered per China day in order, each call ending when its order was made. */
export function pastOrderRows(orders: readonly GeneratedOrder[]): PastOrderRow[] {
  let day = '';
  let sequence = 0;
  return orders.map((order): PastOrderRow => {
    const orderDay = chinaDay(order.createdAt);
    sequence = orderDay === day ? sequence + 1 : 1;
    day = orderDay;
    const started = order.createdAt - order.call.waitMs - order.call.talkMs;
    const answered = order.call.answered;
    return {
      number: formatTicketNumber(orderDay, sequence),
      callId: `history-${order.id}`,
      callerNumber: order.callerNumber,
      callStartedAt: started,
      callAnsweredAt: answered ? started + order.call.waitMs : null,
      callEndedAt: order.createdAt,
      waitMs: order.call.waitMs,
      talkMs: order.call.talkMs,
      queue: 'general',
      status: order.status,
      missedIn: answered ? null : 'queue',
      requestType: order.requestType,
      categoryCode: order.categoryCode,
      title: order.title,
      description: order.description === '' ? null : order.description,
      location: order.location === '' ? null : order.location,
      area: answered ? order.area : null,
      mainUnit: order.mainUnit,
      // Dispatched a few minutes after the call (urgent utilities within ten).
      dispatchedAt: order.mainUnit === null ? null : order.createdAt + 5 * MINUTE_MS,
      replyBy: order.replyBy,
      handledAt: order.handledAt,
      closedAt: order.closedAt,
      satisfaction: order.satisfaction,
    };
  });
}
