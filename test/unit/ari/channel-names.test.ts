// Channel names learned from ARI events and originate answers, forgotten at the channel's end.
import { describe, expect, it } from 'vitest';
import type { AriEvent } from '../../../src/adapters/ari/ari-events.js';
import { ChannelNames } from '../../../src/adapters/ari/channel-names.js';

const event = (type: string, id: string, name: string): AriEvent => ({ type, application: 'hotline', timestamp: '2026-12-06T19:00:00.000+0000', channel: { id, name } }) as unknown as AriEvent;

describe('ChannelNames', () => {
  it('learns the name of a channel from its events and forgets it at StasisEnd or ChannelDestroyed', () => {
    const names = new ChannelNames();
    names.seen(event('StasisStart', 'call-1', 'PJSIP/citizen-00000001'));
    names.seen(event('ChannelStateChange', 'agentleg-1', 'PJSIP/agent-8001-00000002'));
    expect(names.nameOf('call-1')).toBe('PJSIP/citizen-00000001');
    expect(names.nameOf('agentleg-1')).toBe('PJSIP/agent-8001-00000002');
    names.seen(event('StasisEnd', 'call-1', 'PJSIP/citizen-00000001'));
    names.seen(event('ChannelDestroyed', 'agentleg-1', 'PJSIP/agent-8001-00000002'));
    expect([names.nameOf('call-1'), names.nameOf('agentleg-1'), names.size]).toEqual([undefined, undefined, 0]);
  });

  it('learns from the answer to an originate, ignores events and answers without a usable name, and forgets all at clear()', () => {
    const names = new ChannelNames();
    names.learned({ id: 'agentleg-2', name: 'Local/8003@demo-phones-0000000a;1' });
    names.learned({ id: 'agentleg-3' });
    names.learned(undefined);
    names.seen({ type: 'PlaybackStarted', application: 'hotline', timestamp: 't', playback: { id: 'p-1' } } as unknown as AriEvent);
    names.seen(event('StasisStart', 'call-4', ''));
    expect([names.nameOf('agentleg-2'), names.nameOf('agentleg-3'), names.nameOf('call-4'), names.size]).toEqual(['Local/8003@demo-phones-0000000a;1', undefined, undefined, 1]);
    names.clear();
    expect(names.size).toBe(0);
  });
});
