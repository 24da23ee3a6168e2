// The ARI WebSocket events the hotline uses, typed from Asterisk 22.10's events.json, and a parser
// that turns one WebSocket message into one of them without ever throwing.
import type { Bridge, Channel, LiveRecording, Playback } from './ari-models.js';

/** Fields every ARI event carries (Message + Event in events.json). */
interface AriEventBase {
  readonly asterisk_id?: string;
  readonly application: string;
  /** Like 2026-11-22T19:26:22.254+0000. */
  readonly timestamp: string;
}

export interface StasisStart extends AriEventBase {
  readonly type: 'StasisStart';
  readonly args: readonly string[];
  readonly channel: Channel;
  readonly replace_channel?: Channel;
}
export interface StasisEnd extends AriEventBase {
  readonly type: 'StasisEnd';
  readonly channel: Channel;
}
export interface ChannelDtmfReceived extends AriEventBase {
  readonly type: 'ChannelDtmfReceived';
  readonly digit: string;
  readonly duration_ms: number;
  readonly channel: Channel;
}
export interface ChannelHangupRequest extends AriEventBase {
  readonly type: 'ChannelHangupRequest';
  readonly cause?: number;
  readonly tech_cause?: number;
  readonly soft?: boolean;
  readonly channel: Channel;
}
export interface ChannelDestroyed extends AriEventBase {
  readonly type: 'ChannelDestroyed';
  readonly cause: number;
  readonly cause_txt: string;
  readonly tech_cause?: number;
  readonly channel: Channel;
}
/** The channel's own phone put it on hold (a re-INVITE with sendonly or inactive media), or took it off. */
export interface ChannelHold extends AriEventBase {
  readonly type: 'ChannelHold';
  readonly channel: Channel;
  readonly musicclass?: string;
}
export interface ChannelUnhold extends AriEventBase {
  readonly type: 'ChannelUnhold';
  readonly channel: Channel;
}
export interface ChannelStateChange extends AriEventBase {
  readonly type: 'ChannelStateChange';
  readonly channel: Channel;
}
export interface ChannelVarset extends AriEventBase {
  readonly type: 'ChannelVarset';
  readonly variable: string;
  readonly value: string;
  /** Absent for global variables. */
  readonly channel?: Channel;
}
export interface ChannelEnteredBridge extends AriEventBase {
  readonly type: 'ChannelEnteredBridge';
  readonly bridge: Bridge;
  readonly channel?: Channel;
}
export interface ChannelLeftBridge extends AriEventBase {
  readonly type: 'ChannelLeftBridge';
  readonly bridge: Bridge;
  readonly channel: Channel;
}
export interface PlaybackStarted extends AriEventBase {
  readonly type: 'PlaybackStarted';
  readonly playback: Playback;
}
export interface PlaybackFinished extends AriEventBase {
  readonly type: 'PlaybackFinished';
  readonly playback: Playback;
}
export interface RecordingStarted extends AriEventBase {
  readonly type: 'RecordingStarted';
  readonly recording: LiveRecording;
}
export interface RecordingFinished extends AriEventBase {
  readonly type: 'RecordingFinished';
  readonly recording: LiveRecording;
}
export interface RecordingFailed extends AriEventBase {
  readonly type: 'RecordingFailed';
  readonly recording: LiveRecording;
}
export interface BridgeDestroyed extends AriEventBase {
  readonly type: 'BridgeDestroyed';
  readonly bridge: Bridge;
}
export interface Dial extends AriEventBase {
  readonly type: 'Dial';
  readonly caller?: Channel;
  readonly peer: Channel;
  readonly forward?: string;
  readonly forwarded?: Channel;
  readonly dialstring?: string;
  /** Empty while ringing starts, then ANSWER, BUSY, NOANSWER, CANCEL... */
  readonly dialstatus: string;
}
export interface ChannelCallerId extends AriEventBase {
  readonly type: 'ChannelCallerId';
  readonly caller_presentation: number;
  readonly caller_presentation_txt: string;
  readonly channel: Channel;
}
export interface ChannelConnectedLine extends AriEventBase {
  readonly type: 'ChannelConnectedLine';
  readonly channel: Channel;
}
export interface ChannelDialplan extends AriEventBase {
  readonly type: 'ChannelDialplan';
  readonly channel: Channel;
  readonly dialplan_app: string;
  readonly dialplan_app_data: string;
}
/** The dialplan's UserEvent() on a channel the application is subscribed to: `userevent` holds its `key: value` fields. */
export interface ChannelUserevent extends AriEventBase {
  readonly type: 'ChannelUserevent';
  readonly eventname: string;
  readonly channel?: Channel;
  readonly userevent: Readonly<Record<string, unknown>>;
}
/** Another WebSocket registered the same app name; this connection gets no more events. */
export interface ApplicationReplaced extends AriEventBase {
  readonly type: 'ApplicationReplaced';
}

