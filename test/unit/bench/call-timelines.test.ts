import { describe, expect, it } from 'vitest';
import { ariTime, observedOf, type Observed } from '../../../bench/load/ari-observer.js';
import { callLatencies, citizenCalls, completedPath, concurrency } from '../../../bench/load/call-timelines.js';

const T = Date.parse('2026-12-01T08:00:00.000Z');
const citizen = (id: string, at: number, number: string): Observed => ({ kind: 'created', at, channelId: id, name: `PJSIP/citizen-trunk-${id}`, number });
const agent = (id: string, at: number): Observed => ({ kind: 'created', at, channelId: id, name: `PJSIP/agent-70001-${id}`, number: '70001' });
const ev = (kind: Observed['kind'], at: number, channelId: string, detail?: string): Observed => ({ kind, at, channelId, ...(detail === undefined ? {} : { detail }) });

/** A call through main menu 1 → 3 → 1 to an agent, as the hotline's events show it. */
function fullCall(id: string, t0: number, number: string): Observed[] {
  return [
    citizen(id, t0, number),
    ev('prompt', t0 + 6, id, 'sound:hotline/zh-CN/main_menu'),
    ev('key', t0 + 1500, id, '1'),
    ev('prompt', t0 + 1503, id),
    ev('key', t0 + 3000, id, '3'),
    ev('prompt', t0 + 3004, id),
    ev('key', t0 + 4500, id, '1'),
    agent(`${id}-agent`, t0 + 4510),
    ev('bridged', t0 + 5020, `${id}-agent`, `conv-${id}`),
    ev('bridged', t0 + 5021, id, `conv-${id}`),
    ev('prompt', t0 + 5030, id, 'announcement after the queueing key'),
    ev('hangup', t0 + 35_000, id),
    ev('destroyed', t0 + 35_002, id),
    ev('destroyed', t0 + 35_004, `${id}-agent`),
  ];
}

describe('what the observer keeps of an ARI event', () => {
  it('reads ARI timestamps with their offset', () => {
    expect(ariTime('2026-12-01T06:39:16.934+0000')).toBe(Date.parse('2026-12-01T06:39:16.934Z'));
    expect(ariTime('2026-12-01T14:39:16.934+0800')).toBe(Date.parse('2026-12-01T06:39:16.934Z'));
  });

  it('turns Stasis playbacks and dialplan Playback/BackGround into prompts, and nothing else', () => {
    const ts = '2026-12-01T06:39:16.934+0000';
    expect(observedOf({ type: 'PlaybackStarted', timestamp: ts, playback: { target_uri: 'channel:c1', media_uri: 'sound:x' } })).toMatchObject({ kind: 'prompt', channelId: 'c1' });
    expect(observedOf({ type: 'PlaybackStarted', timestamp: ts, playback: { target_uri: 'bridge:b1' } })).toBeNull();
    expect(observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c2' }, dialplan_app: 'BackGround', dialplan_app_data: 'hotline/zh-CN/main_menu' })).toMatchObject({ kind: 'prompt', channelId: 'c2' });
    expect(observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c2' }, dialplan_app: 'Queue' })).toBeNull();
    expect(observedOf({ type: 'ChannelDtmfReceived', timestamp: ts, channel: { id: 'c3' }, digit: '#' })).toMatchObject({ kind: 'key', detail: '#' });
    expect(observedOf({ type: 'ChannelCreated', timestamp: ts, channel: { id: 'c4', name: 'PJSIP/citizen-trunk-1', caller: { number: '13101000001' } } })).toMatchObject({ kind: 'created', number: '13101000001' });
    expect(observedOf({ type: 'StasisStart', timestamp: ts, channel: { id: 'c5' } })).toBeNull();
    expect(observedOf({ type: 'ChannelCreated' })).toBeNull();
  });
});

describe('citizen call timelines', () => {
  const calls = citizenCalls([...fullCall('a', T, '13101000000'), ...fullCall('b', T + 1000, '13101000001')].sort((x, y) => x.at - y.at));

  it('follows each call from INVITE to hang-up, with the agent whose phone shared its bridge', () => {
    expect(calls.map((c) => c.channelId)).toEqual(['a', 'b']);
    const a = calls[0];
    expect(a).toMatchObject({ number: '13101000000', invitedAt: T, firstPromptAt: T + 6, agentChannelId: 'a-agent', offeredAt: T + 4510, bridgedAt: T + 5021, hangupAt: T + 35_000, destroyedAt: T + 35_002 });
    expect(a?.keys.map((k) => [k.digit, k.nextPromptAt === null ? null : k.nextPromptAt - k.at])).toEqual([['1', 3], ['3', 4], ['1', 530]]);
    expect(completedPath(a!, ['1', '3', '1'])).toBe(true);
    expect(completedPath(a!, ['1', '2', '1'])).toBe(false);
  });

  it('times the greeting, the menu keys (not the queueing one) and the offer', () => {
    const latencies = callLatencies(calls, 2);
    expect(latencies.inviteToFirstPrompt).toEqual([6, 6]);
    expect(latencies.keyToNextPrompt).toEqual([3, 4, 3, 4]);
    expect(latencies.enqueueToOffer).toEqual([10, 10]);
  });

  it('calls a path incomplete when no agent talked or a key went unanswered', () => {
    const noAgent = citizenCalls(fullCall('c', T, '13101000002').filter((e) => e.kind !== 'bridged'));
    expect(completedPath(noAgent[0]!, ['1', '3', '1'])).toBe(false);
    const lostPrompt = citizenCalls(fullCall('d', T, '13101000003').filter((e) => !(e.kind === 'prompt' && e.at === T + 3004)));
    expect(completedPath(lostPrompt[0]!, ['1', '3', '1'])).toBe(false);
  });

  it('counts the calls up in each second', () => {
    const alive = concurrency(calls, T - 1000, T + 40_000);
    expect(alive[0]).toBe(0);
    expect(alive[1]).toBe(1);
    expect(alive[2]).toBe(2);
    expect(alive[36]).toBe(2);
    expect(alive[37]).toBe(1);
    expect(alive[38]).toBe(0);
  });
});
