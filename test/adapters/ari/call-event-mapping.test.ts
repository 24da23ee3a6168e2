import { describe, expect, it } from 'vitest';
import type { AriEvent } from '../../../src/adapters/ari/ari-events.js';
import { toCallEvent } from '../../../src/adapters/ari/ari-call-events.js';

const channel = (id: string) => ({ id, name: `PJSIP/x-${id}`, state: 'Up', caller: { name: '', number: '13800001234' }, connected: { name: '', number: '' }, accountcode: '', dialplan: { context: 'from-citizen', exten: '12345', priority: 3 }, creationtime: '2026-12-01T08:00:00.000+0000', language: 'zh' });
const start = (id: string, args: string[]): AriEvent => ({ type: 'StasisStart', timestamp: '2026-12-01T08:00:01.000+0000', application: 'hotline', args, channel: channel(id) }) as unknown as AriEvent;

describe('Stasis arrivals as call events', () => {
  it('tells a citizen from an agent leg, and ignores a conversation recorder (the adapter waits for it itself)', () => {
    expect(toCallEvent(start('c1', ['entry=12345', 'linkedid=c1']), 0)).toMatchObject({ type: 'CallArrived', channelId: 'c1', callId: 'c1', dialedNumber: '12345' });
    expect(toCallEvent(start('agentleg-1-c1', ['role=agent', 'call=c1', 'agent=8001']), 0)).toMatchObject({ type: 'AgentLegAnswered', callId: 'c1', agentId: '8001' });
    expect(toCallEvent(start('rec-call-c1', ['role=recorder', 'call=c1']), 0)).toBeUndefined();
  });

  it('says whether the dialplan answered the call before handing it over (the channel is Up)', () => {
    expect(toCallEvent(start('c1', ['entry=12345']), 0)).toMatchObject({ type: 'CallArrived', answered: true });
    const ringing = { ...start('c2', ['entry=12345']), channel: { ...channel('c2'), state: 'Ring' } } as unknown as AriEvent;
    expect(toCallEvent(ringing, 0)).toMatchObject({ type: 'CallArrived', answered: false });
  });
});
