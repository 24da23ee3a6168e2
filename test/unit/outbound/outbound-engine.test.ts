import { describe, expect, it } from 'vitest';
import { OutboundEngine, attemptChannelId } from '../../../src/domain/outbound/outbound-engine.js';
import type { CallTask, OutboundCommand } from '../../../src/domain/outbound/outbound-protocol.js';
import { MIN, OPEN, chinaWindows, ofType, request } from './outbound-fixtures.js';
import { cst } from '../calendar/calendar-fixtures.js';

const engine = (limit = 2, windows = OPEN): OutboundEngine => new OutboundEngine({ lineLimits: { trunk: limit }, windows });
const placed = (commands: readonly OutboundCommand[]): string[] => ofType(commands, 'PlaceAttempt').map((c) => c.order.taskId);

describe('outbound engine: lines and order', () => {
  it('dials due tasks in due-time order and never more than the trunk limit at once', () => {
    const e = engine(2);
    expect(placed(e.handle({ type: 'TaskRequested', request: request('a', { notBefore: 300 }), at: 0 }))).toEqual([]);
    expect(placed(e.handle({ type: 'TaskRequested', request: request('b', { notBefore: 100 }), at: 0 }))).toEqual([]);
    expect(placed(e.handle({ type: 'TaskRequested', request: request('c', { notBefore: 200 }), at: 0 }))).toEqual([]);
    expect(placed(e.handle({ type: 'Tick', at: 1000 }))).toEqual(['b', 'c']);
    expect(e.linesInUse('trunk')).toBe(2);
    expect(placed(e.handle({ type: 'Tick', at: 2000 }))).toEqual([]);
    const freed = e.handle({ type: 'AttemptUnanswered', taskId: 'b', channelId: attemptChannelId('b', 1), cause: 21, at: 2100 });
    expect(placed(freed)).toEqual(['a']);
    expect(e.linesInUse('trunk')).toBe(2);
  });

  it('asks to be woken at the next due time, and not while every line is busy', () => {
    const e = engine(1);
    expect(ofType(e.handle({ type: 'TaskRequested', request: request('a', { notBefore: 500 }), at: 0 }), 'WakeAt')).toEqual([{ type: 'WakeAt', at: 500 }]);
    e.handle({ type: 'Tick', at: 500 });
    expect(ofType(e.handle({ type: 'TaskRequested', request: request('b', { notBefore: 600 }), at: 550 }), 'WakeAt')).toEqual([]);
  });

  it('keeps the limit exact under random traffic', () => {
    const e = engine(3);
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const live = new Map<string, string>();
    let at = 0;
    for (let i = 0; i < 200; i++) {
      const commands = e.handle({ type: 'TaskRequested', request: request(`t${i}`, { notBefore: Math.floor(random() * 1000) }), at });
      for (const c of ofType(commands, 'PlaceAttempt')) live.set(c.order.taskId, c.order.channelId);
    }
    for (let step = 0; step < 3000; step++) {
      at += 10;
      const r = random();
      const ids = [...live.keys()];
      let commands: OutboundCommand[];
      if (ids.length > 0 && r < 0.5) {
        const taskId = ids[Math.floor(random() * ids.length)] as string;
        const channelId = live.get(taskId) as string;
        live.delete(taskId);
        commands = r < 0.25 ? e.handle({ type: 'AttemptUnanswered', taskId, channelId, cause: [17, 19, 1, 21][step % 4] ?? 19, at }) : e.handle({ type: 'CallFinished', taskId, channelId, variables: {}, at });
      } else commands = e.handle({ type: 'Tick', at });
      for (const c of ofType(commands, 'PlaceAttempt')) live.set(c.order.taskId, c.order.channelId);
      expect(live.size).toBe(e.linesInUse('trunk'));
      expect(live.size).toBeLessThanOrEqual(3);
      // Never idle while a task is due: a free line means nothing is due yet.
      const next = e.nextDue('trunk');
      if (live.size < 3) expect(next === null || next > at).toBe(true);
    }
  });
});

