// GET /api/metrics: how long the hops between Asterisk and the server take, since the server started.
import { Type, type Static } from '@sinclair/typebox';
import { IsoTime, literals } from './schema-parts.js';

const Count = Type.Integer({ minimum: 0 });
const Ms = Type.Number({ minimum: 0, description: 'Milliseconds; a percentile is the upper bound of its histogram bucket (±9%)' });

const Figures = { count: Count, p50: Ms, p90: Ms, p99: Ms, max: Ms };

export const AriEventDelay = Type.Object({
  type: Type.String({ description: 'ARI event type; "other" for types the server does not know' }),
  ...Figures,
});
export type AriEventDelay = Static<typeof AriEventDelay>;

export const AriRequestTiming = Type.Object({
  route: Type.String({ description: 'Method and path template, e.g. POST /channels/{id}/play' }),
  pool: literals(['fast', 'slow'] as const),
  ...Figures,
  errors: Type.Integer({ minimum: 0, description: 'Refused by Asterisk, unreachable or unreadable (timeouts apart)' }),
  timeouts: Type.Integer({ minimum: 0, description: 'No answer within the time limit' }),
});
export type AriRequestTiming = Static<typeof AriRequestTiming>;

export const AmiActionTiming = Type.Object({
  action: Type.String({ description: 'AMI action name, e.g. MixMonitor' }),
  ...Figures,
  errors: Type.Integer({ minimum: 0, description: 'Answered with an error, or the link lost with it in flight (timeouts apart)' }),
  timeouts: Type.Integer({ minimum: 0, description: 'No answer within the time limit' }),
});
export type AmiActionTiming = Static<typeof AmiActionTiming>;

export const AdmissionFigures = Type.Object({
  setting: literals(['auto', 'off'] as const),
  // admit: new callers go to the server; shed: the dialplan answers them (greeting, then the human fallback queue).
  mode: literals(['admit', 'shed'] as const),
  since: IsoTime,
  applied: Type.Union([literals(['admit', 'shed'] as const), Type.Null()], { description: 'What Asterisk was last told (null: not yet, or telling it failed)' }),
  sheds: Type.Integer({ minimum: 0, description: 'Times new callers were shed since the server started' }),
  lastReason: Type.Union([Type.String(), Type.Null()], { description: 'Why the mode last changed: event-delay, request-time, request-timeouts or recovered' }),
  maxCalls: Type.Integer({ minimum: 0, description: 'The line limit (HOTLINE_MAX_CALLS): callers beyond this many calls at once hear that every line is busy; 0: none' }),
  dialplanCalls: Type.Object({
    readable: Type.Boolean({ description: "Whether Asterisk's call records are known here (without them such calls get no ticket)" }),
    open: Type.Integer({ minimum: 0, description: 'Calls the dialplan answered that have not ended yet' }),
    shed: Type.Integer({ minimum: 0, description: 'Tickets written since start for calls shed under load' }),
    serverAway: Type.Integer({ minimum: 0, description: 'Tickets written since start for calls that arrived, or came back from the compiled menus, while no server was registered' }),
    menusLeft: Type.Integer({ minimum: 0, description: 'Tickets written since start for callers who hung up inside the menus compiled into the dialplan' }),
    busy: Type.Integer({ minimum: 0, description: 'Tickets written since start for callers told every line was busy (past the line limit)' }),
  }),
});
export type AdmissionFigures = Static<typeof AdmissionFigures>;

export const MetricsReply = Type.Object({
  since: IsoTime,
  admission: AdmissionFigures,
  ariEvents: Type.Array(AriEventDelay, { description: "Each event's arrival at the server minus Asterisk's own time stamp on it" }),
  ariRequests: Type.Array(AriRequestTiming, { description: 'Each ARI REST request, from the call to its answer (a wait for a pooled connection included)' }),
  amiActions: Type.Array(AmiActionTiming, { description: 'Each AMI action, from the call to its answer, by action name (both AMI links together)' }),
  phoneSockets: Type.Integer({ minimum: 0, description: "Agents' browser phones connected now (the /sip WebSockets relayed to Asterisk)" }),
});
export type MetricsReply = Static<typeof MetricsReply>;
