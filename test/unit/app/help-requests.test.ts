// 举手 kept per server: a hand raised or lowered here is told as this server's (for the others to
// mirror); another server's change is mirrored once and told as not ours, so it never echoes back.
import { describe, expect, it } from 'vitest';
import { HelpRequests, type HelpChange } from '../../../src/app/monitoring/help-requests.js';

describe('raised hands (举手)', () => {
  it('tells its own changes as here, mirrors the others\' once, and lowers a hand when its call is monitored', () => {
    const hands = new HelpRequests();
    const changes: HelpChange[] = [];
    hands.onChange((change) => changes.push(change));
    hands.raise('8001', 'c1', 1000);
    hands.raise('8001', 'c1', 2000);
    hands.mirror('8002', { agentId: '8002', callId: 'c2', raisedAt: 1500 });
    hands.mirror('8002', { agentId: '8002', callId: 'c2', raisedAt: 1500 });
    expect(hands.list().map((hand) => hand.agentId)).toEqual(['8001', '8002']);
    hands.answered('c2');
    hands.mirror('8001', null);
    hands.mirror('8001', null);
    expect(hands.list()).toEqual([]);
    expect(changes).toEqual([
      { agentId: '8001', request: { agentId: '8001', callId: 'c1', raisedAt: 1000 }, here: true },
      { agentId: '8002', request: { agentId: '8002', callId: 'c2', raisedAt: 1500 }, here: false },
      { agentId: '8002', request: null, here: true },
      { agentId: '8001', request: null, here: false },
    ]);
  });
});
