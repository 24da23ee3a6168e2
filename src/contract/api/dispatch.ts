// Handling units and the suggestion of which ones a ticket goes to (派单建议).
import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS, type HandlingUnit as RulesUnit } from '../../domain/tickets/dispatch-rules.js';
import type { DispatchSuggestion as DomainSuggestion } from '../../domain/tickets/dispatch-suggestion.js';
import type { Assert, SameShape } from './same-shape.js';
import { literals, Nullable } from './schema-parts.js';

export const UnitContact = Type.Object({ name: Type.String(), number: Type.String({ pattern: '^\\d{3,20}$', description: 'Digits, dialled as they are' }) });
export const HandlingUnit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: literals(UNIT_KINDS),
  contact: Type.Optional(UnitContact),
  superior: Type.Optional(Type.String({ description: 'The unit above it (上级单位)' })),
});
export type HandlingUnit = Static<typeof HandlingUnit>;
export type _UnitIsTheRules = Assert<SameShape<HandlingUnit, RulesUnit>>;
export const UnitsReply = Type.Object({ units: Type.Array(HandlingUnit, { description: 'Contacts (联络员) are shown to supervisors and admins only' }) });

const Points = Type.Number();
export const DispatchReason = Type.Union([
  Type.Object({ kind: Type.Literal('keyword'), keyword: Type.String(), points: Points }),
  Type.Object({ kind: Type.Literal('category'), code: Type.String(), points: Points }),
  Type.Object({ kind: Type.Literal('history'), count: Type.Integer(), of: Type.Integer(), points: Points }),
  Type.Object({ kind: Type.Literal('responsibility'), entryId: Type.String(), role: literals(['lead', 'assisting'] as const), points: Points }),
]);

/** The entry of the responsibility lists (职责清单) the candidate follows: the desktop shows 依据: matter. */
export const CitedResponsibility = Type.Object({ id: Type.String(), matter: Type.String(), basis: Nullable(Type.String()) });

export const DispatchSuggestion = Type.Object({
  candidates: Type.Array(Type.Object({ unitId: Type.String(), name: Type.String(), score: Type.Number(), reasons: Type.Array(DispatchReason), responsibility: Nullable(CitedResponsibility) }), { description: 'Best first' }),
  main: Nullable(Type.String({ description: 'The suggested main unit (主办)' })),
  assisting: Type.Array(Type.String(), { description: 'Suggested assisting units (协办)' }),
  urgent: Type.Boolean(),
});
export type DispatchSuggestion = Static<typeof DispatchSuggestion>;
export type _SuggestionIsTheDomains = Assert<SameShape<DispatchSuggestion, DomainSuggestion>>;
export const DispatchSuggestionReply = Type.Object({ suggestion: DispatchSuggestion });
export type DispatchSuggestionReply = Static<typeof DispatchSuggestionReply>;
