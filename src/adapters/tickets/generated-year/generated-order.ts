// The shapes of a generated year: each order with the facts the tickets table holds (its call, its
// handling, its rating), the hotspots injected into it (the ground truth a backtest is scored on), and
// what the generator is given.
import type { CityAreas } from '../../../domain/areas/city-areas.js';
import type { LocalDate, WorkingCalendar } from '../../../domain/calendar/china-calendar.js';
import type { HotspotKind } from '../../../domain/hotspots/hotspot-facts.js';
import type { SatisfactionRating } from '../../../domain/tickets/ticket-warnings.js';
import type { Taxonomy } from '../../../domain/tickets/categories.js';
import type { DispatchRules } from '../../../domain/tickets/dispatch-rules.js';
import type { RequestType } from '../../../domain/tickets/request-types.js';

export interface GeneratedCall {
  readonly waitMs: number;
  readonly talkMs: number;
  /** False for a caller who hung up in the queue: the order is then a missed call (status `missed`). */
  readonly answered: boolean;
}

export interface GeneratedOrder {
  /** 1.. in order of creation. */
  readonly id: number;
  readonly createdAt: number;
  readonly callerNumber: string;
  readonly call: GeneratedCall;
  readonly status: 'missed' | 'dispatched' | 'in-progress' | 'replied' | 'closed';
  /** Null for a missed call. */
  readonly requestType: RequestType | null;
  readonly categoryCode: string | null;
  readonly area: string;
  readonly location: string;
  readonly title: string;
  readonly description: string;
  /** Null when answered on the call (a consultation) or missed. */
  readonly mainUnit: string | null;
  readonly replyBy: number | null;
  /** When the unit replied (答复, the handledAt of a ticket); null while it has not. */
  readonly handledAt: number | null;
  readonly closedAt: number | null;
  readonly satisfaction: SatisfactionRating | null;
  /** The injected hotspot this order belongs to, if any. */
  readonly hotspotId: string | null;
}

/** One injected hotspot: where, when, what, and the orders that make it. */
export interface InjectedHotspot {
  readonly id: string;
  readonly kind: HotspotKind;
  readonly categoryCode: string;
  /** Null for a city-wide season. */
  readonly area: string | null;
  /** The estate building or road number of a cluster or repeat (e.g. 和平里小区3号楼); null otherwise. */
  readonly place: string | null;
  /** The days its orders were created; for a season, the days of this year's rise. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** A season's festival or harvest (春节, 夏收…). */
  readonly anchor: string | null;
  readonly orderIds: readonly number[];
}

export interface YearSources {
  readonly areas: CityAreas;
  readonly taxonomy: Taxonomy;
  readonly rules: DispatchRules;
  readonly calendar: WorkingCalendar;
}

export interface YearOptions extends YearSources {
  readonly seed: number;
  /** First and last China day, inclusive. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** The mean of an ordinary weekday, before the seasons. */
  readonly ordersPerDay: number;
  /** Hotspots to inject (plan them with `planHotspots`); none by default. */
  readonly hotspots?: readonly HotspotPlan[];
}

/** A hotspot to inject, before its orders exist. */
export interface HotspotPlan {
  readonly id: string;
  readonly kind: HotspotKind;
  readonly categoryCode: string;
  readonly area: string | null;
  /** For a cluster or repeat: the location text its orders carry. */
  readonly location: string | null;
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Extra orders: per day in its area (surge) or in the city (season), in all (cluster), or the caller's returns (repeat). */
  readonly extra: number;
  readonly anchor: string | null;
}

export interface GeneratedYear {
  readonly orders: readonly GeneratedOrder[];
  readonly hotspots: readonly InjectedHotspot[];
}
