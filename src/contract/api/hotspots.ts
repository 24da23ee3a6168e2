// Hotspot warnings (热点预警) as the API, the wallboard and the analysis page see them: each finding of
// the rules (domain/hotspots) kept with a state a supervisor moves (new → sent to a unit → handled, or
// dismissed), every step audited, the orders behind it, and the proactive order (主动治理) made from it.
import { Type, type Static } from '@sinclair/typebox';
import { HOTSPOT_KINDS } from '../../domain/hotspots/hotspot-facts.js';
import { HOTSPOT_STATES, HOTSPOT_STEPS } from '../../domain/hotspots/hotspot-states.js';
import { Day, IsoTime, literals, Nullable } from './schema-parts.js';

export { HOTSPOT_KINDS, type HotspotKind } from '../../domain/hotspots/hotspot-facts.js';
export { HOTSPOT_STATES, HOTSPOT_STEPS, type HotspotState, type HotspotStep } from '../../domain/hotspots/hotspot-states.js';

const UnitId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Count = Type.Integer({ minimum: 0 });

export const HotspotView = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  key: Type.String(),
  kind: literals(HOTSPOT_KINDS),
  state: literals(HOTSPOT_STATES),
  categoryCode: Nullable(Type.String()),
  /** The category's zh-CN name (subcategory or major), null without a category. */
  categoryName: Nullable(Type.String()),
  area: Nullable(Type.String()),
  place: Nullable(Type.String()),
  from: Day,
  to: Day,
  observed: Type.Number({ minimum: 0 }),
  expected: Type.Number({ minimum: 0 }),
  score: Type.Number(),
  reason: Type.String(),
  /** How many orders are behind it (the evidence kept, at most 500). */
  orderCount: Count,
  /** The unit it was sent to, if any. */
  unitId: Nullable(UnitId),
  /** The proactive order made from it (主动治理), if any. */
  proactiveTicket: Nullable(Type.Object({ id: Type.Integer({ minimum: 1 }), number: Type.String() })),
  raisedAt: IsoTime,
  updatedAt: IsoTime,
});
export type HotspotView = Static<typeof HotspotView>;

export const HotspotListQuery = Type.Object(
  {
    state: Type.Optional(literals(HOTSPOT_STATES)),
    kind: Type.Optional(literals(HOTSPOT_KINDS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export const HotspotListReply = Type.Object({ items: Type.Array(HotspotView, { description: 'Open ones (new, sent) first, then by score' }) });

export const HotspotIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** One order behind a warning, as a supervisor opens it. */
export const HotspotOrder = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  number: Type.String(),
  createdAt: IsoTime,
  status: Type.String(),
  categoryCode: Nullable(Type.String()),
  area: Nullable(Type.String()),
  location: Nullable(Type.String()),
  title: Nullable(Type.String()),
});
export const HotspotHistoryEntry = Type.Object({
  step: Type.Union([literals(HOTSPOT_STEPS), Type.Literal('raised'), Type.Literal('order')]),
  by: Nullable(Type.String()),
  at: IsoTime,
  unitId: Nullable(UnitId),
  note: Nullable(Type.String()),
});
export const HotspotDetailReply = Type.Object({ warning: HotspotView, orders: Type.Array(HotspotOrder), history: Type.Array(HotspotHistoryEntry) });

export const HotspotStepBody = Type.Object(
  { step: literals(HOTSPOT_STEPS), unitId: Type.Optional(UnitId), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const HotspotStepReply = Type.Object({ warning: HotspotView });

/** 主动治理: an order the hotline opens itself from a warning, dispatched to the unit named. */
export const ProactiveOrderBody = Type.Object(
  { unitId: UnitId, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), description: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export const ProactiveOrderReply = Type.Object({ warning: HotspotView, ticket: Type.Object({ id: Type.Integer({ minimum: 1 }), number: Type.String() }) });