export type AriEvent =
  | StasisStart
  | StasisEnd
  | ChannelDtmfReceived
  | ChannelHangupRequest
  | ChannelDestroyed
  | ChannelStateChange
  | ChannelHold
  | ChannelUnhold
  | ChannelVarset
  | ChannelEnteredBridge
  | ChannelLeftBridge
  | PlaybackStarted
  | PlaybackFinished
  | RecordingStarted
  | RecordingFinished
  | RecordingFailed
  | BridgeDestroyed
  | Dial
  | ChannelCallerId
  | ChannelConnectedLine
  | ChannelDialplan
  | ChannelUserevent
  | ApplicationReplaced;

export type AriEventType = AriEvent['type'];

export type ParseAriEventResult =
  | { readonly ok: true; readonly event: AriEvent }
  /** `timestamp`: Asterisk's, when the message had one (the delay of unknown events is measured too). */
  | { readonly ok: false; readonly reason: 'invalid_json' | 'not_an_event' | 'unknown_type'; readonly type?: string; readonly timestamp?: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value[key]` is an object whose `idKey` is a string (channel.id, playback.id, recording.name). */
function hasObjectWith(value: Json, key: string, idKey = 'id'): boolean {
  const inner = value[key];
  return isObject(inner) && typeof inner[idKey] === 'string';
}

const absentOr = (value: Json, key: string): boolean => value[key] === undefined || hasObjectWith(value, key);
const hasChannel = (value: Json): boolean => hasObjectWith(value, 'channel');
const hasPlayback = (value: Json): boolean => hasObjectWith(value, 'playback') && hasObjectWith(value, 'playback', 'target_uri');
const hasRecording = (value: Json): boolean => hasObjectWith(value, 'recording', 'name');
const hasBridge = (value: Json): boolean => hasObjectWith(value, 'bridge');

/**
 * The minimal shape of each known event: the ids consumers route on. The rest is trusted to follow
 * Asterisk's declarations (checking every field would cost time on every event for no routing gain).
 * Typed as a full map so a new member of AriEvent cannot be forgotten here.
 */
const SHAPES: { readonly [K in AriEventType]: (value: Json) => boolean } = {
  StasisStart: (v) => hasChannel(v) && Array.isArray(v.args),
  StasisEnd: hasChannel,
  ChannelDtmfReceived: (v) => hasChannel(v) && typeof v.digit === 'string',
  ChannelHangupRequest: hasChannel,
  ChannelDestroyed: hasChannel,
  ChannelStateChange: hasChannel,
  ChannelHold: hasChannel,
  ChannelUnhold: hasChannel,
  ChannelVarset: (v) => typeof v.variable === 'string' && absentOr(v, 'channel'),
  ChannelEnteredBridge: (v) => hasBridge(v) && absentOr(v, 'channel'),
  ChannelLeftBridge: (v) => hasBridge(v) && hasChannel(v),
  PlaybackStarted: hasPlayback,
  PlaybackFinished: hasPlayback,
  RecordingStarted: hasRecording,
  RecordingFinished: hasRecording,
  RecordingFailed: hasRecording,
  BridgeDestroyed: hasBridge,
  Dial: (v) => hasObjectWith(v, 'peer') && absentOr(v, 'caller'),
  ChannelCallerId: hasChannel,
  ChannelConnectedLine: hasChannel,
  ChannelDialplan: hasChannel,
  ChannelUserevent: (v) => typeof v.eventname === 'string' && isObject(v.userevent) && absentOr(v, 'channel'),
  ApplicationReplaced: () => true,
};

/** Names of the event types this client understands; everything else is dropped. */
export const ARI_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(SHAPES));

function isKnownType(type: string): type is AriEventType {
  return ARI_EVENT_TYPES.has(type);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** One WebSocket message → one typed event, or the reason it was not one. Never throws. */
export function parseAriEvent(text: string): ParseAriEventResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid_json' };
  const value = parsed.value;
  if (!isObject(value) || typeof value.type !== 'string') return { ok: false, reason: 'not_an_event' };
  const type = value.type;
  if (!isKnownType(type)) return typeof value.timestamp === 'string' ? { ok: false, reason: 'unknown_type', type, timestamp: value.timestamp } : { ok: false, reason: 'unknown_type', type };
  if (typeof value.application !== 'string' || typeof value.timestamp !== 'string' || !SHAPES[type](value)) {
    return { ok: false, reason: 'not_an_event', type };
  }
  // Cast: the checks above cover what consumers route on; the rest follows Asterisk's declarations.
  return { ok: true, event: value as unknown as AriEvent };
}
