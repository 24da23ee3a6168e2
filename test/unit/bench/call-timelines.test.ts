import { describe, expect, it } from 'vitest';
import { ariTime, observedOf, promptName, type Observed } from '../../../bench/load/ari-observer.js';
import { callLatencies, citizenCalls, completedPath, concurrency, pathFault, type JourneyStep } from '../../../bench/load/call-timelines.js';

const T = Date.parse('2026-12-01T08:00:00.000Z');
const JOURNEY: JourneyStep[] = [
  { prompt: 'main_menu', key: '1', leadsTo: 'prompt' },
  { prompt: 'consult_menu', key: '3', leadsTo: 'prompt' },
  { prompt: 'help_menu', key: '1', leadsTo: 'queue' },
  { prompt: 'survey_question', key: '1', leadsTo: 'prompt' },
];
const citizen = (id: string, at: number, number: string): Observed => ({ kind: 'created', at, channelId: id, name: `PJSIP/citizen-trunk-${id}`, number });
const agent = (kind: Observed['kind'], id: string, at: number, number: string, extra: Partial<Observed> = {}): Observed => ({ kind, at, channelId: id, name: `PJSIP/agent-70001-${id}`, number, ...extra });
const ev = (kind: Observed['kind'], at: number, channelId: string, detail?: string): Observed => ({ kind, at, channelId, ...(detail === undefined ? {} : { detail }) });

/**
 * A call through main menu 1 → 3 → 1, the line with its announcement, an agent who talks 30 s and
 * hangs up, and the survey, as the hotline's events show it (the agent's channel shows the caller's number).
 */
function fullCall(id: string, t0: number, number: string): Observed[] {
  const a = `${id}-agent`;
  return [
    citizen(id, t0, number),
    ev('prompt', t0 + 6, id, 'main_menu'),
    ev('key', t0 + 1500, id, '1'),
    ev('prompt', t0 + 1503, id, 'consult_menu'),
    ev('key', t0 + 3000, id, '3'),
    ev('prompt', t0 + 3004, id, 'help_menu'),
    ev('key', t0 + 4500, id, '1'),
    ev('prompt', t0 + 4505, id, 'queue_position_is'),
    agent('created', a, t0 + 12_510, '70001'),
    agent('up', a, t0 + 13_020, number),
    agent('qos', a, t0 + 43_020, number, { detail: 'ssrc=1;themssrc=2;lp=3;rxjitter=0.000100;rxcount=1497;txjitter=0;txcount=1500;rlp=0' }),
    agent('hangup', a, t0 + 43_020, number),
    agent('destroyed', a, t0 + 43_022, number),
    ev('prompt', t0 + 43_030, id, 'survey_question'),
    ev('key', t0 + 44_530, id, '1'),
    ev('prompt', t0 + 44_534, id, 'survey_thanks'),
    ev('qos', t0 + 47_000, id, 'ssrc=4;themssrc=5;lp=0;rxjitter=0;rxcount=2350;txjitter=0;txcount=2300;rlp=0'),
    ev('hangup', t0 + 47_000, id),
    ev('destroyed', t0 + 47_002, id),
  ];
}

