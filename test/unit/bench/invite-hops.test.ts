import { describe, expect, it } from 'vitest';
import type { CitizenCall } from '../../../bench/load/call-timelines.js';
import { inviteHopLines, inviteHops } from '../../../bench/load/invite-hops.js';
import type { SippCallLog } from '../../../bench/load/sipp-log.js';

const T = 1_796_000_000_000;

function call(number: string, marks: { created: number; answering: number | null; up: number | null }): CitizenCall {
  return {
    channelId: `c-${number}`, number, invitedAt: T + marks.created, answeringAt: marks.answering === null ? null : T + marks.answering, upAt: marks.up === null ? null : T + marks.up,
    dialplanAnswer: null, firstPromptAt: null, prompts: [], keys: [], agentChannelId: null, offeredAt: null, answeredAt: null, agentHangupAt: null, hangupAt: null, destroyedAt: null, qos: null, agentQos: null,
  };
}

const log = (number: string, invite: number, ok: number | null): [string, SippCallLog] => [number, { number, inviteAt: T + invite, answeredAt: ok === null ? null : T + ok, marks: [], keys: [], endedAt: null, gaveUp: false }];

describe('where INVITE → 200 OK goes', () => {
  it('splits each call at the channel made, its Answer step and its answer, against SIPp\'s clock', () => {
    const hops = inviteHops([call('1', { created: 3, answering: 10, up: 12 }), call('2', { created: 40, answering: 45, up: 1045 })], new Map([log('1', 0, 13), log('2', 0, 1050)]));
    expect([hops.intake.p50, hops.intake.max]).toEqual([3, 40]);
    expect([hops.toAnswerStep.p50, hops.toAnswerStep.max]).toEqual([5, 7]);
    expect([hops.answerStepToUp.p50, hops.answerStepToUp.max]).toEqual([2, 1000]);
    expect([hops.upToSipp.p50, hops.upToSipp.max]).toEqual([1, 5]);
  });

  it('leaves out only the hops next to a mark nobody saw', () => {
    const hops = inviteHops([call('1', { created: 3, answering: null, up: 12 }), call('2', { created: 5, answering: 6, up: 8 })], new Map([log('1', 0, null)]));
    expect(hops.intake.count).toBe(1);
    expect(hops.toAnswerStep.count).toBe(1);
    expect(hops.answerStepToUp.count).toBe(1);
    expect(hops.upToSipp.count).toBe(0);
  });

  it('writes one row per run, system and step, and nothing when no step was measured', () => {
    const hops = inviteHops([call('1', { created: 3, answering: 10, up: 12 })], new Map([log('1', 0, 13)]));
    const lines = inviteHopLines([{ run: 1, system: 'hotline', rate: 6, hops }, { run: 1, system: 'baseline', rate: 6, hops: undefined }]);
    expect(lines.filter((line) => line.startsWith('| 1 |'))).toEqual(['| 1 | hotline | 6 | 3 / 3 | 7 / 7 | 2 / 2 | 1 / 1 |']);
    expect(inviteHopLines([])).toEqual([]);
  });
});
