// The prompt guard: every menu and survey prompt is looked at a while after it was asked for, and
// one that has not begun is asked for again once, then given up as failed so the menu goes on. A
// caller is never left waiting for the end of a prompt that never began.
import { describe, expect, it } from 'vitest';
import { CALL, CallMachineDriver, T0 } from '../../helpers/call-machine-driver.js';
import { only } from '../../helpers/call-machine-driver.js';
import { PROMPT_CHECK_MS } from '../../../src/domain/calls/prompt-guard.js';

const check = (playbackId: string): string => `prompt-check:${playbackId}`;

function inMainMenu(): CallMachineDriver {
  const d = new CallMachineDriver();
  d.call({ from: '13800001111', to: '12345' });
  return d;
}

describe('call machine: the prompt guard', () => {
  it('guards every menu prompt from its request; its end, or a key that cuts it off, lifts the guard', () => {
    const d = inMainMenu();
    expect(d.guardTimers).toEqual([{ type: 'StartTimer', timerId: check(`${CALL}-p1`), ms: PROMPT_CHECK_MS }]);
    d.key('1');
    expect(d.guardTimers.slice(1)).toEqual([
      { type: 'CancelTimer', timerId: check(`${CALL}-p1`) },
      { type: 'StartTimer', timerId: check(`${CALL}-p2`), ms: PROMPT_CHECK_MS },
    ]);
    d.playbackFinished();
    expect(d.guardTimers.at(-1)).toEqual({ type: 'CancelTimer', timerId: check(`${CALL}-p2`) });
  });

  it('a guard that fires while the prompt is awaited asks whether it began; after its end, or once the line is down, it asks nothing', () => {
    const d = inMainMenu();
    expect(d.advance(PROMPT_CHECK_MS).timerFires(check(`${CALL}-p1`))).toEqual([{ type: 'CheckPrompt', playbackId: `${CALL}-p1` }]);
    d.playbackFinished();
    expect(d.timerFires(check(`${CALL}-p1`))).toEqual([]);

    const down = inMainMenu();
    down.callerHangupRequested();
    expect(down.timerFires(check(`${CALL}-p1`))).toEqual([]);
  });

  it('a prompt that never began is stopped and asked for again under a new id; the old id’s late end changes nothing, the new one’s moves the menu on', () => {
    const d = inMainMenu();
    const stalled = d.advance(PROMPT_CHECK_MS).feed({ type: 'PromptStalled', playbackId: `${CALL}-p1` });
    expect(stalled).toEqual([
      { type: 'StopPrompts', playbackId: `${CALL}-p1`, wait: false },
      { type: 'PlayPrompts', playbackId: `${CALL}-p2`, prompts: ['main_menu'], language: 'zh-CN', wait: false },
    ]);
    expect(d.guardTimers.at(-1)).toEqual({ type: 'StartTimer', timerId: check(`${CALL}-p2`), ms: PROMPT_CHECK_MS });
    expect(d.logs.at(-1)).toMatchObject({ level: 'warn', fields: { playbackId: `${CALL}-p1` } });
    expect(d.playbackFinished('played', `${CALL}-p1`)).toEqual([]);
    const heard = d.advance(4000).playbackFinished('played', `${CALL}-p2`);
    expect(only(heard, 'StartTimer')).toHaveLength(1);
    expect(d.path.filter((step) => step.kind === 'prompt')).toEqual([{ at: T0 + PROMPT_CHECK_MS + 4000, kind: 'prompt', prompt: 'main_menu', outcome: 'played' }]);
  });

  it('a prompt that stalls again is given up as failed: the menu goes on to its key wait, on the path as failed, and is not asked for a third time', () => {
    const d = inMainMenu();
    d.advance(PROMPT_CHECK_MS).feed({ type: 'PromptStalled', playbackId: `${CALL}-p1` });
    const again = d.advance(PROMPT_CHECK_MS).feed({ type: 'PromptStalled', playbackId: `${CALL}-p2` });
    expect(only(again, 'StopPrompts', 'PlayPrompts')).toEqual([{ type: 'StopPrompts', playbackId: `${CALL}-p2`, wait: false }]);
    expect(only(again, 'StartTimer')).toHaveLength(1);
    expect(d.path.at(-1)).toEqual({ at: T0 + 2 * PROMPT_CHECK_MS, kind: 'prompt', prompt: 'main_menu', outcome: 'failed' });
    expect(d.logs.at(-1)).toMatchObject({ level: 'warn' });
  });

  it('the survey’s question asked as the conversation ended and never begun is asked again, and the rating still lands', () => {
    const d = new CallMachineDriver().queueInGeneral().connectAgent('8003');
    d.advance(30_000).agentHangsUp();
    const question = d.last('PlayPrompts');
    expect(question.playbackId).toBe(`${CALL}-s1`);
    expect(d.advance(PROMPT_CHECK_MS).timerFires(check(question.playbackId))).toEqual([{ type: 'CheckPrompt', playbackId: question.playbackId }]);
    const replay = d.feed({ type: 'PromptStalled', playbackId: question.playbackId });
    expect(only(replay, 'PlayPrompts')).toEqual([{ type: 'PlayPrompts', playbackId: `${CALL}-s2`, prompts: question.prompts, language: 'zh-CN', wait: false }]);
    d.advance(2000).key('1');
    d.callerHangsUp();
    expect(d.facts.satisfaction).not.toBeNull();
  });

  it('a stall reported for a prompt the call no longer waits for (ended, cut off, or of a menu left) changes nothing', () => {
    const d = inMainMenu();
    d.key('1');
    expect(d.feed({ type: 'PromptStalled', playbackId: `${CALL}-p1` })).toEqual([]);
    d.playbackFinished();
    expect(d.feed({ type: 'PromptStalled', playbackId: `${CALL}-p2` })).toEqual([]);
    expect(d.feed({ type: 'PromptStalled', playbackId: 'someone-else-p1' })).toEqual([]);
  });
});