describe('what the observer keeps of an ARI event', () => {
  const ts = '2026-12-01T06:39:16.934+0000';
  it('reads ARI timestamps with their offset', () => {
    expect(ariTime('2026-12-01T06:39:16.934+0000')).toBe(Date.parse('2026-12-01T06:39:16.934Z'));
    expect(ariTime('2026-12-01T14:39:16.934+0800')).toBe(Date.parse('2026-12-01T06:39:16.934Z'));
  });

  it('turns Stasis playbacks and dialplan Playback/BackGround into prompts by name, and nothing else', () => {
    expect(observedOf({ type: 'PlaybackStarted', timestamp: ts, playback: { target_uri: 'channel:c1', media_uri: 'sound:hotline/zh-CN/main_menu' } })).toMatchObject({ kind: 'prompt', channelId: 'c1', detail: 'main_menu' });
    expect(observedOf({ type: 'PlaybackStarted', timestamp: ts, playback: { target_uri: 'bridge:b1' } })).toBeNull();
    expect(observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c2' }, dialplan_app: 'BackGround', dialplan_app_data: 'hotline/zh-CN/main_menu' })).toMatchObject({ kind: 'prompt', channelId: 'c2', detail: 'main_menu' });
    expect(observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c2' }, dialplan_app: 'Queue' })).toBeNull();
    expect(observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c2' }, dialplan_app: 'Answer', dialplan_app_data: ',i' })).toMatchObject({ kind: 'answering', channelId: 'c2' });
    expect(observedOf({ type: 'ChannelDtmfReceived', timestamp: ts, channel: { id: 'c3' }, digit: '#' })).toMatchObject({ kind: 'key', detail: '#' });
    expect(observedOf({ type: 'ChannelCreated', timestamp: ts, channel: { id: 'c4', name: 'PJSIP/citizen-trunk-1', caller: { number: '13101000001' } } })).toMatchObject({ kind: 'created', number: '13101000001' });
    expect(observedOf({ type: 'StasisStart', timestamp: ts, channel: { id: 'c5' } })).toBeNull();
    expect(observedOf({ type: 'ChannelCreated' })).toBeNull();
    expect(promptName('hotline/zh-CN/survey_thanks,noanswer')).toBe('survey_thanks');
  });

  it('keeps an answer, the connected party, and the RTP figures set at hang-up, and no other variable', () => {
    expect(observedOf({ type: 'ChannelStateChange', timestamp: ts, channel: { id: 'a1', state: 'Up', caller: { number: '70001' }, connected: { number: '13101000001' } } })).toMatchObject({ kind: 'up', number: '70001', connected: '13101000001' });
    expect(observedOf({ type: 'ChannelStateChange', timestamp: ts, channel: { id: 'a1', state: 'Ringing' } })).toBeNull();
    expect(observedOf({ type: 'ChannelVarset', timestamp: ts, channel: { id: 'a1' }, variable: 'RTPAUDIOQOS', value: 'lp=0;rxcount=5' })).toMatchObject({ kind: 'qos', detail: 'lp=0;rxcount=5' });
    expect(observedOf({ type: 'ChannelVarset', timestamp: ts, channel: { id: 'a1' }, variable: 'RTPAUDIOQOSJITTER', value: 'x' })).toBeNull();
  });

  it("keeps the dialplan's mark of a call it answers without the server, with why, and no other user event", () => {
    const mark = (data: string) => observedOf({ type: 'ChannelDialplan', timestamp: ts, channel: { id: 'c6', name: 'PJSIP/citizen-trunk-6' }, dialplan_app: 'CELGenUserEvent', dialplan_app_data: data });
    expect(mark('HOTLINE_DIALPLAN_CALL,shed|12345|13101000006')).toMatchObject({ kind: 'dialplan-call', channelId: 'c6', detail: 'shed' });
    expect(mark('HOTLINE_DIALPLAN_CALL,server-away|12345|13101000006')).toMatchObject({ kind: 'dialplan-call', detail: 'server-away' });
    expect(mark('SOMETHING_ELSE,shed|12345')).toBeNull();
  });
});

describe('citizen call timelines', () => {
  const calls = citizenCalls([...fullCall('a', T, '13101000000'), ...fullCall('b', T + 1000, '13101000001')].sort((x, y) => x.at - y.at), JOURNEY);

  it('follows each call from INVITE to hang-up, with the agent who answered it and hung up, and both sides\' RTP figures', () => {
    expect(calls.map((c) => c.channelId)).toEqual(['a', 'b']);
    const a = calls[0];
    expect(a).toMatchObject({ number: '13101000000', invitedAt: T, firstPromptAt: T + 6, agentChannelId: 'a-agent', offeredAt: T + 12_510, answeredAt: T + 13_020, agentHangupAt: T + 43_020, hangupAt: T + 47_000, destroyedAt: T + 47_002 });
    expect(a?.qos).toContain('rxcount=2350');
    expect(a?.agentQos).toContain('lp=3');
    expect(a?.keys.map((k) => [k.digit, k.promptAt === null ? null : k.at - k.promptAt, k.nextPromptAt === null ? null : k.nextPromptAt - k.at])).toEqual([['1', 1494, 3], ['3', 1497, 4], ['1', 1496, 5], ['1', 1500, 4]]);
    expect(completedPath(a!, JOURNEY)).toBe(true);
    expect(completedPath(a!, JOURNEY.map((s, i) => (i === 1 ? { ...s, key: '2' } : s)))).toBe(false);
  });

  it('links an agent by its connected party, as app_queue shows the caller', () => {
    const events = fullCall('c', T, '13101000002').map((e) => (e.channelId === 'c-agent' ? { ...e, number: '70001', ...(e.kind === 'up' ? { connected: '13101000002' } : {}) } : e));
    expect(citizenCalls(events, JOURNEY)[0]).toMatchObject({ agentChannelId: 'c-agent', answeredAt: T + 13_020 });
  });

  it('times the greeting, the keys that lead to a prompt, the offer, and each key after its prompt', () => {
    const latencies = callLatencies(calls, JOURNEY);
    expect(latencies.keyToNextPrompt).toEqual([3, 4, 4, 3, 4, 4]);
    expect(latencies.enqueueToOffer).toEqual([8010, 8010]);
    expect(latencies.promptToKey).toEqual([1494, 1497, 1496, 1500, 1494, 1497, 1496, 1500]);
  });

  it('calls a path incomplete when no agent answered, a key came before its prompt, or the survey went unanswered', () => {
    const noAgent = citizenCalls(fullCall('c', T, '13101000002').filter((e) => e.kind !== 'up'), JOURNEY);
    expect(completedPath(noAgent[0]!, JOURNEY)).toBe(false);
    const early = citizenCalls(fullCall('d', T, '13101000003').map((e) => (e.kind === 'prompt' && e.detail === 'help_menu' ? { ...e, at: T + 4600 } : e)), JOURNEY);
    expect(early[0]?.keys[2]?.promptAt).toBeNull();
    expect(completedPath(early[0]!, JOURNEY)).toBe(false);
    const noSurvey = citizenCalls(fullCall('e', T, '13101000004').filter((e) => !(e.kind === 'prompt' && e.detail === 'survey_thanks')), JOURNEY);
    expect(completedPath(noSurvey[0]!, JOURNEY)).toBe(false);
  });

  it('follows a call the dialplan answered itself: its mark, the welcome, the fallback prompt, an agent of the fallback queue, no menu', () => {
    const agentLeg = 'f-agent';
    const shed = citizenCalls([
      citizen('f', T, '13101000005'),
      ev('up', T + 2, 'f'),
      ev('dialplan-call', T + 3, 'f', 'shed'),
      ev('prompt', T + 4, 'f', 'welcome'),
      ev('prompt', T + 4470, 'f', 'fallback_transfer'),
      agent('created', agentLeg, T + 7500, '70001'),
      agent('up', agentLeg, T + 8000, '70001', { connected: '13101000005' }),
      agent('hangup', agentLeg, T + 38_000, '70001'),
      ev('hangup', T + 38_010, 'f'),
      ev('destroyed', T + 38_012, 'f'),
    ], JOURNEY)[0];
    expect(shed).toMatchObject({ upAt: T + 2, dialplanAnswer: 'shed', firstPromptAt: T + 4, agentChannelId: agentLeg, answeredAt: T + 8000, agentHangupAt: T + 38_000, keys: [] });
    expect(calls[0]?.dialplanAnswer).toBeNull();
    // Seen as the server's call, the same timeline would be a broken path: the fallback says where it broke.
    expect(pathFault(shed!, JOURNEY)).toBe('sent to the human fallback');
  });

  it('counts the calls up in each second', () => {
    const alive = concurrency(calls, T - 1000, T + 50_000);
    expect(alive[0]).toBe(0);
    expect(alive[1]).toBe(1);
    expect(alive[2]).toBe(2);
    expect(alive[48]).toBe(2);
    expect(alive[49]).toBe(1);
    expect(alive[50]).toBe(0);
  });
});
