import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callRank, effectivePriorityMs } from '../../../src/domain/acd/call-rank.js';
import { IndexedHeap } from '../../../src/domain/acd/indexed-heap.js';
import { AcdHarness, SEC, agent, queue, standardQueues } from './acd-harness.js';

/** One agent serving every queue; calls queue up while the agent is logged out... then served one by one. */
function servedOrder(h: AcdHarness, agentId: string): string[] {
  const order: string[] = [];
  for (let callId = h.offeredTo(agentId); callId; callId = h.offeredTo(agentId)) order.push(h.serve(agentId, SEC));
  return order;
}

function allRounder(): AcdHarness {
  const h = new AcdHarness(
    standardQueues({ overflow: null }),
    [agent('8001', { general: 1, elderly: 1, enterprise: 1 }), agent('9999', { general: 1, elderly: 1, enterprise: 1 })],
  );
  // 9999 keeps the queues staffed while 8001 is busy; it is paused so it takes nothing.
  h.login('9999').send({ type: 'AgentPaused', agentId: '9999', reason: 'meeting' });
  return h;
}

describe('priority classes', () => {
  it('serves elderly before enterprise before general when they arrive together', () => {
    const h = allRounder();
    h.queue('g1', 'general');
    h.queue('e1', 'enterprise');
    h.queue('o1', 'elderly');
    h.queue('g2', 'general');
    h.queue('o2', 'elderly');
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['o1', 'o2', 'e1', 'g1', 'g2']);
  });

  it('an elderly caller who arrives after five waiting general callers is answered next', () => {
    const h = allRounder();
    h.login('8001');
    h.queue('busy', 'general');
    h.send({ type: 'AgentAnswered', callId: 'busy', agentId: '8001' });
    for (const id of ['g1', 'g2', 'g3', 'g4', 'g5']) {
      h.queue(id, 'general');
      h.advance(5 * SEC);
    }
    h.queue('old', 'elderly');
    h.send({ type: 'CallEnded', callId: 'busy' });
    h.send({ type: 'TicketFiled', agentId: '8001', callId: 'busy' });
    expect(h.offeredTo('8001')).toBe('old');
  });

  it('a priority override in CallQueued (registered elderly number in the general queue) is honoured', () => {
    const h = allRounder();
    h.queue('g1', 'general');
    h.queue('g2', 'general', { priorityClass: 'elderly' });
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['g2', 'g1']);
  });
});

describe('aging', () => {
  it('a general call that waited more than 120 s overtakes a fresh enterprise call', () => {
    const h = allRounder();
    h.queue('g-old', 'general');
    h.advance(121 * SEC);
    h.queue('e-new', 'enterprise');
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['g-old', 'e-new']);
  });

  it('before the 120 s head start is used up the enterprise call still goes first', () => {
    const h = allRounder();
    h.queue('g-old', 'general');
    h.advance(119 * SEC);
    h.queue('e-new', 'enterprise');
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['e-new', 'g-old']);
  });

  it('effective priority = boost + wait, and ordering by rank never changes with time', () => {
    const general = { rank: callRank(0, 0) };
    const enterprise = { rank: callRank(120 * SEC, 120) };
    expect(effectivePriorityMs(general, 200 * SEC)).toBe(200 * SEC);
    expect(effectivePriorityMs(enterprise, 200 * SEC)).toBe(200 * SEC);
    expect(general.rank).toBe(enterprise.rank);
  });

  it('exactly at the crossover the ranks tie and the earlier call (lower sequence) goes first', () => {
    const h = allRounder();
    h.queue('g-old', 'general');
    h.advance(120 * SEC);
    h.queue('e-new', 'enterprise');
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['g-old', 'e-new']);
  });
});

