// What a server that does not lead shows of the ACD: the leader's copy, overlaid with the changes it
// broadcast since; a copy older than a fresh change does not undo it; no copy, nothing shown.
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../../src/domain/acd/acd-engine.js';
import type { QueueStats } from '../../../src/domain/acd/queue-stats.js';
import { AcdMirror } from '../../../src/domain/cluster/acd-mirror.js';
import { SenderSequences } from '../../../src/domain/cluster/sender-sequences.js';

const view = (agentId: string, state: AgentView['state'], more: Partial<AgentView> = {}): AgentView => ({ agentId, state, reason: null, reachable: true, callId: null, idleSince: 0, ...more });
const queue = { queueId: 'general', name: '综合', waiting: 2 } as QueueStats;

describe('the ACD mirror', () => {
  it('shows the published copy, and a broadcast change (with the call it is about) at once', () => {
    const mirror = new AcdMirror(2_000);
    mirror.published({ epoch: 1, queues: [queue], agents: [view('8001', 'available'), view('8002', 'logged_out')] }, 1_000);
    expect(mirror.queueStats()).toEqual([queue]);
    mirror.changed('8001', 'paused', 'meal', null, 1_100);
    expect(mirror.agent('8001')).toMatchObject({ state: 'paused', reason: 'meal', reachable: true });
    // An agent the copy did not list yet.
    mirror.changed('8009', 'available', null, null, 1_100);
    expect(mirror.agent('8009')).toMatchObject({ state: 'available', callId: null });
    // The desktop of an agent offered a call sees which call.
    mirror.changed('8002', 'offered', null, 'c7', 1_200);
    expect(mirror.agent('8002')).toMatchObject({ state: 'offered', callId: 'c7' });
  });

  it('keeps a fresh change over an older copy, and takes the copy once the change has aged', () => {
    const mirror = new AcdMirror(2_000);
    mirror.changed('8001', 'on_call', null, 'c2', 1_000);
    // The copy was taken before the change: the agent was still offered the previous call.
    mirror.published({ epoch: 1, queues: [], agents: [view('8001', 'offered', { callId: 'c1', reachable: false })] }, 1_500);
    expect(mirror.agent('8001')).toMatchObject({ state: 'on_call', callId: 'c2', reachable: false });
    mirror.published({ epoch: 1, queues: [], agents: [view('8001', 'wrap_up', { callId: 'c1' })] }, 3_100);
    expect(mirror.agent('8001')?.state).toBe('wrap_up');
  });

  it('shows nothing when no copy is published (no leader)', () => {
    const mirror = new AcdMirror(2_000);
    mirror.published({ epoch: 1, queues: [queue], agents: [view('8001', 'available')] }, 1_000);
    mirror.published(null, 2_000);
    expect(mirror.queueStats()).toEqual([]);
    expect(mirror.agent('8001')).toBeUndefined();
  });
});

describe('the senders\' sequences', () => {
  it('admits each number of a run once, in its order, and survives a checkpoint', () => {
    const seen = new SenderSequences();
    expect([1, 1, 2, 2, 3].map((seq) => seen.admit({ run: 'w:a', seq }))).toEqual([true, false, true, false, true]);
    expect(seen.admit({ run: 'w:b', seq: 1 })).toBe(true);
    const restored = new SenderSequences(seen.saved());
    expect([restored.admit({ run: 'w:a', seq: 3 }), restored.admit({ run: 'w:a', seq: 4 }), restored.admit({ run: 'w:b', seq: 1 })]).toEqual([false, true, false]);
  });

  it('forgets the run heard from least recently past its limit', () => {
    const seen = new SenderSequences({}, 2);
    seen.admit({ run: 'a', seq: 1 });
    seen.admit({ run: 'b', seq: 1 });
    seen.admit({ run: 'a', seq: 2 });
    seen.admit({ run: 'c', seq: 1 });
    expect(Object.keys(seen.saved())).toEqual(['a', 'c']);
  });
});