describe('outbound engine: outcome by hang-up cause', () => {
  const cases: [number, string][] = [[19, 'no-answer'], [18, 'no-answer'], [17, 'busy'], [1, 'unreachable'], [3, 'unreachable'], [27, 'unreachable'], [34, 'unreachable'], [38, 'unreachable'], [21, 'rejected']];
  it.each(cases)('cause %i is %s', (cause, expected) => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    const out = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 1), cause, at: 10 });
    const closed = ofType(out, 'CloseAttempt')[0];
    expect(closed?.result).toEqual({ kind: 'not-reached', cause: expected, hangupCause: cause });
  });

  it('retries a busy line on the policy schedule, then fails for good at maxAttempts', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    let at = 0;
    const dialTimes: number[] = [0];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const out = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', attempt), cause: 17, at: at + 1000 });
      if (attempt < 4) {
        const wake = ofType(out, 'WakeAt')[0]?.at ?? -1;
        expect(wake).toBe(at + 1000 + 5 * MIN);
        at = wake;
        const next = e.handle({ type: 'Tick', at });
        expect(ofType(next, 'PlaceAttempt')[0]?.order.channelId).toBe(attemptChannelId('a', attempt + 1));
        dialTimes.push(at);
      } else {
        expect(ofType(out, 'ReportOutcome')[0]?.outcome).toEqual({ kind: 'not-reached', attempts: 4, cause: 'busy', at: at + 1000 });
        expect(ofType(out, 'SaveTask')[0]?.task.status.kind).toBe('failed-final');
      }
    }
    expect(dialTimes).toHaveLength(4);
  });

  it('never retries a rejected call and tells the owner', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    const out = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 1), cause: 21, at: 5 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toMatchObject({ kind: 'not-reached', cause: 'rejected', attempts: 1 });
    expect(ofType(out, 'PlaceAttempt')).toEqual([]);
  });

  it('uses the next delay of the same cause: no answer 30 then 60 minutes', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    const first = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 1), cause: 19, at: 0 });
    expect(ofType(first, 'WakeAt')[0]?.at).toBe(30 * MIN);
    e.handle({ type: 'Tick', at: 30 * MIN });
    const second = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 2), cause: 19, at: 30 * MIN });
    expect(ofType(second, 'WakeAt')[0]?.at).toBe(90 * MIN);
  });

  it('reports a reached call with the flow variables', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    e.handle({ type: 'AttemptAnswered', taskId: 'a', channelId: attemptChannelId('a', 1), at: 3 });
    const out = e.handle({ type: 'CallFinished', taskId: 'a', channelId: attemptChannelId('a', 1), variables: { satisfaction: '1' }, at: 9 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toEqual({ kind: 'reached', attempts: 1, variables: { satisfaction: '1' }, resultLost: false, at: 9 });
    expect(e.linesInUse('trunk')).toBe(0);
  });

  it('ignores events of an attempt that is not the current one', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    expect(e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 7), cause: 19, at: 1 })).toEqual([]);
    expect(e.linesInUse('trunk')).toBe(1);
  });
});

describe('outbound engine: cancelling', () => {
  it('cancels a waiting task at once and tells the owner', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a', { notBefore: 1000 }), at: 0 });
    const out = e.handle({ type: 'TaskCancelled', taskId: 'a', at: 10 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toEqual({ kind: 'cancelled', attempts: 0, at: 10 });
    expect(placed(e.handle({ type: 'Tick', at: 2000 }))).toEqual([]);
  });

  it('lets a call under way end, then retries nothing', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    expect(e.handle({ type: 'TaskCancelled', taskId: 'a', at: 1 })).toEqual([]);
    const out = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 1), cause: 17, at: 2 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toEqual({ kind: 'cancelled', attempts: 1, at: 2 });
    expect(e.nextDue('trunk')).toBeNull();
  });
});

