import { describe, expect, it } from 'vitest';
import { toCallEvent } from '../../../src/adapters/ari/ari-call-events.js';
import type { Channel } from '../../../src/adapters/ari/ari-models.js';
import { missedAnswers, missedArrivals } from '../../../src/adapters/ari/missed-arrivals.js';
import { ariTimestamp, ariTimestampMs } from '../../../src/adapters/ari/ari-time.js';

/** A channel as GET /channels lists it, in the dialplan application `appName(appData)`. */
function listed(id: string, appName: string, appData: string, state: Channel['state'] = 'Up'): Channel {
  return {
    id,
    protocol_id: '',
    name: `PJSIP/citizens-${id}`,
    state,
    caller: { name: '', number: '13800001234' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: { context: 'hotline-entry', exten: '12345', priority: 4, app_name: appName, app_data: appData },
    creationtime: '2026-12-07T10:00:01.250+0000',
    language: 'zh',
  };
}

const nobody = (): boolean => false;

describe('callers found in the application at a resync, never announced', () => {
  it('rebuilds a caller’s StasisStart from the list: the same call as at arrival, begun when the channel was made', () => {
    const [arrival, ...rest] = missedArrivals([listed('c1', 'Stasis', 'hotline,entry=12345,linkedid=c1')], 'hotline', nobody);
    expect(rest).toEqual([]);
    expect(arrival).toMatchObject({ type: 'StasisStart', application: 'hotline', args: ['entry=12345', 'linkedid=c1'] });
    expect(toCallEvent(arrival!, 0)).toEqual({
      type: 'CallArrived',
      channelId: 'c1',
      callId: 'c1',
      callerNumber: '13800001234',
      callerName: null,
      dialedNumber: '12345',
      answered: true,
      at: Date.parse('2026-12-07T10:00:01.250Z'),
    });
  });

  it('keeps what a caller back from the compiled menus handed over (queue, skills, path)', () => {
    const [arrival] = missedArrivals([listed('c2', 'Stasis', 'hotline,ivr=queued,version=v6,queue=general,priority=,skills=tax,path=main.menu')], 'hotline', nobody);
    expect(toCallEvent(arrival!, 0)).toMatchObject({ type: 'CallArrived', channelId: 'c2', menus: { kind: 'queued', version: 'v6', queue: 'general', skills: ['tax'] } });
  });

  it('leaves alone the server’s own legs, other applications, channels in the dialplan, and channels the server knows', () => {
    const channels = [
      listed('agent-leg', 'Stasis', 'hotline,role=agent,call=c1,agent=8003'),
      listed('recorder', 'Stasis', 'hotline,role=recorder,call=c1'),
      listed('line', 'Stasis', 'hotline,role=line,agent=8003'),
      listed('other-app', 'Stasis', 'citizen-sim,entry=12345'),
      listed('prefix', 'Stasis', 'hotline-2,entry=12345'),
      listed('in-menus', 'BackGround', 'hotline/zh-CN/main_menu'),
      listed('queue', 'Queue', 'general'),
      listed('known', 'Stasis', 'hotline,entry=12345'),
      listed('new', 'Stasis', 'hotline,entry=12345', 'Ring'),
    ];
    const asked: [string, Readonly<Record<string, string>>][] = [];
    const found = missedArrivals(channels, 'hotline', (id, args) => (asked.push([id, args]), id === 'known'));
    expect(found.map((event) => event.channel.id)).toEqual(['new']);
    // Only callers of this application are asked about, with their arguments.
    expect(asked).toEqual([['known', { entry: '12345' }], ['new', { entry: '12345' }]]);
    expect(toCallEvent(found[0]!, 0)).toMatchObject({ answered: false });
  });

  it('takes a channel whose snapshot has no dialplan location as nothing to adopt', () => {
    const bare = { ...listed('bare', 'Stasis', 'hotline'), dialplan: undefined } as unknown as Channel;
    expect(missedArrivals([bare], 'hotline', nobody)).toEqual([]);
  });
});

describe('agents’ legs found answered in the application at a resync, never announced', () => {
  const LEG_ARGS = 'hotline,role=agent,call=c1,agent=8003';
  const FOUND_AT = Date.parse('2026-12-07T10:00:09.500Z');

  it('rebuilds the answer of a leg its offer still waits for, stamped when it was found', () => {
    const [answer, ...rest] = missedAnswers([listed('agentleg-1-c1', 'Stasis', LEG_ARGS)], 'hotline', (leg) => leg === 'agentleg-1-c1', FOUND_AT);
    expect(rest).toEqual([]);
    expect(toCallEvent(answer!, 0)).toEqual({ type: 'AgentLegAnswered', channelId: 'agentleg-1-c1', callId: 'c1', agentId: '8003', at: FOUND_AT });
  });

  it('leaves a leg that still rings, one no offer waits for, callers and other applications alone', () => {
    const channels = [
      listed('agentleg-1-c1', 'Stasis', LEG_ARGS, 'Ringing'),
      listed('agentleg-2-c2', 'Stasis', 'hotline,role=agent,call=c2,agent=8001'),
      listed('c3', 'Stasis', 'hotline,entry=12345,linkedid=c3'),
      listed('agentleg-1-c4', 'Stasis', 'other-app,role=agent,call=c4,agent=8002'),
      listed('agentleg-1-c5', 'Dial', 'PJSIP/8003'),
    ];
    expect(missedAnswers(channels, 'hotline', (leg) => leg !== 'agentleg-2-c2', FOUND_AT)).toEqual([]);
  });

  it('writes times as ARI does, read back to the millisecond', () => {
    expect(ariTimestamp(FOUND_AT)).toBe('2026-12-07T10:00:09.500+0000');
    expect(ariTimestampMs(ariTimestamp(FOUND_AT))).toBe(FOUND_AT);
  });
});
