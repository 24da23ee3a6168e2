// Supervisors on calls (监听 / 密语 / 强插 / 拦截 / 强拆): the bodies and replies of
// /api/calls/:id/monitor, /api/calls/:id/release and /api/monitors/*.
import { Type, type Static } from '@sinclair/typebox';
import { CallId, IsoTime, literals, Nullable } from './schema-parts.js';

const Mode = literals(['listen', 'whisper', 'barge'] as const);

export const MonitorBody = Type.Object({ mode: Mode }, { additionalProperties: false });
export type MonitorBody = Static<typeof MonitorBody>;

export const MonitorIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 160, pattern: '^mon-[0-9]+-[A-Za-z0-9._:-]+$' }) });

export const MonitorStartedReply = Type.Object({ monitorId: Type.String({ description: "The session's id: change its mode or end it at /api/monitors/{monitorId}" }) });

export const CallReleasedReply = Type.Object({ released: Type.Literal(true, { description: 'The caller hears a short goodbye and is hung up; the ticket names the supervisor (endedBy supervisor)' }) });
export type CallReleasedReply = Static<typeof CallReleasedReply>;

export const MonitorView = Type.Object({
  monitorId: Type.String(),
  callId: CallId,
  supervisorId: Type.String(),
  agentId: Type.String(),
  mode: Type.String({ description: 'The mode asked for last: listen, whisper or barge' }),
  heard: Nullable(Type.String({ description: 'The mode the supervisor hears the call in now (null while their phone rings or the first spy is made)' })),
  phase: Type.String({ description: 'ringing, joining, on' }),
  startedAt: IsoTime,
});

export type MonitorView = Static<typeof MonitorView>;

export const MonitorsReply = Type.Object({ monitors: Type.Array(MonitorView) });
export type MonitorsReply = Static<typeof MonitorsReply>;
export type MonitorStartedReply = Static<typeof MonitorStartedReply>;
