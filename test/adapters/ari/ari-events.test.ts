import { describe, expect, it } from 'vitest';
import { ARI_EVENT_TYPES, parseAriEvent } from '../../../src/adapters/ari/index.js';
import { eventTraceLines } from './trace-files.js';

const stasisStart = {
  type: 'StasisStart',
  timestamp: '2026-11-22T19:26:22.254+0000',
  application: 'hotline',
  args: [],
  channel: { id: '1795375581.1', name: 'Local/12345@from-citizen-00000000;2' },
};

describe('parseAriEvent over the real Asterisk 22 traces', () => {
  const lines = eventTraceLines();

  it('reads all three event traces', () => {
    expect(new Set(lines.map((line) => line.file))).toEqual(
      new Set(['ari-ivr-bridge-record.jsonl', 'ari-caller-leg-citizen-sim.jsonl', 'ari-pjsip-citizen-dtmf.jsonl']),
    );
    expect(lines.length).toBe(49 + 32 + 11);
  });

  it.each(lines.map((line) => [`${line.file}:${line.line} ${line.type}`, line] as const))('%s parses with its type', (_name, line) => {
    const result = parseAriEvent(line.text);
    expect(result).toMatchObject({ ok: true, event: { type: line.type } });
  });

  it('knows every type the traces contain', () => {
    for (const line of lines) expect(ARI_EVENT_TYPES.has(line.type), line.type).toBe(true);
  });

  it('keeps the fields consumers route on', () => {
    const dtmf = lines.find((line) => line.type === 'ChannelDtmfReceived' && line.file === 'ari-pjsip-citizen-dtmf.jsonl');
    const result = parseAriEvent(dtmf?.text ?? '');
    if (!result.ok || result.event.type !== 'ChannelDtmfReceived') throw new Error('expected a DTMF event');
    expect(result.event.digit).toBe('2');
    expect(result.event.channel.id).toMatch(/^\d+\.\d+$/);
  });
});

describe('parseAriEvent on bad input never throws', () => {
  it.each([
    ['not JSON', '{"type": "StasisStart"', { ok: false, reason: 'invalid_json' }],
    ['empty text', '', { ok: false, reason: 'invalid_json' }],
    ['a number', '42', { ok: false, reason: 'not_an_event' }],
    ['null', 'null', { ok: false, reason: 'not_an_event' }],
    ['a string', '"StasisStart"', { ok: false, reason: 'not_an_event' }],
    ['an array', '[{"type":"StasisStart"}]', { ok: false, reason: 'not_an_event' }],
    ['no type', '{"channel":{"id":"1.1"}}', { ok: false, reason: 'not_an_event' }],
    ['a numeric type', '{"type":7}', { ok: false, reason: 'not_an_event' }],
    ['an unknown type (its time stamp kept, for its delay)', '{"type":"ChannelTalkingStarted","application":"hotline","timestamp":"x"}', { ok: false, reason: 'unknown_type', type: 'ChannelTalkingStarted', timestamp: 'x' }],
    ['a prototype key as type', '{"type":"toString"}', { ok: false, reason: 'unknown_type', type: 'toString' }],
  ] as const)('%s', (_name, text, expected) => {
    expect(parseAriEvent(text)).toEqual(expected);
  });

  it.each([
    ['StasisStart without channel', { ...stasisStart, channel: undefined }],
    ['StasisStart with a numeric channel id', { ...stasisStart, channel: { id: 5 } }],
    ['StasisStart without args', { ...stasisStart, args: undefined }],
    ['StasisStart without application', { ...stasisStart, application: undefined }],
    ['PlaybackFinished without playback.id', { type: 'PlaybackFinished', timestamp: 't', application: 'a', playback: { target_uri: 'channel:1' } }],
    ['ChannelDtmfReceived without digit', { type: 'ChannelDtmfReceived', timestamp: 't', application: 'a', channel: { id: '1.1' } }],
    ['ChannelVarset with a channel lacking id', { type: 'ChannelVarset', timestamp: 't', application: 'a', variable: 'X', value: '1', channel: {} }],
    ['RecordingFinished without recording', { type: 'RecordingFinished', timestamp: 't', application: 'a' }],
    ['Dial without peer', { type: 'Dial', timestamp: 't', application: 'a', dialstatus: '' }],
  ])('%s → not_an_event with the type', (_name, value) => {
    expect(parseAriEvent(JSON.stringify(value))).toEqual({ ok: false, reason: 'not_an_event', type: value.type });
  });

  it('accepts a global ChannelVarset (no channel) and ApplicationReplaced', () => {
    const varset = { type: 'ChannelVarset', timestamp: 't', application: 'a', variable: 'G', value: '1' };
    expect(parseAriEvent(JSON.stringify(varset))).toEqual({ ok: true, event: varset });
    const replaced = { type: 'ApplicationReplaced', timestamp: 't', application: 'hotline' };
    expect(parseAriEvent(JSON.stringify(replaced))).toEqual({ ok: true, event: replaced });
  });
});
