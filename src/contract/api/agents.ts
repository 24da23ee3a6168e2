// Agents as the ACD sees them, and the state changes asked of it: /api/agents/*.
import { Type, type Static } from '@sinclair/typebox';
import type { AgentState } from '../../domain/acd/acd-protocol.js';
import type { Assert, SameShape } from './same-shape.js';
import { CallId, literals, Nullable } from './schema-parts.js';

export const AGENT_STATES = ['logged_out', 'available', 'offered', 'on_call', 'wrap_up', 'paused'] as const;
export type _AgentStatesAreTheAcds = Assert<SameShape<(typeof AGENT_STATES)[number], AgentState>>;

export const AgentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z_-]+$' }) });
/** Reason codes are short words the wallboard can translate (break, meal, training, meeting…). */
export const PauseBody = Type.Object({ reason: Type.String({ pattern: '^[a-z][a-z_]{0,31}$' }) }, { additionalProperties: false });
export type PauseBody = Static<typeof PauseBody>;
export const TicketFiledBody = Type.Object({ callId: Type.Optional(CallId) }, { additionalProperties: false });
export type TicketFiledBody = Static<typeof TicketFiledBody>;

export const AgentView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  skills: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 3 }), { description: 'Skill → level, 1 (best) to 3' }),
  queues: Nullable(Type.Array(Type.String(), { description: 'null: every queue whose skills the agent has' })),
  state: literals(AGENT_STATES),
  reason: Nullable(Type.String({ description: 'Pause reason code' })),
  reachable: Type.Boolean({ description: 'The phone is registered' }),
  callId: Nullable(CallId),
});
export type AgentView = Static<typeof AgentView>;
export const AgentsReply = Type.Object({ agents: Type.Array(AgentView) });

/** The ACD took the change; refusals are errors with the ACD's code (e.g. ACD_WRONG_AGENT_STATE). */
export const AgentActionReply = Type.Object({ ok: Type.Literal(true) });
