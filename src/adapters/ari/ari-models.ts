// ARI models the hotline uses, as Asterisk 22.10 declares them (ari-api-docs/channels.json,
// playbacks.json, bridges.json, recordings.json, applications.json). Field names stay Asterisk's.

export type ChannelState =
  | 'Down'
  | 'Rsrved'
  | 'OffHook'
  | 'Dialing'
  | 'Ring'
  | 'Ringing'
  | 'Up'
  | 'Busy'
  | 'Dialing Offhook'
  | 'Pre-ring'
  | 'Unknown';

export interface CallerID {
  readonly name: string;
  readonly number: string;
}

/** Where a channel is in the dialplan. */
export interface DialplanCEP {
  readonly context: string;
  readonly exten: string;
  readonly priority: number;
  readonly app_name: string;
  readonly app_data: string;
}

export interface Channel {
  readonly id: string;
  readonly protocol_id: string;
  readonly name: string;
  readonly state: ChannelState;
  readonly caller: CallerID;
  readonly connected: CallerID;
  readonly accountcode: string;
  readonly dialplan: DialplanCEP;
  /** ISO time with a +0000 style offset. */
  readonly creationtime: string;
  readonly language: string;
  readonly channelvars?: Readonly<Record<string, string>>;
  readonly caller_rdnis?: string;
  readonly tenantid?: string;
}

export type PlaybackState = 'queued' | 'playing' | 'continuing' | 'done' | 'failed';

export interface Playback {
  readonly id: string;
  readonly media_uri: string;
  readonly next_media_uri?: string;
  /** `channel:<id>` or `bridge:<id>`. */
  readonly target_uri: string;
  readonly language?: string;
  readonly state: PlaybackState;
}

export interface Bridge {
  readonly id: string;
  readonly technology: string;
  readonly bridge_type: 'mixing' | 'holding';
  readonly bridge_class: string;
  readonly creator: string;
  readonly name: string;
  readonly channels: readonly string[];
  readonly video_mode?: string;
  readonly video_source_id?: string;
  readonly creationtime: string;
  readonly bridgevars?: Readonly<Record<string, string>>;
}

export type LiveRecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

export interface LiveRecording {
  readonly name: string;
  readonly format: string;
  readonly target_uri: string;
  readonly state: LiveRecordingState;
  readonly duration?: number;
  readonly talking_duration?: number;
  readonly silence_duration?: number;
  readonly cause?: string;
}

export interface Application {
  readonly name: string;
  readonly channel_ids: readonly string[];
  readonly bridge_ids: readonly string[];
  readonly endpoint_ids: readonly string[];
  readonly device_names: readonly string[];
  readonly events_allowed: readonly unknown[];
  readonly events_disallowed: readonly unknown[];
}

/** Hangup reasons ARI accepts for DELETE /channels/{id}. */
export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';
