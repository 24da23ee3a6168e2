// Asterisk's events in the hotline's words: the one ARI event → call event mapping, and the event
// types it needs, which are all the server asks Asterisk to send (its event filter).
import type { CallEvent } from '../../domain/calls/call-events.js';
import type { AriEvent, AriEventType } from './ari-events.js';
import type { Channel } from './ari-models.js';
import type { MenusFromDialplan } from '../../domain/calls/dialplan-menus.js';
import { decodePath } from '../../domain/ivr/dialplan-path.js';
import { ariTimestampMs } from './ari-time.js';

/** Asterisk stamps events like 2026-11-22T19:26:22.254+0000. */
export function ariTime(timestamp: string | undefined, fallback: number): number {
  if (!timestamp) return fallback;
  const parsed = ariTimestampMs(timestamp);
  return Number.isNaN(parsed) ? fallback : parsed;
}

/**
 * The ARI events the hotline acts on: what toCallEvent maps, and StasisStart, which also tells the
 * adapter a recorder is in the application. The server's event filter asks Asterisk for these
 * only (a unit test checks every other type maps to nothing).
 */
export const CALL_EVENT_SOURCES: readonly AriEventType[] = [
  'StasisStart',
  'StasisEnd',
  'ChannelDtmfReceived',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  // An agent's phone holding the caller (rare: a few per call at most).
  'ChannelHold',
  'ChannelUnhold',
  'PlaybackFinished',
  'RecordingFinished',
  'RecordingFailed',
  // The adapter's own: a conversation being taken down waits for its bridge to be empty (disconnect).
  'ChannelLeftBridge',
  'BridgeDestroyed',
];

/** StasisStart args are "key=value" strings set by the dialplan. */
export function stasisArgs(args: readonly string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const arg of args ?? []) {
    const at = arg.indexOf('=');
    if (at > 0) result[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return result;
}

/**
 * The `Stasis()` arguments of a channel Asterisk lists in application `app` (its dialplan location
 * names the application and its data), raw and parsed; null for a channel anywhere else.
 */
export function argsInApplication(channel: Pick<Channel, 'dialplan'>, app: string): { readonly raw: string[]; readonly args: Record<string, string> } | null {
  const { app_name: appName, app_data: appData } = channel.dialplan ?? {};
  if (appName !== 'Stasis' || typeof appData !== 'string') return null;
  const [name, ...raw] = appData.split(',');
  return name === app ? { raw, args: stasisArgs(raw) } : null;
}

/** What compiled menus handed back (ivr=queued|resume); a damaged path is dropped, the call still goes on. */
function menusOf(args: Record<string, string>): { menus?: MenusFromDialplan } {
  const { ivr, version = '' } = args;
  if (ivr !== 'queued' && ivr !== 'resume') return {};
  let path: ReturnType<typeof decodePath> = [];
  try {
    path = decodePath(args.path ?? '');
  } catch {
    path = [];
  }
  if (ivr === 'resume') return { menus: { kind: 'resume', version, flow: args.flow ?? '', node: args.node ?? '', path } };
  const skills = (args.skills ?? '').split('+').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
  return { menus: { kind: 'queued', version, queue: args.queue ?? '', priority: args.priority || null, skills, path } };
}

function channelOfTarget(targetUri: string): string | undefined {
  return targetUri.startsWith('channel:') ? targetUri.slice('channel:'.length) : undefined;
}

/** Maps one ARI event to a call event; events the hotline does not act on map to undefined. */
export function toCallEvent(event: AriEvent, now: number): CallEvent | undefined {
  const at = ariTime(event.timestamp, now);
  switch (event.type) {
    case 'StasisStart': {
      const args = stasisArgs(event.args);
      const channel = event.channel;
      if (args.role === 'agent') {
        return { type: 'AgentLegAnswered', channelId: channel.id, callId: args.call ?? '', agentId: args.agent ?? '', at };
      }
      // A conversation's recorder (a snoop on the caller): the adapter itself waits for it. An
      // agent's line is the lines' business (ari-agent-lines.ts), never a citizen's call.
      // A caller on another box put through to an agent here: the put-through's business (ari-put-through.ts).
      // A supervisor's phone and the spies of a monitoring session: the monitoring's (ari-monitoring.ts).
      if (args.role === 'recorder' || args.role === 'line' || args.role === 'put-through' || args.role === 'supervisor' || args.role === 'spy') return undefined;
      if (args.role === 'party') return { type: 'PartyAnswered', channelId: channel.id, callId: args.call ?? '', at };
      if (args.role === 'outbound') return { type: 'OutboundAnswered', channelId: channel.id, taskId: args.task ?? '', at };
      if (args.role === 'callback') {
        return { type: 'CallbackAnswered', channelId: channel.id, callId: args.call ?? '', agentId: args.agent ?? '', number: args.number ?? '', at };
      }
      const menus = menusOf(args);
      const startedAt = menus.menus ? ariTime(channel.creationtime, Number.NaN) : Number.NaN;
      return {
        type: 'CallArrived',
        channelId: channel.id,
        callId: args.linkedid || channel.id,
        callerNumber: channel.caller?.number || 'anonymous',
        callerName: channel.caller?.name || null,
        dialedNumber: args.entry || channel.dialplan?.exten || '',
        answered: channel.state === 'Up',
        at,
        ...menus,
        ...(Number.isNaN(startedAt) ? {} : { startedAt }),
      };
    }
    case 'PlaybackFinished': {
      const channelId = channelOfTarget(event.playback.target_uri);
      if (!channelId) return undefined;
      const outcome = event.playback.state === 'failed' ? 'failed' : 'played';
      return { type: 'PromptFinished', channelId, playbackId: event.playback.id, outcome, at };
    }
    case 'RecordingFinished':
    case 'RecordingFailed': {
      const channelId = channelOfTarget(event.recording.target_uri);
      if (!channelId) return undefined;
      const outcome = event.type === 'RecordingFinished' ? 'recorded' : 'failed';
      return { type: 'MessageRecorded', channelId, name: event.recording.name, durationMs: (event.recording.duration ?? 0) * 1000, outcome, at };
    }
    case 'ChannelDtmfReceived':
      return { type: 'KeyPressed', channelId: event.channel.id, key: event.digit, at };
    case 'ChannelHold':
    case 'ChannelUnhold':
      return { type: 'HoldChanged', channelId: event.channel.id, held: event.type === 'ChannelHold', at };
    case 'ChannelHangupRequest':
      return { type: 'HangupRequested', channelId: event.channel.id, cause: typeof event.cause === 'number' ? event.cause : null, at };
    case 'StasisEnd':
      return { type: 'CallLeft', channelId: event.channel.id, at };
    case 'ChannelDestroyed':
      return { type: 'ChannelGone', channelId: event.channel.id, cause: typeof event.cause === 'number' ? event.cause : null, at };
    default:
      return undefined;
  }
}