describe('FIFO and tie-breaks', () => {
  it('serves equal-class calls first in, first out', () => {
    const h = allRounder();
    for (const id of ['a', 'b', 'c', 'd']) {
      h.queue(id, 'general');
      h.advance(SEC);
    }
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('calls queued in the same millisecond are served in enqueue order', () => {
    const h = allRounder();
    for (const id of ['z', 'y', 'x']) h.queue(id, 'general');
    h.login('8001');
    expect(servedOrder(h, '8001')).toEqual(['z', 'y', 'x']);
  });

  it('the whole decision sequence is deterministic: two runs give identical commands', () => {
    const run = (): string => {
      const h = allRounder();
      for (let i = 0; i < 20; i += 1) {
        h.queue(`c${i}`, ['general', 'elderly', 'enterprise'][i % 3] as string);
        h.advance(7 * SEC);
      }
      h.login('8001');
      servedOrder(h, '8001');
      return JSON.stringify(h.log);
    };
    expect(run()).toBe(run());
  });
});

describe('position and estimated wait announcements', () => {
  function announcing(): AcdHarness {
    const h = new AcdHarness(
      [queue('general', { announceEverySeconds: 30 })],
      [agent('8001', { general: 1 }), agent('8002', { general: 1 })],
      { initialHandleSeconds: 200 },
    );
    h.login('8001', '8002');
    h.queue('busy1', 'general');
    h.queue('busy2', 'general');
    h.send({ type: 'AgentAnswered', callId: 'busy1', agentId: '8001' });
    h.send({ type: 'AgentAnswered', callId: 'busy2', agentId: '8002' });
    return h;
  }

  it('announces position and EWT = ceil(position / working agents) × AHT on entry and every interval', () => {
    const h = announcing();
    h.queue('a', 'general');
    h.queue('b', 'general');
    h.queue('c', 'general');
    const first = h.all('AnnouncePosition').map((a) => [a.callId, a.position, a.estimatedWaitSeconds]);
    expect(first).toEqual([['a', 1, 200], ['b', 2, 200], ['c', 3, 400]]);
    h.advance(30 * SEC);
    expect(h.all('AnnouncePosition').slice(3).map((a) => [a.callId, a.position])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });

  it('AHT follows handled calls (moving average) and feeds the estimate', () => {
    const h = announcing();
    h.advance(100 * SEC);
    h.send({ type: 'CallEnded', callId: 'busy1' });
    h.send({ type: 'TicketFiled', agentId: '8001', callId: 'busy1' }); // handled in 100 s
    h.send({ type: 'AgentPaused', agentId: '8001', reason: 'break' });
    h.queue('a', 'general');
    // 200 + 0.2 × (100 − 200) = 180 s; one working agent (8002), position 1
    expect(h.last('AnnouncePosition')).toMatchObject({ callId: 'a', position: 1, estimatedWaitSeconds: 180 });
  });

  it('a caller is never told a higher position than before, even when a priority call overtakes', () => {
    const h = announcing();
    h.queue('a', 'general');
    h.queue('b', 'general');
    h.queue('old', 'general', { priorityClass: 'elderly' });
    expect(h.engine.call('b')?.position).toBe(3);
    h.advance(30 * SEC);
    const b = h.all('AnnouncePosition').filter((a) => a.callId === 'b');
    expect(b.map((a) => a.position)).toEqual([2, 2]);
  });

  it('offers a callback in the announcement only once the caller has waited long enough', () => {
    const h = new AcdHarness([queue('general', { announceEverySeconds: 30, callback: { afterSeconds: 60, maxAttempts: 2, retryDelaySeconds: 60 } })], [agent('8001', { general: 1 })]);
    h.login('8001').send({ type: 'AgentPaused', agentId: '8001', reason: 'break' });
    h.queue('a', 'general');
    h.advance(60 * SEC);
    expect(h.all('AnnouncePosition').map((a) => a.callbackOffered)).toEqual([false, false, true]);
  });
});

describe('indexed heap', () => {
  it('pops in order after any mix of pushes and removals', () => {
    const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 50 }) }), fc.record({ remove: fc.nat(40) }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new IndexedHeap<{ id: string; v: number }>((a, b) => a.v < b.v || (a.v === b.v && a.id < b.id), (x) => x.id);
        const model = new Map<string, number>();
        ops.forEach((o, i) => {
          if ('push' in o) {
            const id = `k${String(i).padStart(3, '0')}`;
            heap.push({ id, v: o.push });
            model.set(id, o.push);
            return;
          }
          const key = [...model.keys()][o.remove % Math.max(1, model.size)];
          if (key === undefined) return;
          expect(heap.remove(key)?.v).toBe(model.get(key));
          model.delete(key);
        });
        const expected = [...model.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
        const popped: string[] = [];
        for (let x = heap.pop(); x; x = heap.pop()) popped.push(x.id);
        expect(popped).toEqual(expected);
      }),
    );
  });
});
