// The server's event filter asks Asterisk for CALL_EVENT_SOURCES only: every event type that maps to
// a call event must be among them, or the filter would silently drop what a call needs.
import { describe, expect, it } from 'vitest';
import { ARI_EVENT_TYPES, type AriEvent } from '../../../src/adapters/ari/ari-events.js';
import { CALL_EVENT_SOURCES, toCallEvent } from '../../../src/adapters/ari/ari-call-events.js';
import { eventTraceLines } from './trace-files.js';

/** An event of the type with every field any mapping reads, so a mapping that exists shows. */
function anyEventOf(type: string, args: readonly string[]): AriEvent {
  const channel = { id: 'c.1', name: 'Local/12345@from-citizen-1;2', state: 'Up', caller: { name: '', number: '13800000000' }, dialplan: { context: 'from-citizen', exten: '12345' } };
  return {
    type,
    application: 'hotline',
    timestamp: '2026-12-01T08:00:00.000+0000',
    args,
    channel,
    peer: channel,
    digit: '1',
    cause: 16,
    playback: { id: 'p.1', target_uri: 'channel:c.1', media_uri: 'sound:x', state: 'done' },
    recording: { name: 'r.1', target_uri: 'channel:c.1', format: 'wav', state: 'done' },
    bridge: { id: 'b.1', channels: [] },
    eventname: 'HOTLINE_SURVEY_ENDED',
    userevent: { eventname: 'HOTLINE_SURVEY_ENDED', path: '', vars: '' },
  } as unknown as AriEvent;
}

describe('CALL_EVENT_SOURCES', () => {
  it('holds every event type toCallEvent maps, for every role a StasisStart can have', () => {
    const roles = [[], ['role=agent', 'call=c', 'agent=8001'], ['role=party', 'call=c'], ['role=callback', 'call=c', 'agent=8001', 'number=1'], ['role=recorder', 'call=c']];
    const mapped = new Set([...ARI_EVENT_TYPES].filter((type) => roles.some((args) => toCallEvent(anyEventOf(type, args), 0) !== undefined)));
    expect(mapped.size).toBeGreaterThan(5);
    for (const type of mapped) expect(CALL_EVENT_SOURCES, type).toContain(type);
  });

  it('holds the type of every recorded Asterisk event that maps to a call event', () => {
    for (const line of eventTraceLines()) {
      const event = JSON.parse(line.text) as AriEvent;
      if (toCallEvent(event, 0) !== undefined) expect(CALL_EVENT_SOURCES, `${line.file}:${line.line}`).toContain(event.type);
    }
  });

  it('leaves out what the hotline never acts on (variables set, state changes, prompts starting, channels entering bridges)', () => {
    for (const type of ['ChannelVarset', 'ChannelStateChange', 'PlaybackStarted', 'ChannelEnteredBridge', 'Dial', 'ChannelDialplan', 'ChannelCallerId', 'ChannelConnectedLine', 'RecordingStarted']) {
      expect(CALL_EVENT_SOURCES).not.toContain(type);
    }
  });

  it('holds the bridge events the adapter waits for when it takes a conversation down', () => {
    expect(CALL_EVENT_SOURCES).toEqual(expect.arrayContaining(['ChannelLeftBridge', 'BridgeDestroyed']));
  });
});