describe('outbound engine: calling window', () => {
  it('holds a task requested at night until 08:30 of the next working day, skipping a holiday', () => {
    const e = engine(1, chinaWindows());
    const out = e.handle({ type: 'TaskRequested', request: request('a'), at: cst('2025-09-30', '21:00') });
    // 1–8 October are the 国庆/中秋 holidays; 9 October is a Thursday.
    expect(ofType(out, 'WakeAt')[0]?.at).toBe(cst('2025-10-09', '08:30'));
  });

  it('calls on a make-up Saturday', () => {
    const e = engine(1, chinaWindows());
    const out = e.handle({ type: 'TaskRequested', request: request('a'), at: cst('2026-02-14', '09:00') });
    expect(placed(out)).toEqual(['a']);
  });

  it('puts back a task whose line freed after the window closed', () => {
    const e = engine(1, chinaWindows());
    e.handle({ type: 'TaskRequested', request: request('a'), at: cst('2026-03-09', '20:00') });
    e.handle({ type: 'TaskRequested', request: request('b'), at: cst('2026-03-09', '20:01') });
    const out = e.handle({ type: 'CallFinished', taskId: 'a', channelId: attemptChannelId('a', 1), variables: {}, at: cst('2026-03-09', '20:31') });
    expect(placed(out)).toEqual([]);
    expect(ofType(out, 'WakeAt')[0]?.at).toBe(cst('2026-03-10', '08:30'));
  });

  it('fails a task whose retry would fall after notAfter', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a', { notAfter: 10 * MIN }), at: 0 });
    const out = e.handle({ type: 'AttemptUnanswered', taskId: 'a', channelId: attemptChannelId('a', 1), cause: 19, at: 1 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toMatchObject({ kind: 'not-reached', cause: 'no-answer' });
  });
});

describe('outbound engine: claims and reconciliation after a restart', () => {
  const inFlight = (kind: 'dialing' | 'answered'): CallTask => ({ request: request('a'), attempts: 2, failures: { busy: 1 }, status: { kind, channelId: attemptChannelId('a', 2), since: 0 } });

  it('forgets a task another server claimed and frees the line', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    const out = e.handle({ type: 'AttemptNotPlaced', taskId: 'a', channelId: attemptChannelId('a', 1), reason: 'claimed-elsewhere', at: 1 });
    expect(out).toEqual([]);
    expect(e.task('a')).toBeUndefined();
    expect(e.linesInUse('trunk')).toBe(0);
  });

  it('gives the same attempt its turn again when storage could not write it', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRequested', request: request('a'), at: 0 });
    const out = e.handle({ type: 'AttemptNotPlaced', taskId: 'a', channelId: attemptChannelId('a', 1), reason: 'not-stored', at: 1 });
    expect(ofType(out, 'WakeAt')[0]?.at).toBe(30_001);
    const again = e.handle({ type: 'Tick', at: 30_001 });
    expect(ofType(again, 'PlaceAttempt')[0]?.order.channelId).toBe(attemptChannelId('a', 1));
  });

  it('asks about an attempt left dialing and counts its line until the answer', () => {
    const e = engine(1);
    const out = e.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    expect(ofType(out, 'CheckChannel')).toEqual([{ type: 'CheckChannel', taskId: 'a', channelId: attemptChannelId('a', 2) }]);
    expect(e.linesInUse('trunk')).toBe(1);
  });

  it('adopts a channel that still lives, and places nothing', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    const out = e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'alive', answered: false }, at: 1 });
    expect(ofType(out, 'AdoptChannel')).toHaveLength(1);
    expect(placed(out)).toEqual([]);
  });

  it('counts a live, answered channel as reached with its result lost (an agent takes the person over)', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('answered'), at: 0 });
    const out = e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'alive', answered: true }, at: 1 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toMatchObject({ kind: 'reached', resultLost: true, attempts: 2 });
    expect(ofType(out, 'CloseAttempt')[0]?.result).toEqual({ kind: 'answered-result-lost' });
  });

  it('counts a gone, answered channel as reached with its result lost', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('answered'), at: 0 });
    const out = e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'gone', answered: true, cause: 16 }, at: 1 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toMatchObject({ kind: 'reached', resultLost: true });
    expect(placed(out)).toEqual([]);
  });

  it('gives up on a gone channel whose outcome nothing tells (the unknown list is empty)', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    const out = e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'gone', answered: null, cause: null }, at: 1 });
    expect(ofType(out, 'ReportOutcome')[0]?.outcome).toMatchObject({ kind: 'not-reached', cause: 'unknown' });
    expect(placed(out)).toEqual([]);
  });

  it('reads a recorded busy cause of a gone channel as an unanswered attempt, and normal clearing as unknown', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    const busy = e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'gone', answered: null, cause: 17 }, at: 1 });
    expect(ofType(busy, 'CloseAttempt')[0]?.result).toEqual({ kind: 'not-reached', cause: 'busy', hangupCause: 17 });
    const f = engine(1);
    f.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    const cleared = f.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'gone', answered: null, cause: 16 }, at: 1 });
    expect(ofType(cleared, 'CloseAttempt')[0]?.result).toEqual({ kind: 'not-reached', cause: 'unknown', hangupCause: 16 });
  });

  it('retries a gone, known-unanswered attempt as a new attempt with a new channel id', () => {
    const e = engine(1);
    e.handle({ type: 'TaskRestored', task: inFlight('dialing'), at: 0 });
    e.handle({ type: 'AttemptReconciled', taskId: 'a', channelId: attemptChannelId('a', 2), finding: { kind: 'gone', answered: false, cause: 17 }, at: 0 });
    const out = e.handle({ type: 'Tick', at: 5 * MIN });
    expect(ofType(out, 'PlaceAttempt')[0]?.order).toMatchObject({ attempt: 3, channelId: attemptChannelId('a', 3) });
  });
});

describe('a cluster server’s engine', () => {
  const waiting = (taskId: string): CallTask => ({ request: request(taskId), attempts: 0, failures: {}, status: { kind: 'pending', dueAt: 0 } });

  it('dials nothing without lines, and what is due once it gets them', () => {
    const e = engine(0);
    expect(placed(e.handle({ type: 'TaskRestored', task: waiting('a'), at: 0 }))).toEqual([]);
    e.setLineLimit('trunk', 1);
    expect(placed(e.handle({ type: 'Tick', at: 1 }))).toEqual(['a']);
  });

  it('takes a task read again from the store as the one it knows', () => {
    const e = engine(1);
    expect(placed(e.handle({ type: 'TaskRestored', task: waiting('a'), at: 0 }))).toEqual(['a']);
    expect(placed(e.handle({ type: 'TaskRestored', task: waiting('a'), at: 1 }))).toEqual([]);
    expect(e.linesInUse('trunk')).toBe(1);
  });
});
